"""The municipality's own letter texts: read, check, save, restore, preview.

One text per kind of letter. The admin edits it (functioneel beheer); every
caller that renders a letter reads it through :func:`text_for`. A text is
checked (:func:`gehoord.correspondence.templating.check`) before it is saved,
so a letter never fails to render because of what an admin typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from gehoord.core.errors import DomainError
from gehoord.correspondence import templating
from gehoord.correspondence.constants import LetterKind
from gehoord.correspondence.default_texts import DEFAULT_TEXTS, LetterText
from gehoord.correspondence.models import LetterTemplate

if TYPE_CHECKING:
    from gehoord.accounts.models import User
    from gehoord.cases.models import Complaint

# Called as hook(complaint, now) on the example complaint of a preview, so that an app above
# correspondence (the survey invitation, gehoord.surveys) adds what its placeholders show.
ExampleDataHook = Callable[["Complaint", dt.datetime], None]
EXAMPLE_DATA_HOOKS: list[ExampleDataHook] = []


def register_example_data(hook: ExampleDataHook) -> ExampleDataHook:
    """Have `hook` fill in its app's part of every preview's example complaint (once, however often)."""
    if hook not in EXAMPLE_DATA_HOOKS:
        EXAMPLE_DATA_HOOKS.append(hook)
    return hook


class InvalidLetterText(DomainError):
    """A letter text that breaks the template language or leaves out what the law asks."""

    def __init__(self, problems: templating.Problems) -> None:
        messages = [message for field in problems.by_field.values() for message in field]
        super().__init__(" ".join(messages), code="invalid_letter_text")
        self.problems = problems


def default_text(kind: str) -> LetterText:
    return DEFAULT_TEXTS[kind]


def text_for(kind: str) -> LetterText:
    """The text letters of `kind` are written with now: the municipality's own, or the default."""
    template = LetterTemplate.objects.filter(kind=kind).first()
    if template is None:
        return default_text(kind)
    return LetterText(subject=template.subject, email_summary=template.email_summary, body=template.body)


def check_text(kind: str, text: LetterText) -> templating.Problems:
    return templating.check(kind, subject=text.subject, email_summary=text.email_summary, body=text.body)


def save_text(kind: str, text: LetterText, *, actor: User | None) -> LetterTemplate:
    """Store `text` as the municipality's text for `kind`; refuses a text with problems."""
    problems = check_text(kind, text)
    if problems:
        raise InvalidLetterText(problems)
    template, _created = LetterTemplate.objects.update_or_create(
        kind=kind,
        defaults={
            "subject": text.subject.strip(),
            "email_summary": text.email_summary.strip(),
            "body": text.body.strip() + "\n",
            "updated_by": actor,
        },
    )
    return template


def restore_default(kind: str, *, actor: User | None) -> LetterTemplate:
    """Go back to the text Gehoord ships for `kind`."""
    return save_text(kind, default_text(kind), actor=actor)


def ensure_templates(*, using: str = "default") -> int:
    """Give every kind of letter a row to edit, with its default text; returns how many were added."""
    existing = set(LetterTemplate.objects.using(using).values_list("kind", flat=True))
    missing = [kind for kind in LetterKind.values if kind not in existing]
    LetterTemplate.objects.using(using).bulk_create(
        [
            LetterTemplate(
                kind=kind,
                subject=DEFAULT_TEXTS[kind].subject,
                email_summary=DEFAULT_TEXTS[kind].email_summary,
                body=DEFAULT_TEXTS[kind].body,
            )
            for kind in missing
        ],
        ignore_conflicts=True,
    )
    return len(missing)


class _Rollback(Exception):
    pass


def preview_pdf(kind: str, text: LetterText) -> bytes:
    """`text` as the PDF of a letter of `kind` about a made-up complaint; nothing is stored.

    The example complaint is written in a transaction that is rolled back, so
    the letter goes through exactly the code real letters do, and no
    complainant's data is shown to the admin.
    """
    problems = check_text(kind, text)
    if problems:
        raise InvalidLetterText(problems)
    from gehoord.correspondence import letters

    pdf = b""
    try:
        with transaction.atomic():
            letter = _example_letter(kind)
            letter.subject = letters.letter_subject(kind, letter.complaint, letter.data, text=text)
            pdf = letters.render_pdf(letter, text=text)
            raise _Rollback
    except _Rollback:
        pass
    return pdf


def _example_letter(kind: str):
    """A fictional complaint with every field a letter can show, and a letter of `kind` on it."""
    from gehoord.cases.constants import Channel, HearingParty, Judgement, NotHandledGround, Status
    from gehoord.cases.models import Complainant, Complaint, ConductNorm, Hearing
    from gehoord.clock import terms
    from gehoord.correspondence.constants import (
        EMPLOYEE_KINDS,
        INTERNAL_KINDS,
        Delivery,
        LetterStatus,
        RecipientRole,
    )
    from gehoord.correspondence.models import Letter
    from gehoord.organisation.constants import DocumentKind

    now = timezone.now()
    received = now - dt.timedelta(days=21)
    complainant = Complainant.objects.create(
        first_name="Jan",
        last_name="Voorbeeld",
        street_address="Voorbeeldstraat 1",
        postal_code="1234 AB",
        city="Voorbeeldstad",
        email="jan.voorbeeld@example.org",
    )
    decision_due = terms.decision_deadline(received)
    complaint = Complaint.objects.create(
        # Number 0 is never handed out, so the example never collides with a real complaint.
        reference=f"K-{received.year}-00000",
        reference_year=received.year,
        reference_number=0,
        complainant=complainant,
        channel=Channel.WEB,
        received_at=received,
        description="De medewerker aan de balie was kortaf en gaf geen uitleg.",
        status=Status.DECIDED,
        acknowledgment_due=terms.acknowledgment_deadline(received),
        first_contact_due=terms.first_contact_deadline(received),
        decision_due=decision_due,
        not_handled_notice_due=terms.not_handled_notice_deadline(received),
        informal_solution="Wij bieden excuses aan en sturen de vergunning vandaag nog op.",
        satisfaction_confirmed_on=timezone.localdate(now) - dt.timedelta(days=1),
        satisfaction_how="telefonisch",
        formal_request_due=terms.informal_reopen_deadline(now),
        findings="Wij hebben met u en met de medewerker gesproken en de stukken bekeken.",
        conclusions="Wij bieden u onze excuses aan en bespreken dit met het team.",
        not_handled_ground=NotHandledGround.OLDER_THAN_A_YEAR,
        referred_to="Meldingen openbare ruimte, telefoon 14 015",
    )
    # The complainant was heard a week ago (Awb 9:10); the invitation letters plan a hearing in two weeks.
    Hearing.objects.create(
        complaint=complaint,
        party=HearingParty.COMPLAINANT,
        invited_at=now - dt.timedelta(days=14),
        respond_by=timezone.localdate(now) - dt.timedelta(days=10),
        hearing_on=timezone.localdate(now) - dt.timedelta(days=7),
        held_on=timezone.localdate(now) - dt.timedelta(days=7),
        report="De klager heeft de klacht toegelicht.",
    )
    founded = complaint.parts.create(
        position=1,
        description="De baliemedewerker was onbeleefd.",
        judgement=Judgement.FOUNDED,
        reasoning="De medewerker erkent dat hij kortaf was.",
    )
    founded.norms.set(ConductNorm.objects.order_by("position")[:1])
    complaint.parts.create(
        position=2,
        description="Ik kreeg geen antwoord op mijn brief.",
        judgement=Judgement.UNFOUNDED,
        reasoning="Uw brief is op tijd beantwoord.",
    )
    for add_example_data in EXAMPLE_DATA_HOOKS:
        add_example_data(complaint, now)
    hearing_on = timezone.localdate(now) + dt.timedelta(days=14)
    postponement = {
        "weeks": 4,
        "reason": "Wij wachten nog op de reactie van de medewerker.",
        "previous_due": decision_due.isoformat(),
        "decision_due": terms.decision_deadline(received, postponement_weeks=4).isoformat(),
    }
    invitation = {
        "hearing_on": hearing_on.isoformat(),
        "hearing_time": "10:00",
        "hearing_location": "het gemeentehuis",
        "respond_by": (hearing_on - dt.timedelta(days=7)).isoformat(),
        "employees_invited": 1,
    }
    forwarding = {"document_kind": DocumentKind.OBJECTION, "destination": "de bezwaarschriftencommissie"}
    data = {
        LetterKind.MISSING_ELEMENTS: {
            "missing": ["uw adres", "de datum van uw brief"],
            "respond_by": (timezone.localdate(now) + dt.timedelta(days=14)).isoformat(),
        },
        LetterKind.POSTPONEMENT: postponement,
        LetterKind.POSTPONEMENT_EMPLOYEE: postponement,
        LetterKind.VOUCHER: {"value": "15.00", "supplier": "Nationale Bloemenbon"},
        LetterKind.HEARING_INVITATION: invitation,
        LetterKind.HEARING_INVITATION_EMPLOYEE: invitation,
        LetterKind.FORWARDING: forwarding,
        LetterKind.FORWARDED_DOCUMENT: forwarding,
    }.get(kind, {})
    if kind in EMPLOYEE_KINDS:
        role, name, address, email = (
            RecipientRole.EMPLOYEE,
            "Piet Medewerker",
            "Intern: Burgerzaken",
            "p.medewerker@example.org",
        )
    elif kind in INTERNAL_KINDS:
        role, name, address, email = (
            RecipientRole.INTERNAL,
            "de bezwaarschriftencommissie",
            "Juridische Zaken",
            "bezwaar@example.org",
        )
    else:
        role, name, address, email = (
            RecipientRole.COMPLAINANT,
            complainant.full_name,
            complainant.postal_address,
            complainant.email,
        )
    return Letter.objects.create(
        complaint=complaint,
        kind=kind,
        delivery=Delivery.EMAIL,
        status=LetterStatus.QUEUED,
        recipient_role=role,
        recipient_name=name,
        recipient_address=address,
        recipient_email=email,
        subject=str(LetterKind(kind).label),
        data=data,
    )
