"""Bring a complaint to a status through the real lifecycle, the way the letters' tests need it.

Every step is taken at a fixed moment (received Mon 2 March 2026, steps on
Fri 20 March, the hearing on Mon 30 March, the decision on Wed 1 April), so
the dates a letter states are known by hand, whatever today is: 6 weeks from
2 March is Mon 13 April 2026 (no Atw day); the 9:8 notice is due Mon 30 March.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from gehoord.cases import lifecycle
from gehoord.cases import services as case_services
from gehoord.cases.constants import (
    CopyWaiverReason,
    HearingParty,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Rung,
    Status,
)
from gehoord.cases.lifecycle import TRANSITIONS
from gehoord.cases.models import Complaint, ConductNorm
from gehoord.cases.tests import factories
from gehoord.learning.services import record_learning_review
from gehoord.organisation.constants import DocumentKind
from gehoord.organisation.models import ForwardingDestination

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
RECEIVED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)
AT = dt.datetime(2026, 3, 20, 11, 30, tzinfo=AMSTERDAM)
HEARING_ON = dt.date(2026, 3, 30)
DECIDED_AT = dt.datetime(2026, 4, 1, 10, 0, tzinfo=AMSTERDAM)
REASON = "Toelichting bij de stap."

S = Status
PATHS: dict[Status, tuple[str, ...]] = {
    S.RECEIVED: (),
    S.TRIAGE: ("start_triage",),
    S.INFORMAL: ("start_triage", "start_informal"),
    S.RESOLVED_INFORMALLY: ("start_triage", "start_informal", "resolve_informally"),
    S.FORMAL: ("start_triage", "start_formal"),
    S.HEARING: ("start_triage", "start_formal", "schedule_hearing"),
    S.DECIDED: ("start_triage", "start_formal", "schedule_hearing", "decide"),
    S.LEARNING_REVIEW: (
        "start_triage",
        "start_formal",
        "schedule_hearing",
        "decide",
        "start_learning_review",
    ),
    S.CLOSED: (
        "start_triage",
        "start_formal",
        "schedule_hearing",
        "decide",
        "start_learning_review",
        "close",
    ),
    S.REFERRED: ("start_triage", "refer"),
    S.NOT_HANDLED: ("start_triage", "not_handle"),
    S.WITHDRAWN: ("withdraw",),
}
# Where a step that needs another route than the one above starts from.
INFORMAL_LEARNING = ("start_triage", "start_informal", "resolve_informally", "start_learning_review")

PARAMS: dict[str, dict] = {
    "refer": {"destination": "Meldingen openbare ruimte", "reason": REASON},
    "forward": {"document_kind": DocumentKind.OBJECTION},
    "not_handle": {"ground": NotHandledGround.INSUFFICIENT_INTEREST, "reason": REASON},
    "resolve_informally": {
        "solution": "Excuses aangeboden en uitleg gegeven.",
        "rung": Rung.EMPLOYEE,
        "satisfied_on": dt.date(2026, 3, 19),
        "satisfied_how": "telefonisch",
    },
    "reopen_formal": {"requested_on": dt.date(2026, 3, 20), "how": "per e-mail"},
    "schedule_hearing": {"hearing_on": HEARING_ON},
}

# All (status, step) pairs the machine allows.
ALLOWED = [(status, name) for name, t in TRANSITIONS.items() for status in Status if status in t.sources]


def params_for(name: str) -> dict:
    return dict(PARAMS.get(name, {"reason": REASON}))


def moment(name: str) -> dt.datetime:
    """When the walk takes step `name`: the decision and what follows after the hearing."""
    if name in ("decide", "start_learning_review", "close"):
        return DECIDED_AT
    return AT


def a_norm() -> ConductNorm:
    return ConductNorm.objects.order_by("position").first()


def destination(kind: str = DocumentKind.OBJECTION) -> ForwardingDestination:
    found, _created = ForwardingDestination.objects.get_or_create(
        kind=kind, defaults={"name": "de bezwaarschriftencommissie", "email": "bezwaar@gemeente.example"}
    )
    return found


def satisfy_guard(complaint: Complaint, name: str, *, actor, judgement=Judgement.FOUNDED) -> Complaint:
    """Do through the services what the guard of step `name` asks for."""
    if name == "decide":
        complaint = prepare_decision(complaint, actor=actor, judgement=judgement)
    elif name == "close":
        record_learning_review(
            complaint,
            improvement_possible=True,
            reasoning="Baliemedewerkers krijgen een training.",
            actor=actor,
        )
    elif name == "forward":
        destination()
    return complaint


def prepare_decision(
    complaint: Complaint, *, actor, judgement=Judgement.FOUNDED, skip: str | None = None
) -> Complaint:
    """Findings, judgements, the 9:9 copies (or why not) and the hearings (or a ground to skip)."""
    complaint = case_services.record_findings(
        complaint,
        findings="De medewerker was kortaf.",
        conclusions="Excuses zijn op hun plaats.",
        actor=actor,
    )
    for part in complaint.parts.all():
        case_services.judge_part(
            part,
            judgement=judgement,
            reasoning="Zo bleek uit het gesprek.",
            norms=[a_norm()] if judgement in (Judgement.FOUNDED, Judgement.PARTLY_FOUNDED) else [],
            actor=actor,
        )
    employees = list(complaint.employees_involved.all())
    if not employees:
        case_services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=actor)
    for employee in employees:
        case_services.waive_copy(
            complaint, reason=CopyWaiverReason.GIVEN_ON_PAPER, employee=employee, actor=actor
        )
    hearings = list(complaint.hearings.all())
    if skip is None and not hearings:
        skip = HearingSkipReason.WAIVED
    if skip is not None:
        complaint = lifecycle.record_hearing_skipped(
            complaint,
            reason=skip,
            explanation="De klacht gaat over een kennelijk misverstand.",
            waived_on=dt.date(2026, 3, 18),
            waived_how="telefonisch",
            actor=actor,
            at=DECIDED_AT,
        )
    for hearing in hearings:
        if hearing.party == HearingParty.COMPLAINANT and skip is not None:
            continue
        case_services.record_hearing_report(
            hearing, report="Gehoord over de klacht.", held_on=HEARING_ON, actor=actor, at=DECIDED_AT
        )
    return Complaint.objects.get(pk=complaint.pk)


def path_to(status: Status, route: str = "") -> tuple[str, ...]:
    if route == "informal" and status == S.LEARNING_REVIEW:
        return INFORMAL_LEARNING
    return PATHS[status]


def bring_to(status: Status, *, actor, handler=None, route: str = "", **make_kwargs) -> Complaint:
    """Register a complaint and walk the real lifecycle (guards satisfied) until it has `status`."""
    make_kwargs.setdefault("received_at", RECEIVED)
    complaint = factories.make_complaint(**make_kwargs)
    if handler is not None:
        complaint = lifecycle.assign_handler(complaint, handler, actor=actor, at=AT)
    for name in path_to(status, route):
        complaint = take(complaint, name, actor=actor)
    assert Complaint.objects.get(pk=complaint.pk).status == status
    return complaint


def take(complaint: Complaint, name: str, *, actor, **params) -> Complaint:
    """Take step `name` through the real lifecycle, guards satisfied, at its moment of the walk."""
    if name == "postpone":
        return lifecycle.postpone_decision(
            complaint, weeks=3, reason="Het onderzoek loopt nog.", actor=actor, at=AT
        )
    complaint = satisfy_guard(complaint, name, actor=actor)
    return lifecycle.perform(complaint, name, actor=actor, at=moment(name), **{**params_for(name), **params})
