"""What staff, the public form, the API, tasks and commands do with a complaint file.

Status changes go through :mod:`gehoord.cases.lifecycle`; every function here
records what it did on the complaint's timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle
from gehoord.cases.constants import (
    Channel,
    ContactChannel,
    ContactPreference,
    EventKind,
    Judgement,
    Rung,
    Status,
)
from gehoord.cases.deadlines import refresh_deadlines
from gehoord.cases.models import (
    Attachment,
    Complainant,
    Complaint,
    ComplaintEvent,
    ComplaintPart,
    ConductNorm,
    Contact,
    Representative,
)
from gehoord.cases.references import allocate_reference_number, format_reference
from gehoord.clock.terms import AtwCalendar, receipt_date
from gehoord.core.errors import GuardFailed, TransitionNotAllowed
from gehoord.organisation.models import Department, Municipality

if TYPE_CHECKING:
    from gehoord.accounts.models import User


def _record(complaint: Complaint, **fields) -> ComplaintEvent:
    return ComplaintEvent.objects.create(complaint=complaint, **fields)


def register_complaint(
    *,
    complainant: Complainant,
    channel: Channel | str,
    description: str,
    received_at: dt.datetime | None = None,
    conduct_date: dt.date | None = None,
    involved_description: str = "",
    departments: Iterable[Department] = (),
    employees_involved: Iterable[User] = (),
    desired_outcome: str = "",
    preferred_contact: ContactPreference | str = "",
    contact_times: str = "",
    representative: Representative | None = None,
    parts: Sequence[str] = (),
    actor: User | None = None,
    calendar: AtwCalendar | None = None,
    municipality: Municipality | None = None,
) -> Complaint:
    """Store a new complaint, with its complainant, in one transaction.

    `complainant` (and `representative`) may be unsaved. Without `parts` the
    description is the one part to judge.
    """
    if channel not in Channel.values:
        raise GuardFailed(_("Onbekend kanaal: %(channel)s.") % {"channel": channel})
    if not description.strip():
        raise GuardFailed(_("Beschrijf de gedraging waarover geklaagd wordt."))
    received_at = received_at or timezone.now()
    municipality = municipality or Municipality.load()
    year = receipt_date(received_at).year
    with transaction.atomic():
        complainant.save()
        if representative is not None:
            representative.save()
        number = allocate_reference_number(year)
        complaint = Complaint(
            reference=format_reference(year, number),
            reference_year=year,
            reference_number=number,
            complainant=complainant,
            representative=representative,
            channel=channel,
            received_at=received_at,
            description=description.strip(),
            conduct_date=conduct_date,
            involved_description=involved_description.strip(),
            desired_outcome=desired_outcome.strip(),
            preferred_contact=preferred_contact,
            contact_times=contact_times.strip(),
            committee=municipality.uses_advisory_committee,
        )
        refresh_deadlines(complaint, calendar=calendar, municipality=municipality)
        complaint.save()
        complaint.departments.set(departments)
        complaint.employees_involved.set(employees_involved)
        ComplaintPart.objects.bulk_create(
            ComplaintPart(complaint=complaint, position=position, description=text.strip())
            for position, text in enumerate(parts or [description], start=1)
        )
        _record(
            complaint,
            kind=EventKind.CREATED,
            at=received_at,
            actor=actor,
            to_status=Status.RECEIVED,
            summary=_("Klacht ontvangen via %(channel)s") % {"channel": complaint.get_channel_display()},
        )
        lifecycle.run_after_step_hooks(complaint, "register", {"channel": channel})
    return complaint


def add_note(
    complaint: Complaint, *, text: str, actor: User, at: dt.datetime | None = None
) -> ComplaintEvent:
    lifecycle.ensure_may_handle(actor, complaint)
    if not text.strip():
        raise GuardFailed(_("Een notitie kan niet leeg zijn."))
    # The note and its audit entry (written with the timeline event) commit together.
    with transaction.atomic():
        return _record(
            complaint,
            kind=EventKind.NOTE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Notitie"),
            details=text.strip(),
        )


def record_contact(
    complaint: Complaint,
    *,
    channel: ContactChannel | str,
    subject: str,
    content: str = "",
    actor: User,
    at: dt.datetime | None = None,
    confidential: bool = False,
    successful: bool = True,
) -> Contact:
    """Log a contact with the complainant; the first successful one meets the first-contact target."""
    lifecycle.ensure_may_handle(actor, complaint)
    if channel not in ContactChannel.values:
        raise GuardFailed(_("Kies hoe er contact was: telefoon, e-mail, brief of persoonlijk gesprek."))
    if not subject.strip():
        raise GuardFailed(_("Geef het contact een onderwerp."))
    at = at or timezone.now()
    if at > timezone.now() + dt.timedelta(minutes=5):
        raise GuardFailed(
            _("Een contact kan niet in de toekomst hebben plaatsgevonden. Controleer datum en tijd.")
        )
    with transaction.atomic():
        contact = Contact.objects.create(
            complaint=complaint,
            channel=channel,
            subject=subject.strip(),
            content=content.strip(),
            confidential=confidential,
            successful=successful,
            occurred_at=at,
            employee=actor,
        )
        if successful and (complaint.first_contact_at is None or at < complaint.first_contact_at):
            complaint.first_contact_at = at
            complaint.save(update_fields=["first_contact_at", "updated_at"])
        summary = (
            contact.subject
            if successful
            else _("Geen contact gekregen: %(subject)s") % {"subject": contact.subject}
        )
        _record(
            complaint,
            kind=EventKind.CONTACT,
            at=at,
            actor=actor,
            summary=summary,
            # A confidential contact's content stays in the contact log, not on the timeline.
            details="" if confidential else contact.content,
            data={"channel": channel, "contact": contact.pk, "confidential": confidential},
        )
    return contact


def add_involved_employee(
    complaint: Complaint, *, employee: User, actor: User, at: dt.datetime | None = None
) -> None:
    """Name an employee whose conduct the complaint is about (never its handler, Awb 9:7)."""
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_not_handler(complaint, employee)
    with transaction.atomic():
        complaint.employees_involved.add(employee)
        _record(
            complaint,
            kind=EventKind.CHANGE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Betrokken medewerker vastgelegd: %(name)s") % {"name": employee.get_full_name()},
        )


def add_part(complaint: Complaint, *, description: str, actor: User) -> ComplaintPart:
    lifecycle.ensure_may_handle(actor, complaint)
    if not description.strip():
        raise GuardFailed(_("Beschrijf het klachtonderdeel."))
    with transaction.atomic():
        position = (complaint.parts.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        part = ComplaintPart.objects.create(
            complaint=complaint, position=position, description=description.strip()
        )
        _record(
            complaint,
            kind=EventKind.CHANGE,
            actor=actor,
            summary=_("Klachtonderdeel %(n)s toegevoegd") % {"n": position},
        )
    return part


def _ensure_deciding(complaint: Complaint) -> None:
    if complaint.status not in (Status.FORMAL, Status.HEARING):
        raise TransitionNotAllowed(
            _("Oordeel en bevindingen worden vastgelegd tijdens de formele behandeling.")
        )


def judge_part(
    part: ComplaintPart,
    *,
    judgement: Judgement | str,
    reasoning: str,
    norms: Iterable[ConductNorm] = (),
    actor: User,
    at: dt.datetime | None = None,
) -> ComplaintPart:
    """Judge one complaint part; a (partly) founded part names the norms it breached."""
    complaint = part.complaint
    lifecycle.ensure_may_handle(actor, complaint)
    _ensure_deciding(complaint)
    if judgement not in Judgement.values:
        raise GuardFailed(_("Kies een oordeel: gegrond, deels gegrond, ongegrond of geen oordeel."))
    with transaction.atomic():
        part.judgement = judgement
        part.reasoning = reasoning.strip()
        part.save(update_fields=["judgement", "reasoning"])
        part.norms.set(norms)
        _record(
            complaint,
            kind=EventKind.CHANGE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Oordeel klachtonderdeel %(n)s: %(judgement)s")
            % {"n": part.position, "judgement": part.get_judgement_display()},
        )
    return part


def record_findings(
    complaint: Complaint,
    *,
    findings: str,
    conclusions: str,
    actor: User,
    signatory: User | None = None,
    at: dt.datetime | None = None,
) -> Complaint:
    """Findings, conclusions and who signs the decision (never someone it is about, Awb 9:7)."""
    lifecycle.ensure_may_handle(actor, complaint)
    _ensure_deciding(complaint)
    if signatory is not None and lifecycle.is_involved(signatory, complaint):
        raise GuardFailed(
            _("%(name)s is betrokken bij de gedraging en kan de beslissing niet ondertekenen (Awb 9:7).")
            % {"name": signatory.get_full_name()}
        )
    complaint.findings = findings.strip()
    complaint.conclusions = conclusions.strip()
    complaint.signatory = signatory
    with transaction.atomic():
        complaint.save(update_fields=["findings", "conclusions", "signatory", "updated_at"])
        _record(
            complaint,
            kind=EventKind.CHANGE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Bevindingen en conclusies vastgelegd"),
        )
    return complaint


def record_hearing_report(
    complaint: Complaint,
    *,
    report: str,
    held_on: dt.date | None = None,
    actor: User,
    at: dt.datetime | None = None,
) -> Complaint:
    """The written report of the hearing (hoorverslag, Awb 9:10)."""
    lifecycle.ensure_may_handle(actor, complaint)
    if complaint.status != Status.HEARING:
        raise TransitionNotAllowed(_("Een hoorverslag hoort bij een geplande hoorzitting."))
    if not report.strip():
        raise GuardFailed(_("Het hoorverslag kan niet leeg zijn."))
    complaint.hearing_report = report.strip()
    if held_on:
        complaint.hearing_held_on = held_on
    with transaction.atomic():
        complaint.save(update_fields=["hearing_report", "hearing_held_on", "updated_at"])
        _record(
            complaint,
            kind=EventKind.NOTE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Hoorverslag vastgelegd"),
        )
    return complaint


def add_attachment(
    complaint: Complaint, *, file: UploadedFile, actor: User | None, description: str = ""
) -> Attachment:
    attachment = Attachment(
        complaint=complaint,
        original_name=file.name[:255],
        content_type=getattr(file, "content_type", "") or "application/octet-stream",
        size=file.size,
        description=description.strip(),
        uploaded_by=actor,
    )
    attachment.file.save(file.name, file, save=False)
    with transaction.atomic():
        attachment.save()
        _record(
            complaint,
            kind=EventKind.ATTACHMENT,
            actor=actor,
            summary=_("Bijlage toegevoegd: %(name)s") % {"name": attachment.original_name},
            data={"attachment": attachment.pk},
        )
    return attachment


def record_ombudsman(
    complaint: Complaint, *, on: dt.date, actor: User, at: dt.datetime | None = None
) -> Complaint:
    """The complainant went on to the ombudsman: the external rung of the ladder."""
    lifecycle.ensure_may_handle(actor, complaint)
    if complaint.status not in lifecycle.FINAL_STATUSES:
        raise TransitionNotAllowed(_("De ombudsman komt pas in beeld als de klachtbehandeling is afgerond."))
    complaint.ombudsman_on = on
    complaint.resolution_rung = Rung.EXTERNAL
    ombudsman = Municipality.load().ombudsman_name
    with transaction.atomic():
        complaint.save(update_fields=["ombudsman_on", "resolution_rung", "updated_at"])
        _record(
            complaint,
            kind=EventKind.OMBUDSMAN,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Klager is naar %(ombudsman)s gegaan") % {"ombudsman": ombudsman},
        )
    return complaint
