"""The survey's results: response rate, scores per question, trends per quarter and department.

Computed from the anonymous responses (and, for the response rate, from the
invitations); the period filters on when the invitations went out, and for
responses on the quarter of closure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from gehoord.surveys.models import Question, QuestionKind, SurveyAnswer, SurveyInvitation, SurveyResponse
from gehoord.surveys.services import quarter_of


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    average: float | None = None  # scale: the mean of 1-5
    yes_share: float | None = None  # yes/no: the share of "ja"
    options: dict[str, int] = field(default_factory=dict)  # choice: answers per option
    texts: list[str] = field(default_factory=list)  # open answers
    per_quarter: dict[str, float] = field(default_factory=dict)  # scale: the mean per quarter
    per_department: dict[str, float] = field(default_factory=dict)  # scale: the mean per department


@dataclass
class Results:
    invited: int
    responded: int
    questions: list[QuestionResult]
    quarters: list[str]
    departments: list[str]

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


def _quarters_between(start: dt.date | None, end: dt.date | None) -> tuple[str, str] | None:
    if start is None and end is None:
        return None
    return (quarter_of(start) if start else "0000-K0", quarter_of(end) if end else "9999-K9")


def results(start: dt.date | None = None, end: dt.date | None = None) -> Results:
    invitations = SurveyInvitation.objects.filter(sent_at__isnull=False)
    if start:
        invitations = invitations.filter(sent_at__date__gte=start)
    if end:
        invitations = invitations.filter(sent_at__date__lte=end)
    counts = invitations.aggregate(
        invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False))
    )

    responses = SurveyResponse.objects.all()
    bounds = _quarters_between(start, end)
    if bounds:
        responses = responses.filter(quarter__gte=bounds[0], quarter__lte=bounds[1])
    answers = SurveyAnswer.objects.filter(response__in=responses)

    question_results = []
    for question in Question.objects.filter(answers__in=answers).distinct().order_by("position", "pk"):
        mine = answers.filter(question=question)
        result = QuestionResult(question=question, answered=mine.count())
        if question.kind == QuestionKind.SCALE:
            result.average = mine.aggregate(value=Avg("scale"))["value"]
            result.per_quarter = {
                row["response__quarter"]: row["value"]
                for row in mine.values("response__quarter")
                .annotate(value=Avg("scale"))
                .order_by("response__quarter")
            }
            result.per_department = {
                row["response__departments__name"] or "—": row["value"]
                for row in mine.values("response__departments__name")
                .annotate(value=Avg("scale"))
                .order_by("response__departments__name")
            }
        elif question.kind == QuestionKind.YES_NO:
            yes = mine.filter(yes=True).count()
            result.yes_share = yes / result.answered if result.answered else None
        elif question.kind == QuestionKind.CHOICE:
            tally: dict[str, int] = defaultdict(int)
            for text in mine.values_list("text", flat=True):
                tally[text] += 1
            result.options = {option: tally.get(option, 0) for option in question.options} | {
                text: n for text, n in tally.items() if text not in question.options
            }
        else:
            result.texts = list(mine.exclude(text="").order_by("-response_id").values_list("text", flat=True))
        question_results.append(result)
    return Results(
        invited=counts["invited"],
        responded=counts["responded"],
        questions=question_results,
        quarters=sorted(set(responses.values_list("quarter", flat=True))),
        departments=sorted({name or "—" for name in responses.values_list("departments__name", flat=True)}),
    )
