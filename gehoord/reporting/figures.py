"""The figures a municipality reports on complaints: one home for every count, share and lead time.

The dashboard, the annual report (jaarverslag klachten, Awb 9:12a) and their
exports all read :func:`figures`. Every figure is an aggregate query (a
count, an average, a median) so that it stays fast with a million complaints;
the medians use PostgreSQL's ``percentile_cont`` and are computed in Python on
SQLite. Each figure has its own time axis within the chosen period:

- intake: complaints *received* in the period;
- outcomes, lead times, rungs of the ladder: complaints *closed* in it;
- decided within the legal term, breached norms: complaints *decided* in it;
- first contact: complaints received in it;
- the ombudsman: complaints that went there in it;
- vouchers: sent in it; improvement measures: recorded in it;
- survey scores: answers about complaints closed in the period's quarters;
- open cases and overdue: today, whatever the period.

A department narrows everything to the complaints about that department
(and the measures it owns).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
)
from django.db.models.functions import Extract, TruncWeek
from django.utils import timezone

from gehoord.cases.constants import FOUNDED_JUDGEMENTS, Channel, Outcome, Route, Rung, Status
from gehoord.cases.lifecycle import FINAL_STATUSES
from gehoord.cases.models import Complaint, ComplaintPart
from gehoord.learning.models import ImprovementMeasure, MeasureStatus
from gehoord.organisation.models import Department
from gehoord.surveys.models import QuestionKind, SurveyAnswer
from gehoord.vouchers.models import FlowerVoucher, VoucherStatus

SECONDS_PER_DAY = 86_400


class Median(Aggregate):
    """PostgreSQL's median: ``percentile_cont(0.5) WITHIN GROUP (ORDER BY ...)``."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period ends on or after its start.")

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware datetimes [start 00:00, day after end 00:00) in the municipality's time zone."""
        zone = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=zone),
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
        )

    def within(self, field_name: str) -> Q:
        low, high = self.bounds
        return Q(**{f"{field_name}__gte": low, f"{field_name}__lt": high})

    def within_dates(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lte": self.end})

    @property
    def quarters(self) -> tuple[str, str]:
        def quarter(day: dt.date) -> str:
            return f"{day.year}-K{(day.month - 1) // 3 + 1}"

        return quarter(self.start), quarter(self.end)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))


@dataclass(frozen=True)
class LeadTime:
    count: int
    average_days: float | None
    median_days: float | None


@dataclass
class Figures:
    period: Period
    department: Department | None
    open_by_status: dict[str, int]
    open_by_route: dict[str, int]
    overdue: int
    received: int
    intake_by_week: list[tuple[dt.date, dict[str, int]]]
    intake_by_channel: dict[str, int]
    informal_share: float | None
    closed: int
    outcomes: dict[str, int]
    decided: int
    decided_in_time: int
    lead_time: dict[str, LeadTime]
    first_contact: LeadTime
    first_contact_in_time: int
    first_contact_count: int
    measures_by_status: dict[str, int]
    breached_norms: list[tuple[str, int]]
    rungs: dict[str, int]
    ombudsman: int
    vouchers_sent: int
    vouchers_due: int
    survey_scores: list[tuple[str, float, int]] = field(default_factory=list)

    @property
    def decided_in_time_share(self) -> float | None:
        return self.decided_in_time / self.decided if self.decided else None

    @property
    def first_contact_in_time_share(self) -> float | None:
        return self.first_contact_in_time / self.first_contact_count if self.first_contact_count else None


def _duration(start_field: str, end_field: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end_field) - F(start_field), output_field=DurationField())


def lead_time(complaints: QuerySet[Complaint], start_field: str, end_field: str) -> LeadTime:
    """Count, average and median of end - start in days, over the complaints where both are set."""
    complaints = complaints.filter(**{f"{start_field}__isnull": False, f"{end_field}__isnull": False})
    span = _duration(start_field, end_field)
    if connection.vendor == "postgresql":
        row = complaints.aggregate(
            count=Count("pk"), average=Avg(span), median=Median(Extract(span, "epoch"))
        )
        median = row["median"] / SECONDS_PER_DAY if row["median"] is not None else None
    else:
        row = complaints.aggregate(count=Count("pk"), average=Avg(span))
        spans = [
            value.total_seconds() for value in complaints.annotate(span=span).values_list("span", flat=True)
        ]
        median = statistics.median(spans) / SECONDS_PER_DAY if spans else None
    average = row["average"].total_seconds() / SECONDS_PER_DAY if row["average"] is not None else None
    return LeadTime(count=row["count"], average_days=average, median_days=median)


def _grouped(queryset: QuerySet, field_name: str, keys: list[str]) -> dict[str, int]:
    counts = dict(
        queryset.order_by().values_list(field_name).annotate(n=Count("pk")).values_list(field_name, "n")
    )
    result = OrderedDict((key, counts.pop(key, 0)) for key in keys)
    result.update(counts)  # anything unexpected still counts
    return result


def complaints_for(department: Department | None) -> QuerySet[Complaint]:
    complaints = Complaint.objects.all()
    return complaints.filter(departments=department) if department is not None else complaints


def figures(period: Period, department: Department | None = None, *, today: dt.date | None = None) -> Figures:
    today = today or timezone.localdate()
    complaints = complaints_for(department)
    open_complaints = complaints.exclude(status__in=FINAL_STATUSES)
    received = complaints.filter(period.within("received_at"))
    closed = complaints.filter(period.within("closed_at"), status__in=FINAL_STATUSES)
    decided = complaints.filter(period.within("decided_at"))

    received_count = received.count()
    informal = received.filter(route=Route.INFORMAL).count()

    weeks: OrderedDict[dt.date, dict[str, int]] = OrderedDict()
    by_week = (
        received.annotate(week=TruncWeek("received_at"))
        .order_by()
        .values_list("week", "channel")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    for week, channel, n in by_week:
        day = week.date() if isinstance(week, dt.datetime) else week
        weeks.setdefault(day, {})[channel] = n

    first_contact = received.filter(first_contact_at__isnull=False)

    measures = ImprovementMeasure.objects.filter(period.within("created_at"))
    if department is not None:
        measures = measures.filter(department=department)

    norms = (
        ComplaintPart.objects.filter(complaint__in=decided, judgement__in=FOUNDED_JUDGEMENTS)
        .values_list("norms__name")
        .annotate(n=Count("pk"))
        .exclude(norms__name__isnull=True)
        .order_by("-n", "norms__name")
    )

    vouchers = FlowerVoucher.objects.filter(complaint__in=complaints)
    scores = (
        SurveyAnswer.objects.filter(
            question__kind=QuestionKind.SCALE,
            response__quarter__gte=period.quarters[0],
            response__quarter__lte=period.quarters[1],
        )
        .filter(**({"response__departments": department} if department is not None else {}))
        .values_list("question__text", "question__position")
        .annotate(average=Avg("scale"), n=Count("pk"))
        .order_by("question__position")
    )

    return Figures(
        period=period,
        department=department,
        open_by_status=_grouped(
            open_complaints, "status", [s for s in Status.values if s not in FINAL_STATUSES]
        ),
        open_by_route=_grouped(open_complaints, "route", Route.values),
        overdue=open_complaints.filter(decision_due__lt=today).count(),
        received=received_count,
        intake_by_week=list(weeks.items()),
        intake_by_channel=_grouped(received, "channel", Channel.values),
        informal_share=informal / received_count if received_count else None,
        closed=closed.count(),
        outcomes=_grouped(closed, "outcome", Outcome.values),
        decided=decided.count(),
        # The terms are dates; __date compares the local (Amsterdam) calendar day.
        decided_in_time=decided.filter(decided_at__date__lte=F("decision_due")).count(),
        lead_time={
            Route.INFORMAL: lead_time(closed.filter(route=Route.INFORMAL), "received_at", "closed_at"),
            Route.FORMAL: lead_time(closed.filter(route=Route.FORMAL), "received_at", "closed_at"),
        },
        first_contact=lead_time(received, "received_at", "first_contact_at"),
        first_contact_in_time=first_contact.filter(
            first_contact_at__date__lte=F("first_contact_due")
        ).count(),
        first_contact_count=first_contact.count(),
        measures_by_status=_grouped(measures, "status", MeasureStatus.values),
        breached_norms=[(name, n) for name, n in norms],
        rungs=_grouped(closed.exclude(resolution_rung=""), "resolution_rung", Rung.values),
        ombudsman=complaints.filter(period.within_dates("ombudsman_on")).count(),
        vouchers_sent=vouchers.filter(period.within_dates("sent_on"), status=VoucherStatus.SENT).count(),
        vouchers_due=vouchers.filter(status=VoucherStatus.DUE).count(),
        survey_scores=[(text, average, n) for text, _position, average, n in scores],
    )
