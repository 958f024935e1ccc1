"""E-mail intake: a message becomes a complaint, joins the file it refers to, or is set aside.

- A new message from a person becomes a complaint with channel e-mail, its
  sender the complainant, its attachments kept, and the acknowledgment queued
  (a written complaint, Awb 9:6) — all in one transaction.
- A message that names an existing complaint's reference ("K-2026-00042",
  e.g. in the subject of a reply) is added to that file instead.
- Auto-replies and delivery reports are recorded and set aside, never
  turned into complaints.
- The same Message-ID is imported once (a unique row per message).
- A message that cannot be imported is recorded as failed, with the reason,
  and left in the mailbox for the next poll: nothing is lost, and the
  coordinator sees it in the mailbox screen and the daily digest.

The poller (:func:`poll`) and the staff upload of an .eml file both call
:func:`import_message`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import record_current as audit
from gehoord.cases import services as case_services
from gehoord.cases import timeline
from gehoord.cases.attachment_policy import Screening, screen_content
from gehoord.cases.constants import Channel, EventKind
from gehoord.cases.models import Complainant, Complaint
from gehoord.cases.services import files_removed_on_failure, store_files
from gehoord.core.errors import GuardFailed
from gehoord.core.names import split_display_name
from gehoord.intake.pipeline import Intake, NewComplaint, record_refused_files, take_in
from gehoord.mailbox.imap import Mailbox
from gehoord.mailbox.models import InboundMessage, MessageOutcome, MessageSource
from gehoord.mailbox.parsing import MalformedMessage, ParsedMessage, message_id_of, parse, sender_and_subject

if TYPE_CHECKING:
    from gehoord.accounts.models import User

logger = logging.getLogger(__name__)

MAX_REASON_LENGTH = 500


@dataclass
class PollResult:
    """What one poll did, per outcome; `already_done` were imported before (their flag had not stuck)."""

    counts: dict[str, int] = field(default_factory=dict)
    already_done: int = 0

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def __str__(self) -> str:
        parts = [f"{outcome}: {count}" for outcome, count in sorted(self.counts.items())]
        return ", ".join([*parts, f"already done: {self.already_done}"])


def _complainant(parsed: ParsedMessage) -> Complainant:
    # "Jan de Vries" -> first name "Jan", last name "de Vries"; staff correct it in the file.
    first_name, last_name = split_display_name(parsed.sender_name)
    last_name = last_name or parsed.sender_email
    return Complainant(first_name=first_name[:120], last_name=last_name[:120], email=parsed.sender_email)


class ScanLater(Exception):
    """An attachment could not be scanned now (ClamAV unreachable): the message is tried again later."""


def _screened(parsed: ParsedMessage) -> Screening:
    """The message's attachments through the one attachment policy of every channel."""
    screening = screen_content((attachment.filename, attachment.content) for attachment in parsed.attachments)
    if any(refused.retryable for refused in screening.refused):
        # Importing without the file would lose it; the mail stays in the mailbox for the next poll.
        raise ScanLater(
            _(
                "Een bijlage kon niet op virussen worden gecontroleerd; het bericht wordt later opnieuw gelezen."
            )
        )
    return screening


def _existing_complaint(parsed: ParsedMessage) -> Complaint | None:
    for reference in parsed.references:
        complaint = Complaint.objects.select_related("complainant").filter(reference=reference).first()
        if complaint is not None:
            return complaint
    return None


def _from_complainant(complaint: Complaint, parsed: ParsedMessage) -> bool:
    """Written by the complainant: their address, and not refused by the sender's domain (DMARC)."""
    return complaint.complainant.email.lower() == parsed.sender_email and not parsed.authentication.failed


def _add_to_complaint(
    complaint: Complaint, parsed: ParsedMessage, received_at: dt.datetime, screening: Screening
) -> None:
    summary = _("E-mail ontvangen: %(subject)s") % {"subject": parsed.subject or _("(geen onderwerp)")}
    own = _from_complainant(complaint, parsed)
    if parsed.authentication.failed:
        # The address is the complainant's but their domain says it was not sent by them.
        summary += " " + _("(afzender niet geverifieerd: %(sender)s)") % {"sender": parsed.sender_email}
    elif not own:
        # Someone else wrote about this complaint: staff must see that before acting on it.
        summary += " " + _("(afzender is niet de klager: %(sender)s)") % {"sender": parsed.sender_email}
    names = ", ".join(checked.name for checked in screening.accepted)
    if names:
        summary += " " + _("met bijlagen: %(names)s") % {"names": names}
    with files_removed_on_failure() as stored:
        store_files(
            complaint, screening.accepted, stored=stored, description=_("Bijlage bij e-mail"), at=received_at
        )
        record_refused_files(complaint, screening.refused)
        timeline.record(
            complaint,
            kind=EventKind.COMPLAINANT_ADDITION if own else EventKind.NOTE,
            at=received_at,
            summary=summary,
            details=parsed.text,
            data={
                "sender_verified": parsed.authentication.verdict,
                "files": [checked.name for checked in screening.accepted],
            },
        )
        if own:
            # The handler sees "nieuwe informatie" in the inbox until they open the file.
            case_services.note_new_information(complaint, at=received_at, source="email")


def _origin_note(parsed: ParsedMessage) -> tuple[str, str] | None:
    """What the file must say about where the mail came from: an unverified sender, a reference not found."""
    lines = []
    if parsed.authentication.failed:
        lines.append(
            _("Afzender niet geverifieerd: het domein van %(sender)s keurt dit bericht af (%(result)s).")
            % {"sender": parsed.sender_email, "result": parsed.authentication.summary}
        )
    if parsed.references:
        lines.append(
            _("Het bericht noemt kenmerk %(references)s, maar die klacht bestaat niet.")
            % {"references": ", ".join(parsed.references)}
        )
    if not lines:
        return None
    summary = (
        _("Afzender niet geverifieerd")
        if parsed.authentication.failed
        else _("Genoemd kenmerk niet gevonden")
    )
    return summary, "\n".join(lines)


def _new_complaint(parsed: ParsedMessage, received_at: dt.datetime, screening: Screening) -> Intake:
    description = parsed.text or parsed.subject or _("(leeg bericht)")
    if parsed.subject and parsed.text:
        description = f"{parsed.subject}\n\n{parsed.text}"
    intake = take_in(
        NewComplaint(
            channel=Channel.EMAIL,
            complainant=_complainant(parsed),
            description=description,
            received_at=received_at,
            files=screening.accepted,
            refused_files=screening.refused,
            attachment_description=_("Bijlage bij e-mail"),
            origin_note=_origin_note(parsed),
            # An unverified sender is not matched to the person whose address it uses.
            match_resubmission=not parsed.authentication.failed,
        )
    )
    return intake


def _nothing_usable(parsed: ParsedMessage, screening: Screening) -> str:
    """Why a message holds nothing to take in (no text, no allowed file), or ""."""
    if parsed.text.strip() or parsed.subject.strip() or screening.accepted:
        return ""
    if screening.refused:
        return _("Geen tekst en geen bruikbare bijlage. %(reasons)s") % {
            "reasons": " ".join(refused.reason for refused in screening.refused)
        }
    return _("Het bericht heeft geen tekst en geen bijlagen.")


def _record(
    message_id: str, *, source: str, outcome: str, parsed: ParsedMessage | None = None, **fields
) -> InboundMessage:
    """Create or update the message's row; a failure again counts one more attempt."""
    now = timezone.now()
    values = {"source": source, "outcome": outcome, "last_attempt_at": now, **fields}
    if parsed is not None:
        values |= {"sender": parsed.sender_email, "subject": parsed.subject}
    updated = InboundMessage.objects.filter(message_id=message_id).update(
        attempts=F("attempts") + 1, **values
    )
    row = None
    if not updated:
        try:
            with transaction.atomic():
                row = InboundMessage.objects.create(message_id=message_id, first_seen_at=now, **values)
        except IntegrityError:
            InboundMessage.objects.filter(message_id=message_id).update(**values)
    action = AuditAction.CREATE if row is not None else AuditAction.CHANGE
    row = row or InboundMessage.objects.get(message_id=message_id)
    # The row keeps the sender's address and the subject: personal data written, so in the trail.
    audit(
        action,
        complaint=row.complaint,
        obj=row,
        note=f"postvak: {outcome}",
    )
    return row


def _reason(error: BaseException) -> str:
    # The class and message only: never the message body, which holds personal data.
    text = str(error) if isinstance(error, MalformedMessage) else f"{type(error).__name__}: {error}"
    return text[:MAX_REASON_LENGTH]


def import_message(
    raw: bytes,
    *,
    source: str = MessageSource.IMAP,
    received_at: dt.datetime | None = None,
    actor: User | None = None,
) -> InboundMessage:
    """Turn one raw e-mail into a complaint, an addition to a file, or a recorded reason why not.

    Never raises for a bad message: the returned row says what happened.
    Importing the same Message-ID again returns the first result.
    """
    row, _done_before = _import(raw, source=source, received_at=received_at, actor=actor)
    return row


def _import(
    raw: bytes, *, source: str, received_at: dt.datetime | None, actor: User | None
) -> tuple[InboundMessage, bool]:
    """The message's row, and whether it had been done with before this call."""
    message_id = message_id_of(raw)
    existing = InboundMessage.objects.filter(message_id=message_id).first()
    if existing is not None and existing.is_final:
        return existing, True
    return _import_new(message_id, raw, source=source, received_at=received_at, actor=actor), False


def _import_new(
    message_id: str, raw: bytes, *, source: str, received_at: dt.datetime | None, actor: User | None
) -> InboundMessage:
    try:
        parsed = parse(raw)
    except (
        Exception
    ) as error:  # MalformedMessage, or anything the parser did not foresee: recorded, never raised
        if not isinstance(error, MalformedMessage):
            logger.exception("Reading an e-mail failed")
        sender, subject = sender_and_subject(raw)
        return _record(
            message_id,
            source=source,
            outcome=MessageOutcome.FAILED,
            reason=_reason(error),
            sender=sender,
            subject=subject,
        )
    if parsed.automatic:
        return _record(
            message_id,
            source=source,
            outcome=MessageOutcome.AUTOMATIC,
            parsed=parsed,
            reason=parsed.automatic,
        )
    now = timezone.now()
    if received_at is None and source == MessageSource.UPLOAD:
        # An e-mail an employee saved and uploads later was received when it was sent, not now.
        received_at = parsed.sent_at
    received_at = min(received_at or now, now)
    try:
        with transaction.atomic():
            # Lock the row of an earlier failed attempt, so two pollers never import it both.
            locked = InboundMessage.objects.select_for_update().filter(message_id=message_id).first()
            if locked is not None and locked.is_final:
                return locked
            screening = _screened(parsed)
            unusable = _nothing_usable(parsed, screening)
            if unusable:
                # Set aside for the coordinator with the reason: never silently dropped.
                return _record(
                    message_id,
                    source=source,
                    outcome=MessageOutcome.SET_ASIDE,
                    parsed=parsed,
                    reason=unusable[:MAX_REASON_LENGTH],
                    handled_by=actor,
                )
            complaint = _existing_complaint(parsed)
            if complaint is not None:
                _add_to_complaint(complaint, parsed, received_at, screening)
                outcome = MessageOutcome.ADDED
            else:
                intake = _new_complaint(parsed, received_at, screening)
                complaint = intake.complaint
                # The same mail forwarded twice joins the complaint it repeats (see take_in).
                outcome = MessageOutcome.NEW_COMPLAINT if intake.created else MessageOutcome.ADDED
            return _record(
                message_id,
                source=source,
                outcome=outcome,
                parsed=parsed,
                complaint=complaint,
                reason="",
                handled_by=actor,
            )
    except IntegrityError:
        # Another poller stored this Message-ID first; everything of this attempt was rolled back.
        winner = InboundMessage.objects.filter(message_id=message_id).first()
        if winner is not None and winner.is_final:
            return winner
        raise
    except Exception as error:
        logger.exception("Importing an e-mail failed")
        return _record(
            message_id, source=source, outcome=MessageOutcome.FAILED, parsed=parsed, reason=_reason(error)
        )


def poll(mailbox: Mailbox) -> PollResult:
    """Import every unprocessed message of `mailbox`; mark processed what is done with."""
    result = PollResult()
    for fetched in mailbox.unprocessed():
        row, done_before = _import(
            fetched.raw, source=MessageSource.IMAP, received_at=fetched.received_at, actor=None
        )
        if done_before:
            result.already_done += 1
        else:
            result.add(row.outcome)
        if row.is_final:
            mailbox.mark_processed(fetched.uid)
        else:
            logger.warning("E-mail %s not imported: %s", row.pk, row.reason)
    return result


def dismiss(message: InboundMessage, *, actor: User, reason: str) -> InboundMessage:
    """The coordinator sets a message aside that cannot or should not become a complaint."""
    reason = reason.strip()
    if not reason:
        raise GuardFailed(_("Schrijf op waarom u dit bericht apart zet."))
    with transaction.atomic():
        InboundMessage.objects.filter(pk=message.pk).update(
            outcome=MessageOutcome.DISMISSED, reason=reason[:MAX_REASON_LENGTH], handled_by=actor
        )
        audit(AuditAction.CHANGE, obj=message, note="postvak: apart gezet")
    message.refresh_from_db()
    return message
