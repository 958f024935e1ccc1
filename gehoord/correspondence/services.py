"""Queueing and delivering letters: to the complainant or their gemachtigde, an employee, a department.

Who gets a letter is decided here (:func:`recipients`): the complainant, or
the gemachtigde whose authorisation is on file with a copy to the
complainant when asked (Awb 2:1); the person complained about for the letters
the law owes them (9:10 lid 1, 9:11 lid 2); the department a document that is
not a complaint is forwarded to (2:3). An anonymous complaint gets no letters.

A letter is written to the database in the caller's transaction (the outbox)
and sent after the commit by a Celery task. Delivery is idempotent and
retried: :func:`deliver` sends a letter at most once once it has succeeded,
and records every failure on the letter so that it is visible and retried,
by the task itself or by :func:`deliver_due_letters` (the safety net for a
task that got lost).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import timeline
from gehoord.cases.constants import EventKind
from gehoord.cases.lifecycle import ensure_action_allowed, ensure_may_handle
from gehoord.cases.models import Complaint
from gehoord.clock.terms import term_end
from gehoord.core.errors import GuardFailed
from gehoord.core.retries import backoff
from gehoord.correspondence import letter_templates, letters
from gehoord.correspondence.attachments import complaint_attachments
from gehoord.correspondence.constants import (
    EMPLOYEE_KINDS,
    INTERNAL_KINDS,
    SIGNED_CHANNELS,
    Delivery,
    LetterKind,
    LetterStatus,
    RecipientRole,
)
from gehoord.correspondence.default_texts import LetterText
from gehoord.correspondence.models import Letter
from gehoord.organisation.models import ForwardingDestination, Municipality

if TYPE_CHECKING:
    from gehoord.accounts.models import User

logger = logging.getLogger(__name__)

# A letter whose first task has not run after this long is taken to be lost.
LOST_TASK_AFTER = dt.timedelta(minutes=1)
# Without EMAIL_TIMEOUT a hanging mail server would hold the letter's row
# lock (and, on SQLite, the database's write lock) for ever.
DEFAULT_SEND_TIMEOUT = 30
MAX_ERROR_LENGTH = 500
# Awb 9:4: the term the complainant gets to supply missing elements, unless staff set one.
MISSING_ELEMENTS_TERM_WEEKS = 2


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed attempt: exponential, capped.

    1, 2, 4, ... minutes, never more than an hour, unless the settings
    LETTER_RETRY_BASE_SECONDS and LETTER_RETRY_CAP_SECONDS say otherwise.
    """
    return backoff(
        attempts,
        base=dt.timedelta(seconds=settings.LETTER_RETRY_BASE_SECONDS),
        cap=dt.timedelta(seconds=settings.LETTER_RETRY_CAP_SECONDS),
    )


@dataclass(frozen=True)
class Recipient:
    """Who a letter is addressed to, as the letter states it."""

    role: str
    name: str
    email: str = ""
    # The postal address for the window of the envelope; for an employee, where internal mail reaches them.
    address: str = ""
    employee: User | None = None


def party_recipient(complaint: Complaint) -> Recipient | None:
    """Who the letters about the complaint go to: the authorised gemachtigde, else the complainant.

    Awb 2:1: once the gemachtigde's authorisation is on file, letters (and
    the status link, and the survey) go to them. None for an anonymous
    complaint: there is nobody to write to.
    """
    if complaint.anonymous:
        return None
    representative = complaint.representative
    if representative is not None and representative.is_authorised:
        return Recipient(
            RecipientRole.REPRESENTATIVE,
            name=representative.name,
            email=representative.email,
            # The organisation (an advocatenkantoor, say) is part of where the letter goes.
            address="\n".join(
                part for part in (representative.organisation, representative.postal_address) if part
            ),
        )
    return complainant_recipient(complaint)


def complainant_recipient(complaint: Complaint) -> Recipient | None:
    if complaint.anonymous:
        return None
    complainant = complaint.complainant
    return Recipient(
        RecipientRole.COMPLAINANT,
        name=complainant.full_name,
        email=complainant.email,
        address=complainant.postal_address,
    )


def employee_recipient(employee: User) -> Recipient:
    """The person complained about: by e-mail, else on paper through internal mail; never more than that."""
    department = getattr(employee, "department", None)
    return Recipient(
        RecipientRole.EMPLOYEE,
        name=employee.get_full_name() or employee.username,
        email=employee.email if employee.is_active else "",
        address=_("Intern: %(department)s") % {"department": department.name} if department else "",
        employee=employee,
    )


def internal_recipient(complaint: Complaint, data: dict[str, Any]) -> Recipient:
    """Awb 2:3: the part of the organisation a document that is not a complaint belongs to."""
    kind = data.get("document_kind") or complaint.forwarded_kind
    destination = ForwardingDestination.objects.select_related("department").filter(kind=kind).first()
    if destination is None or not destination.address:
        raise GuardFailed(_("Er is niet ingesteld waarheen dit stuk wordt doorgestuurd."))
    department = destination.department.name if destination.department else ""
    return Recipient(
        RecipientRole.INTERNAL, name=destination.name, email=destination.address, address=department
    )


def recipients(
    complaint: Complaint, kind: str, data: dict[str, Any] | None = None, *, employee: User | None = None
) -> list[Recipient]:
    """Who gets a letter of `kind`, the main recipient first; a second one is the complainant's copy.

    An anonymous complaint gets no letters at all; only the internal message
    of a forwarded document still goes to its department.
    """
    if kind in INTERNAL_KINDS:
        return [internal_recipient(complaint, data or {})]
    if complaint.anonymous:
        return []
    if kind in EMPLOYEE_KINDS:
        if employee is None:
            raise ValueError(f"A letter of kind {kind!r} is addressed to an employee: pass employee=.")
        return [employee_recipient(employee)]
    spec = letters.spec_for(kind)
    if spec.to_complainant_only:
        main = complainant_recipient(complaint)
        return [main] if main else []
    main = party_recipient(complaint)
    if main is None:
        return []
    if (
        main.role == RecipientRole.REPRESENTATIVE
        and spec.copy_to_complainant
        and complaint.representative.copy_to_complainant
    ):
        return [main, complainant_recipient(complaint)]
    return [main]


def queue_acknowledgment(complaint: Complaint) -> Letter | None:
    """Queue the written acknowledgment of receipt (Awb 9:6) for `complaint`.

    Call it inside the transaction that stores the complaint: the letter row
    commits or rolls back with it, and the e-mail is handed to the task queue
    only after the commit. Without an e-mail address the letter waits for
    staff to print and post it. A complaint has one acknowledgment: calling
    this again returns the letter already queued. An anonymous complaint gets
    none (None): there is nobody to write to.
    """
    return queue_letter(complaint, LetterKind.ACKNOWLEDGMENT)


def queue_letter(
    complaint: Complaint, kind: str, data: dict[str, Any] | None = None, *, employee: User | None = None
) -> Letter | None:
    """Queue a letter of `kind`, in the caller's transaction (the outbox); returns the main letter.

    The recipients are those of :func:`recipients`: the complainant or their
    authorised gemachtigde (and then the complainant's copy, when asked), or
    `employee` for a letter to the person complained about, or the department
    of a forwarded document. None when there is nobody to write to (an
    anonymous complaint).

    By e-mail when the recipient has an e-mail address: the task that sends
    it is handed over after the commit. Otherwise by post: the letter waits
    for staff to print it (status "to print"). `data` is what the letter says
    beyond the complaint file (JSON; dates as ISO strings), fixed now. A kind
    that a recipient gets once (see ``LetterSpec.once``) is queued once per
    recipient: calling this again returns the letter already there.
    """
    letters_queued = queue_letters(complaint, kind, data, employee=employee)
    return letters_queued[0] if letters_queued else None


def queue_letters(
    complaint: Complaint, kind: str, data: dict[str, Any] | None = None, *, employee: User | None = None
) -> list[Letter]:
    """Like :func:`queue_letter`, returning every letter: the main one and the complainant's copy."""
    spec = letters.spec_for(kind)
    data = dict(data or {})
    # Read once for the subjects and the e-mail texts: the municipality's text for this kind, and its settings.
    text, municipality = letter_templates.text_for(kind), Municipality.load()
    queued: list[Letter] = []
    main: Letter | None = None
    with transaction.atomic():
        for recipient in recipients(complaint, kind, data, employee=employee):
            existing = _already_queued(complaint, kind, recipient) if spec.once else None
            if existing is not None:
                letter = existing
            else:
                letter = _queue_one(
                    complaint, kind, data, recipient, copy_of=main, text=text, municipality=municipality
                )
            main = main or letter
            queued.append(letter)
    return queued


def _already_queued(complaint: Complaint, kind: str, recipient: Recipient) -> Letter | None:
    """`once` is per kind and recipient: the same person never gets the same letter twice."""
    return (
        complaint.letters.filter(kind=kind, recipient_role=recipient.role, employee=recipient.employee)
        .order_by("pk")
        .first()
    )


def _queue_one(
    complaint: Complaint,
    kind: str,
    data: dict[str, Any],
    recipient: Recipient,
    *,
    copy_of: Letter | None,
    text: LetterText,
    municipality: Municipality,
) -> Letter:
    by_email = bool(recipient.email)
    letter = Letter(
        complaint=complaint,
        kind=kind,
        delivery=Delivery.EMAIL if by_email else Delivery.POST,
        status=LetterStatus.QUEUED if by_email else LetterStatus.TO_PRINT,
        recipient_role=recipient.role,
        recipient_name=recipient.name[:200],
        recipient_address=recipient.address,
        recipient_email=recipient.email,
        employee=recipient.employee,
        copy_of=copy_of,
        data=data,
    )
    letter.subject = letters.letter_subject(kind, complaint, data, text=text, municipality=municipality)
    if by_email:
        letter.body_text = letters.render_email_text(letter, text=text, municipality=municipality)
    letter.save()
    if by_email:
        _schedule(letter)
    return letter


def queue_missing_elements(
    complaint: Complaint,
    missing: Iterable[str],
    actor: User,
    *,
    respond_by: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Letter:
    """Ask the complainant to supply what a written complaint lacks (Awb 9:4), by `respond_by`.

    `missing` names each missing element in words the complainant
    understands ("uw handtekening", "uw adres"). The term defaults to two
    weeks, moved past weekends and Atw days. The coordinator or the assigned
    handler asks, while the complaint is open; the request goes on the timeline.
    A handwritten signature is asked only of a complaint on paper: one sent
    by web form, e-mail or a connected system needs none (Awb 9:4 with 2:16).
    """
    items = [item.strip() for item in missing if item and item.strip()]
    if not items:
        raise GuardFailed(_("Noem wat er ontbreekt aan de klacht."))
    if complaint.channel not in SIGNED_CHANNELS and any(_asks_signature(item) for item in items):
        raise GuardFailed(
            _(
                "Een klacht via het webformulier, per e-mail of via een koppeling hoeft niet met de hand te "
                "worden ondertekend. Vraag alleen bij een klacht per brief of fax om een handtekening."
            )
        )
    at = at or timezone.now()
    respond_by = respond_by or term_end(at, MISSING_ELEMENTS_TERM_WEEKS)
    if respond_by <= timezone.localdate(at):
        raise GuardFailed(_("De termijn om de gegevens aan te vullen moet in de toekomst liggen."))
    with transaction.atomic():
        current = Complaint.objects.select_for_update().select_related("complainant").get(pk=complaint.pk)
        ensure_may_handle(actor, current)
        ensure_action_allowed(current, "missing_elements")
        if not current.is_written:
            raise GuardFailed(
                _("Alleen een schriftelijke klacht moet deze gegevens bevatten (Awb 9:4); neem contact op.")
            )
        letter = queue_letter(
            current, LetterKind.MISSING_ELEMENTS, {"missing": items, "respond_by": respond_by.isoformat()}
        )
        if letter is None:
            raise GuardFailed(
                _("Een anonieme klacht krijgt geen brieven: er is niemand om aan te schrijven.")
            )
        timeline.record(
            current,
            kind=EventKind.LETTER,
            at=at,
            actor=actor,
            summary=_("Ontbrekende gegevens gevraagd, uiterlijk %(date)s")
            % {"date": respond_by.strftime("%d-%m-%Y")},
            details="\n".join(items),
            data={"letter": letter.pk, "kind": letter.kind, "respond_by": respond_by.isoformat()},
        )
    return letter


def _asks_signature(item: str) -> bool:
    lowered = item.lower()
    return "handtekening" in lowered or "onderteken" in lowered


def _schedule(letter: Letter) -> None:
    from gehoord.correspondence.tasks import deliver_letter

    letter_id, attempts = letter.pk, letter.attempts
    # robust: a broker that is down must not fail the request that stored the
    # complaint; deliver_due_letters picks the letter up later.
    transaction.on_commit(lambda: deliver_letter.delay(letter_id, attempts), robust=True)


def ensure_pdf(letter: Letter) -> bytes:
    """The letter's PDF: rendered and stored once, then reused (on a retry, for printing).

    A stored PDF is never rendered again: once the letter is sent or printed
    it is what the complainant received, whatever changed in the file since.
    """
    if letter.pdf:
        with letter.pdf.open("rb") as stored:
            return stored.read()
    if letter.is_final:
        # Only a letter from before PDFs were kept on printing gets here.
        logger.warning("Letter %s was %s without a stored PDF; rendering it now.", letter.pk, letter.status)
    content = letters.render_pdf(letter)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(content), save=False)
    letter.save(update_fields=["pdf"])
    return content


def letter_pdf(letter: Letter) -> bytes:
    """The PDF to show staff: the stored one, or rendered and stored now (under the letter's lock)."""
    if letter.pdf:
        return ensure_pdf(letter)
    with transaction.atomic():
        locked = Letter.objects.select_for_update().select_related("complaint__complainant").get(pk=letter.pk)
        content = ensure_pdf(locked)
    letter.pdf = locked.pdf
    return content


def deliver(letter_id: int, *, expected_attempts: int | None = None) -> Letter:
    """Send an e-mail letter, once.

    The row is locked for the whole attempt, so two workers never send the
    same letter; a letter that is no longer queued is returned untouched, so
    a task that is retried or delivered twice never sends twice. With
    `expected_attempts`, an attempt is made only if no other attempt happened
    since the task was scheduled: duplicate tasks (a retry and the safety
    net's requeue) then collapse into one chain instead of multiplying.

    A failure is recorded on the letter (attempts, last_error, next_attempt_at)
    and committed before the exception is re-raised to the caller.
    """
    failure: Exception | None = None
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("complaint__complainant").get(pk=letter_id)
        if letter.status != LetterStatus.QUEUED or letter.delivery != Delivery.EMAIL:
            return letter
        if expected_attempts is not None and letter.attempts != expected_attempts:
            logger.info("Letter %s: attempt already made by another task, skipping.", letter.pk)
            return letter
        letter.attempts += 1
        letter.last_attempt_at = timezone.now()
        try:
            pdf = ensure_pdf(letter)
            _send_email(letter, pdf)
        except Exception as exc:
            failure = exc
            _record_failure(letter, exc)
        else:
            _record_sent(letter)
    if failure is not None:
        raise failure
    return letter


def _send_email(letter: Letter, pdf: bytes) -> None:
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_SEND_TIMEOUT
    message = EmailMessage(
        subject=letter.subject,
        body=letters.email_body(letter),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[letter.recipient_email],
        connection=get_connection(timeout=timeout),
        # RFC 3834: a letter is sent by the system, so out-of-office programs should not answer it
        # (and the mailbox intake sets aside the ones that do).
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )
    message.attach(letters.attachment_name(letter), pdf, "application/pdf")
    if letters.spec_for(letter.kind).with_attachments:
        # Awb 2:3: the forwarded document goes with everything the sender sent.
        for name, content, mimetype in complaint_attachments(letter.complaint):
            message.attach(name, content, mimetype)
    message.send()


def _record_sent(letter: Letter) -> None:
    now = timezone.now()
    letter.status = LetterStatus.SENT
    letter.sent_at = now
    letter.next_attempt_at = None
    letter.last_error = ""
    letter.save(
        update_fields=["status", "sent_at", "next_attempt_at", "last_error", "attempts", "last_attempt_at"]
    )
    _after_sent(letter, at=now, summary=_("%(letter)s verzonden per e-mail"))


def _after_sent(letter: Letter, *, at: dt.datetime, summary: str, actor: User | None = None) -> None:
    """What sending a letter means for the complaint file: a marked date and a timeline entry."""
    complaint = letter.complaint
    field = letters.spec_for(letter.kind).marks_complaint_field
    if field and not letter.is_copy and getattr(complaint, field) is None:
        setattr(complaint, field, at)
        complaint.save(update_fields=[field, "updated_at"])
    data = {"letter": letter.pk, "kind": letter.kind, "delivery": letter.delivery}
    if letter.recipient_role != RecipientRole.COMPLAINANT or letter.is_copy:
        data["recipient"] = letter.recipient_role
    timeline.record(
        complaint,
        kind=EventKind.LETTER,
        at=at,
        actor=actor,
        summary=(summary % {"letter": letter.get_kind_display()}) + _to_whom(letter),
        data=data,
    )


def _to_whom(letter: Letter) -> str:
    """Who got the letter, for the timeline; nothing extra for a letter to the complainant."""
    if letter.is_copy:
        return " " + _("(kopie aan de klager)")
    role = letter.recipient_role
    if role == RecipientRole.REPRESENTATIVE:
        return " " + _("(aan de gemachtigde)")
    if role == RecipientRole.EMPLOYEE:
        # The Letter row names the employee; the timeline, like the 9:9 copy's entry, does not.
        return " " + _("(aan de beklaagde medewerker)")
    if role == RecipientRole.INTERNAL:
        return " " + _("(intern aan %(name)s)") % {"name": letter.recipient_name}
    return ""


def _record_failure(letter: Letter, exc: Exception) -> None:
    letter.last_error = describe_error(exc, letter)
    letter.next_attempt_at = timezone.now() + retry_delay(letter.attempts)
    letter.save(update_fields=["attempts", "last_error", "next_attempt_at", "last_attempt_at"])
    logger.warning(
        "Letter %s (%s) not sent, attempt %s: %s", letter.pk, letter.kind, letter.attempts, letter.last_error
    )


def describe_error(exc: Exception, letter: Letter) -> str:
    """The exception class and message, without the recipient's address (personal data)."""
    text = f"{type(exc).__name__}: {exc}"
    if letter.recipient_email:
        text = re.sub(re.escape(letter.recipient_email), "<ontvanger>", text, flags=re.IGNORECASE)
    return text[:MAX_ERROR_LENGTH]


def due_letters(now: dt.datetime | None = None):
    """E-mail letters still queued whose retry is due, or whose first task seems lost."""
    now = now or timezone.now()
    return Letter.objects.filter(status=LetterStatus.QUEUED, delivery=Delivery.EMAIL).filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lte=now - LOST_TASK_AFTER)
    )


def deliver_due_letters(now: dt.datetime | None = None) -> int:
    """Hand every due letter (see :func:`due_letters`) to the task queue again; returns how many.

    The safety net for tasks lost with a broker or worker, and the way to
    retry when tasks run in-process (no broker). The expected attempt count
    goes with each task, so a letter whose own retry is also pending is
    attempted once, not twice.
    """
    from gehoord.correspondence.tasks import deliver_letter

    due = list(due_letters(now).order_by("created_at", "pk").values_list("pk", "attempts"))
    for letter_id, attempts in due:
        deliver_letter.delay(letter_id, attempts)
    return len(due)


def mark_printed(letter: Letter, *, actor: User | None = None, at: dt.datetime | None = None) -> Letter:
    """Staff printed a post letter and put it in the mail: it counts as sent.

    The PDF is stored first if nobody opened it yet, so the file keeps what
    went out. With `actor`, only the coordinator or the assigned handler may
    do this (any caller without one is the system itself).
    """
    at = at or timezone.now()
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("complaint__complainant").get(pk=letter.pk)
        if actor is not None:
            ensure_may_handle(actor, letter.complaint)
        if letter.status != LetterStatus.TO_PRINT:
            return letter
        ensure_pdf(letter)
        letter.status = LetterStatus.PRINTED
        letter.sent_at = at
        letter.save(update_fields=["status", "sent_at"])
        _after_sent(letter, at=at, summary=_("%(letter)s verzonden per post"), actor=actor)
    return letter


def retry_now(letter: Letter, *, actor: User) -> Letter:
    """Try a queued e-mail again now, instead of at its next attempt (the coordinator or the handler)."""
    from gehoord.correspondence.tasks import deliver_letter

    ensure_may_handle(actor, letter.complaint)
    letter = Letter.objects.get(pk=letter.pk)
    if letter.status != LetterStatus.QUEUED or letter.delivery != Delivery.EMAIL:
        raise GuardFailed(_("Deze brief wacht niet op verzending per e-mail."))
    # Nothing here needs a commit first: the task can be handed over at once.
    # In-process (no broker) it runs now and never raises: on a failure the
    # letter stays queued. With a broker, a worker picks it up.
    try:
        deliver_letter.delay(letter.pk, letter.attempts)
    except Exception:
        # A broker that is down: deliver_due_letters tries the letter later.
        logger.exception("Letter %s could not be handed to the task queue.", letter.pk)
    letter.refresh_from_db()
    return letter
