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
- open cases and their terms: today, whatever the period — the decision
  terms past or ending within the clock's one window
  (:data:`gehoord.clock.terms.DUE_SOON_DAYS`, as in the inbox and the digest),
  and the Awb 9:8 lid 3 notice terms past for complaints still in intake.

A department narrows everything to the complaints about that department
(and the measures it owns).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
    Value,
)
from django.db.models.functions import Extract, TruncWeek
from django.utils import timezone

from gehoord.cases.constants import FOUNDED_JUDGEMENTS, Channel, Outcome, Route, Rung, Status
from gehoord.cases.lifecycle import ACTIVE_STATUSES, FINAL_STATUSES
from gehoord.cases.models import Complaint, ComplaintPart
from gehoord.cases.selectors import decision_due_soon, decision_overdue, notice_overdue, without_own_conduct
from gehoord.clock.terms import DUE_SOON_DAYS
from gehoord.learning.models import ImprovementMeasure, MeasureStatus
from gehoord.organisation.models import Department
from gehoord.surveys.models import QuestionKind, SurveyAnswer
from gehoord.surveys.services import quarter_of
from gehoord.vouchers.models import FlowerVoucher, VoucherStatus

if TYPE_CHECKING:
    from gehoord.accounts.models import User

SECONDS_PER_DAY = 86_400


class Median(Aggregate):
    """PostgreSQL's median: ``percentile_cont(0.5) WITHIN GROUP (ORDER BY ...)``."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period ends on or after its start.")
        if self.start < EARLIEST or self.end > LATEST:
            # Beyond these the time-zone arithmetic of the bounds overflows (year 1 or 9999).
            raise ValueError("A period lies between 1900 and 2999.")

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
        """The first and last quarter of the period, as survey responses record them."""
        return quarter_of(self.start), quarter_of(self.end)

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
    # Today: decisions due within the clock's window, and Awb 9:8 lid 3 notice terms that passed.
    due_soon: int = 0
    notice_overdue: int = 0
    due_soon_days: int = DUE_SOON_DAYS

    @property
    def decided_in_time_share(self) -> float | None:
        return self.decided_in_time / self.decided if self.decided else None

    @property
    def first_contact_in_time_share(self) -> float | None:
        return self.first_contact_in_time / self.first_contact_count if self.first_contact_count else None


def _duration(start_field: str, end_field: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end_field) - F(start_field), output_field=DurationField())


def _median_expression(span: ExpressionWrapper):
    return Median(Extract(span, "epoch"))


def _lead_times_by(
    complaints: QuerySet[Complaint], key: str, start_field: str, end_field: str
) -> dict[str, LeadTime]:
    """Count, average and median of end - start in days per value of `key`, in one grouped query."""
    complaints = complaints.filter(
        **{f"{start_field}__isnull": False, f"{end_field}__isnull": False}
    ).order_by()
    span = _duration(start_field, end_field)
    if connection.vendor == "postgresql":
        rows = complaints.values(key).annotate(
            count=Count("pk"), average=Avg(span), median=_median_expression(span)
        )
        return {
            row[key]: LeadTime(
                count=row["count"],
                average_days=row["average"].total_seconds() / SECONDS_PER_DAY if row["average"] else None,
                median_days=row["median"] / SECONDS_PER_DAY if row["median"] is not None else None,
            )
            for row in rows
        }
    spans: dict[str, list[float]] = {}
    for value, duration in complaints.annotate(span=span).values_list(key, "span"):
        spans.setdefault(value, []).append(duration.total_seconds() / SECONDS_PER_DAY)
    return {
        value: LeadTime(
            count=len(days), average_days=statistics.mean(days), median_days=statistics.median(days)
        )
        for value, days in spans.items()
    }


def lead_time(complaints: QuerySet[Complaint], start_field: str, end_field: str) -> LeadTime:
    """Count, average and median of end - start in days, over the complaints where both are set."""
    result = _lead_times_by(complaints.annotate(all=Value(1)), "all", start_field, end_field)
    return result.get(1, LeadTime(count=0, average_days=None, median_days=None))


def _ordered(counts: dict[str, int], keys: list[str]) -> dict[str, int]:
    result = OrderedDict((key, counts.pop(key, 0)) for key in keys)
    result.update(counts)  # anything unexpected still counts
    return result


def complaints_for(department: Department | None) -> QuerySet[Complaint]:
    complaints = Complaint.objects.all()
    return complaints.filter(departments=department) if department is not None else complaints


def figures(
    period: Period,
    department: Department | None = None,
    *,
    today: dt.date | None = None,
    viewer: User | None = None,
) -> Figures:
    """Every figure for `period` (and `department`); a dozen grouped queries, whatever the volume.

    With `viewer` (the dashboard, the API) nothing about a complaint on the viewer's own conduct
    counts (Awb 9:7: not even as a number they could tell apart from yesterday's). The annual
    report, compiled for the municipality, counts everything.
    """
    today = today or timezone.localdate()
    complaints = complaints_for(department).order_by()
    if viewer is not None:
        complaints = without_own_conduct(viewer, complaints)
    open_statuses = [status for status in Status.values if status in ACTIVE_STATUSES]

    # Today: open complaints by status and route, and how many terms are past or near — one query.
    open_by_status: dict[str, int] = {}
    open_by_route: dict[str, int] = {}
    overdue = due_soon = notice_late = 0
    for row in (
        complaints.filter(status__in=open_statuses)
        .values("status", "route")
        .annotate(
            n=Count("pk"),
            late=Count("pk", filter=decision_overdue(today)),
            soon=Count("pk", filter=decision_due_soon(today)),
            notice_late=Count("pk", filter=notice_overdue(today)),
        )
    ):
        open_by_status[row["status"]] = open_by_status.get(row["status"], 0) + row["n"]
        open_by_route[row["route"]] = open_by_route.get(row["route"], 0) + row["n"]
        overdue += row["late"]
        due_soon += row["soon"]
        notice_late += row["notice_late"]

    # Received in the period: per channel and route, and first contact — one query each.
    received = complaints.filter(period.within("received_at"))
    by_channel: dict[str, int] = {}
    informal = 0
    first_contact_in_time = 0
    first_contact_count = 0
    for row in received.values("channel", "route").annotate(
        n=Count("pk"),
        contacted=Count("pk", filter=Q(first_contact_at__isnull=False)),
        contacted_in_time=Count("pk", filter=Q(first_contact_at__date__lte=F("first_contact_due"))),
    ):
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["n"]
        informal += row["n"] if row["route"] == Route.INFORMAL else 0
        first_contact_count += row["contacted"]
        first_contact_in_time += row["contacted_in_time"]
    received_count = sum(by_channel.values())

    weeks: OrderedDict[dt.date, dict[str, int]] = OrderedDict()
    by_week = (
        received.annotate(week=TruncWeek("received_at"))
        .values_list("week", "channel")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    for week, channel, n in by_week:
        day = week.date() if isinstance(week, dt.datetime) else week
        weeks.setdefault(day, {})[channel] = n

    # Closed in the period: outcomes and rungs in one query, lead times per route in another.
    closed = complaints.filter(period.within("closed_at"), status__in=FINAL_STATUSES)
    outcomes: dict[str, int] = {}
    rungs: dict[str, int] = {}
    for row in closed.values("outcome", "resolution_rung").annotate(n=Count("pk")):
        outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + row["n"]
        if row["resolution_rung"]:
            rungs[row["resolution_rung"]] = rungs.get(row["resolution_rung"], 0) + row["n"]
    lead_times = _lead_times_by(closed, "route", "received_at", "closed_at")
    empty = LeadTime(count=0, average_days=None, median_days=None)

    # Decided in the period: how many, and how many within the legal term (the terms are local dates).
    decided = complaints.filter(period.within("decided_at"))
    decided_row = decided.aggregate(
        n=Count("pk"), in_time=Count("pk", filter=Q(decided_at__date__lte=F("decision_due")))
    )

    measures = ImprovementMeasure.objects.filter(period.within("created_at"))
    if department is not None:
        measures = measures.filter(department=department)

    norms = (
        ComplaintPart.objects.filter(complaint__in=decided.values("pk"), judgement__in=FOUNDED_JUDGEMENTS)
        .values_list("norms__name")
        .annotate(n=Count("pk"))
        .exclude(norms__name__isnull=True)
        .order_by("-n", "norms__name")
    )

    vouchers = FlowerVoucher.objects.all()
    if viewer is not None:
        vouchers = without_own_conduct(viewer, vouchers, "complaint")
    if department is not None:
        vouchers = vouchers.filter(complaint__departments=department)
    voucher_row = vouchers.aggregate(
        sent=Count("pk", filter=period.within_dates("sent_on") & Q(status=VoucherStatus.SENT)),
        due=Count("pk", filter=Q(status=VoucherStatus.DUE)),
    )
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
        open_by_status=_ordered(open_by_status, open_statuses),
        open_by_route=_ordered(open_by_route, Route.values),
        overdue=overdue,
        due_soon=due_soon,
        notice_overdue=notice_late,
        received=received_count,
        intake_by_week=list(weeks.items()),
        intake_by_channel=_ordered(by_channel, Channel.values),
        informal_share=informal / received_count if received_count else None,
        closed=sum(outcomes.values()),
        outcomes=_ordered(outcomes, Outcome.values),
        decided=decided_row["n"],
        decided_in_time=decided_row["in_time"],
        lead_time={route: lead_times.get(route, empty) for route in (Route.INFORMAL, Route.FORMAL)},
        first_contact=lead_time(received, "received_at", "first_contact_at"),
        first_contact_in_time=first_contact_in_time,
        first_contact_count=first_contact_count,
        measures_by_status=_ordered(
            dict(
                measures.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
            ),
            MeasureStatus.values,
        ),
        breached_norms=[(name, n) for name, n in norms],
        rungs=_ordered(rungs, Rung.values),
        ombudsman=complaints.filter(period.within_dates("ombudsman_on")).count(),
        vouchers_sent=voucher_row["sent"],
        vouchers_due=voucher_row["due"],
        survey_scores=[(text, average, n) for text, _position, average, n in scores],
    )
