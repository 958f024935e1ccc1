"""How a complaint's progress reads for the complainant: plain words, no names, no internal notes."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle
from gehoord.cases.constants import EventKind, Status
from gehoord.cases.models import Complaint
from gehoord.organisation.models import Municipality

# Only these kinds of timeline entry are shown to the complainant.
PUBLIC_EVENT_KINDS = (
    EventKind.CREATED,
    EventKind.STATUS_CHANGE,
    EventKind.LETTER,
    EventKind.DEADLINE,
    EventKind.COMPLAINANT_ADDITION,
)


@dataclass(frozen=True)
class PublicEntry:
    at: object
    text: str


@dataclass(frozen=True)
class PublicStatus:
    label: str
    next_step: str
    deadline: object | None
    # What the complainant may still do through the link; the lifecycle decides.
    may_add: bool
    may_withdraw: bool
    entries: list[PublicEntry]


def _label(status: str) -> str:
    return {
        Status.RECEIVED: _("Ontvangen"),
        Status.TRIAGE: _("Ontvangen"),
        Status.INFORMAL: _("In behandeling"),
        Status.FORMAL: _("In behandeling (formele klachtprocedure)"),
        Status.HEARING: _("In behandeling: hoorgesprek"),
        Status.RESOLVED_INFORMALLY: _("Opgelost"),
        Status.DECIDED: _("Afgehandeld"),
        Status.LEARNING_REVIEW: _("Afgehandeld"),
        Status.CLOSED: _("Afgesloten"),
        Status.REFERRED: _("Doorverwezen"),
        Status.NOT_HANDLED: _("Niet in behandeling genomen"),
        Status.WITHDRAWN: _("Ingetrokken"),
    }[Status(status)]


def _next_step(complaint: Complaint, municipality: Municipality) -> tuple[str, object | None]:
    status = complaint.status
    ombudsman = municipality.ombudsman_name
    if status in (Status.RECEIVED, Status.TRIAGE):
        return (
            _(
                "De klachtencoördinator bekijkt uw klacht en neemt uiterlijk %(date)s persoonlijk contact met u op."
            )
            % {"date": date_format(complaint.first_contact_due, "j F Y")},
            complaint.first_contact_due,
        )
    if status == Status.INFORMAL:
        return (
            _("We zoeken samen met u naar een oplossing. U hoort uiterlijk %(date)s hoe het verder gaat.")
            % {"date": date_format(complaint.decision_due, "j F Y")},
            complaint.decision_due,
        )
    if status in (Status.FORMAL, Status.HEARING):
        # decision_due is the resulting date: committee, postponement and consent included (Awb 9:11).
        if complaint.consented_decision_due:
            text = _(
                "U heeft ermee ingestemd dat de beslissing later komt (artikel 9:11, derde lid, Awb). "
                "U ontvangt uiterlijk %(date)s een schriftelijke beslissing op uw klacht."
            ) % {"date": date_format(complaint.decision_due, "j F Y")}
        else:
            text = _("U ontvangt uiterlijk %(date)s een schriftelijke beslissing op uw klacht.") % {
                "date": date_format(complaint.decision_due, "j F Y")
            }
        if status == Status.HEARING:
            text = _("U wordt uitgenodigd voor een gesprek over uw klacht (hoorgesprek).") + " " + text
        return text, complaint.decision_due
    if status in (Status.DECIDED, Status.LEARNING_REVIEW, Status.CLOSED) and complaint.decided_at:
        return (
            _(
                "U heeft de beslissing op uw klacht ontvangen. Bent u het er niet mee eens? Dan kunt u binnen "
                "een jaar terecht bij %(ombudsman)s."
            )
            % {"ombudsman": ombudsman},
            None,
        )
    if status in (Status.RESOLVED_INFORMALLY, Status.LEARNING_REVIEW, Status.CLOSED):
        return _("Uw klacht is in overleg met u opgelost. Bedankt dat u ons hielp te verbeteren."), None
    if status == Status.REFERRED:
        return (
            _("Uw bericht is geen klacht over een gedraging. Het is doorverwezen naar: %(to)s.")
            % {"to": complaint.referred_to},
            None,
        )
    if status == Status.NOT_HANDLED:
        return (
            _(
                "U heeft een brief gekregen waarin staat waarom uw klacht niet in behandeling is genomen. "
                "Bent u het daar niet mee eens? Dan kunt u terecht bij %(ombudsman)s."
            )
            % {"ombudsman": ombudsman},
            None,
        )
    return _("U heeft uw klacht ingetrokken. U hoeft niets meer te doen."), None


def _entry_text(event) -> str:
    if event.kind == EventKind.CREATED:
        return _("Uw klacht is ontvangen.")
    if event.kind == EventKind.STATUS_CHANGE:
        return _("Nieuwe status: %(status)s.") % {"status": _label(event.to_status)}
    if event.kind == EventKind.COMPLAINANT_ADDITION:
        return _("U heeft informatie toegevoegd.")
    return event.summary  # letters and deadline changes are written for the complainant


def public_status(complaint: Complaint) -> PublicStatus:
    municipality = Municipality.load()
    next_step, deadline = _next_step(complaint, municipality)
    events = complaint.events.filter(kind__in=PUBLIC_EVENT_KINDS).order_by("at", "pk")
    entries = [PublicEntry(at=event.at, text=_entry_text(event)) for event in events]
    return PublicStatus(
        label=_label(complaint.status),
        next_step=next_step,
        deadline=deadline,
        may_add=lifecycle.action_allowed(complaint, "complainant_addition"),
        may_withdraw=any(
            step.name == "withdraw" for step in lifecycle.available_transitions(complaint, actor=None)
        ),
        entries=entries,
    )
