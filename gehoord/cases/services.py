"""What staff, the public form, the API, tasks and commands do with a complaint file.

Status changes go through :mod:`gehoord.cases.lifecycle`; every function here
records what it did on the complaint's timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, timeline
from gehoord.cases.attachment_policy import CheckedFile, check_uploads
from gehoord.cases.constants import (
    AuthorisationKind,
    CompetentOrgan,
    ContactChannel,
    CopyWaiverReason,
    EventKind,
    HearingParty,
    HearingResponse,
    Judgement,
    RetentionResult,
    Rung,
)
from gehoord.cases.models import (
    Attachment,
    Complaint,
    ComplaintEvent,
    ComplaintPart,
    ConductNorm,
    Contact,
    CopyWaiver,
    FileOpened,
    Hearing,
    Representative,
)
from gehoord.core.errors import GuardFailed, PermissionDenied
from gehoord.organisation.models import Municipality

if TYPE_CHECKING:
    from gehoord.accounts.models import User


def add_note(
    complaint: Complaint, *, text: str, actor: User, at: dt.datetime | None = None
) -> ComplaintEvent:
    lifecycle.ensure_may_handle(actor, complaint)
    if not text.strip():
        raise GuardFailed(_("Een notitie kan niet leeg zijn."))
    # The note and its audit entry (written with the timeline event) commit together.
    with transaction.atomic():
        return timeline.record(
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
        timeline.record(
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
    lifecycle.ensure_action_allowed(complaint, "involve_employee")
    lifecycle.ensure_not_handler(complaint, employee)
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "involve_employee", actor)
        complaint.employees_involved.add(employee)
        timeline.record(
            complaint,
            kind=EventKind.CHANGE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Betrokken medewerker vastgelegd: %(name)s") % {"name": employee.get_full_name()},
        )


def add_part(complaint: Complaint, *, description: str, actor: User) -> ComplaintPart:
    """A new complaint part (see :mod:`gehoord.cases.parts`, the home of part changes)."""
    from gehoord.cases import parts

    return parts.add_part(complaint, description=description, actor=actor)


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
    lifecycle.ensure_action_allowed(complaint, "judge_part")
    if judgement not in Judgement.values:
        raise GuardFailed(_("Kies een oordeel: gegrond, deels gegrond, ongegrond of geen oordeel."))
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "judge_part", actor)
        part.judgement = judgement
        part.reasoning = reasoning.strip()
        part.save(update_fields=["judgement", "reasoning"])
        part.norms.set(norms)
        timeline.record(
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
    lifecycle.ensure_action_allowed(complaint, "findings")
    if signatory is not None and lifecycle.is_involved(signatory, complaint):
        raise GuardFailed(
            _("%(name)s is betrokken bij de gedraging en kan de beslissing niet ondertekenen (Awb 9:7).")
            % {"name": signatory.get_full_name()}
        )
    complaint.findings = findings.strip()
    complaint.conclusions = conclusions.strip()
    complaint.signatory = signatory
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "findings", actor)
        complaint.save(update_fields=["findings", "conclusions", "signatory", "updated_at"])
        timeline.record(
            complaint,
            kind=EventKind.CHANGE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Bevindingen en conclusies vastgelegd"),
        )
    return complaint


def _hearing_party(hearing: Hearing) -> str:
    if hearing.party == HearingParty.COMPLAINANT:
        return _("de klager")
    employee = hearing.employee
    return (employee.get_full_name() or employee.username) if employee else _("de beklaagde")


def record_hearing_response(
    hearing: Hearing,
    *,
    response: HearingResponse | str,
    on: dt.date,
    how: str,
    actor: User,
    at: dt.datetime | None = None,
) -> Hearing:
    """What an invited party answered: they want to be heard, or they decline (Awb 9:10 lid 2 onder b)."""
    complaint = hearing.complaint
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "hearing_response")
    if response not in HearingResponse.values:
        raise GuardFailed(_("Kies het antwoord: wil gehoord worden, of ziet af van horen."))
    at = at or timezone.now()
    lifecycle.ensure_past_date(
        on, at, _("Leg vast op welke datum het antwoord kwam; die datum kan niet in de toekomst liggen.")
    )
    if not how.strip():
        raise GuardFailed(_("Leg vast hoe het antwoord kwam, bijvoorbeeld 'telefonisch' of 'per e-mail'."))
    hearing.response = response
    hearing.response_on = on
    hearing.response_how = how.strip()
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "hearing_response", actor)
        hearing.save(update_fields=["response", "response_on", "response_how"])
        timeline.record(
            complaint,
            kind=EventKind.NOTE,
            at=at,
            actor=actor,
            summary=_("Antwoord op uitnodiging horen van %(party)s: %(response)s")
            % {"party": _hearing_party(hearing), "response": hearing.get_response_display()},
            details=_("Op %(date)s, %(how)s") % {"date": f"{on:%d-%m-%Y}", "how": hearing.response_how},
            data={"hearing": hearing.pk, "response": response},
        )
    return hearing


def record_hearing_report(
    hearing: Hearing,
    *,
    report: str,
    held_on: dt.date,
    actor: User,
    attended: bool = True,
    at: dt.datetime | None = None,
) -> Hearing:
    """The written report of one party's hearing (hoorverslag, Awb 9:10 lid 3).

    `attended` False: the party wanted to be heard but did not come on `held_on`;
    the hearing was offered (lid 1), and the report says what happened.
    """
    complaint = hearing.complaint
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "hearing_report")
    if not report.strip():
        raise GuardFailed(_("Het hoorverslag kan niet leeg zijn."))
    at = at or timezone.now()
    lifecycle.ensure_past_date(
        held_on, at, _("Leg vast wanneer er is gehoord; die datum kan niet in de toekomst liggen.")
    )
    hearing.report = report.strip()
    hearing.held_on = held_on
    hearing.attended = attended
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "hearing_report", actor)
        hearing.save(update_fields=["report", "held_on", "attended"])
        timeline.record(
            complaint,
            kind=EventKind.NOTE,
            at=at,
            actor=actor,
            summary=(
                _("Hoorverslag vastgelegd (%(party)s)")
                if attended
                else _("Niet verschenen om gehoord te worden (%(party)s)")
            )
            % {"party": _hearing_party(hearing)},
            data={"hearing": hearing.pk},
        )
    return hearing


def waive_copy(
    complaint: Complaint,
    *,
    reason: CopyWaiverReason | str,
    actor: User,
    employee: User | None = None,
    explanation: str = "",
    at: dt.datetime | None = None,
) -> CopyWaiver:
    """Awb 9:9: record why an employee complained about gets no copy by e-mail, or that there is nobody.

    "No identifiable person" is for a complaint that names no employee;
    "left" and "given on paper" are for one employee named on the file.
    """
    if reason not in CopyWaiverReason.values:
        raise GuardFailed(_("Kies de reden waarom er geen kopie per e-mail gaat (Awb 9:9)."))
    at = at or timezone.now()
    with transaction.atomic():
        current = Complaint.objects.select_for_update().get(pk=complaint.pk)
        lifecycle.ensure_may_handle(actor, current)
        lifecycle.ensure_action_allowed(current, "waive_copy")
        involved = current.employees_involved.all()
        if reason == CopyWaiverReason.NO_PERSON:
            if involved.exists():
                raise GuardFailed(
                    _("Bij deze klacht zijn betrokken medewerkers vastgelegd; kies per medewerker een reden.")
                )
            employee = None
        elif employee is None or not involved.filter(pk=employee.pk).exists():
            raise GuardFailed(_("Kies de betrokken medewerker voor wie deze reden geldt."))
        waiver = CopyWaiver.objects.create(
            complaint=current,
            employee=employee,
            reason=reason,
            explanation=explanation.strip(),
            recorded_by=actor,
            recorded_at=at,
        )
        timeline.record(
            current,
            kind=EventKind.NOTE,
            at=at,
            actor=actor,
            summary=_("Geen kopie per e-mail (Awb 9:9): %(reason)s%(who)s")
            % {
                "reason": waiver.get_reason_display(),
                "who": f" ({employee.get_full_name() or employee.username})" if employee else "",
            },
            details=waiver.explanation,
            data={"copy_waiver": waiver.pk},
        )
    return waiver


def record_authorisation(
    complaint: Complaint,
    *,
    kind: AuthorisationKind | str,
    on: dt.date,
    copy_to_complainant: bool,
    actor: User,
    at: dt.datetime | None = None,
) -> Representative:
    """Awb 2:1 lid 2: the representative's authorisation is on file; letters then go to them."""
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "representative")
    representative = complaint.representative
    if representative is None:
        raise GuardFailed(_("Bij deze klacht is geen gemachtigde vastgelegd."))
    if kind not in AuthorisationKind.values:
        raise GuardFailed(
            _("Kies hoe de gemachtiging blijkt: een schriftelijke machtiging of een verklaring.")
        )
    at = at or timezone.now()
    lifecycle.ensure_past_date(
        on, at, _("Geef de datum van de machtiging; die kan niet in de toekomst liggen.")
    )
    representative.authorisation_kind = kind
    representative.authorised_on = on
    representative.copy_to_complainant = copy_to_complainant
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "representative", actor)
        representative.save(update_fields=["authorisation_kind", "authorised_on", "copy_to_complainant"])
        timeline.record(
            complaint,
            kind=EventKind.CHANGE,
            at=at,
            actor=actor,
            summary=_("Machtiging gemachtigde vastgelegd: %(kind)s van %(date)s")
            % {"kind": representative.get_authorisation_kind_display(), "date": f"{on:%d-%m-%Y}"},
            details=_("Brieven gaan naar de gemachtigde")
            + (_(", met een kopie aan de klager.") if copy_to_complainant else "."),
        )
    return representative


def set_competent_organ(
    complaint: Complaint, *, organ: CompetentOrgan | str, actor: User, at: dt.datetime | None = None
) -> Complaint:
    """The bestuursorgaan the conduct is attributed to; it decides and the decision is signed on its behalf."""
    if not actor.has_role(lifecycle.Role.COORDINATOR):
        raise PermissionDenied(_("Alleen de klachtencoördinator legt het bevoegde bestuursorgaan vast."))
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "competent_organ")
    if organ not in CompetentOrgan.values:
        raise GuardFailed(_("Kies het college, de burgemeester of de gemeenteraad."))
    complaint.competent_organ = organ
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "competent_organ", actor)
        complaint.save(update_fields=["competent_organ", "updated_at"])
        timeline.record(
            complaint,
            kind=EventKind.CHANGE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Bevoegd bestuursorgaan: %(organ)s")
            % {"organ": complaint.get_competent_organ_display()},
        )
    return complaint


def set_about_failure_to_decide(
    complaint: Complaint, *, value: bool, actor: User, at: dt.datetime | None = None
) -> Complaint:
    """Whether the conduct complained about is failing to decide in time (Awb 9:8 lid 1 onder d)."""
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "about_failure_to_decide")
    complaint.about_failure_to_decide = value
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "about_failure_to_decide", actor)
        complaint.save(update_fields=["about_failure_to_decide", "updated_at"])
        timeline.record(
            complaint,
            kind=EventKind.CHANGE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Gaat over niet tijdig beslissen")
            if value
            else _("Gaat niet over niet tijdig beslissen"),
        )
    return complaint


@contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """Collects the names of files stored in the block; if the block fails, they are deleted again.

    A transaction that rolls back leaves no rows, but files written to storage
    inside it stay: without this an attachment of a failed intake would
    remain on disk with no complaint pointing to it.
    """
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def store_files(
    complaint: Complaint,
    files: Sequence[CheckedFile],
    *,
    stored: list[str],
    description: str,
    actor: User | None = None,
    at: dt.datetime | None = None,
) -> list[Attachment]:
    """Keep screened files as attachments of `complaint`, under their safe names, each on the timeline.

    Each file's storage name is added to `stored` as soon as it is written (see
    :func:`files_removed_on_failure`).
    """
    at = at or timezone.now()
    attachments = []
    for checked in files:
        attachment = Attachment(
            complaint=complaint,
            original_name=checked.name[:255],
            content_type=checked.content_type,  # read from the content, never the sender's claim
            size=checked.file.size,
            description=description[:200],
            uploaded_by=actor,
            uploaded_at=at,
        )
        attachment.file.save(checked.name, checked.file, save=False)
        stored.append(attachment.file.name)
        attachment.save()
        timeline.record(
            complaint,
            kind=EventKind.ATTACHMENT,
            at=at,
            actor=actor,
            summary=_("Bijlage toegevoegd: %(name)s") % {"name": attachment.original_name},
            data={"attachment": attachment.pk},
        )
        attachments.append(attachment)
    return attachments


def add_attachment(
    complaint: Complaint, *, file: UploadedFile, actor: User | None, description: str = ""
) -> Attachment:
    """A file staff add to the file, screened by the one attachment policy like every channel's files."""
    try:
        (checked,) = check_uploads([file])
    except ValidationError as error:
        raise GuardFailed(" ".join(error.messages)) from error
    with files_removed_on_failure() as stored, transaction.atomic():
        (attachment,) = store_files(
            complaint, [checked], stored=stored, description=description.strip(), actor=actor
        )
    return attachment


def record_ombudsman(
    complaint: Complaint,
    *,
    on: dt.date,
    actor: User,
    ended_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Complaint:
    """The complainant went to the ombudsman (Awb 9:17 ff.): the external rung of the ladder.

    Possible after the internal handling ended, and also once the decision term
    passed without a decision (Awb 9:24 lid 1). `ended_on`, the day the
    ombudsman's handling ended, may be recorded now or later; the retention
    term of 10 years counts from it.
    """
    at = at or timezone.now()
    today = timezone.localdate(at)
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "ombudsman", today)
    lifecycle.ensure_past_date(
        on,
        at,
        _("Geef de datum waarop de klager naar de ombudsman ging; die kan niet in de toekomst liggen."),
    )
    if ended_on is not None and (ended_on < on or ended_on > today):
        raise GuardFailed(
            _("De behandeling door de ombudsman eindigde tussen de datum van indienen en vandaag.")
        )
    first = complaint.ombudsman_on is None
    complaint.ombudsman_on = on
    complaint.ombudsman_ended_on = ended_on
    complaint.resolution_rung = Rung.EXTERNAL
    if complaint.closed_at is not None and complaint.retention_result != RetentionResult.PERMANENT:
        # Selectielijst 2020, 13: handled via the ombudsman, 10 years after its handling ended.
        complaint.retention_result = RetentionResult.OMBUDSMAN
    ombudsman = Municipality.load().ombudsman_name
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "ombudsman", actor, today)
        complaint.save(
            update_fields=[
                "ombudsman_on",
                "ombudsman_ended_on",
                "resolution_rung",
                "retention_result",
                "updated_at",
            ]
        )
        if first:
            summary = _("Klager is naar %(ombudsman)s gegaan") % {"ombudsman": ombudsman}
        else:
            summary = _("Gegevens ombudsman bijgewerkt")
        details = (
            _("Behandeling door de ombudsman beëindigd op %(date)s") % {"date": f"{ended_on:%d-%m-%Y}"}
            if ended_on
            else ""
        )
        timeline.record(
            complaint,
            kind=EventKind.OMBUDSMAN,
            at=at,
            actor=actor,
            summary=summary,
            details=details,
            data={"on": on.isoformat(), "ended_on": ended_on.isoformat() if ended_on else None},
        )
    return complaint


# --- new information from the complainant -------------------------------------------------
# When the complainant adds to a file (the status link, a reply e-mail, a later upload), the
# complaint is marked "nieuwe informatie" (Complaint.new_information_at) until the person who
# works on it opens the file: its handler, or a coordinator while it has none. The municipality's
# setting (Municipality.new_information_notice) says how they hear of it: in the daily digest
# (gehoord.monitor.digest) or at once by e-mail (gehoord.cases.tasks.send_new_information_notice).


def note_new_information(complaint: Complaint, *, at: dt.datetime | None = None, source: str) -> None:
    """Mark `complaint` as having new information from the complainant, and tell its handler if set so.

    Call it in the transaction that stores the addition, next to the timeline
    entry that records what was added (this function records nothing on the
    timeline itself). `at` is when the information arrived (default: now);
    while the marker is not yet cleared the earliest unseen moment is kept.
    `source` is one of :class:`gehoord.cases.constants.NewInformationSource`
    (``"status_link"``, ``"email"``, ``"upload"``); it only words the e-mail.

    When the municipality's setting is "immediate", an e-mail to whoever
    clears the marker (see :func:`new_information_recipients`) is queued as
    a Celery task once the transaction commits: a rollback sends nothing, and
    a mail server or broker that is down never undoes or breaks the addition.
    The e-mail names the reference and a link to the file only. With the
    setting "digest" the complaint is listed in the next daily digest.
    """
    from django.db.models import Q

    from gehoord.cases.constants import NewInformationSource
    from gehoord.organisation.constants import NewInformationNotice

    if source not in NewInformationSource.values:
        raise ValueError(f"Unknown source of new information: {source!r}")
    at = at or timezone.now()
    # One UPDATE that keeps the earliest unseen moment, also against a concurrent addition.
    Complaint.objects.filter(pk=complaint.pk).filter(
        Q(new_information_at__isnull=True) | Q(new_information_at__gt=at)
    ).update(new_information_at=at)
    if complaint.new_information_at is None or complaint.new_information_at > at:
        complaint.new_information_at = at
    if Municipality.load().new_information_notice != NewInformationNotice.IMMEDIATE:
        return
    from gehoord.cases.tasks import send_new_information_notice

    complaint_id = complaint.pk
    # robust: a broker that is down must not fail the citizen's request; the inbox still marks the file.
    transaction.on_commit(lambda: send_new_information_notice.delay(complaint_id, source), robust=True)


def clears_new_information(user: User, complaint: Complaint) -> bool:
    """Whether `user` opening the file means the new information is seen: its handler, or without one a coordinator."""
    if complaint.handler_id is not None:
        return complaint.handler_id == user.pk
    return user.has_role(lifecycle.Role.COORDINATOR)


def mark_seen(complaint: Complaint, user: User) -> bool:
    """`user` opened the file: clear its "nieuwe informatie" marker if they are the one who clears it.

    Clears it when `user` is the complaint's handler, or, while it has no
    handler, a coordinator; anyone else leaves it for them. No query when
    there is nothing to clear, one UPDATE when there is. Returns whether it
    cleared the marker (and then sets ``new_information_at`` to None on
    `complaint` too).
    """
    if complaint.new_information_at is None or not clears_new_information(user, complaint):
        return False
    # The handler is part of the condition: a reassignment at the same moment leaves the marker on.
    cleared = Complaint.objects.filter(
        pk=complaint.pk, handler_id=complaint.handler_id, new_information_at__isnull=False
    ).update(new_information_at=None)
    if cleared:
        complaint.new_information_at = None
    return bool(cleared)


def note_opened(complaint: Complaint, user: User) -> None:
    """`user` opened the file now: the inbox no longer marks it "not yet opened" for them."""
    FileOpened.objects.update_or_create(
        user=user, complaint=complaint, defaults={"opened_at": timezone.now()}
    )


def new_information_recipients(complaint: Complaint) -> list[User]:
    """Who is e-mailed at once about new information: the handler, or without an active one the coordinators.

    Never a coordinator whose own conduct the complaint is about (Awb 9:7), nor
    anyone without an e-mail address or no longer active.
    """
    from gehoord.accounts.models import User

    handler = complaint.handler
    if handler is not None and handler.is_active:
        people: Iterable[User] = [handler]
    else:
        people = (
            User.objects.filter(is_active=True, groups__name=lifecycle.Role.COORDINATOR)
            .exclude(pk__in=complaint.employees_involved.values("pk"))
            .distinct()
            .order_by("pk")
        )
    return [person for person in people if person.email]
