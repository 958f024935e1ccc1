"""How a complaint's progress reads for the complainant: plain words, no names, no internal notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle
from gehoord.cases.constants import EventKind, HearingParty, HearingResponse, Status
from gehoord.cases.models import Complaint
from gehoord.core.languages import dutch, language_of, marked, translated_or_dutch
from gehoord.correspondence.constants import LetterKind, RecipientRole
from gehoord.correspondence.selectors import letters_received_by_complainant
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
class Submitted:
    """The complaint as the complainant made it (or as it was noted down, for a spoken complaint)."""

    written: bool
    received_at: object
    description: str
    conduct_date: object | None
    desired_outcome: str

    # The language the complainant wrote in (gehoord.core.languages.language_of): marked on the page.
    @property
    def description_lang(self) -> str:
        return language_of(self.description)

    @property
    def desired_outcome_lang(self) -> str:
        return language_of(self.desired_outcome)


@dataclass(frozen=True)
class Addition:
    """What the complainant added later, through the status link or by e-mail."""

    at: object
    text: str
    files: list[str]

    @property
    def lang(self) -> str:
        return language_of(self.text)


@dataclass(frozen=True)
class PublicLetter:
    pk: int
    name: str
    sent_at: object


@dataclass(frozen=True)
class PublicHearing:
    on: object
    time: str
    place: str
    held: bool


@dataclass(frozen=True)
class PublicStatus:
    label: str
    next_step: str
    deadline: object | None
    # What the complainant may still do through the link; the lifecycle decides.
    may_add: bool
    may_withdraw: bool
    entries: list[PublicEntry]
    submitted: Submitted | None = None
    additions: list[Addition] = field(default_factory=list)
    letters: list[PublicLetter] = field(default_factory=list)
    hearing: PublicHearing | None = None


def _filled(text: str, **values: object) -> SafeString:
    """`text` (a translated sentence) with `values` put in, each marked with its language when not the page's."""
    # Safe: the sentence is escaped, and so is every value (marked() escapes it inside its <span lang>).
    filled = conditional_escape(text) % {name: marked(value) for name, value in values.items()}
    return mark_safe(filled)  # noqa: S308  # nosec B308 B703


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
    # The default name is translated; a municipality's own ombudsman keeps its Dutch name, marked so.
    ombudsman = translated_or_dutch(municipality.ombudsman_name)
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
            _filled(
                _(
                    "U heeft de beslissing op uw klacht ontvangen. Bent u het er niet mee eens? Dan kunt u "
                    "binnen een jaar terecht bij %(ombudsman)s."
                ),
                ombudsman=ombudsman,
            ),
            None,
        )
    if status in (Status.RESOLVED_INFORMALLY, Status.LEARNING_REVIEW, Status.CLOSED):
        return _("Uw klacht is in overleg met u opgelost. Bedankt dat u ons hielp te verbeteren."), None
    if status == Status.REFERRED:
        return (
            _filled(
                _("Uw bericht is geen klacht over een gedraging. Het is doorverwezen naar: %(to)s."),
                to=dutch(complaint.referred_to),
            ),
            None,
        )
    if status == Status.NOT_HANDLED:
        return (
            _filled(
                _(
                    "U heeft een brief gekregen waarin staat waarom uw klacht niet in behandeling is genomen. "
                    "Bent u het daar niet mee eens? Dan kunt u terecht bij %(ombudsman)s."
                ),
                ombudsman=ombudsman,
            ),
            None,
        )
    return _("U heeft uw klacht ingetrokken. U hoeft niets meer te doen."), None


# Letters whose timeline entry the complainant sees: to them, or to their gemachtigde. A letter to the
# employee complained about, an internal forward and the complainant's copy of a letter to the
# gemachtigde (the original is listed) are left out.
_PARTY_RECIPIENTS = (None, RecipientRole.REPRESENTATIVE)


def _letter_text(event, letters_seen: set[int]) -> str | None:
    data = event.data or {}
    letter_pk = data.get("letter")
    if letter_pk is None or data.get("recipient") not in _PARTY_RECIPIENTS or letter_pk in letters_seen:
        return None  # not a letter to the complainant's side (a copy to employees), or one already listed
    letters_seen.add(letter_pk)
    try:
        name = LetterKind(data.get("kind")).label
    except ValueError:
        name = _("Brief")
    return _("Brief verstuurd: %(letter)s.") % {"letter": name}


def _deadline_text(event) -> str:
    due = (event.data or {}).get("due")
    if due:
        return _("De beslissing op uw klacht komt nu uiterlijk %(date)s.") % {
            "date": date_format(dt.date.fromisoformat(due), "j F Y")
        }
    return _("De datum waarop u de beslissing op uw klacht krijgt, is gewijzigd.")


def _entries(complaint: Complaint) -> list[PublicEntry]:
    """The timeline in the complainant's words, without repeats.

    Written in the page's language from what the entry records, not from the
    staff's Dutch summary: that may name an employee or a department. A status
    change that the complainant would read as the same status (received and
    triaged, decided and reviewed) is not shown twice.
    """
    entries: list[PublicEntry] = []
    shown_label = _label(Status.RECEIVED)
    letters_seen: set[int] = set()
    events = complaint.events.filter(kind__in=PUBLIC_EVENT_KINDS).order_by("at", "pk")
    for event in events:
        text: str | None
        if event.kind == EventKind.CREATED:
            text = _("Uw klacht is ontvangen.")
        elif event.kind == EventKind.STATUS_CHANGE:
            label = _label(event.to_status)
            text = None if label == shown_label else _("Nieuwe status: %(status)s.") % {"status": label}
            shown_label = label
        elif event.kind == EventKind.COMPLAINANT_ADDITION:
            text = _("U heeft informatie toegevoegd.")
        elif event.kind == EventKind.LETTER:
            text = _letter_text(event, letters_seen)
        else:
            text = _deadline_text(event)
        if text and not (entries and entries[-1].text == text):
            entries.append(PublicEntry(at=event.at, text=text))
    return entries


def _additions(complaint: Complaint) -> list[Addition]:
    events = complaint.events.filter(kind=EventKind.COMPLAINANT_ADDITION).order_by("at", "pk")
    return [
        Addition(at=event.at, text=event.details, files=list((event.data or {}).get("files", [])))
        for event in events
    ]


def _hearing(complaint: Complaint) -> PublicHearing | None:
    """The complainant's hearing once it has a date (and they did not decline it)."""
    hearing = (
        complaint.hearings.filter(party=HearingParty.COMPLAINANT, hearing_on__isnull=False)
        .exclude(response=HearingResponse.DECLINED)
        .order_by("-hearing_on", "-pk")
        .first()
    )
    if hearing is None:
        return None
    return PublicHearing(
        on=hearing.hearing_on,
        time=hearing.hearing_time,
        place=dutch(hearing.location) if hearing.location else "",
        held=hearing.held_on is not None,
    )


def public_status(complaint: Complaint) -> PublicStatus:
    municipality = Municipality.load()
    next_step, deadline = _next_step(complaint, municipality)
    return PublicStatus(
        label=_label(complaint.status),
        next_step=next_step,
        deadline=deadline,
        may_add=lifecycle.action_allowed(complaint, "complainant_addition"),
        may_withdraw=any(
            step.name == "withdraw" for step in lifecycle.available_transitions(complaint, actor=None)
        ),
        entries=_entries(complaint),
        submitted=Submitted(
            written=complaint.is_written,
            received_at=complaint.received_at,
            description=complaint.description,
            conduct_date=complaint.conduct_date,
            desired_outcome=complaint.desired_outcome,
        ),
        additions=_additions(complaint),
        letters=[
            PublicLetter(
                pk=letter.pk, name=letter.get_kind_display(), sent_at=letter.sent_at or letter.created_at
            )
            for letter in letters_received_by_complainant(complaint)
        ],
        hearing=_hearing(complaint),
    )
