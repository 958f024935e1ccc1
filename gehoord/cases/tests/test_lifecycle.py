"""Tests of the complaint lifecycle (gehoord.cases.lifecycle) and the services around it.

The state machine is tested table-driven: every (status, step) pair is either
allowed (the complaint is brought into the status through the real lifecycle,
the step is taken and its effects checked) or refused (nothing may change).
The tables are generated from ``Status`` and ``TRANSITIONS`` so they stay
complete, and checked against a hand-written copy of the documented diagram so
that a change to the machine is a deliberate one. The rules per article of the
Awb are tested in ``test_awb.py``.

Every step is taken at a fixed moment (``at=``), never "now", so the tests do
not depend on the day they run. The walk to a status happens in March 2026,
the step under test on ``AT``:

* Mon 2 March 2026: received. Decision due 6 weeks later, Mon 13 April (no Atw
  day); the Awb 9:8 lid 3 notice 4 weeks later, Mon 30 March.
* Tue 3 March (``WALK_AT``): triage, route, invitation to a hearing on Mon 30
  March; the answer term (2 weeks) ends Tue 17 March, before the hearing.
  Resolved informally that day: formal handling can be asked until 3 + 14 =
  Tue 17 March.
* Tue 31 March (``HEARD_AT``): the report of the hearing of 30 March, the
  findings and judgements, the decision, the learning review, closing.
* Wed 8 April 2026, 11:30 (``AT``): the step under test, before the decision
  term ends.

Expected dates are worked out by hand from a printed calendar (see the
comments), not by calling the implementation.
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.cases import lifecycle, registration, services
from gehoord.cases.constants import (
    COPY_9_9_MARKER,
    Channel,
    CopyWaiverReason,
    EventKind,
    HearingParty,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Outcome,
    RetentionResult,
    Route,
    Rung,
    Status,
)
from gehoord.cases.lifecycle import TRANSITIONS, overall_outcome
from gehoord.cases.models import Complaint, ComplaintEvent, ComplaintPart, ConductNorm, Hearing
from gehoord.cases.tests import factories
from gehoord.clock.terms import CURRENT_DECREE_DAYS, AtwCalendar, decision_deadline
from gehoord.core.errors import GuardFailed, PermissionDenied, TransitionNotAllowed
from gehoord.learning.services import record_learning_review
from gehoord.organisation.constants import DocumentKind
from gehoord.organisation.models import ForwardingDestination

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Mon 2 March 2026, 10:00 Dutch time. 6 weeks later is Mon 13 April 2026 (no Atw day).
RECEIVED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)
DECISION_DUE = dt.date(2026, 4, 13)
# The walk to a status: before the hearing, and after it.
WALK_AT = dt.datetime(2026, 3, 3, 9, 0, tzinfo=AMSTERDAM)
WALK_HEARING_ON = dt.date(2026, 3, 30)
HEARD_AT = dt.datetime(2026, 3, 31, 9, 0, tzinfo=AMSTERDAM)
# When the step under test is taken.
AT = dt.datetime(2026, 4, 8, 11, 30, tzinfo=AMSTERDAM)
REASON = "  Toelichting bij de stap.  "
FORWARDED_TO = "de bezwaarschriftencommissie"

# --- the documented machine, by hand ------------------------------------------------

S = Status
# The target of every step, as the module docstring draws it.
EXPECTED_TARGET = {
    "start_triage": S.TRIAGE,
    "refer": S.REFERRED,
    "forward": S.REFERRED,
    "not_handle": S.NOT_HANDLED,
    "start_informal": S.INFORMAL,
    "start_formal": S.FORMAL,
    "handle_as_signal": S.LEARNING_REVIEW,
    "resolve_informally": S.RESOLVED_INFORMALLY,
    "escalate": S.FORMAL,
    "reopen_formal": S.FORMAL,
    "schedule_hearing": S.HEARING,
    "decide": S.DECIDED,
    "start_learning_review": S.LEARNING_REVIEW,
    "close": S.CLOSED,
    "withdraw": S.WITHDRAWN,
}
OPEN = (S.RECEIVED, S.TRIAGE, S.INFORMAL, S.FORMAL, S.HEARING)
EXPECTED_EDGES = {
    (S.RECEIVED, "start_triage"),
    (S.TRIAGE, "refer"),
    # Awb 2:3: a bezwaar, Woo request or claim is forwarded, from intake.
    (S.RECEIVED, "forward"),
    (S.TRIAGE, "forward"),
    (S.TRIAGE, "not_handle"),
    (S.INFORMAL, "not_handle"),
    (S.FORMAL, "not_handle"),
    (S.HEARING, "not_handle"),
    (S.TRIAGE, "start_informal"),
    (S.TRIAGE, "start_formal"),
    (S.TRIAGE, "handle_as_signal"),
    (S.INFORMAL, "resolve_informally"),
    (S.INFORMAL, "escalate"),
    # Awb 9:5: back to formal handling when the complainant asks within the term.
    (S.RESOLVED_INFORMALLY, "reopen_formal"),
    (S.LEARNING_REVIEW, "reopen_formal"),
    (S.FORMAL, "schedule_hearing"),
    (S.FORMAL, "decide"),
    (S.HEARING, "decide"),
    (S.RESOLVED_INFORMALLY, "start_learning_review"),
    (S.DECIDED, "start_learning_review"),
    (S.LEARNING_REVIEW, "close"),
    *((status, "withdraw") for status in OPEN),
}
COORDINATOR_ONLY = {
    "start_triage",
    "refer",
    "forward",
    "not_handle",
    "start_informal",
    "start_formal",
    "handle_as_signal",
    "close",
}

# Valid parameters for every step taken on AT (Wed 8 April 2026).
VALID_PARAMS: dict[str, dict] = {
    "refer": {"destination": "  Melding openbare ruimte  ", "reason": REASON},
    "forward": {"document_kind": DocumentKind.OBJECTION, "reason": REASON},
    # The date of the conduct is not known: ground b then needs the reason.
    "not_handle": {"ground": NotHandledGround.OLDER_THAN_A_YEAR, "reason": REASON},
    "resolve_informally": {
        "solution": "  Excuses aangeboden en uitleg gegeven.  ",
        "rung": Rung.EMPLOYEE,
        "satisfied_on": dt.date(2026, 4, 7),
        "satisfied_how": "  telefonisch  ",
        "reason": REASON,
    },
    # Resolved on WALK_AT (Tue 3 March): formal handling could be asked until Tue 17 March.
    "reopen_formal": {"requested_on": dt.date(2026, 3, 16), "how": " per e-mail ", "reason": REASON},
    # Invited on Wed 8 April for Thu 30 April; the answer term of 2 weeks ends Wed 22 April.
    "schedule_hearing": {
        "hearing_on": dt.date(2026, 4, 30),
        "hearing_time": "14:00",
        "hearing_location": "Gemeentehuis, spreekkamer 2",
        "reason": REASON,
    },
}
# The steps whose parameters are dates differ while walking to a status: see walk_params_for.
WALK_PARAMS = frozenset({"resolve_informally", "reopen_formal", "schedule_hearing"})
# The walk: the steps before the hearing 4 weeks before the steps after it, the hearing the day before.
WALK_WEEKS = 4
# What a complaint needs from the start for a step to be possible at all.
STEP_SETUP: dict[str, dict] = {
    # Only an anonymous complaint is handled as a signal.
    "handle_as_signal": {"anonymous": True},
    # Only a complaint resolved informally goes back to formal handling.
    "reopen_formal": {"route": "informal"},
}


def params_for(name: str) -> dict:
    return dict(VALID_PARAMS.get(name, {"reason": REASON}))


def walk_params_for(name: str, heard_at: dt.datetime = HEARD_AT) -> dict:
    """The parameters of step `name` on a walk whose hearing report is made on `heard_at`.

    By default: satisfied or asked on WALK_AT (Tue 3 March 2026), the hearing on
    WALK_HEARING_ON (Mon 30 March 2026).
    """
    params = params_for(name)
    walk_day = (heard_at - dt.timedelta(weeks=WALK_WEEKS)).date()
    if name == "resolve_informally":
        params["satisfied_on"] = walk_day
    elif name == "reopen_formal":
        params["requested_on"] = walk_day
    elif name == "schedule_hearing":
        params["hearing_on"] = timezone.localdate(heard_at) - dt.timedelta(days=1)
    return params


# --- walking the real lifecycle -----------------------------------------------------

FORMAL_WITH_HEARING = (
    "start_triage",
    "start_formal",
    "schedule_hearing",
    "decide",
    "start_learning_review",
    "close",
)
FORMAL_WITHOUT_HEARING = ("start_triage", "start_formal", "decide", "start_learning_review", "close")
INFORMAL_ROUTE = ("start_triage", "start_informal", "resolve_informally", "start_learning_review", "close")
ESCALATED_ROUTE = (
    "start_triage",
    "start_informal",
    "escalate",
    "schedule_hearing",
    "decide",
    "start_learning_review",
    "close",
)
REOPENED_ROUTE = (
    "start_triage",
    "start_informal",
    "resolve_informally",
    "reopen_formal",
    "schedule_hearing",
    "decide",
    "start_learning_review",
    "close",
)
SIGNAL_ROUTE = ("start_triage", "handle_as_signal", "close")
ROUTES = {
    "formal-hearing": FORMAL_WITH_HEARING,
    "formal-no-hearing": FORMAL_WITHOUT_HEARING,
    "informal": INFORMAL_ROUTE,
    "escalated": ESCALATED_ROUTE,
    "reopened": REOPENED_ROUTE,
    "signal": SIGNAL_ROUTE,
}
# What a complaint needs to go a route.
ROUTE_SETUP = {"signal": {"anonymous": True}}
ENDINGS = {
    S.REFERRED: ("start_triage", "refer"),
    S.NOT_HANDLED: ("start_triage", "not_handle"),
    S.WITHDRAWN: ("withdraw",),
}
# The walk takes these steps after the hearing; all others before it.
AFTER_THE_HEARING = frozenset({"decide", "start_learning_review", "close"})


def path_to(status: Status, route: str = "formal-hearing") -> tuple[str, ...]:
    if status == S.RECEIVED:
        return ()
    if status in ENDINGS:
        return ENDINGS[status]
    for steps in (ROUTES[route], *ROUTES.values()):
        targets = [EXPECTED_TARGET[name] for name in steps]
        if status in targets:
            return steps[: targets.index(status) + 1]
    raise AssertionError(f"no path to {status}")


def a_norm() -> ConductNorm:
    return ConductNorm.objects.order_by("position").first()


def a_destination() -> ForwardingDestination:
    """Where a bezwaarschrift is forwarded: configured by functional management."""
    destination, _created = ForwardingDestination.objects.get_or_create(
        kind=DocumentKind.OBJECTION,
        defaults={"name": FORWARDED_TO, "email": "bezwaar@gemeente.example"},
    )
    return destination


def send_copies(complaint: Complaint, employees, *, at: dt.datetime = HEARD_AT) -> ComplaintEvent:
    """The timeline entry gehoord.correspondence.copies.send_copy_to_involved writes (Awb 9:9)."""
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=EventKind.LETTER,
        at=at,
        summary="Kopie van de klacht gestuurd aan de betrokken medewerker(s) (Awb 9:9)",
        data={"copy": COPY_9_9_MARKER, "recipients": [e.pk for e in employees], "attachments": 0},
    )


def satisfy_guard(
    complaint: Complaint,
    name: str,
    *,
    actor,
    judgement=Judgement.FOUNDED,
    at: dt.datetime = HEARD_AT,
) -> Complaint:
    """Do through the services what the guard of step `name` asks for, on `at`."""
    if name == "decide":
        complaint = services.record_findings(
            complaint,
            findings="De medewerker was kortaf.",
            conclusions="Excuses zijn op hun plaats.",
            actor=actor,
            at=at,
        )
        for part in complaint.parts.all():
            services.judge_part(
                part,
                judgement=judgement,
                reasoning="Zo bleek uit het gesprek.",
                norms=[a_norm()] if judgement in (Judgement.FOUNDED, Judgement.PARTLY_FOUNDED) else [],
                actor=actor,
                at=at,
            )
        # Awb 9:9: the copy for each employee complained about, or that there is nobody.
        employees = list(complaint.employees_involved.all())
        if employees:
            send_copies(complaint, employees, at=at)
        elif not complaint.copy_waivers.exists():
            services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=actor, at=at)
        # Awb 9:10: the hearing reports, or a ground to skip the complainant's hearing.
        if complaint.status == S.FORMAL:
            complaint = lifecycle.record_hearing_skipped(
                complaint,
                reason=HearingSkipReason.WAIVED,
                waived_on=(at - dt.timedelta(weeks=WALK_WEEKS)).date(),
                waived_how="telefonisch",
                actor=actor,
                at=at,
            )
        else:
            for hearing in complaint.hearings.all():
                # The report is made once the hearing was held.
                held = dt.datetime.combine(hearing.hearing_on, dt.time(17), tzinfo=AMSTERDAM)
                services.record_hearing_report(
                    hearing,
                    report="Klager en medewerker gehoord.",
                    held_on=hearing.hearing_on,
                    actor=actor,
                    at=max(at, held),
                )
    elif name == "close":
        record_learning_review(
            complaint,
            improvement_possible=True,
            reasoning="Baliemedewerkers krijgen een training.",
            actor=actor,
            at=at,
        )
    elif name == "forward":
        a_destination()
    return Complaint.objects.get(pk=complaint.pk)


def bring_to(
    status: Status,
    *,
    actor,
    route: str = "formal-hearing",
    handler=None,
    at: dt.datetime | None = None,
    **make_kwargs,
) -> Complaint:
    """Register a complaint and walk the real lifecycle (guards satisfied) until it has `status`.

    The steps after the hearing are taken on `at` (default HEARD_AT, Tue 31 March
    2026), the hearing was the day before, the steps before it 4 weeks earlier
    (default WALK_AT), and the complaint was received the day before those
    (default RECEIVED). Pass ``at=timezone.now()`` for a complaint that was, say,
    closed just now.
    """
    heard_at = at or HEARD_AT
    walk_at = heard_at - dt.timedelta(weeks=WALK_WEEKS)
    make_kwargs.setdefault("received_at", RECEIVED if at is None else walk_at - dt.timedelta(days=1))
    for key, value in ROUTE_SETUP.get(route, {}).items():
        make_kwargs.setdefault(key, value)
    complaint = factories.make_complaint(**make_kwargs)
    if handler is not None:
        complaint = lifecycle.assign_handler(complaint, handler, actor=actor, at=walk_at)
    for name in path_to(status, route):
        step_at = heard_at if name in AFTER_THE_HEARING else walk_at
        complaint = satisfy_guard(complaint, name, actor=actor, at=step_at)
        complaint = lifecycle.perform(
            complaint, name, actor=actor, at=step_at, **walk_params_for(name, heard_at)
        )
        assert complaint.status == EXPECTED_TARGET[name]
    assert Complaint.objects.get(pk=complaint.pk).status == status
    return complaint


def ready_for(name: str, status: Status | None = None, *, actor, handler=None, **make_kwargs) -> Complaint:
    """A complaint in `status` (default: the first the step leaves from) on which step `name` can be taken."""
    setup = {**STEP_SETUP.get(name, {}), **make_kwargs}
    complaint = bring_to(status or first_source(name), actor=actor, handler=handler, **setup)
    return satisfy_guard(complaint, name, actor=actor)


def snapshot(complaint: Complaint) -> dict:
    fresh = Complaint.objects.get(pk=complaint.pk)
    return {f.attname: getattr(fresh, f.attname) for f in Complaint._meta.concrete_fields}


def related_snapshot(complaint: Complaint) -> dict:
    """The rows a step may write besides the complaint: hearings, copy waivers."""
    return {
        "hearings": list(Hearing.objects.filter(complaint_id=complaint.pk).values()),
        "copy_waivers": list(complaint.copy_waivers.values()),
    }


def event_ids(complaint: Complaint) -> set[int]:
    return set(ComplaintEvent.objects.filter(complaint_id=complaint.pk).values_list("pk", flat=True))


def assert_refused(
    complaint: Complaint, name: str, error: type[Exception], *, actor, at: dt.datetime = AT, **params
):
    """Step `name` raises `error` and leaves the complaint, its rows and its timeline exactly as they were."""
    before, related, events_before = snapshot(complaint), related_snapshot(complaint), event_ids(complaint)
    with pytest.raises(error) as excinfo:
        lifecycle.perform(complaint, name, actor=actor, at=at, **params)
    assert snapshot(complaint) == before
    assert related_snapshot(complaint) == related
    assert event_ids(complaint) == events_before
    return excinfo.value


def first_source(name: str) -> Status:
    return next(status for status in Status if status in TRANSITIONS[name].sources)


# --- the tables ---------------------------------------------------------------------

ALLOWED = [(status, name) for name, t in TRANSITIONS.items() for status in Status if status in t.sources]
REFUSED = [(status, name) for status in Status for name, t in TRANSITIONS.items() if status not in t.sources]


def _ids(pairs):
    return [f"{status.value}--{name}" for status, name in pairs]


def test_the_machine_is_the_documented_one():
    assert set(TRANSITIONS) == set(EXPECTED_TARGET)
    assert {name: t.target for name, t in TRANSITIONS.items()} == EXPECTED_TARGET
    assert set(ALLOWED) == EXPECTED_EDGES
    assert {name for name, t in TRANSITIONS.items() if Role.HANDLER not in t.roles} == COORDINATOR_ONLY


def test_tables_cover_every_status_and_step():
    assert len(ALLOWED) > 0
    assert len(REFUSED) > 0
    assert set(ALLOWED).isdisjoint(REFUSED)
    assert len(ALLOWED) + len(REFUSED) == len(Status) * len(TRANSITIONS)
    assert len(set(ALLOWED) | set(REFUSED)) == len(Status) * len(TRANSITIONS)
    # every status is reachable by the helper
    assert set(Status) <= {S.RECEIVED, *(EXPECTED_TARGET.values())}
    # every step has its parameters and every walked step is on a route
    assert set(VALID_PARAMS) | WALK_PARAMS <= set(TRANSITIONS)
    # The default walk is the one the module docstring describes.
    assert HEARD_AT - dt.timedelta(weeks=WALK_WEEKS) == WALK_AT
    assert walk_params_for("schedule_hearing")["hearing_on"] == WALK_HEARING_ON
    assert set(TRANSITIONS) - {"refer", "forward", "not_handle", "withdraw"} <= {
        name for steps in ROUTES.values() for name in steps
    }


# The fields a step may change, and what each step sets them to. A field not
# named for a step must keep the value it had.
TRACKED = (
    "status",
    "outcome",
    "route",
    "resolution_rung",
    "closed_at",
    "decided_at",
    "end_reason",
    "referred_to",
    "forwarded_kind",
    "not_handled_ground",
    "informal_solution",
    "satisfaction_confirmed_on",
    "satisfaction_how",
    "formal_request_due",
    "formal_requested_on",
    "hearing_skip_reason",
    "retention_result",
    "handler_id",
    "committee",
    "decision_due",
    "not_handled_notice_due",
)
# Selectielijst 2020, 13: not handled, referred, withdrawn (broken off): 1 year.
ENDED = {"closed_at": AT, "end_reason": REASON.strip(), "retention_result": RetentionResult.NOT_HANDLED}
EXPECTED_EFFECTS: dict[str, dict] = {
    "start_triage": {},
    "refer": {"outcome": Outcome.REFERRED, "referred_to": "Melding openbare ruimte", **ENDED},
    "forward": {
        "outcome": Outcome.REFERRED,
        "referred_to": FORWARDED_TO,
        "forwarded_kind": DocumentKind.OBJECTION,
        **ENDED,
    },
    "not_handle": {
        "outcome": Outcome.NOT_HANDLED,
        "not_handled_ground": NotHandledGround.OLDER_THAN_A_YEAR,
        **ENDED,
    },
    "start_informal": {"route": Route.INFORMAL},
    "start_formal": {"route": Route.FORMAL},
    "handle_as_signal": {
        "route": Route.INFORMAL,
        "outcome": Outcome.NO_JUDGEMENT,
        "end_reason": REASON.strip(),
    },
    "resolve_informally": {
        "outcome": Outcome.RESOLVED_INFORMALLY,
        "resolution_rung": Rung.EMPLOYEE,
        "informal_solution": "Excuses aangeboden en uitleg gegeven.",
        "satisfaction_confirmed_on": dt.date(2026, 4, 7),
        "satisfaction_how": "telefonisch",
        # Confirmed Wed 8 April + 14 days = Wed 22 April 2026 (no Atw day).
        "formal_request_due": dt.date(2026, 4, 22),
    },
    "escalate": {"route": Route.FORMAL},
    # Awb 9:11: the decision term stays as it was, counted from the original receipt.
    "reopen_formal": {
        "route": Route.FORMAL,
        "outcome": "",
        "resolution_rung": "",
        "formal_requested_on": dt.date(2026, 3, 16),
    },
    # The invitation is Hearing rows (test_awb.py); the complaint itself does not change.
    "schedule_hearing": {},
    # all parts founded in satisfy_guard
    "decide": {"outcome": Outcome.FOUNDED, "decided_at": AT, "resolution_rung": Rung.HANDLER},
    "start_learning_review": {},
    "close": {"closed_at": AT, "retention_result": RetentionResult.HANDLED},
    "withdraw": {"outcome": Outcome.WITHDRAWN, **ENDED},
}


def test_every_step_has_expected_effects():
    assert set(EXPECTED_EFFECTS) == set(TRANSITIONS)


@pytest.mark.parametrize(("status", "name"), ALLOWED, ids=_ids(ALLOWED))
def test_allowed_transition(status, name, coordinator):
    complaint = ready_for(name, status, actor=coordinator)
    before, events_before = snapshot(complaint), event_ids(complaint)

    result = lifecycle.perform(complaint, name, actor=coordinator, at=AT, **params_for(name))

    after = snapshot(complaint)
    assert result.status == after["status"] == EXPECTED_TARGET[name]
    expected = {field: before[field] for field in TRACKED}
    expected.update(EXPECTED_EFFECTS[name])
    expected["status"] = EXPECTED_TARGET[name]
    assert {field: after[field] for field in TRACKED} == expected

    new_events = list(ComplaintEvent.objects.filter(complaint=complaint).exclude(pk__in=events_before))
    # One status change; an after-step hook may add its own aftercare entry (a voucher that became due).
    assert {e.kind for e in new_events} - {EventKind.STATUS_CHANGE} <= {EventKind.AFTERCARE}
    (event,) = [e for e in new_events if e.kind == EventKind.STATUS_CHANGE]
    assert event.from_status == status
    assert event.to_status == EXPECTED_TARGET[name]
    assert event.actor_id == coordinator.pk
    assert event.transition == name
    assert event.at == AT
    assert event.summary == str(TRANSITIONS[name].label)
    assert event.details == params_for(name).get("reason", "").strip()


@pytest.mark.parametrize(("status", "name"), REFUSED, ids=_ids(REFUSED))
def test_refused_transition(status, name, coordinator):
    # The status is checked first: whatever else the step needs does not matter.
    complaint = bring_to(status, actor=coordinator)
    error = assert_refused(complaint, name, TransitionNotAllowed, actor=coordinator, **params_for(name))
    assert error.code == "transition_not_allowed"
    assert str(TRANSITIONS[name].label) in error.message
    assert str(Status(status).label) in error.message


def test_unknown_step_is_refused(complaint, coordinator):
    assert_refused(complaint, "reopen", TransitionNotAllowed, actor=coordinator)


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_full_routes_leave_a_continuous_timeline(route, coordinator):
    complaint = bring_to(S.CLOSED, actor=coordinator, route=route)
    events = list(complaint.events.order_by("at", "pk"))
    assert events[0].kind == EventKind.CREATED
    assert events[0].to_status == S.RECEIVED
    changes = [e for e in events if e.kind == EventKind.STATUS_CHANGE]
    assert [e.transition for e in changes] == list(ROUTES[route])
    chain = [S.RECEIVED, *(EXPECTED_TARGET[name] for name in ROUTES[route])]
    assert [(e.from_status, e.to_status) for e in changes] == list(itertools.pairwise(chain))
    closed = Complaint.objects.get(pk=complaint.pk)
    assert closed.closed_at == HEARD_AT
    assert closed.retention_result == RetentionResult.HANDLED
    expected_outcome = {"informal": Outcome.RESOLVED_INFORMALLY, "signal": Outcome.NO_JUDGEMENT}
    assert closed.outcome == expected_outcome.get(route, Outcome.FOUNDED)
    assert closed.route == (Route.INFORMAL if route in ("informal", "signal") else Route.FORMAL)
    # Awb 9:11: however the complaint went, the term counts from the receipt.
    assert closed.decision_due == DECISION_DUE


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_the_walk_can_end_at_any_moment(route, coordinator):
    # Ends Tue 15 June 2027: the hearing on Mon 14 June, the earlier steps on Tue 18 May,
    # received Mon 17 May 2027.
    at = dt.datetime(2027, 6, 15, 9, 0, tzinfo=AMSTERDAM)
    closed = bring_to(S.CLOSED, actor=coordinator, route=route, at=at)
    assert closed.closed_at == at
    assert timezone.localdate(closed.received_at) == dt.date(2027, 5, 17)
    if route in ("formal-hearing", "escalated", "reopened"):
        assert closed.hearings.get().held_on == dt.date(2027, 6, 14)


# --- guards -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{}, {"destination": ""}, {"destination": "   "}, {"destination": None}],
    ids=["missing", "empty", "blank", "none"],
)
def test_refer_needs_a_destination(params, coordinator):
    complaint = bring_to(S.TRIAGE, actor=coordinator)
    assert_refused(complaint, "refer", GuardFailed, actor=coordinator, **params)


@pytest.mark.parametrize(
    "ground", [None, "", "te_laat", "gegrond"], ids=["missing", "empty", "unknown", "outcome"]
)
def test_not_handle_needs_a_legal_ground(ground, coordinator):
    complaint = bring_to(S.TRIAGE, actor=coordinator)
    params = {} if ground is None else {"ground": ground}
    error = assert_refused(complaint, "not_handle", GuardFailed, actor=coordinator, **params)
    assert "9:8" in error.message


@pytest.mark.parametrize("ground", NotHandledGround.values)
def test_not_handle_accepts_every_legal_ground(ground, coordinator):
    complaint = bring_to(S.TRIAGE, actor=coordinator)
    done = lifecycle.perform(complaint, "not_handle", actor=coordinator, at=AT, ground=ground, reason=REASON)
    assert done.status == S.NOT_HANDLED
    assert done.not_handled_ground == ground


GOOD_RESOLUTION = {
    "solution": "Opgelost.",
    "rung": Rung.EMPLOYEE,
    "satisfied_on": dt.date(2026, 4, 7),
    "satisfied_how": "telefonisch",
}


@pytest.mark.parametrize(
    "changes",
    [
        {"solution": None},
        {"solution": "   "},
        {"rung": None},
        {"rung": Rung.EXTERNAL},
        {"rung": "anders"},
        {"satisfied_on": None},
        {"satisfied_on": "2026-04-07"},
        {"satisfied_how": None},
        {"satisfied_how": "  "},
    ],
    ids=[
        "no-solution",
        "blank-solution",
        "no-rung",
        "external-rung",
        "unknown-rung",
        "no-satisfied-on",
        "satisfied-on-string",
        "no-satisfied-how",
        "blank-satisfied-how",
    ],
)
def test_resolve_informally_needs_solution_rung_and_satisfaction(changes, coordinator):
    complaint = bring_to(S.INFORMAL, actor=coordinator)
    params = {k: v for k, v in {**GOOD_RESOLUTION, **changes}.items() if v is not None}
    assert_refused(complaint, "resolve_informally", GuardFailed, actor=coordinator, **params)


@pytest.mark.parametrize("rung", [Rung.EMPLOYEE, Rung.HANDLER])
def test_resolve_informally_records_the_rung(rung, coordinator):
    complaint = bring_to(S.INFORMAL, actor=coordinator)
    done = lifecycle.perform(
        complaint, "resolve_informally", actor=coordinator, at=AT, **{**GOOD_RESOLUTION, "rung": rung}
    )
    assert done.resolution_rung == rung


@pytest.mark.parametrize(
    "hearing_on",
    [None, "", "2026-04-30", dt.datetime(2026, 4, 30, 14, 0, tzinfo=AMSTERDAM), dt.date(2026, 4, 7)],
    ids=["missing", "empty", "string", "datetime", "in-the-past"],
)
def test_schedule_hearing_needs_a_date_to_come(hearing_on, coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    params = {} if hearing_on is None else {"hearing_on": hearing_on}
    assert_refused(complaint, "schedule_hearing", GuardFailed, actor=coordinator, **params)


@pytest.fixture
def formal(coordinator):
    """A formal complaint with two parts, about no identifiable employee, whose hearing was waived."""
    complaint = bring_to(S.FORMAL, actor=coordinator, parts=("Onbeleefd.", "Niet teruggebeld."))
    services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=coordinator, at=HEARD_AT)
    return lifecycle.record_hearing_skipped(
        complaint,
        reason=HearingSkipReason.WAIVED,
        waived_on=WALK_AT.date(),
        waived_how="telefonisch",
        actor=coordinator,
        at=HEARD_AT,
    )


def _findings(complaint, actor):
    return services.record_findings(complaint, findings="Bevindingen.", conclusions="", actor=actor)


def _judge(complaint, position, judgement, actor, norms=()):
    part = complaint.parts.get(position=position)
    return services.judge_part(part, judgement=judgement, reasoning="Motivering.", norms=norms, actor=actor)


def decide(complaint, actor, at: dt.datetime = AT):
    return lifecycle.perform(complaint, "decide", actor=actor, at=at)


def test_decide_needs_findings(formal, coordinator):
    _judge(formal, 1, Judgement.UNFOUNDED, coordinator)
    _judge(formal, 2, Judgement.UNFOUNDED, coordinator)
    error = assert_refused(formal, "decide", GuardFailed, actor=coordinator)
    assert "9:12" in error.message


def test_decide_needs_every_part_judged(formal, coordinator):
    formal = _findings(formal, coordinator)
    assert_refused(formal, "decide", GuardFailed, actor=coordinator)
    _judge(formal, 1, Judgement.UNFOUNDED, coordinator)
    error = assert_refused(formal, "decide", GuardFailed, actor=coordinator)
    assert "nog zonder oordeel: 2" in error.message


def test_decide_needs_parts(formal, coordinator):
    formal = _findings(formal, coordinator)
    ComplaintPart.objects.filter(complaint=formal).delete()
    assert_refused(formal, "decide", GuardFailed, actor=coordinator)


@pytest.mark.parametrize("judgement", [Judgement.FOUNDED, Judgement.PARTLY_FOUNDED])
def test_decide_needs_a_norm_for_each_founded_part(judgement, formal, coordinator):
    formal = _findings(formal, coordinator)
    _judge(formal, 1, Judgement.UNFOUNDED, coordinator)
    _judge(formal, 2, judgement, coordinator)  # no norm
    error = assert_refused(formal, "decide", GuardFailed, actor=coordinator)
    assert "behoorlijkheidsnorm(en): 2" in error.message
    _judge(formal, 2, judgement, coordinator, norms=[a_norm()])
    assert decide(formal, coordinator).status == S.DECIDED


def test_decide_lists_everything_that_is_missing_at_once(coordinator):
    employee = factories.UserFactory(first_name="Bea", last_name="Baliemedewerker")
    complaint = bring_to(S.FORMAL, actor=coordinator, employees_involved=[employee])
    error = assert_refused(complaint, "decide", GuardFailed, actor=coordinator)
    # findings (9:12), the unjudged part, the complainant's hearing and the employee's (9:10), the copy (9:9)
    assert "5 dingen" in error.message
    for text in ("9:12", "nog zonder oordeel: 1", "nog niet uitgenodigd", "Bea Baliemedewerker", "9:9"):
        assert text in error.message


def test_decide_from_hearing_needs_the_hearing_report(coordinator):
    complaint = bring_to(S.HEARING, actor=coordinator)
    services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=coordinator, at=HEARD_AT)
    complaint = _findings(complaint, coordinator)
    _judge(complaint, 1, Judgement.UNFOUNDED, coordinator)
    error = assert_refused(complaint, "decide", GuardFailed, actor=coordinator)
    assert "hoorverslag" in error.message
    hearing = complaint.hearings.get(party=HearingParty.COMPLAINANT)
    services.record_hearing_report(
        hearing, report="Verslag.", held_on=WALK_HEARING_ON, actor=coordinator, at=HEARD_AT
    )
    assert decide(complaint, coordinator).outcome == Outcome.UNFOUNDED


def test_decide_from_formal_needs_a_hearing_or_a_reason_to_skip_it(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=coordinator, at=HEARD_AT)
    complaint = _findings(complaint, coordinator)
    _judge(complaint, 1, Judgement.UNFOUNDED, coordinator)
    error = assert_refused(complaint, "decide", GuardFailed, actor=coordinator)
    assert "9:10 lid 2" in error.message
    complaint = lifecycle.record_hearing_skipped(
        complaint,
        reason=HearingSkipReason.CLEARLY_UNFOUNDED,
        explanation="De klager was niet aan de balie op de dag die hij noemt.",
        actor=coordinator,
        at=HEARD_AT,
    )
    assert decide(complaint, coordinator).status == S.DECIDED


def test_hearing_skip_needs_a_legal_reason(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    with pytest.raises(GuardFailed):
        lifecycle.record_hearing_skipped(complaint, reason="geen zin", actor=coordinator, at=AT)
    with pytest.raises(TransitionNotAllowed):
        lifecycle.record_hearing_skipped(
            bring_to(S.INFORMAL, actor=coordinator),
            reason=HearingSkipReason.WAIVED,
            waived_on=WALK_AT.date(),
            waived_how="telefonisch",
            actor=coordinator,
            at=AT,
        )


def test_close_needs_a_learning_review(coordinator):
    complaint = bring_to(S.LEARNING_REVIEW, actor=coordinator)
    error = assert_refused(complaint, "close", GuardFailed, actor=coordinator)
    assert "leerpunten" in error.message
    record_learning_review(
        complaint, improvement_possible=False, reasoning="Niets te verbeteren.", actor=coordinator
    )
    assert lifecycle.perform(complaint, "close", actor=coordinator, at=AT).status == S.CLOSED


def test_close_needs_an_outcome(coordinator):
    complaint = bring_to(S.LEARNING_REVIEW, actor=coordinator)
    record_learning_review(
        complaint, improvement_possible=False, reasoning="Niets te verbeteren.", actor=coordinator
    )
    Complaint.objects.filter(pk=complaint.pk).update(outcome="")
    assert_refused(complaint, "close", GuardFailed, actor=coordinator)


F, P, U, N = Judgement.FOUNDED, Judgement.PARTLY_FOUNDED, Judgement.UNFOUNDED, Judgement.NO_JUDGEMENT


@pytest.mark.parametrize(
    ("judgements", "outcome"),
    [
        ([F], Outcome.FOUNDED),
        ([F, F, F], Outcome.FOUNDED),
        ([P], Outcome.PARTLY_FOUNDED),
        ([F, P], Outcome.PARTLY_FOUNDED),
        ([F, U], Outcome.PARTLY_FOUNDED),
        ([U, P], Outcome.PARTLY_FOUNDED),
        ([F, N], Outcome.PARTLY_FOUNDED),
        ([P, N, U], Outcome.PARTLY_FOUNDED),
        ([U], Outcome.UNFOUNDED),
        ([U, U], Outcome.UNFOUNDED),
        ([U, N], Outcome.UNFOUNDED),
        ([N], Outcome.NO_JUDGEMENT),
        ([N, N], Outcome.NO_JUDGEMENT),
    ],
)
def test_overall_outcome(judgements, outcome):
    assert overall_outcome(judgements) == outcome
    assert overall_outcome([str(j) for j in judgements]) == outcome  # plain strings from the database


@pytest.mark.parametrize(
    ("judgements", "outcome"),
    [
        ([F, F], Outcome.FOUNDED),
        ([F, U], Outcome.PARTLY_FOUNDED),
        ([U, N], Outcome.UNFOUNDED),
        ([N, N], Outcome.NO_JUDGEMENT),
    ],
)
def test_decide_sets_the_overall_outcome(judgements, outcome, formal, coordinator):
    formal = _findings(formal, coordinator)
    for position, judgement in enumerate(judgements, start=1):
        norms = [a_norm()] if judgement in (F, P) else []
        _judge(formal, position, judgement, coordinator, norms=norms)
    assert decide(formal, coordinator).outcome == outcome
    assert Complaint.objects.get(pk=formal.pk).outcome == outcome


# --- permissions --------------------------------------------------------------------


HANDLER_STEPS = sorted(name for name in TRANSITIONS if name not in COORDINATOR_ONLY)
COORDINATOR_STEPS = sorted(COORDINATOR_ONLY)


@pytest.mark.parametrize("name", HANDLER_STEPS)
def test_assigned_handler_may_take_handler_steps(name, coordinator, handler):
    complaint = bring_to(first_source(name), actor=coordinator, handler=handler, **STEP_SETUP.get(name, {}))
    complaint = satisfy_guard(complaint, name, actor=handler)
    done = lifecycle.perform(complaint, name, actor=handler, at=AT, **params_for(name))
    assert done.status == EXPECTED_TARGET[name]
    assert done.events.get(transition=name).actor == handler


@pytest.mark.parametrize("name", COORDINATOR_STEPS)
def test_assigned_handler_may_not_take_coordinator_steps(name, coordinator, handler):
    complaint = ready_for(name, actor=coordinator, handler=handler)
    error = assert_refused(complaint, name, PermissionDenied, actor=handler, **params_for(name))
    assert error.code == "permission_denied"


@pytest.mark.parametrize("name", HANDLER_STEPS)
def test_handler_not_assigned_may_not_step(name, coordinator, handler):
    other = factories.handler()
    assigned = ready_for(name, actor=coordinator, handler=other)
    assert_refused(assigned, name, PermissionDenied, actor=handler, **params_for(name))
    unassigned = ready_for(name, actor=coordinator)
    assert_refused(unassigned, name, PermissionDenied, actor=handler, **params_for(name))


def _users_without_a_say():
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    factories.DepartmentFactory(head=head)
    return {
        "admin": factories.UserFactory(roles=[Role.ADMIN]),
        "admin-superuser": factories.UserFactory(roles=[Role.ADMIN], is_superuser=True, is_staff=True),
        "role-less": factories.UserFactory(),
        "department-head": head,
        "inactive-coordinator": factories.coordinator(is_active=False),
    }


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_users_without_a_role_for_the_step_may_not_step(name, coordinator):
    users = _users_without_a_say()
    complaint = ready_for(name, actor=coordinator)
    for _kind, user in users.items():
        assert_refused(complaint, name, PermissionDenied, actor=user, **params_for(name))


def test_inactive_assigned_handler_may_not_step(coordinator, handler):
    complaint = bring_to(S.INFORMAL, actor=coordinator, handler=handler)
    handler.is_active = False
    handler.save()
    assert_refused(complaint, "escalate", PermissionDenied, actor=handler)
    assert not lifecycle.may_handle(handler, complaint)


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_the_complainant_may_only_withdraw(name, coordinator):
    complaint = ready_for(name, actor=coordinator)
    if name != "withdraw":
        assert_refused(complaint, name, PermissionDenied, actor=None, **params_for(name))
        return
    done = lifecycle.perform(complaint, name, actor=None, at=AT, reason="Het is al opgelost.")
    assert done.status == S.WITHDRAWN
    assert done.outcome == Outcome.WITHDRAWN
    event = done.events.get(kind=EventKind.STATUS_CHANGE, transition="withdraw")
    assert event.actor is None


@pytest.mark.parametrize("status", OPEN)
def test_the_complainant_may_withdraw_while_open(status, coordinator):
    complaint = bring_to(status, actor=coordinator)
    assert lifecycle.perform(complaint, "withdraw", actor=None, at=AT).status == S.WITHDRAWN


def test_available_transitions_follow_status_and_role(coordinator, handler):
    complaint = bring_to(S.INFORMAL, actor=coordinator, handler=handler)
    names = lambda actor: {t.name for t in lifecycle.available_transitions(complaint, actor)}  # noqa: E731
    assert names(coordinator) == {"not_handle", "resolve_informally", "escalate", "withdraw"}
    assert names(handler) == {"resolve_informally", "escalate", "withdraw"}
    assert names(factories.handler()) == set()
    assert names(None) == {"withdraw"}


def test_may_handle(coordinator, handler, complaint):
    assert lifecycle.may_handle(coordinator, complaint)
    assert not lifecycle.may_handle(handler, complaint)
    assert not lifecycle.may_handle(None, complaint)
    assert not lifecycle.may_handle(factories.UserFactory(roles=[Role.ADMIN]), complaint)
    complaint = lifecycle.assign_handler(complaint, handler, actor=coordinator)
    assert lifecycle.may_handle(handler, complaint)


# --- Awb 9:7: nobody handles a complaint about their own conduct ---------------------


def test_assign_handler_refuses_an_involved_employee(coordinator, handler):
    complaint = factories.make_complaint(employees_involved=[handler])
    before, events = snapshot(complaint), event_ids(complaint)
    with pytest.raises(GuardFailed) as excinfo:
        lifecycle.assign_handler(complaint, handler, actor=coordinator)
    assert "9:7" in excinfo.value.message
    assert snapshot(complaint) == before
    assert event_ids(complaint) == events


@pytest.mark.parametrize("kind", ["role-less", "admin", "department-head", "inactive-handler"])
def test_assign_handler_refuses_a_non_handler(kind, coordinator, complaint):
    user = {
        "role-less": lambda: factories.UserFactory(),
        "admin": lambda: factories.UserFactory(roles=[Role.ADMIN]),
        "department-head": lambda: factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]),
        "inactive-handler": lambda: factories.handler(is_active=False),
    }[kind]()
    with pytest.raises(GuardFailed):
        lifecycle.assign_handler(complaint, user, actor=coordinator)
    assert Complaint.objects.get(pk=complaint.pk).handler_id is None


def test_assign_handler_needs_a_coordinator(handler, complaint):
    for actor in (handler, factories.UserFactory(roles=[Role.ADMIN]), factories.UserFactory()):
        with pytest.raises(PermissionDenied):
            lifecycle.assign_handler(complaint, handler, actor=actor)
    assert Complaint.objects.get(pk=complaint.pk).handler_id is None


def test_assign_handler_refused_when_final(coordinator, handler):
    complaint = bring_to(S.WITHDRAWN, actor=coordinator)
    with pytest.raises(TransitionNotAllowed):
        lifecycle.assign_handler(complaint, handler, actor=coordinator)


def test_assignment_is_recorded(coordinator, handler, complaint):
    assigned = lifecycle.assign_handler(complaint, handler, actor=coordinator)
    assert Complaint.objects.get(pk=complaint.pk).handler == handler == assigned.handler
    event = complaint.events.get(kind=EventKind.ASSIGNMENT)
    assert event.actor == coordinator
    assert event.data == {"handler": handler.pk, "previous": None}
    assert handler.get_full_name() in event.summary

    other = factories.handler()
    lifecycle.assign_handler(complaint, other, actor=coordinator)
    latest = complaint.events.filter(kind=EventKind.ASSIGNMENT).order_by("-pk").first()
    assert latest.data == {"handler": other.pk, "previous": handler.pk}


def test_add_involved_employee_refuses_the_handler(coordinator, handler, complaint):
    complaint = lifecycle.assign_handler(complaint, handler, actor=coordinator)
    events = event_ids(complaint)
    with pytest.raises(GuardFailed) as excinfo:
        services.add_involved_employee(complaint, employee=handler, actor=coordinator)
    assert "9:7" in excinfo.value.message
    assert not complaint.employees_involved.filter(pk=handler.pk).exists()
    assert event_ids(complaint) == events


def test_add_involved_employee(coordinator, handler, complaint):
    employee = factories.UserFactory()
    services.add_involved_employee(complaint, employee=employee, actor=coordinator)
    assert list(complaint.employees_involved.all()) == [employee]
    assert complaint.events.filter(kind=EventKind.CHANGE).count() == 1
    # ... and from then on may not become its handler, even with the handler role.
    employee.groups.add(handler.groups.get())
    employee = type(employee).objects.get(pk=employee.pk)
    with pytest.raises(GuardFailed):
        lifecycle.assign_handler(complaint, employee, actor=coordinator)


def test_an_involved_coordinator_may_not_handle_the_complaint(coordinator):
    """Awb 9:7: whoever handles a complaint was not involved in the conduct, whatever their role.

    The selectors hide such a complaint from the involved coordinator, but the
    lifecycle itself still lets them take every step.
    """
    complaint = factories.make_complaint(received_at=RECEIVED, employees_involved=[coordinator])
    assert not lifecycle.may_handle(coordinator, complaint)
    assert_refused(complaint, "start_triage", PermissionDenied, actor=coordinator)


# --- Awb 9:11: postponing the decision ---------------------------------------------
# (the rules per lid are in test_awb.py)

# Received Mon 2 Mar 2026. 6 weeks: Mon 13 Apr. Plus postponement, same weekday:
# 1 week Mon 20 Apr; 2 weeks Mon 27 Apr = King's Day -> Tue 28 Apr;
# 3 weeks Mon 4 May; 4 weeks Mon 11 May.
POSTPONED_DUE = {
    1: dt.date(2026, 4, 20),
    2: dt.date(2026, 4, 28),
    3: dt.date(2026, 5, 4),
    4: dt.date(2026, 5, 11),
}


@pytest.mark.parametrize("status", [S.FORMAL, S.HEARING])
@pytest.mark.parametrize("weeks", sorted(POSTPONED_DUE))
def test_postpone_once(weeks, status, coordinator):
    complaint = bring_to(status, actor=coordinator)
    assert complaint.decision_due == DECISION_DUE
    before = snapshot(complaint)
    done = lifecycle.postpone_decision(
        complaint, weeks=weeks, reason=" Advies ingewonnen. ", actor=coordinator, at=AT
    )
    saved = Complaint.objects.get(pk=complaint.pk)
    assert saved.status == status
    assert saved.postponement_weeks == weeks == done.postponement_weeks
    assert saved.postponement_reason == "Advies ingewonnen."
    assert saved.decision_due == POSTPONED_DUE[weeks]
    assert saved.decision_due == decision_deadline(
        RECEIVED, postponement_weeks=weeks, calendar=AtwCalendar(CURRENT_DECREE_DAYS)
    )
    assert saved.acknowledgment_due == before["acknowledgment_due"]
    assert saved.first_contact_due == before["first_contact_due"]
    assert saved.not_handled_notice_due == before["not_handled_notice_due"]
    event = saved.events.get(kind=EventKind.DEADLINE)
    assert event.actor == coordinator
    assert event.at == AT
    assert event.data == {
        "previous_due": "2026-04-13",
        "due": POSTPONED_DUE[weeks].isoformat(),
        "weeks": weeks,
        "total_weeks": weeks,
    }


def test_postpone_more_than_once_up_to_four_weeks_in_total(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    complaint = lifecycle.postpone_decision(complaint, weeks=1, reason="Advies.", actor=coordinator, at=AT)
    # On Wed 8 April the term ends Mon 20 April; 3 more weeks: Mon 11 May, 4 weeks after 13 April.
    complaint = lifecycle.postpone_decision(
        complaint, weeks=3, reason="Nog meer advies.", actor=coordinator, at=AT
    )
    assert (complaint.postponement_weeks, complaint.decision_due) == (4, dt.date(2026, 5, 11))
    before, events = snapshot(complaint), event_ids(complaint)
    with pytest.raises(GuardFailed, match="al 4 weken"):
        lifecycle.postpone_decision(complaint, weeks=1, reason="En nog meer.", actor=coordinator, at=AT)
    assert snapshot(complaint) == before
    assert event_ids(complaint) == events
    totals = [e.data["total_weeks"] for e in complaint.events.filter(kind=EventKind.DEADLINE).order_by("pk")]
    assert totals == [1, 4]


def test_postpone_refused_after_the_term(coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    # The term ended Mon 13 April 2026; Tue 14 April is too late (Awb 9:11 lid 2).
    before = snapshot(complaint)
    with pytest.raises(GuardFailed, match="13-04-2026"):
        lifecycle.postpone_decision(
            complaint,
            weeks=1,
            reason="Advies.",
            actor=coordinator,
            at=dt.datetime(2026, 4, 14, 9, 0, tzinfo=AMSTERDAM),
        )
    assert snapshot(complaint) == before


@pytest.mark.parametrize(
    ("weeks", "reason"), [(0, "Advies."), (5, "Advies."), (-1, "Advies."), ("2", "Advies."), (2, "   ")]
)
def test_postpone_refuses_bad_weeks_or_no_reason(weeks, reason, coordinator):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    before, events = snapshot(complaint), event_ids(complaint)
    with pytest.raises(GuardFailed):
        lifecycle.postpone_decision(complaint, weeks=weeks, reason=reason, actor=coordinator, at=AT)
    assert snapshot(complaint) == before
    assert event_ids(complaint) == events


@pytest.mark.parametrize("status", [s for s in Status if s not in lifecycle.OPEN_STATUSES])
def test_postpone_only_while_the_term_runs(status, coordinator):
    complaint = bring_to(status, actor=coordinator)
    with pytest.raises(TransitionNotAllowed):
        lifecycle.postpone_decision(complaint, weeks=2, reason="Advies.", actor=coordinator, at=AT)
    assert Complaint.objects.get(pk=complaint.pk).postponement_weeks == 0


def test_postpone_needs_someone_who_may_handle(coordinator, handler):
    complaint = bring_to(S.FORMAL, actor=coordinator)
    with pytest.raises(PermissionDenied):
        lifecycle.postpone_decision(complaint, weeks=2, reason="Advies.", actor=handler, at=AT)
    complaint = lifecycle.assign_handler(complaint, handler, actor=coordinator)
    postponed = lifecycle.postpone_decision(complaint, weeks=2, reason="Advies.", actor=handler, at=AT)
    assert postponed.postponement_weeks == 2


# --- the timeline is append-only -----------------------------------------------------


def test_an_event_cannot_be_changed_or_deleted(complaint):
    event = complaint.events.get()
    event.summary = "Iets anders"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        ComplaintEvent.objects.filter(pk=event.pk).update(summary="Iets anders")
    with pytest.raises(TypeError):
        ComplaintEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(TypeError):
        complaint.events.update(summary="Iets anders")
    with pytest.raises(TypeError):
        complaint.events.all().delete()
    # bulk_update runs in an atomic block without a savepoint: give it its own.
    with pytest.raises(TypeError), transaction.atomic():
        ComplaintEvent.objects.bulk_update([event], ["summary"])
    assert ComplaintEvent.objects.get(pk=event.pk).summary != "Iets anders"


def test_a_complaint_with_a_timeline_cannot_be_deleted(complaint):
    with pytest.raises(ProtectedError):
        complaint.delete()


def test_new_events_can_be_added(complaint, coordinator):
    services.add_note(complaint, text="Gebeld, geen gehoor.", actor=coordinator)
    assert complaint.events.count() == 2


# --- register_complaint --------------------------------------------------------------


def test_register_complaint_sets_terms_timeline_reference_and_part(coordinator, db):
    # Fri 24 Apr 2026. Decision: 24 Apr + 42 days = Fri 5 Jun 2026 (no Atw day).
    # First contact, 2 working days: Sat 25, Sun 26, Mon 27 King's Day -> Tue 28 (1), Wed 29 (2).
    # Acknowledgment, 5 working days: Tue 28, Wed 29, Thu 30 Apr, Fri 1 May, Mon 4 May.
    # Not-handled notice, 4 weeks: Fri 22 May 2026 (Ascension 14 and decree day 15 May do not matter).
    received = dt.datetime(2026, 4, 24, 14, 15, tzinfo=AMSTERDAM)
    complaint = registration.register_complaint(
        complainant=factories.ComplainantFactory.build(),
        channel=Channel.PHONE,
        description="  Ik ben drie keer niet teruggebeld.  ",
        received_at=received,
        actor=coordinator,
    )
    saved = Complaint.objects.get(pk=complaint.pk)
    assert saved.decision_due == dt.date(2026, 6, 5)
    assert saved.first_contact_due == dt.date(2026, 4, 29)
    assert saved.acknowledgment_due == dt.date(2026, 5, 4)
    assert saved.not_handled_notice_due == dt.date(2026, 5, 22)
    assert saved.committee is False
    assert saved.reference == "K-2026-00001"
    assert (saved.reference_year, saved.reference_number) == (2026, 1)
    assert saved.status == S.RECEIVED
    assert saved.route == Route.INFORMAL
    assert saved.outcome == ""
    assert saved.channel == Channel.PHONE
    assert saved.description == "Ik ben drie keer niet teruggebeld."
    assert saved.complainant.pk is not None

    (event,) = saved.events.all()
    assert event.kind == EventKind.CREATED
    assert event.to_status == S.RECEIVED
    assert event.at == received
    assert event.actor == coordinator

    (part,) = saved.parts.all()
    assert part.position == 1
    assert part.description == "Ik ben drie keer niet teruggebeld."
    assert part.judgement == ""


def test_register_complaint_numbers_per_year_by_dutch_date(db):
    first = factories.make_complaint(received_at=dt.datetime(2026, 4, 24, 9, 0, tzinfo=AMSTERDAM))
    second = factories.make_complaint(received_at=dt.datetime(2026, 5, 1, 9, 0, tzinfo=AMSTERDAM))
    # 31 Dec 2026 23:30 UTC is already 1 Jan 2027 in the Netherlands.
    new_year = factories.make_complaint(received_at=dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC))
    assert [first.reference, second.reference, new_year.reference] == [
        "K-2026-00001",
        "K-2026-00002",
        "K-2027-00001",
    ]


def test_register_complaint_with_parts(db):
    complaint = factories.make_complaint(parts=(" Onbeleefd. ", "Niet teruggebeld."))
    assert list(complaint.parts.values_list("position", "description")) == [
        (1, "Onbeleefd."),
        (2, "Niet teruggebeld."),
    ]


@pytest.mark.parametrize(("channel", "description"), [("duif", "Onbeleefd."), (Channel.WEB, "   ")])
def test_register_complaint_refuses_bad_input(channel, description, db):
    with pytest.raises(GuardFailed):
        factories.make_complaint(channel=channel, description=description)
    assert not Complaint.objects.exists()
