"""The rules of Awb chapter 9 as the lifecycle enforces them, table-driven per article.

Each table lists the allowed and the refused paths of one article; a refused
path leaves the complaint, its rows and its timeline exactly as they were.
Every step is taken at a fixed moment (``at=``). Dates are worked out by hand
from a printed calendar of 2026 (Good Friday 3 April, Easter Monday 6 April,
King's Day Monday 27 April, 5 May Tuesday, Ascension Thursday 14 May, decree
day Friday 15 May, Whit Monday 25 May), never by calling the clock.

Unless a test says otherwise the complaint is the one of ``test_lifecycle``:
received Monday 2 March 2026, decision due Monday 13 April 2026 (6 weeks),
the 9:8 notice due Monday 30 March 2026 (4 weeks).
"""

from __future__ import annotations

import datetime as dt

import pytest

from gehoord.accounts.roles import Role
from gehoord.cases import lifecycle, parts, services, subject
from gehoord.cases.constants import (
    CopyWaiverReason,
    EventKind,
    HearingParty,
    HearingResponse,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Outcome,
    RetentionResult,
    Route,
    Rung,
    Status,
)
from gehoord.cases.lifecycle import ACTION_STATUSES, COORDINATOR_ACTIONS, OPEN_STATUSES
from gehoord.cases.models import Complaint, Hearing
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import (
    AMSTERDAM,
    AT,
    DECISION_DUE,
    FORWARDED_TO,
    HEARD_AT,
    RECEIVED,
    WALK_AT,
    WALK_HEARING_ON,
    a_norm,
    assert_refused,
    bring_to,
    event_ids,
    related_snapshot,
    satisfy_guard,
    send_copies,
    snapshot,
)
from gehoord.core.errors import GuardFailed, PermissionDenied, TransitionNotAllowed
from gehoord.learning.services import record_learning_review
from gehoord.organisation.constants import DocumentKind
from gehoord.organisation.models import Department, ForwardingDestination, Municipality

S = Status
d = dt.date


def moment(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def triaged(received: dt.datetime, actor, **kwargs) -> Complaint:
    """A complaint received on `received` and taken into triage the next morning."""
    complaint = factories.make_complaint(received_at=received, **kwargs)
    return lifecycle.perform(
        complaint, "start_triage", actor=actor, at=moment(received.date() + dt.timedelta(days=1))
    )


def assert_unchanged(complaint: Complaint, call, error: type[Exception], match: str | None = None):
    """`call()` raises `error` (matching `match`) and changes nothing on the file."""
    before, related, events = snapshot(complaint), related_snapshot(complaint), event_ids(complaint)
    with pytest.raises(error, match=match) as excinfo:
        call()
    assert snapshot(complaint) == before
    assert related_snapshot(complaint) == related
    assert event_ids(complaint) == events
    return excinfo.value


@pytest.fixture
def with_committee(db):
    """A municipality that has a complaints advisory committee (afdeling 9.1.3)."""
    municipality = Municipality.load()
    municipality.uses_advisory_committee = True
    municipality.save()
    return municipality


@pytest.fixture
def captured(monkeypatch):
    """The (step, params) every after-step hook gets, in order."""
    calls: list[tuple[str, dict]] = []
    monkeypatch.setattr(
        lifecycle,
        "AFTER_STEP_HOOKS",
        [*lifecycle.AFTER_STEP_HOOKS, lambda complaint, name, params: calls.append((name, params))],
    )
    return calls


# =====================================================================================
# Awb 9:11 lid 2: postponing, at most 4 weeks in total, only before the term ended
# =====================================================================================

# Received Mon 2 Mar 2026; 6 weeks: Mon 13 Apr. The postponed term is counted from
# receipt as one term: 7 weeks Mon 20 Apr; 8 weeks Mon 27 Apr = King's Day -> Tue 28 Apr;
# 9 weeks Mon 4 May (Remembrance Day is no Atw day); 10 weeks Mon 11 May.
# Each postponement: (weeks, the day it is done, the term after it; None = refused).
POSTPONEMENTS = [
    pytest.param([(1, d(2026, 4, 14), None)], id="after-the-term-refused"),
    pytest.param([(1, d(2026, 4, 13), d(2026, 4, 20))], id="on-the-last-day-allowed"),
    pytest.param([(1, d(2026, 3, 20), d(2026, 4, 20))], id="well-before-allowed"),
    pytest.param([(4, d(2026, 4, 8), d(2026, 5, 11))], id="4-weeks-at-once-allowed"),
    pytest.param([(5, d(2026, 4, 8), None)], id="5-weeks-at-once-refused"),
    pytest.param([(1, d(2026, 4, 8), d(2026, 4, 20)), (3, d(2026, 4, 9), d(2026, 5, 11))], id="1+3-allowed"),
    pytest.param([(3, d(2026, 4, 8), d(2026, 5, 4)), (2, d(2026, 4, 9), None)], id="3+2-refused"),
    pytest.param([(4, d(2026, 4, 8), d(2026, 5, 11)), (1, d(2026, 4, 9), None)], id="4+1-refused"),
    pytest.param(
        [
            (1, d(2026, 4, 8), d(2026, 4, 20)),
            (1, d(2026, 4, 9), d(2026, 4, 28)),
            (2, d(2026, 4, 28), d(2026, 5, 11)),
        ],
        # The second postponement ends on King's Day and moves to Tue 28 Apr; on that
        # last day of the postponed term the third is still in time.
        id="1+1+2-last-on-the-postponed-last-day-allowed",
    ),
    pytest.param(
        [(1, d(2026, 4, 8), d(2026, 4, 20)), (1, d(2026, 4, 21), None)],
        # The postponed term ended Mon 20 Apr: Tue 21 Apr is too late.
        id="second-after-the-postponed-term-refused",
    ),
]


@pytest.mark.parametrize("postponements", POSTPONEMENTS)
def test_postponement_9_11_lid_2(postponements, coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    total = 0
    for weeks, day, expected_due in postponements:

        def postpone(complaint=complaint, weeks=weeks, day=day):
            return lifecycle.postpone_decision(
                complaint, weeks=weeks, reason="Advies ingewonnen.", actor=coordinator, at=moment(day, 15)
            )

        if expected_due is None:
            error = assert_unchanged(complaint, postpone, GuardFailed)
            assert "9:11 lid 2" in error.message
            continue
        complaint = postpone()
        total += weeks
        saved = Complaint.objects.get(pk=complaint.pk)
        assert (saved.postponement_weeks, saved.decision_due) == (total, expected_due)


def test_postponement_after_the_term_names_the_way_out(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    error = assert_unchanged(
        complaint,
        lambda: lifecycle.postpone_decision(
            complaint, weeks=1, reason="Advies.", actor=coordinator, at=moment(d(2026, 4, 14))
        ),
        GuardFailed,
    )
    assert "13-04-2026" in error.message
    assert "instemming van de klager (lid 3)" in error.message


def test_postponement_hands_the_letter_hook_the_previous_term(coordinator, captured):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    lifecycle.postpone_decision(complaint, weeks=1, reason="Advies.", actor=coordinator, at=AT)
    lifecycle.postpone_decision(complaint, weeks=2, reason="Meer advies.", actor=coordinator, at=AT)
    postponed = [params for name, params in captured if name == "postpone"]
    assert [(p["weeks"], p["previous_due"]) for p in postponed] == [(1, d(2026, 4, 13)), (2, d(2026, 4, 20))]


# =====================================================================================
# Awb 9:11 lid 3: further delay only with the complainant's written consent
# =====================================================================================


@pytest.fixture
def postponed_four_weeks(coordinator):
    """Postponed 1 + 3 weeks on Wed 8 April: the term ends Mon 11 May 2026."""
    complaint = bring_to(S.FORMAL, actor=coordinator)
    complaint = lifecycle.postpone_decision(complaint, weeks=1, reason="Advies.", actor=coordinator, at=AT)
    complaint = lifecycle.postpone_decision(complaint, weeks=3, reason="Advies.", actor=coordinator, at=AT)
    assert complaint.decision_due == d(2026, 5, 11)
    return complaint


# (until, consent_on, how, refused-message fragment or None). The step is taken on Wed 6 May 2026.
CONSENTS = [
    pytest.param(d(2026, 5, 29), d(2026, 5, 6), "per e-mail van 6 mei", None, id="allowed"),
    pytest.param(d(2026, 5, 29), d(2026, 5, 4), "per brief", None, id="consent-given-earlier-allowed"),
    pytest.param(d(2026, 5, 29), d(2026, 5, 7), "per e-mail", "toekomst", id="consent-date-in-the-future"),
    pytest.param(d(2026, 5, 29), None, "per e-mail", "toekomst", id="consent-date-missing"),
    pytest.param(d(2026, 5, 29), d(2026, 5, 6), "   ", "hoe de klager", id="how-missing"),
    pytest.param(d(2026, 5, 8), d(2026, 5, 6), "per e-mail", "11-05-2026", id="earlier-than-the-term"),
    pytest.param(d(2026, 5, 11), d(2026, 5, 6), "per e-mail", "11-05-2026", id="the-same-day-as-the-term"),
    pytest.param(None, d(2026, 5, 6), "per e-mail", "11-05-2026", id="no-date"),
]


@pytest.mark.parametrize(("until", "consent_on", "how", "refused"), CONSENTS)
def test_consent_9_11_lid_3(until, consent_on, how, refused, postponed_four_weeks, coordinator):
    complaint = postponed_four_weeks

    def consent():
        return lifecycle.record_extension_consent(
            complaint,
            until=until,
            consent_on=consent_on,
            how=how,
            actor=coordinator,
            at=moment(d(2026, 5, 6)),
        )

    if refused:
        assert_unchanged(complaint, consent, GuardFailed, match=refused)
        return
    consent()
    saved = Complaint.objects.get(pk=complaint.pk)
    assert saved.decision_due == saved.consented_decision_due == until
    assert (saved.consent_given_on, saved.consent_how) == (consent_on, how)
    # The postponement weeks stay what they were: lid 2 and lid 3 are recorded apart.
    assert saved.postponement_weeks == 4
    event = saved.events.filter(kind=EventKind.DEADLINE).latest("pk")
    assert "9:11 lid 3" in event.summary
    assert event.data["previous_due"] == "2026-05-11"


def test_more_than_four_weeks_only_with_consent(postponed_four_weeks, coordinator):
    complaint = postponed_four_weeks
    # Without consent: refused.
    assert_unchanged(
        complaint,
        lambda: lifecycle.postpone_decision(complaint, weeks=1, reason="Nog meer.", actor=coordinator, at=AT),
        GuardFailed,
        match="lid 3",
    )
    # With consent: the date consented to.
    complaint = lifecycle.record_extension_consent(
        complaint, until=d(2026, 5, 29), consent_on=AT.date(), how="per e-mail", actor=coordinator, at=AT
    )
    assert complaint.decision_due == d(2026, 5, 29)
    # Once consented, a lid 2 postponement no longer applies; a new consent does.
    assert_unchanged(
        complaint,
        lambda: lifecycle.postpone_decision(complaint, weeks=1, reason="Nog meer.", actor=coordinator, at=AT),
        GuardFailed,
        match="ingestemd",
    )
    complaint = lifecycle.record_extension_consent(
        complaint,
        until=d(2026, 6, 12),
        consent_on=AT.date(),
        how="telefonisch, bevestigd per brief",
        actor=coordinator,
        at=AT,
    )
    assert Complaint.objects.get(pk=complaint.pk).decision_due == d(2026, 6, 12)


def test_consent_without_a_postponement(coordinator):
    complaint = bring_to(S.HEARING, actor=coordinator)
    complaint = lifecycle.record_extension_consent(
        complaint, until=d(2026, 5, 1), consent_on=AT.date(), how="per e-mail", actor=coordinator, at=AT
    )
    assert Complaint.objects.get(pk=complaint.pk).decision_due == d(2026, 5, 1)


@pytest.mark.parametrize("status", [s for s in Status if s not in OPEN_STATUSES])
def test_consent_only_while_the_term_runs(status, coordinator):
    complaint = bring_to(status, actor=coordinator)
    assert_unchanged(
        complaint,
        lambda: lifecycle.record_extension_consent(
            complaint, until=d(2026, 5, 29), consent_on=AT.date(), how="per e-mail", actor=coordinator, at=AT
        ),
        TransitionNotAllowed,
    )


def test_consent_needs_someone_who_may_handle(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    assert_unchanged(
        complaint,
        lambda: lifecycle.record_extension_consent(
            complaint,
            until=d(2026, 5, 29),
            consent_on=AT.date(),
            how="per e-mail",
            actor=factories.handler(),
            at=AT,
        ),
        PermissionDenied,
    )


# =====================================================================================
# Awb 9:11 lid 1: 6 weeks; 10 only when the advisory committee handles this complaint
# =====================================================================================

# (received, 6 weeks, 10 weeks), each counted from the day after receipt, same weekday.
COMMITTEE_TERMS = [
    pytest.param(
        d(2026, 3, 2),
        d(2026, 4, 13),
        d(2026, 5, 11),
        # Mon 2 Mar: 6 weeks Mon 13 Apr; 10 weeks Mon 11 May. No Atw day on either.
        id="monday-no-shift",
    ),
    pytest.param(
        d(2026, 2, 20),
        d(2026, 4, 7),
        d(2026, 5, 1),
        # Fri 20 Feb: 6 weeks Fri 3 Apr, Good Friday -> Sat -> Easter Sun -> Easter Mon 6 -> Tue 7 Apr.
        # 10 weeks Fri 1 May: Labour Day is no Atw day, no shift.
        id="good-friday-and-1-may",
    ),
    pytest.param(
        d(2026, 2, 16),
        d(2026, 3, 30),
        d(2026, 4, 28),
        # Mon 16 Feb: 6 weeks Mon 30 Mar; 10 weeks Mon 27 Apr, King's Day -> Tue 28 Apr.
        id="kings-day",
    ),
    pytest.param(
        d(2026, 3, 5),
        d(2026, 4, 16),
        d(2026, 5, 18),
        # Thu 5 Mar: 6 weeks Thu 16 Apr; 10 weeks Thu 14 May, Ascension -> decree day Fri 15
        # -> Sat -> Sun -> Mon 18 May.
        id="ascension-and-decree-day",
    ),
    pytest.param(
        d(2026, 3, 6),
        d(2026, 4, 17),
        d(2026, 5, 18),
        # Fri 6 Mar: 6 weeks Fri 17 Apr; 10 weeks Fri 15 May, decree day -> Sat -> Sun -> Mon 18 May.
        id="decree-day",
    ),
]


@pytest.mark.parametrize(("received", "six", "ten"), COMMITTEE_TERMS)
def test_committee_term_9_11_lid_1(received, six, ten, with_committee, coordinator):
    complaint = triaged(moment(received, 10), coordinator)
    # A new complaint gets 6 weeks, even though the municipality has a committee.
    assert complaint.committee is False
    assert complaint.decision_due == six

    at = moment(received + dt.timedelta(days=1), 11)
    complaint = lifecycle.set_committee(complaint, committee=True, actor=coordinator, at=at)
    saved = Complaint.objects.get(pk=complaint.pk)
    assert (saved.committee, saved.decision_due) == (True, ten)
    event = saved.events.filter(kind=EventKind.DEADLINE).latest("pk")
    assert f"{ten:%d-%m-%Y}" in event.summary and "9:11 lid 1" in event.summary

    # Another complaint of the same municipality keeps its 6 weeks.
    other = factories.make_complaint(received_at=moment(received, 10))
    assert (other.committee, other.decision_due) == (False, six)

    # Not handled by the committee after all: back to 6 weeks.
    complaint = lifecycle.set_committee(complaint, committee=False, actor=coordinator, at=at)
    assert Complaint.objects.get(pk=complaint.pk).decision_due == six


def test_committee_and_postponement(with_committee, coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    complaint = lifecycle.set_committee(complaint, committee=True, actor=coordinator, at=AT)
    assert complaint.decision_due == d(2026, 5, 11)
    # 10 + 4 weeks from Mon 2 Mar: Mon 8 Jun 2026 (Whit Monday 25 May does not matter).
    complaint = lifecycle.postpone_decision(complaint, weeks=4, reason="Advies.", actor=coordinator, at=AT)
    assert Complaint.objects.get(pk=complaint.pk).decision_due == d(2026, 6, 8)


def test_no_committee_no_10_weeks(coordinator):
    complaint = triaged(RECEIVED, coordinator)
    assert Municipality.load().uses_advisory_committee is False
    error = assert_unchanged(
        complaint,
        lambda: lifecycle.set_committee(complaint, committee=True, actor=coordinator, at=AT),
        GuardFailed,
    )
    assert "adviescommissie" in error.message
    assert Complaint.objects.get(pk=complaint.pk).decision_due == DECISION_DUE


def test_only_the_coordinator_chooses_the_committee(with_committee, coordinator, handler):
    complaint = bring_to(S.FORMAL, actor=coordinator, handler=handler)
    assert_unchanged(
        complaint,
        lambda: lifecycle.set_committee(complaint, committee=True, actor=handler, at=AT),
        PermissionDenied,
    )


@pytest.mark.parametrize("status", [s for s in Status if s not in (S.TRIAGE, S.FORMAL, S.HEARING)])
def test_committee_chosen_before_the_decision_only(status, with_committee, coordinator):
    complaint = bring_to(status, actor=coordinator)
    assert_unchanged(
        complaint,
        lambda: lifecycle.set_committee(complaint, committee=True, actor=coordinator, at=AT),
        TransitionNotAllowed,
    )


# =====================================================================================
# Awb 9:8: not handled, on the grounds as the law numbers them
# =====================================================================================

G = NotHandledGround
# (ground, conduct date, about failing to decide, with a reason, refused-message fragment or None)
# Received Mon 2 Mar 2026: "more than a year before" means before Sun 2 Mar 2025.
NOT_HANDLED_CASES = [
    pytest.param(G.ALREADY_HANDLED, None, False, False, None, id="a-allowed"),
    pytest.param(
        G.OLDER_THAN_A_YEAR, d(2026, 2, 2), False, True, "02-02-2026", id="b-conduct-last-month-refused"
    ),
    pytest.param(
        G.OLDER_THAN_A_YEAR,
        d(2025, 3, 2),
        False,
        True,
        "niet meer dan een jaar",
        id="b-exactly-a-year-refused",
    ),
    pytest.param(G.OLDER_THAN_A_YEAR, d(2025, 3, 1), False, False, None, id="b-a-year-and-a-day-allowed"),
    pytest.param(G.OLDER_THAN_A_YEAR, d(2025, 2, 2), False, False, None, id="b-13-months-allowed"),
    pytest.param(
        G.OLDER_THAN_A_YEAR, None, False, False, "niet bekend", id="b-date-unknown-no-reason-refused"
    ),
    pytest.param(G.OLDER_THAN_A_YEAR, None, False, True, None, id="b-date-unknown-with-reason-allowed"),
    pytest.param(G.OBJECTION, None, True, True, "onder d", id="c-failure-to-decide-refused"),
    pytest.param(G.OBJECTION, None, False, False, None, id="c-allowed"),
    pytest.param(G.APPEAL, None, True, True, "onder d", id="d-failure-to-decide-refused"),
    pytest.param(G.APPEAL, None, False, False, None, id="d-allowed"),
    pytest.param(G.OTHER_COURT, None, False, False, None, id="e-allowed"),
    pytest.param(G.OTHER_COURT, None, True, False, None, id="e-failure-to-decide-allowed"),
    pytest.param(G.CRIMINAL_INVESTIGATION, None, False, False, None, id="f-allowed"),
    pytest.param(G.INSUFFICIENT_INTEREST, None, False, False, None, id="lid-2-allowed"),
    pytest.param(G.INSUFFICIENT_INTEREST, None, True, False, None, id="lid-2-failure-to-decide-allowed"),
]


@pytest.mark.parametrize(("ground", "conduct", "failure", "with_reason", "refused"), NOT_HANDLED_CASES)
def test_not_handled_9_8(ground, conduct, failure, with_reason, refused, coordinator):
    complaint = bring_to(S.TRIAGE, actor=coordinator, conduct_date=conduct)
    if failure:
        complaint = services.set_about_failure_to_decide(complaint, value=True, actor=coordinator, at=WALK_AT)
    params = {"ground": ground}
    if with_reason:
        params["reason"] = "Klager schrijft zelf dat het 'ruim twee jaar geleden' was."
    if refused:
        error = assert_refused(complaint, "not_handle", GuardFailed, actor=coordinator, **params)
        assert refused in error.message
        return
    done = lifecycle.perform(complaint, "not_handle", actor=coordinator, at=AT, **params)
    saved = Complaint.objects.get(pk=done.pk)
    assert (saved.status, saved.not_handled_ground, saved.outcome) == (
        S.NOT_HANDLED,
        ground,
        Outcome.NOT_HANDLED,
    )
    assert saved.end_reason == params.get("reason", "")


@pytest.mark.parametrize(
    ("day", "year_before"),
    [
        (d(2026, 3, 2), d(2025, 3, 2)),
        (d(2028, 2, 29), d(2027, 2, 28)),  # no 29 February in 2027
        (d(2028, 3, 1), d(2027, 3, 1)),
    ],
)
def test_one_year_before(day, year_before):
    assert lifecycle.one_year_before(day) == year_before


def test_ground_b_on_29_february(coordinator):
    # Received Tue 29 Feb 2028: conduct on Sun 28 Feb 2027 is not more than a year before; Sat 27 Feb is.
    received = moment(d(2028, 2, 29), 10)
    recent = triaged(received, coordinator, conduct_date=d(2027, 2, 28))
    assert_refused(
        recent,
        "not_handle",
        GuardFailed,
        actor=coordinator,
        at=moment(d(2028, 3, 6)),
        ground=G.OLDER_THAN_A_YEAR,
    )
    old = triaged(received, coordinator, conduct_date=d(2027, 2, 27))
    done = lifecycle.perform(
        old, "not_handle", actor=coordinator, at=moment(d(2028, 3, 6)), ground=G.OLDER_THAN_A_YEAR
    )
    assert done.status == S.NOT_HANDLED


# (received, the 9:8 lid 3 notice due, the moment of the step, late)
NOTICE_CASES = [
    pytest.param(
        moment(d(2026, 3, 2), 10),
        d(2026, 3, 30),
        moment(d(2026, 3, 30), 16),
        False,
        # Mon 2 Mar + 4 weeks = Mon 30 Mar; taken that afternoon: in time.
        id="on-the-last-day",
    ),
    pytest.param(
        moment(d(2026, 3, 2), 10),
        d(2026, 3, 30),
        moment(d(2026, 3, 31), 9),
        True,
        id="the-day-after",
    ),
    pytest.param(
        moment(d(2026, 3, 2), 10),
        d(2026, 3, 30),
        dt.datetime(2026, 3, 30, 23, 30, tzinfo=dt.UTC),
        True,
        # 23:30 UTC on 30 Mar is 01:30 on Tue 31 Mar in the Netherlands (summer time since Sun 29 Mar).
        id="late-evening-utc-is-the-next-dutch-day",
    ),
    pytest.param(
        moment(d(2026, 3, 6), 10),
        d(2026, 4, 7),
        moment(d(2026, 4, 7), 15),
        False,
        # Fri 6 Mar + 4 weeks = Fri 3 Apr, Good Friday -> Sat -> Easter Sun -> Easter Mon -> Tue 7 Apr.
        id="after-easter-in-time",
    ),
    pytest.param(
        moment(d(2026, 3, 6), 10),
        d(2026, 4, 7),
        moment(d(2026, 4, 8), 9),
        True,
        id="after-easter-late",
    ),
    pytest.param(
        moment(d(2026, 3, 6), 10),
        d(2026, 4, 7),
        moment(d(2026, 3, 20), 9),
        False,
        id="well-in-time",
    ),
]


@pytest.mark.parametrize(("received", "due", "at", "late"), NOTICE_CASES)
def test_not_handled_notice_term_9_8_lid_3(received, due, at, late, coordinator):
    complaint = triaged(received, coordinator)
    assert complaint.not_handled_notice_due == due
    assert complaint.not_handled_notice_late is False
    # Choosing 9:8 after the term is allowed; the file shows it was late.
    done = lifecycle.perform(complaint, "not_handle", actor=coordinator, at=at, ground=G.ALREADY_HANDLED)
    saved = Complaint.objects.get(pk=done.pk)
    assert saved.status == S.NOT_HANDLED
    assert saved.not_handled_notice_late is late


def test_the_notice_term_concerns_only_9_8(coordinator):
    withdrawn = triaged(RECEIVED, coordinator)
    withdrawn = lifecycle.perform(withdrawn, "withdraw", actor=coordinator, at=moment(d(2026, 4, 8)))
    assert withdrawn.not_handled_notice_late is False


# =====================================================================================
# Awb 9:9: the person complained about receives a copy, or a reason is recorded
# =====================================================================================


def ready_but_for_copies(complaint: Complaint, actor) -> Complaint:
    """Findings, judgements and every hearing done: only the copies may be missing."""
    complaint = services.record_findings(
        complaint, findings="Bevindingen.", conclusions="Conclusies.", actor=actor, at=HEARD_AT
    )
    for part in complaint.parts.all():
        services.judge_part(
            part, judgement=Judgement.UNFOUNDED, reasoning="Motivering.", actor=actor, at=HEARD_AT
        )
    for hearing in complaint.hearings.all():
        services.record_hearing_report(
            hearing, report="Gehoord.", held_on=WALK_HEARING_ON, actor=actor, at=HEARD_AT
        )
    return Complaint.objects.get(pk=complaint.pk)


@pytest.fixture
def bea(db):
    return factories.UserFactory(first_name="Bea", last_name="Baliemedewerker")


@pytest.fixture
def piet(db):
    return factories.UserFactory(first_name="Piet", last_name="Postkamer")


def _copy_to(*who):
    def act(complaint, actor, people):
        send_copies(complaint, [people[name] for name in who])

    return act


def _waive(name, reason):
    def act(complaint, actor, people):
        services.waive_copy(complaint, reason=reason, employee=people[name], actor=actor, at=HEARD_AT)

    return act


# (who the complaint is about, what is done, who is still missing a copy)
COPY_CASES = [
    pytest.param(["bea"], [], ["Bea Baliemedewerker"], id="nothing-refused"),
    pytest.param(["bea"], [_copy_to("bea")], [], id="copy-sent-allowed"),
    pytest.param(["bea"], [_copy_to("piet")], ["Bea Baliemedewerker"], id="copy-to-someone-else-refused"),
    pytest.param(["bea"], [_waive("bea", CopyWaiverReason.GIVEN_ON_PAPER)], [], id="on-paper-allowed"),
    pytest.param(["bea", "piet"], [_copy_to("bea")], ["Piet Postkamer"], id="one-of-two-refused"),
    pytest.param(["bea", "piet"], [_copy_to("bea"), _copy_to("piet")], [], id="two-copies-allowed"),
    pytest.param(["bea", "piet"], [_copy_to("bea", "piet")], [], id="one-copy-to-both-allowed"),
    pytest.param(
        ["bea", "piet"],
        [_copy_to("bea"), _waive("piet", CopyWaiverReason.GIVEN_ON_PAPER)],
        [],
        id="copy-and-paper-allowed",
    ),
]


@pytest.mark.parametrize(("about", "actions", "missing"), COPY_CASES)
def test_copy_9_9(about, actions, missing, coordinator, bea, piet):
    people = {"bea": bea, "piet": piet}
    complaint = bring_to(S.HEARING, actor=coordinator, employees_involved=[people[name] for name in about])
    complaint = ready_but_for_copies(complaint, coordinator)
    for act in actions:
        act(complaint, coordinator, people)
    outstanding = lifecycle.copies_outstanding(complaint)
    assert len(outstanding) == len(missing)
    for name, problem in zip(missing, outstanding, strict=True):
        assert name in problem and "9:9" in problem
    if missing:
        error = assert_refused(complaint, "decide", GuardFailed, actor=coordinator)
        for name in missing:
            assert f"{name} heeft nog geen kopie" in error.message
    else:
        assert lifecycle.perform(complaint, "decide", actor=coordinator, at=AT).status == S.DECIDED


def test_copy_sent_by_email_counts(coordinator, bea, mailoutbox):
    from gehoord.correspondence.copies import send_copy_to_involved

    complaint = bring_to(S.HEARING, actor=coordinator, employees_involved=[bea])
    complaint = ready_but_for_copies(complaint, coordinator)
    assert_refused(complaint, "decide", GuardFailed, actor=coordinator)
    assert send_copy_to_involved(complaint, actor=coordinator) == 1
    assert [message.to for message in mailoutbox] == [[bea.email]]
    assert lifecycle.copies_outstanding(complaint) == []
    assert lifecycle.perform(complaint, "decide", actor=coordinator, at=AT).status == S.DECIDED


def test_employee_who_left_needs_no_copy_and_no_hearing(coordinator, bea):
    complaint = bring_to(S.FORMAL, actor=coordinator, employees_involved=[bea])
    services.waive_copy(
        complaint,
        reason=CopyWaiverReason.EMPLOYEE_LEFT,
        employee=bea,
        explanation="Uit dienst per 1 maart.",
        actor=coordinator,
        at=HEARD_AT,
    )
    complaint = satisfy_guard(complaint, "decide", actor=coordinator, judgement=Judgement.UNFOUNDED)
    assert lifecycle.copies_outstanding(complaint) == []
    assert lifecycle.hearings_outstanding(complaint, AT.date()) == []
    assert lifecycle.perform(complaint, "decide", actor=coordinator, at=AT).status == S.DECIDED


def test_no_employee_needs_a_recorded_reason(coordinator):
    complaint = bring_to(S.HEARING, actor=coordinator)
    complaint = ready_but_for_copies(complaint, coordinator)
    error = assert_refused(complaint, "decide", GuardFailed, actor=coordinator)
    assert "geen betrokken medewerker vastgelegd" in error.message
    services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=coordinator, at=HEARD_AT)
    assert lifecycle.perform(complaint, "decide", actor=coordinator, at=AT).status == S.DECIDED


def test_a_no_person_waiver_does_not_cover_an_employee_named_later(coordinator, bea):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=coordinator, at=HEARD_AT)
    assert lifecycle.copies_outstanding(complaint) == []
    services.add_involved_employee(complaint, employee=bea, actor=coordinator)
    [problem] = lifecycle.copies_outstanding(complaint)
    assert "Bea Baliemedewerker" in problem


@pytest.mark.parametrize(
    ("about", "reason", "employee", "match"),
    [
        (["bea"], CopyWaiverReason.NO_PERSON, None, "per medewerker"),
        (["bea"], CopyWaiverReason.EMPLOYEE_LEFT, None, "Kies de betrokken medewerker"),
        (["bea"], CopyWaiverReason.GIVEN_ON_PAPER, "piet", "Kies de betrokken medewerker"),
        ([], CopyWaiverReason.EMPLOYEE_LEFT, "piet", "Kies de betrokken medewerker"),
        (["bea"], "vergeten", "bea", "9:9"),
    ],
    ids=[
        "no-person-but-named",
        "left-without-employee",
        "someone-not-involved",
        "nobody-named",
        "unknown-reason",
    ],
)
def test_waive_copy_refused(about, reason, employee, match, coordinator, bea, piet):
    people = {"bea": bea, "piet": piet}
    complaint = bring_to(S.FORMAL, actor=coordinator, employees_involved=[people[name] for name in about])
    assert_unchanged(
        complaint,
        lambda: services.waive_copy(
            complaint, reason=reason, employee=people.get(employee), actor=coordinator, at=HEARD_AT
        ),
        GuardFailed,
        match=match,
    )


# =====================================================================================
# Awb 9:10: both parties offered a hearing; the complainant's skipped on lid 2 a, b, c only
# =====================================================================================

# The walked complaint in "hearing": invited Tue 3 March 2026 to a hearing on Mon 30
# March; the answer term of 2 weeks ends Tue 17 March 2026.
RESPOND_BY = d(2026, 3, 17)


def skip(complaint, reason, actor, at, **kwargs):
    return lifecycle.record_hearing_skipped(complaint, reason=reason, actor=actor, at=at, **kwargs)


def respond(complaint, response, on, at, actor, party=HearingParty.COMPLAINANT):
    hearing = complaint.hearings.filter(party=party).first()
    return services.record_hearing_response(
        hearing, response=response, on=on, how="telefonisch", actor=actor, at=at
    )


def test_skip_c_without_an_invitation_refused(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    error = assert_unchanged(
        complaint, lambda: skip(complaint, HearingSkipReason.NO_RESPONSE, coordinator, AT), GuardFailed
    )
    assert "Stuur eerst een uitnodiging" in error.message


# (the day ground c is recorded, the complainant's answer, refused-message fragment or None)
SKIP_C_CASES = [
    pytest.param(d(2026, 3, 10), None, "tot en met 17-03-2026", id="term-running-refused"),
    pytest.param(d(2026, 3, 17), None, "tot en met 17-03-2026", id="last-day-of-the-term-refused"),
    pytest.param(d(2026, 3, 18), None, None, id="term-passed-allowed"),
    pytest.param(d(2026, 3, 18), HearingResponse.WANTS, "gereageerd", id="answered-wants-refused"),
    pytest.param(d(2026, 3, 18), HearingResponse.DECLINED, "gereageerd", id="answered-declined-refused"),
]


@pytest.mark.parametrize(("day", "answer", "refused"), SKIP_C_CASES)
def test_skip_c_9_10_lid_2(day, answer, refused, coordinator):
    complaint = bring_to(S.HEARING, actor=coordinator)
    assert complaint.hearings.get(party=HearingParty.COMPLAINANT).respond_by == RESPOND_BY
    if answer:
        respond(complaint, answer, d(2026, 3, 9), moment(d(2026, 3, 9)), coordinator)
    at = moment(day, 15)
    if refused:
        assert_unchanged(
            complaint,
            lambda: skip(complaint, HearingSkipReason.NO_RESPONSE, coordinator, at),
            GuardFailed,
            match=refused,
        )
        return
    skip(complaint, HearingSkipReason.NO_RESPONSE, coordinator, at)
    assert Complaint.objects.get(pk=complaint.pk).hearing_skip_reason == HearingSkipReason.NO_RESPONSE


# (waived_on, waived_how, the complainant's answer, refused-message fragment or None); recorded on AT.
SKIP_B_CASES = [
    pytest.param(None, "", None, "wanneer en hoe", id="nothing-refused"),
    pytest.param(d(2026, 3, 16), "", None, "wanneer en hoe", id="no-how-refused"),
    pytest.param(None, "telefonisch", None, "wanneer en hoe", id="no-date-refused"),
    pytest.param(d(2026, 4, 9), "telefonisch", None, "wanneer en hoe", id="date-in-the-future-refused"),
    pytest.param(d(2026, 3, 16), "telefonisch", None, None, id="when-and-how-allowed"),
    pytest.param(None, "", HearingResponse.DECLINED, None, id="declined-answer-allowed"),
    pytest.param(
        d(2026, 3, 16), "telefonisch", HearingResponse.WANTS, "gehoord te willen worden", id="wants-refused"
    ),
]


@pytest.mark.parametrize(("waived_on", "how", "answer", "refused"), SKIP_B_CASES)
def test_skip_b_9_10_lid_2(waived_on, how, answer, refused, coordinator):
    complaint = bring_to(S.HEARING, actor=coordinator)
    if answer:
        respond(complaint, answer, d(2026, 3, 9), moment(d(2026, 3, 9)), coordinator)

    def call():
        return skip(complaint, HearingSkipReason.WAIVED, coordinator, AT, waived_on=waived_on, waived_how=how)

    if refused:
        assert_unchanged(complaint, call, GuardFailed, match=refused)
        return
    call()
    saved = Complaint.objects.get(pk=complaint.pk)
    assert saved.hearing_skip_reason == HearingSkipReason.WAIVED
    event = saved.events.filter(kind=EventKind.NOTE).latest("pk")
    # When and how: from the answer to the invitation when there is one.
    expected_on = d(2026, 3, 9) if answer else waived_on
    assert event.data["waived_on"] == expected_on.isoformat()
    assert event.data["waived_how"] == "telefonisch"
    assert f"{expected_on:%d-%m-%Y}" in saved.hearing_skip_explanation


def test_skip_a_needs_its_reasoning(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    assert_unchanged(
        complaint,
        lambda: skip(complaint, HearingSkipReason.CLEARLY_UNFOUNDED, coordinator, AT, explanation="  "),
        GuardFailed,
        match="onder a",
    )
    skip(
        complaint,
        HearingSkipReason.CLEARLY_UNFOUNDED,
        coordinator,
        AT,
        explanation="Op die dag was de balie dicht.",
    )
    saved = Complaint.objects.get(pk=complaint.pk)
    assert saved.hearing_skip_explanation == "Op die dag was de balie dicht."


@pytest.mark.parametrize(
    ("judgement", "refused"),
    [
        (Judgement.UNFOUNDED, False),
        (Judgement.NO_JUDGEMENT, False),
        (Judgement.PARTLY_FOUNDED, True),
        (Judgement.FOUNDED, True),
    ],
)
def test_skip_a_and_a_founded_part(judgement, refused, coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=coordinator, at=HEARD_AT)
    skip(
        complaint,
        HearingSkipReason.CLEARLY_UNFOUNDED,
        coordinator,
        HEARD_AT,
        explanation="Kennelijk ongegrond.",
    )
    services.record_findings(
        complaint, findings="Bevindingen.", conclusions="", actor=coordinator, at=HEARD_AT
    )
    norms = [a_norm()] if judgement in (Judgement.FOUNDED, Judgement.PARTLY_FOUNDED) else []
    for part in complaint.parts.all():
        services.judge_part(
            part, judgement=judgement, reasoning="Motivering.", norms=norms, actor=coordinator
        )
    if refused:
        error = assert_refused(complaint, "decide", GuardFailed, actor=coordinator)
        assert "alsnog uit" in error.message
    else:
        assert lifecycle.perform(complaint, "decide", actor=coordinator, at=AT).status == S.DECIDED


# The employee's hearing. Invited on Wed 8 April 2026 to a hearing on Thu 30 April;
# the answer term of 2 weeks ends Wed 22 April. The complainant declined to be heard.
EMPLOYEE_RESPOND_BY = d(2026, 4, 22)


@pytest.fixture
def employee_invited(coordinator, bea):
    complaint = bring_to(S.FORMAL, actor=coordinator, employees_involved=[bea])
    complaint = lifecycle.perform(
        complaint,
        "schedule_hearing",
        actor=coordinator,
        at=AT,
        hearing_on=d(2026, 4, 30),
        hearing_time="10:00",
    )
    respond(complaint, HearingResponse.DECLINED, AT.date(), AT, coordinator)
    skip(complaint, HearingSkipReason.WAIVED, coordinator, AT)
    services.record_findings(complaint, findings="Bevindingen.", conclusions="", actor=coordinator, at=AT)
    for part in complaint.parts.all():
        services.judge_part(
            part, judgement=Judgement.UNFOUNDED, reasoning="Motivering.", actor=coordinator, at=AT
        )
    send_copies(complaint, [bea], at=AT)
    return Complaint.objects.get(pk=complaint.pk)


def _employee_report(complaint, actor, bea):
    hearing = complaint.hearings.get(party=HearingParty.EMPLOYEE, employee=bea)
    services.record_hearing_report(
        hearing,
        report="Medewerker gehoord.",
        held_on=d(2026, 4, 20),
        actor=actor,
        at=moment(d(2026, 4, 20), 12),
    )


def _employee_answer(response):
    def act(complaint, actor, bea):
        respond(
            complaint, response, d(2026, 4, 10), moment(d(2026, 4, 10)), actor, party=HearingParty.EMPLOYEE
        )

    return act


# (what is recorded for the employee, the day of the decision, refused)
EMPLOYEE_HEARING_CASES = [
    pytest.param([], d(2026, 4, 20), True, id="term-running-refused"),
    pytest.param([], d(2026, 4, 22), True, id="last-day-of-the-term-refused"),
    pytest.param([], d(2026, 4, 23), False, id="term-passed-allowed"),
    pytest.param([_employee_report], d(2026, 4, 20), False, id="report-allowed"),
    pytest.param([_employee_answer(HearingResponse.DECLINED)], d(2026, 4, 20), False, id="declined-allowed"),
    pytest.param(
        [_employee_answer(HearingResponse.WANTS)], d(2026, 4, 23), True, id="wants-without-report-refused"
    ),
    pytest.param(
        [_employee_answer(HearingResponse.WANTS), _employee_report],
        d(2026, 4, 20),
        False,
        id="wants-and-report-allowed",
    ),
]


@pytest.mark.parametrize(("actions", "day", "refused"), EMPLOYEE_HEARING_CASES)
def test_employee_offered_a_hearing_9_10_lid_1(actions, day, refused, employee_invited, coordinator, bea):
    complaint = employee_invited
    hearing = complaint.hearings.get(party=HearingParty.EMPLOYEE)
    assert (hearing.employee, hearing.respond_by) == (bea, EMPLOYEE_RESPOND_BY)
    for act in actions:
        act(complaint, coordinator, bea)
    at = moment(day, 16)
    if refused:
        error = assert_refused(complaint, "decide", GuardFailed, actor=coordinator, at=at)
        assert "Bea Baliemedewerker (beklaagde)" in error.message
        assert "Er ontbreekt nog iets" in error.message  # only this
    else:
        assert lifecycle.perform(complaint, "decide", actor=coordinator, at=at).status == S.DECIDED


def test_employee_not_invited_refused(coordinator, bea):
    complaint = bring_to(S.FORMAL, actor=coordinator, employees_involved=[bea])
    complaint = lifecycle.perform(
        complaint,
        "schedule_hearing",
        actor=coordinator,
        at=AT,
        hearing_on=d(2026, 4, 30),
        invite_employees=False,
    )
    assert not complaint.hearings.filter(party=HearingParty.EMPLOYEE).exists()
    [problem] = [p for p in lifecycle.hearings_outstanding(complaint, AT.date()) if "beklaagde" in p]
    assert "nog niet in de gelegenheid gesteld" in problem and "9:10 lid 1" in problem


def test_skip_a_still_offers_the_employee_a_hearing(coordinator, bea):
    # Awb 9:10 lid 2 lets only the complainant's hearing be left out; lid 1 still offers the employee one.
    complaint = bring_to(S.FORMAL, actor=coordinator, employees_involved=[bea])
    complaint = skip(
        complaint, HearingSkipReason.CLEARLY_UNFOUNDED, coordinator, AT, explanation="Kennelijk ongegrond."
    )
    [problem] = lifecycle.hearings_outstanding(complaint, AT.date())
    assert "(beklaagde) is nog niet in de gelegenheid gesteld" in problem
    complaint = lifecycle.perform(
        complaint, "schedule_hearing", actor=coordinator, at=AT, hearing_on=d(2026, 4, 30)
    )
    assert list(complaint.hearings.values_list("party", "employee")) == [(HearingParty.EMPLOYEE, bea.pk)]
    respond(complaint, HearingResponse.DECLINED, AT.date(), AT, coordinator, party=HearingParty.EMPLOYEE)
    assert lifecycle.hearings_outstanding(complaint, AT.date()) == []


# Awb 9:10 lid 2 onder c: a reasonable term, at least a week after the invitation of Wed 8 Apr 2026
# (Wed 15 Apr). (hearing date, respond_by given, refused)
REASONABLE_TERMS = [
    pytest.param(d(2026, 4, 10), None, True, id="hearing-in-two-days-refused"),
    pytest.param(d(2026, 4, 14), None, True, id="hearing-in-six-days-refused"),
    pytest.param(d(2026, 4, 15), None, False, id="hearing-in-a-week-allowed"),
    pytest.param(d(2026, 4, 30), d(2026, 4, 9), True, id="own-term-of-one-day-refused"),
    pytest.param(d(2026, 4, 30), d(2026, 4, 15), False, id="own-term-of-a-week-allowed"),
]


@pytest.mark.parametrize(("hearing_on", "respond_by", "refused"), REASONABLE_TERMS)
def test_the_answer_term_is_reasonable(hearing_on, respond_by, refused, coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    params = {"hearing_on": hearing_on, **({"respond_by": respond_by} if respond_by else {})}
    if refused:
        error = assert_refused(complaint, "schedule_hearing", GuardFailed, actor=coordinator, at=AT, **params)
        assert "redelijke termijn" in error.message and "15-04-2026" in error.message
    else:
        complaint = lifecycle.perform(complaint, "schedule_hearing", actor=coordinator, at=AT, **params)
        assert complaint.hearings.get().respond_by >= d(2026, 4, 15)


def test_an_informal_solution_is_closed_only_after_the_offered_term(coordinator):
    # The confirmation offers formal handling for 14 days (the setting); closing waits for that.
    complaint = bring_to(S.LEARNING_REVIEW, actor=coordinator, route="informal")
    due = complaint.formal_request_due
    satisfy_guard(complaint, "close", actor=coordinator)
    error = assert_refused(complaint, "close", GuardFailed, actor=coordinator, at=moment(due, 17))
    assert f"{due:%d-%m-%Y}" in error.message and "9:5" in error.message
    complaint = lifecycle.perform(
        complaint, "close", actor=coordinator, at=moment(due + dt.timedelta(days=1))
    )
    assert complaint.status == S.CLOSED


# The invitation: (Municipality.hearing_response_weeks, the day of the invitation, the
# hearing date, respond_by given, respond_by stored; None = refused).
INVITATIONS = [
    pytest.param(2, d(2026, 4, 8), d(2026, 4, 30), None, d(2026, 4, 22), id="default-2-weeks"),
    pytest.param(
        3,
        d(2026, 4, 14),
        d(2026, 5, 7),
        None,
        d(2026, 5, 6),
        # Tue 14 Apr + 3 weeks = Tue 5 May, Liberation Day (every year under the Atw) -> Wed 6 May.
        id="3-weeks-past-5-may",
    ),
    pytest.param(
        2,
        d(2026, 4, 8),
        d(2026, 4, 15),
        None,
        d(2026, 4, 15),
        # The term never ends after the hearing itself: Wed 22 Apr would; the hearing is Wed 15 Apr.
        id="never-after-the-hearing",
    ),
    pytest.param(2, d(2026, 4, 8), d(2026, 4, 30), d(2026, 4, 24), d(2026, 4, 24), id="term-given"),
    pytest.param(2, d(2026, 4, 8), d(2026, 4, 30), d(2026, 4, 8), None, id="term-given-ends-today-refused"),
    pytest.param(2, d(2026, 4, 8), d(2026, 4, 30), d(2026, 5, 1), None, id="term-after-the-hearing-refused"),
    pytest.param(2, d(2026, 4, 8), d(2026, 4, 30), "2026-04-24", None, id="term-as-text-refused"),
    pytest.param(2, d(2026, 4, 8), d(2026, 4, 7), None, None, id="hearing-date-passed-refused"),
]


@pytest.mark.parametrize(("weeks", "day", "hearing_on", "given", "stored"), INVITATIONS)
def test_invitation_9_10(weeks, day, hearing_on, given, stored, coordinator, bea, captured):
    municipality = Municipality.load()
    municipality.hearing_response_weeks = weeks
    municipality.save()
    gone = factories.UserFactory(is_active=False)
    complaint = bring_to(S.FORMAL, actor=coordinator, employees_involved=[bea, gone])
    params = {"hearing_on": hearing_on, "hearing_time": "14:00", "hearing_location": "Spreekkamer 2"}
    if given is not None:
        params["respond_by"] = given
    if stored is None:
        assert_refused(
            complaint, "schedule_hearing", GuardFailed, actor=coordinator, at=moment(day), **params
        )
        return
    lifecycle.perform(complaint, "schedule_hearing", actor=coordinator, at=moment(day), **params)
    hearings = {(h.party, h.employee_id): h for h in Hearing.objects.filter(complaint=complaint)}
    # The complainant and each active employee complained about; not one who left.
    assert set(hearings) == {(HearingParty.COMPLAINANT, None), (HearingParty.EMPLOYEE, bea.pk)}
    for hearing in hearings.values():
        assert (hearing.respond_by, hearing.hearing_on, hearing.hearing_time, hearing.location) == (
            stored,
            hearing_on,
            "14:00",
            "Spreekkamer 2",
        )
        assert hearing.invited_at == moment(day)
    # The invitation letter states the term and whom else was invited.
    [(_name, hook_params)] = [(n, p) for n, p in captured if n == "schedule_hearing"]
    assert (hook_params["respond_by"], hook_params["employees_invited"]) == (stored, [bea.pk])


@pytest.mark.parametrize("status", [s for s in Status if s != S.HEARING])
def test_hearing_answers_and_reports_belong_to_an_invitation(status, coordinator):
    complaint = bring_to(status, actor=coordinator)
    hearing = Hearing(
        complaint=complaint, party=HearingParty.COMPLAINANT, invited_at=WALK_AT, respond_by=RESPOND_BY
    )
    with pytest.raises(TransitionNotAllowed):
        services.record_hearing_report(
            hearing, report="Verslag.", held_on=WALK_HEARING_ON, actor=coordinator, at=AT
        )
    with pytest.raises(TransitionNotAllowed):
        services.record_hearing_response(
            hearing,
            response=HearingResponse.WANTS,
            on=WALK_AT.date(),
            how="telefonisch",
            actor=coordinator,
            at=AT,
        )


# =====================================================================================
# Awb 9:5: satisfaction recorded; back to formal handling within the offered term
# =====================================================================================

RESOLUTION = {
    "solution": "Excuses gemaakt.",
    "rung": Rung.HANDLER,
    "satisfied_on": d(2026, 3, 19),
    "satisfied_how": "telefonisch",
}


@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        ({}, None),
        ({"satisfied_on": None}, "tevreden"),
        ({"satisfied_how": ""}, "hoe de klager"),
        ({"satisfied_on": None, "satisfied_how": ""}, "tevreden"),
        ({"satisfied_on": d(2026, 3, 21)}, "nog moet komen"),
        ({"satisfied_on": d(2026, 3, 1)}, "vóór de klacht binnenkwam"),
        ({"satisfied_on": dt.datetime(2026, 3, 19, 10, 0, tzinfo=AMSTERDAM)}, "tevreden"),
    ],
    ids=["allowed", "no-date", "no-how", "neither", "in-the-future", "before-receipt", "datetime"],
)
def test_satisfaction_recorded_9_5(changes, refused, coordinator):
    complaint = bring_to(S.INFORMAL, actor=coordinator)
    params = {k: v for k, v in {**RESOLUTION, **changes}.items() if v is not None}
    at = moment(d(2026, 3, 20), 11)
    if refused:
        error = assert_refused(
            complaint, "resolve_informally", GuardFailed, actor=coordinator, at=at, **params
        )
        assert refused in error.message
        return
    lifecycle.perform(complaint, "resolve_informally", actor=coordinator, at=at, **params)
    saved = Complaint.objects.get(pk=complaint.pk)
    assert (saved.satisfaction_confirmed_on, saved.satisfaction_how) == (d(2026, 3, 19), "telefonisch")
    # Confirmed Fri 20 Mar + 14 days = Fri 3 Apr, Good Friday -> Sat -> Easter Sun -> Easter Mon -> Tue 7 Apr.
    assert saved.formal_request_due == d(2026, 4, 7)


def test_the_reopen_term_is_a_setting(coordinator):
    municipality = Municipality.load()
    municipality.informal_reopen_days = 10
    municipality.save()
    complaint = bring_to(S.INFORMAL, actor=coordinator)
    lifecycle.perform(
        complaint, "resolve_informally", actor=coordinator, at=moment(d(2026, 3, 20)), **RESOLUTION
    )
    # Fri 20 Mar + 10 days = Mon 30 Mar 2026.
    assert Complaint.objects.get(pk=complaint.pk).formal_request_due == d(2026, 3, 30)


# Resolved on Tue 3 March 2026: formal handling can be asked until 3 + 14 = Tue 17 March.
# (status, requested_on, how, refused-message fragment or None); recorded on AT (Wed 8 April).
REOPEN_CASES = [
    pytest.param(S.RESOLVED_INFORMALLY, d(2026, 3, 10), "per e-mail", None, id="resolved-within-allowed"),
    pytest.param(S.RESOLVED_INFORMALLY, d(2026, 3, 17), "per e-mail", None, id="resolved-last-day-allowed"),
    pytest.param(
        S.RESOLVED_INFORMALLY,
        d(2026, 3, 18),
        "per e-mail",
        "tot en met 17-03-2026",
        id="resolved-after-refused",
    ),
    pytest.param(S.LEARNING_REVIEW, d(2026, 3, 17), "per brief", None, id="learning-review-within-allowed"),
    pytest.param(
        S.LEARNING_REVIEW,
        d(2026, 3, 18),
        "per brief",
        "tot en met 17-03-2026",
        id="learning-review-after-refused",
    ),
    pytest.param(
        S.RESOLVED_INFORMALLY, d(2026, 4, 9), "per e-mail", "nog moet komen", id="date-in-the-future-refused"
    ),
    pytest.param(S.RESOLVED_INFORMALLY, None, "per e-mail", "op welke datum", id="no-date-refused"),
    pytest.param(S.RESOLVED_INFORMALLY, d(2026, 3, 10), "  ", "hoe de klager", id="no-how-refused"),
]


@pytest.mark.parametrize(("status", "requested_on", "how", "refused"), REOPEN_CASES)
def test_back_to_formal_9_5(status, requested_on, how, refused, coordinator):
    complaint = bring_to(status, actor=coordinator, route="informal")
    assert complaint.formal_request_due == d(2026, 3, 17)
    params = {"how": how} | ({"requested_on": requested_on} if requested_on else {})
    if refused:
        error = assert_refused(complaint, "reopen_formal", GuardFailed, actor=coordinator, **params)
        assert refused in error.message
        return
    lifecycle.perform(complaint, "reopen_formal", actor=coordinator, at=AT, **params)
    saved = Complaint.objects.get(pk=complaint.pk)
    assert (saved.status, saved.route, saved.outcome, saved.formal_requested_on) == (
        S.FORMAL,
        Route.FORMAL,
        "",
        requested_on,
    )
    # The legal term still counts from the original receipt (Mon 2 Mar -> Mon 13 Apr).
    assert saved.decision_due == DECISION_DUE
    # The satisfaction that was recorded stays on the file.
    assert saved.satisfaction_confirmed_on == WALK_AT.date()
    # When and how the complainant asked is on the timeline.
    event = saved.events.get(kind=EventKind.STATUS_CHANGE, transition="reopen_formal")
    assert event.data == {"requested_on": requested_on.isoformat(), "how": how}


@pytest.mark.parametrize("route", ["formal-hearing", "signal"])
def test_only_an_informal_resolution_goes_back_to_formal(route, coordinator):
    complaint = bring_to(S.LEARNING_REVIEW, actor=coordinator, route=route)
    error = assert_refused(
        complaint,
        "reopen_formal",
        GuardFailed,
        actor=coordinator,
        requested_on=d(2026, 3, 31),
        how="per e-mail",
    )
    assert "informeel opgeloste" in error.message


# =====================================================================================
# Awb 2:3: a bezwaar, Woo request or claim is forwarded, not refused
# =====================================================================================


def _destination(kind=DocumentKind.OBJECTION, email="", department_email=None):
    department = (
        Department.objects.create(name="Juridische zaken", code="jz", email=department_email or "")
        if department_email is not None
        else None
    )
    return ForwardingDestination.objects.create(
        kind=kind, name=FORWARDED_TO, email=email, department=department
    )


# (the configured destination, the kind of document, refused-message fragment or None)
FORWARD_CASES = [
    pytest.param(None, DocumentKind.OBJECTION, "Doorzendadressen", id="nothing-configured-refused"),
    pytest.param(
        {"kind": DocumentKind.WOO_REQUEST, "email": "woo@gemeente.example"},
        DocumentKind.OBJECTION,
        "Doorzendadressen",
        id="only-another-kind-refused",
    ),
    pytest.param({}, DocumentKind.OBJECTION, "Doorzendadressen", id="no-address-refused"),
    pytest.param(
        {"department_email": ""},
        DocumentKind.OBJECTION,
        "Doorzendadressen",
        id="department-without-address-refused",
    ),
    pytest.param(
        {"email": "bezwaar@gemeente.example"}, DocumentKind.OBJECTION, None, id="own-address-allowed"
    ),
    pytest.param(
        {"department_email": "jz@gemeente.example"},
        DocumentKind.OBJECTION,
        None,
        id="department-address-allowed",
    ),
    pytest.param(
        {"email": "bezwaar@gemeente.example"}, "klacht", "Kies wat voor stuk", id="unknown-kind-refused"
    ),
    pytest.param({"email": "bezwaar@gemeente.example"}, None, "Kies wat voor stuk", id="no-kind-refused"),
]


@pytest.mark.parametrize("status", [S.RECEIVED, S.TRIAGE])
@pytest.mark.parametrize(("destination", "kind", "refused"), FORWARD_CASES)
def test_forward_2_3(destination, kind, refused, status, coordinator):
    if destination is not None:
        _destination(**destination)
    complaint = bring_to(status, actor=coordinator)
    params = {"document_kind": kind} if kind else {}
    if refused:
        error = assert_refused(complaint, "forward", GuardFailed, actor=coordinator, **params)
        assert refused in error.message
        return
    lifecycle.perform(complaint, "forward", actor=coordinator, at=AT, **params)
    saved = Complaint.objects.get(pk=complaint.pk)
    assert (saved.status, saved.outcome, saved.referred_to, saved.forwarded_kind) == (
        S.REFERRED,
        Outcome.REFERRED,
        FORWARDED_TO,
        DocumentKind.OBJECTION,
    )
    # The date of receipt stays (Awb 2:3, 6:15).
    assert saved.received_at == RECEIVED
    assert saved.events.filter(kind=EventKind.STATUS_CHANGE, transition="forward").exists()


# =====================================================================================
# Anonymous complaints: no formal route, handled as a signal
# =====================================================================================


@pytest.mark.parametrize(
    ("anonymous", "status", "name", "refused"),
    [
        (True, S.TRIAGE, "start_formal", True),
        (True, S.INFORMAL, "escalate", True),
        (True, S.TRIAGE, "handle_as_signal", False),
        (True, S.TRIAGE, "start_informal", False),
        (False, S.TRIAGE, "handle_as_signal", True),
        (False, S.TRIAGE, "start_formal", False),
        (False, S.INFORMAL, "escalate", False),
    ],
)
def test_anonymous(anonymous, status, name, refused, coordinator):
    complaint = bring_to(status, actor=coordinator, route="informal", anonymous=anonymous)
    if refused:
        error = assert_refused(complaint, name, GuardFailed, actor=coordinator)
        assert ("anonieme" if anonymous else "Alleen een anonieme") in error.message
        return
    assert lifecycle.perform(complaint, name, actor=coordinator, at=AT).status != status


def test_a_signal_is_learned_from_and_closed(coordinator):
    complaint = bring_to(S.LEARNING_REVIEW, actor=coordinator, route="signal")
    assert (complaint.outcome, complaint.route) == (Outcome.NO_JUDGEMENT, Route.INFORMAL)
    record_learning_review(
        complaint, improvement_possible=True, reasoning="Bordjes bij de balie.", actor=coordinator, at=AT
    )
    closed = lifecycle.perform(complaint, "close", actor=coordinator, at=AT)
    assert (closed.status, closed.retention_result) == (S.CLOSED, RetentionResult.HANDLED)


# =====================================================================================
# Closing (Selectielijst 2020, 13) and the ombudsman (Awb 9:24)
# =====================================================================================


@pytest.fixture
def reviewed(coordinator):
    """A decided complaint whose learning review is recorded, ready to close."""
    complaint = bring_to(S.LEARNING_REVIEW, actor=coordinator)
    return satisfy_guard(complaint, "close", actor=coordinator)


@pytest.mark.parametrize(
    ("retention", "stored"),
    [
        (None, RetentionResult.HANDLED),
        (RetentionResult.HANDLED, RetentionResult.HANDLED),
        (RetentionResult.FINANCIAL, RetentionResult.FINANCIAL),
        (RetentionResult.PERMANENT, RetentionResult.PERMANENT),
        (RetentionResult.OMBUDSMAN, None),
        (RetentionResult.NOT_HANDLED, None),
        ("tien_jaar", None),
    ],
)
def test_close_stores_the_retention_result(retention, stored, reviewed, coordinator):
    params = {} if retention is None else {"retention": retention}
    if stored is None:
        error = assert_refused(reviewed, "close", GuardFailed, actor=coordinator, **params)
        assert "bewaartermijn" in error.message
        return
    closed = lifecycle.perform(reviewed, "close", actor=coordinator, at=AT, **params)
    assert Complaint.objects.get(pk=closed.pk).retention_result == stored


@pytest.mark.parametrize(
    ("retention", "after"),
    [
        (RetentionResult.HANDLED, RetentionResult.OMBUDSMAN),
        (RetentionResult.FINANCIAL, RetentionResult.OMBUDSMAN),
        (RetentionResult.PERMANENT, RetentionResult.PERMANENT),
    ],
)
def test_ombudsman_after_closing(retention, after, reviewed, coordinator):
    closed = lifecycle.perform(reviewed, "close", actor=coordinator, at=AT, retention=retention)
    later = moment(d(2026, 9, 1))
    done = services.record_ombudsman(closed, on=d(2026, 8, 31), actor=coordinator, at=later)
    saved = Complaint.objects.get(pk=done.pk)
    assert (saved.ombudsman_on, saved.resolution_rung, saved.retention_result) == (
        d(2026, 8, 31),
        Rung.EXTERNAL,
        after,
    )
    # The ombudsman's handling ended: 10 years count from then.
    services.record_ombudsman(
        saved, on=d(2026, 8, 31), ended_on=d(2026, 11, 30), actor=coordinator, at=moment(d(2026, 12, 1))
    )
    assert Complaint.objects.get(pk=done.pk).ombudsman_ended_on == d(2026, 11, 30)


def test_close_after_the_ombudsman_keeps_the_ombudsman_result(reviewed, coordinator):
    services.record_ombudsman(reviewed, on=AT.date(), actor=coordinator, at=AT)
    closed = lifecycle.perform(reviewed, "close", actor=coordinator, at=AT)
    assert closed.retention_result == RetentionResult.OMBUDSMAN


def test_ombudsman_after_not_handled(coordinator):
    complaint = bring_to(S.NOT_HANDLED, actor=coordinator)
    assert complaint.retention_result == RetentionResult.NOT_HANDLED
    services.record_ombudsman(complaint, on=AT.date(), actor=coordinator, at=AT)
    assert Complaint.objects.get(pk=complaint.pk).retention_result == RetentionResult.OMBUDSMAN


# While open: only once the decision term (Mon 13 April 2026) passed without a decision (9:24 lid 1 b).
@pytest.mark.parametrize(
    ("status", "day", "allowed"),
    [
        (S.FORMAL, d(2026, 4, 8), False),
        (S.FORMAL, d(2026, 4, 13), False),
        (S.FORMAL, d(2026, 4, 14), True),
        (S.HEARING, d(2026, 4, 14), True),
        (S.TRIAGE, d(2026, 4, 13), False),
        (S.TRIAGE, d(2026, 4, 14), True),
        (S.INFORMAL, d(2026, 4, 14), True),
        (S.DECIDED, d(2026, 4, 8), True),
        (S.RESOLVED_INFORMALLY, d(2026, 4, 14), False),
    ],
)
def test_ombudsman_while_open_9_24(status, day, allowed, coordinator):
    complaint = bring_to(status, actor=coordinator)
    assert lifecycle.action_allowed(complaint, "ombudsman", day) is allowed
    at = moment(day, 12)
    if not allowed:
        error = assert_unchanged(
            complaint,
            lambda: services.record_ombudsman(complaint, on=day, actor=coordinator, at=at),
            TransitionNotAllowed,
        )
        assert "9:24" in error.message
        return
    services.record_ombudsman(complaint, on=day, actor=coordinator, at=at)
    saved = Complaint.objects.get(pk=complaint.pk)
    assert (saved.ombudsman_on, saved.status) == (day, status)


def test_a_postponed_term_moves_the_ombudsman_too(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    complaint = lifecycle.postpone_decision(complaint, weeks=1, reason="Advies.", actor=coordinator, at=AT)
    # Postponed to Mon 20 April 2026: not yet on Tue 14 April.
    assert lifecycle.action_allowed(complaint, "ombudsman", d(2026, 4, 14)) is False
    assert lifecycle.action_allowed(complaint, "ombudsman", d(2026, 4, 21)) is True


@pytest.mark.parametrize(
    ("on", "ended_on", "match"),
    [
        (d(2026, 9, 2), None, "toekomst"),
        (d(2026, 8, 31), d(2026, 8, 30), "ombudsman eindigde"),
        (d(2026, 8, 31), d(2026, 9, 2), "ombudsman eindigde"),
    ],
    ids=["on-in-the-future", "ended-before-it-began", "ended-in-the-future"],
)
def test_ombudsman_dates(on, ended_on, match, coordinator):
    complaint = bring_to(S.WITHDRAWN, actor=coordinator)
    assert_unchanged(
        complaint,
        lambda: services.record_ombudsman(
            complaint, on=on, ended_on=ended_on, actor=coordinator, at=moment(d(2026, 9, 1))
        ),
        GuardFailed,
        match=match,
    )


# =====================================================================================
# One home for "what may be done now": ACTION_STATUSES
# =====================================================================================

OPEN = {S.RECEIVED, S.TRIAGE, S.INFORMAL, S.FORMAL, S.HEARING}
FINAL = {S.CLOSED, S.REFERRED, S.NOT_HANDLED, S.WITHDRAWN}
ACTIVE = OPEN | {S.RESOLVED_INFORMALLY, S.DECIDED, S.LEARNING_REVIEW}
DECIDING = {S.FORMAL, S.HEARING}
# Every action and the statuses it may be taken in, by hand. The ombudsman while open
# only once the decision term passed: on Wed 8 April 2026 it has not.
EXPECTED_ACTIONS: dict[str, set[Status]] = {
    "note": set(Status),
    "contact": ACTIVE,
    "assign": ACTIVE,
    "representative": ACTIVE,
    "competent_organ": ACTIVE,
    "edit_title": ACTIVE,
    "add_part": OPEN,
    "reword_part": OPEN,
    "split_part": OPEN,
    "involve_employee": OPEN,
    "attachment": OPEN,
    "missing_elements": OPEN,
    "complainant_addition": OPEN,
    "about_failure_to_decide": OPEN,
    "send_copy": OPEN,
    "waive_copy": OPEN,
    "committee": {S.TRIAGE, S.FORMAL, S.HEARING},
    "judge_part": DECIDING,
    "findings": DECIDING,
    "skip_hearing": DECIDING,
    # Awb 9:11: the term runs on every route until the complaint is handled.
    "postpone": OPEN,
    "extend_with_consent": OPEN,
    "hearing_response": {S.HEARING},
    "hearing_report": {S.HEARING},
    "learning_review": {S.LEARNING_REVIEW},
    "propose_measure": {S.LEARNING_REVIEW},
    "ombudsman": FINAL | {S.DECIDED, S.LEARNING_REVIEW},
    "erase": FINAL,
}
BEFORE_THE_TERM = d(2026, 4, 8)
AFTER_THE_TERM = d(2026, 4, 14)


def test_every_action_is_in_the_table():
    assert set(ACTION_STATUSES) == set(EXPECTED_ACTIONS)
    assert set(COORDINATOR_ACTIONS) == {"assign", "committee", "competent_organ", "erase"}
    with pytest.raises(KeyError):
        lifecycle.action_allowed(Complaint(status=S.FORMAL), "dansen")


@pytest.mark.parametrize("status", list(Status))
def test_actions_allowed_exactly_in_their_statuses(status, coordinator, handler):
    complaint = bring_to(status, actor=coordinator, handler=handler)
    allowed = {action for action, statuses in EXPECTED_ACTIONS.items() if status in statuses}
    for action in EXPECTED_ACTIONS:
        assert lifecycle.action_allowed(complaint, action, BEFORE_THE_TERM) is (action in allowed), action
    # Once the decision term passed, the ombudsman is possible while open too (9:24 lid 1 b).
    after = allowed | ({"ombudsman"} if status in OPEN else set())
    assert {a for a in EXPECTED_ACTIONS if lifecycle.action_allowed(complaint, a, AFTER_THE_TERM)} == after
    # The coordinator may do all of it; the assigned handler all but the coordinator's actions.
    now = {a for a in EXPECTED_ACTIONS if lifecycle.action_allowed(complaint, a)}
    assert lifecycle.allowed_actions(complaint, coordinator) == now
    assert lifecycle.allowed_actions(complaint, handler) == now - COORDINATOR_ACTIONS
    assert not lifecycle.allowed_actions(complaint, handler) & COORDINATOR_ACTIONS


def test_allowed_actions_only_for_who_may_handle(coordinator, handler):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    # Not assigned, another role, nobody, or someone the complaint is about: nothing.
    assert lifecycle.allowed_actions(complaint, handler) == frozenset()
    assert lifecycle.allowed_actions(complaint, factories.UserFactory(roles=[Role.ADMIN])) == frozenset()
    assert lifecycle.allowed_actions(complaint, None) == frozenset()
    involved = factories.coordinator()
    complaint.employees_involved.add(involved)
    assert lifecycle.allowed_actions(complaint, involved) == frozenset()
    assert "judge_part" in lifecycle.allowed_actions(complaint, coordinator)


# A service per action, refused outside its statuses with the lifecycle's message.
def _judge(complaint, actor):
    services.judge_part(complaint.parts.first(), judgement=Judgement.UNFOUNDED, reasoning="M.", actor=actor)


SERVICE_CALLS = {
    "judge_part": _judge,
    "findings": lambda c, a: services.record_findings(c, findings="B.", conclusions="", actor=a),
    "add_part": lambda c, a: services.add_part(c, description="Nog iets.", actor=a),
    "reword_part": lambda c, a: parts.reword_part(c.parts.first(), description="Anders gezegd.", actor=a),
    "split_part": lambda c, a: parts.split_part(c.parts.first(), "Het eerste.", "Het tweede.", actor=a),
    "edit_title": lambda c, a: subject.set_title(c, title="Een nieuw onderwerp", actor=a),
    "involve_employee": lambda c, a: services.add_involved_employee(
        c, employee=factories.UserFactory(), actor=a
    ),
    "about_failure_to_decide": lambda c, a: services.set_about_failure_to_decide(
        c, value=True, actor=a, at=AT
    ),
    "waive_copy": lambda c, a: services.waive_copy(c, reason=CopyWaiverReason.NO_PERSON, actor=a, at=AT),
    "competent_organ": lambda c, a: services.set_competent_organ(c, organ="mayor", actor=a, at=AT),
    "skip_hearing": lambda c, a: lifecycle.record_hearing_skipped(
        c, reason=HearingSkipReason.CLEARLY_UNFOUNDED, explanation="Kennelijk.", actor=a, at=AT
    ),
    "postpone": lambda c, a: lifecycle.postpone_decision(c, weeks=1, reason="Advies.", actor=a, at=AT),
    "extend_with_consent": lambda c, a: lifecycle.record_extension_consent(
        c, until=d(2026, 6, 1), consent_on=AT.date(), how="per e-mail", actor=a, at=AT
    ),
}
SERVICE_CASES = [(action, status) for action in SERVICE_CALLS for status in Status]


@pytest.mark.parametrize(
    ("action", "status"), SERVICE_CASES, ids=[f"{a}--{s.value}" for a, s in SERVICE_CASES]
)
def test_services_ask_the_lifecycle(action, status, coordinator):
    complaint = bring_to(status, actor=coordinator)
    call = SERVICE_CALLS[action]
    if status in EXPECTED_ACTIONS[action]:
        call(complaint, coordinator)
        return
    error = assert_unchanged(complaint, lambda: call(complaint, coordinator), TransitionNotAllowed)
    assert error.code == "action_not_allowed"


def test_a_waived_complainant_is_not_invited_when_only_the_employee_is_still_to_be_heard(
    coordinator, bea, captured
):
    complaint = bring_to(S.FORMAL, actor=coordinator, employees_involved=[bea])
    complaint = skip(
        complaint, HearingSkipReason.WAIVED, coordinator, AT, waived_on=AT.date(), waived_how="telefonisch"
    )
    complaint = lifecycle.perform(
        complaint, "schedule_hearing", actor=coordinator, at=AT, hearing_on=d(2026, 4, 30)
    )
    assert list(complaint.hearings.values_list("party", flat=True)) == [HearingParty.EMPLOYEE]
    params = dict(captured)["schedule_hearing"]
    assert params["complainant_invited"] is False
    assert params["employees_invited"] == [bea.pk]


def test_nobody_to_invite_is_refused(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    complaint = skip(
        complaint, HearingSkipReason.WAIVED, coordinator, AT, waived_on=AT.date(), waived_how="per e-mail"
    )
    error = assert_refused(
        complaint, "schedule_hearing", GuardFailed, actor=coordinator, at=AT, hearing_on=d(2026, 4, 30)
    )
    assert "niemand om te horen" in error.message


def test_the_committee_cannot_revive_a_term_that_ran_out(with_committee, coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    assert complaint.decision_due == DECISION_DUE  # Mon 13 Apr 2026
    # On the last day of the 6 weeks the committee may still be chosen ...
    lifecycle.set_committee(complaint, committee=False, actor=coordinator, at=moment(DECISION_DUE, 16))
    # ... the day after, it is too late: the term does not become 10 weeks in hindsight.
    error = assert_unchanged(
        complaint,
        lambda: lifecycle.set_committee(
            complaint, committee=True, actor=coordinator, at=moment(DECISION_DUE + dt.timedelta(days=1))
        ),
        GuardFailed,
    )
    assert "verstreken" in error.message and "(lid 3)" in error.message
    complaint = lifecycle.set_committee(
        complaint, committee=True, actor=coordinator, at=moment(DECISION_DUE, 16)
    )
    assert complaint.decision_due == d(2026, 5, 11)


def test_a_complainant_who_did_not_come_was_offered_a_hearing(coordinator):
    # Awb 9:10 lid 1: the hearing was offered; the complainant wanted it and did not come.
    complaint = bring_to(S.FORMAL, actor=coordinator)
    complaint = lifecycle.perform(
        complaint, "schedule_hearing", actor=coordinator, at=AT, hearing_on=d(2026, 4, 30)
    )
    respond(complaint, HearingResponse.WANTS, AT.date(), AT, coordinator)
    hearing = complaint.hearings.get(party=HearingParty.COMPLAINANT)
    services.record_hearing_report(
        hearing,
        report="Klager niet verschenen en niet afgemeld; telefonisch niet bereikt.",
        held_on=d(2026, 4, 30),
        attended=False,
        actor=coordinator,
        at=moment(d(2026, 4, 30), 15),
    )
    hearing.refresh_from_db()
    assert hearing.attended is False and hearing.is_reported
    assert lifecycle.hearings_outstanding(complaint, d(2026, 4, 30)) == []
    event = complaint.events.latest("pk")
    assert event.summary == "Niet verschenen om gehoord te worden (de klager)"
