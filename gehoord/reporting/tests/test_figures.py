"""The report's figures equal the same figures computed independently, in plain Python, from the same data."""

import datetime as dt
import random
import statistics
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from gehoord.cases import lifecycle
from gehoord.cases.constants import Channel, Judgement, Outcome, Route, Rung, Status
from gehoord.cases.lifecycle import FINAL_STATUSES, INTAKE_STATUSES
from gehoord.cases.models import Complaint, ConductNorm
from gehoord.cases.tests import factories
from gehoord.clock import terms
from gehoord.learning.models import ImprovementMeasure, MeasureStatus
from gehoord.reporting.figures import Period, figures
from gehoord.vouchers.models import FlowerVoucher, VoucherStatus

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
PERIOD = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
TODAY = dt.date(2026, 2, 1)


def local(moment):
    return moment.astimezone(AMS).date() if moment else None


def in_period(moment) -> bool:
    return moment is not None and PERIOD.start <= local(moment) <= PERIOD.end


@pytest.fixture
def world():
    """Sixty complaints with varied channels, routes, outcomes and times, set directly on the rows."""
    rng = random.Random(7)
    departments = [
        factories.DepartmentFactory(name=name, code=name.lower()) for name in ("Burgerzaken", "Belastingen")
    ]
    norms = list(ConductNorm.objects.order_by("position")[:3])
    owner = factories.UserFactory()
    for n in range(60):
        received = dt.datetime(2024, 11, 1, 9, tzinfo=AMS) + dt.timedelta(
            days=rng.randint(0, 450), hours=rng.randint(0, 8)
        )
        complaint = factories.make_complaint(
            channel=rng.choice(Channel.values), received_at=received, departments=[rng.choice(departments)]
        )
        route = rng.choice(Route.values)
        closed_at = received + dt.timedelta(days=rng.uniform(3, 80)) if rng.random() < 0.7 else None
        decided_at = (closed_at - dt.timedelta(days=1)) if closed_at and route == Route.FORMAL else None
        contact = received + dt.timedelta(hours=rng.uniform(1, 120)) if rng.random() < 0.8 else None
        status = Status.CLOSED if closed_at else rng.choice([Status.TRIAGE, Status.INFORMAL, Status.FORMAL])
        outcome = (
            rng.choice(
                [Outcome.FOUNDED, Outcome.PARTLY_FOUNDED, Outcome.UNFOUNDED, Outcome.RESOLVED_INFORMALLY]
            )
            if closed_at
            else ""
        )
        Complaint.objects.filter(pk=complaint.pk).update(
            route=route,
            status=status,
            outcome=outcome,
            closed_at=closed_at,
            decided_at=decided_at,
            first_contact_at=contact,
            resolution_rung=rng.choice(Rung.values) if closed_at else "",
            ombudsman_on=local(closed_at) + dt.timedelta(days=30) if closed_at and n % 9 == 0 else None,
        )
        if outcome in (Outcome.FOUNDED, Outcome.PARTLY_FOUNDED):
            part = complaint.parts.first()
            part.judgement = Judgement.FOUNDED
            part.save()
            part.norms.set(rng.sample(norms, rng.randint(1, 2)))
            FlowerVoucher.objects.create(
                complaint=complaint,
                value="15.00",
                supplier="Bon",
                status=VoucherStatus.SENT if n % 2 else VoucherStatus.DUE,
                sent_on=local(closed_at) + dt.timedelta(days=5) if n % 2 else None,
            )
        if n % 7 == 0:
            measure = ImprovementMeasure.objects.create(
                description=f"Maatregel {n}",
                department=complaint.departments.first(),
                responsible=owner,
                due_date=TODAY,
                status=rng.choice(MeasureStatus.values),
                created_by=owner,
            )
            ImprovementMeasure.objects.filter(pk=measure.pk).update(
                created_at=received + dt.timedelta(days=2)
            )
    return departments


@pytest.mark.parametrize("department_index", [None, 0])
def test_the_figures_equal_an_independent_count(world, department_index):
    department = world[department_index] if department_index is not None else None
    result = figures(PERIOD, department, today=TODAY)

    rows = list(Complaint.objects.prefetch_related("departments", "parts__norms"))
    if department is not None:
        rows = [c for c in rows if department in c.departments.all()]
    received = [c for c in rows if in_period(c.received_at)]
    closed = [c for c in rows if in_period(c.closed_at) and c.status in FINAL_STATUSES]
    decided = [c for c in rows if in_period(c.decided_at)]
    open_ = [c for c in rows if c.status not in FINAL_STATUSES]

    assert result.received == len(received)
    assert result.closed == len(closed)
    assert result.decided == len(decided)
    assert sum(result.open_by_status.values()) == len(open_)
    assert {k: v for k, v in result.open_by_status.items() if v} == dict(Counter(c.status for c in open_))
    assert {k: v for k, v in result.open_by_route.items() if v} == dict(Counter(c.route for c in open_))
    assert result.overdue == sum(1 for c in open_ if c.decision_due < TODAY)
    # The clock's own rules for "overdue" and "due soon", applied in Python.
    assert result.due_soon == sum(1 for c in open_ if terms.is_due_soon(c.decision_due, TODAY))
    assert result.notice_overdue == sum(
        1 for c in open_ if c.status in INTAKE_STATUSES and terms.is_overdue(c.not_handled_notice_due, TODAY)
    )
    assert {k: v for k, v in result.intake_by_channel.items() if v} == dict(
        Counter(c.channel for c in received)
    )
    assert result.informal_share == pytest.approx(
        sum(c.route == Route.INFORMAL for c in received) / len(received)
    )
    assert {k: v for k, v in result.outcomes.items() if v} == dict(Counter(c.outcome for c in closed))
    assert result.decided_in_time == sum(1 for c in decided if local(c.decided_at) <= c.decision_due)
    assert sum(sum(week.values()) for _day, week in result.intake_by_week) == len(received)
    for route in Route.values:
        days = [(c.closed_at - c.received_at).total_seconds() / 86400 for c in closed if c.route == route]
        assert result.lead_time[route].count == len(days)
        if days:
            assert result.lead_time[route].average_days == pytest.approx(statistics.mean(days))
            assert result.lead_time[route].median_days == pytest.approx(statistics.median(days))
    contacts = [
        (c.first_contact_at - c.received_at).total_seconds() / 86400 for c in received if c.first_contact_at
    ]
    assert result.first_contact.count == result.first_contact_count == len(contacts)
    assert result.first_contact.median_days == pytest.approx(statistics.median(contacts))
    assert result.first_contact_in_time == sum(
        1 for c in received if c.first_contact_at and local(c.first_contact_at) <= c.first_contact_due
    )
    norms = Counter(
        norm.name
        for c in decided
        for part in c.parts.all()
        if part.judgement in (Judgement.FOUNDED, Judgement.PARTLY_FOUNDED)
        for norm in part.norms.all()
    )
    assert dict(result.breached_norms) == dict(norms)
    assert {k: v for k, v in result.rungs.items() if v} == dict(
        Counter(c.resolution_rung for c in closed if c.resolution_rung)
    )
    assert result.ombudsman == sum(
        1 for c in rows if c.ombudsman_on and PERIOD.start <= c.ombudsman_on <= PERIOD.end
    )
    vouchers = [v for v in FlowerVoucher.objects.all() if v.complaint in rows]
    assert result.vouchers_sent == sum(
        1 for v in vouchers if v.sent_on and PERIOD.start <= v.sent_on <= PERIOD.end
    )
    assert result.vouchers_due == sum(1 for v in vouchers if v.status == VoucherStatus.DUE)
    measures = [
        m for m in ImprovementMeasure.objects.all()
        if in_period(m.created_at) and (department is None or m.department == department)
    ]  # fmt: skip
    assert {k: v for k, v in result.measures_by_status.items() if v} == dict(
        Counter(m.status for m in measures)
    )


def test_a_period_runs_from_the_first_to_the_last_day_in_dutch_time():
    complaint = factories.make_complaint(
        received_at=dt.datetime(2025, 12, 31, 23, 30, tzinfo=AMS)
    )  # 22:30 UTC
    factories.make_complaint(received_at=dt.datetime(2026, 1, 1, 0, 30, tzinfo=AMS))

    assert figures(PERIOD, today=TODAY).received == 1
    assert Complaint.objects.filter(PERIOD.within("received_at")).get() == complaint


def test_an_empty_period_has_no_shares_but_no_errors():
    result = figures(Period(dt.date(2030, 1, 1), dt.date(2030, 3, 31)), today=TODAY)

    assert result.received == 0
    assert result.informal_share is None and result.decided_in_time_share is None
    assert result.lead_time[Route.FORMAL].median_days is None


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(dt.date(2025, 2, 1), dt.date(2025, 1, 1))


def test_the_survey_scores_of_the_period(coordinator):
    from gehoord.cases.tests.test_lifecycle import bring_to
    from gehoord.surveys import services
    from gehoord.surveys.models import Question, QuestionKind

    question = Question.objects.filter(kind=QuestionKind.SCALE).order_by("position").first()
    for value in (5, 3):
        complaint = bring_to(Status.CLOSED, actor=coordinator, route="informal", at=timezone.now())
        services.submit(complaint.survey_invitation, [services.Answer(question, value)])
    today = timezone.localdate()

    result = figures(Period(today - dt.timedelta(days=1), today), today=today)

    assert (question.text, 4.0, 2) in [(text, float(avg), n) for text, avg, n in result.survey_scores]


@pytest.mark.parametrize(("start", "end"), [((1, 1, 1), (2000, 1, 1)), ((2000, 1, 1), (9999, 12, 31))])
def test_a_period_stays_within_dates_the_clock_can_count(start, end):
    with pytest.raises(ValueError):
        Period(dt.date(*start), dt.date(*end))


# Today's terms, one complaint a row: its status, its stored terms in days from TODAY, and whether
# it counts as overdue, due soon (the clock's window, DUE_SOON_DAYS = 5) and 9:8 notice late.
TERM_ROWS = [
    # steps to its status, decision in, 9:8 notice in, anonymous, (overdue, due soon, notice late)
    (("start_triage", "start_formal"), -1, -15, False, (1, 0, 0)),
    (("start_triage", "start_formal"), 0, -14, False, (0, 1, 0)),
    (("start_triage", "start_formal"), 5, -9, False, (0, 1, 0)),
    (("start_triage", "start_formal"), 6, -8, False, (0, 0, 0)),
    (("start_triage",), 13, -1, False, (0, 0, 1)),
    (("start_triage",), 14, 0, False, (0, 0, 0)),
    (("start_triage",), 13, -1, True, (0, 0, 0)),
    (("start_triage", "start_informal"), 13, -1, False, (0, 0, 0)),
    (("start_triage",), -2, -16, False, (1, 0, 1)),
    (("withdraw",), -10, -10, False, (0, 0, 0)),
]


@pytest.mark.parametrize(("steps", "decision_in", "notice_in", "anonymous", "counted"), TERM_ROWS)
def test_the_terms_of_today(coordinator, steps, decision_in, notice_in, anonymous, counted):
    complaint = factories.make_complaint(
        received_at=dt.datetime(2026, 1, 20, 9, tzinfo=AMS), anonymous=anonymous
    )
    for step in steps:
        params = {"reason": "Klager trekt in."} if step == "withdraw" else {}
        complaint = lifecycle.perform(complaint, step, actor=coordinator, **params)
    Complaint.objects.filter(pk=complaint.pk).update(
        decision_due=TODAY + dt.timedelta(days=decision_in),
        not_handled_notice_due=TODAY + dt.timedelta(days=notice_in),
    )

    result = figures(PERIOD, today=TODAY)

    assert (result.overdue, result.due_soon, result.notice_overdue) == counted
    assert result.due_soon_days == terms.DUE_SOON_DAYS == 5
