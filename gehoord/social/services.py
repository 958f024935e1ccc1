"""The signals queue: storing what the adapters bring, and the coordinator's three decisions.

A signal is read, then the coordinator contacts the writer proactively (the
contact and the message sent are logged), sets it aside with a reason, or
turns it into a complaint — channel social media, which then follows the
written procedure (acknowledgment, Awb 9:6). Only the coordinator decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.accounts.access import is_coordinator
from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import record_current as audit
from gehoord.cases.constants import Channel, ContactChannel
from gehoord.cases.models import Complainant, Complaint
from gehoord.core.errors import GuardFailed, PermissionDenied, TransitionNotAllowed
from gehoord.core.names import split_display_name
from gehoord.intake.pipeline import NewComplaint, take_in
from gehoord.social.adapters import IncomingSignal, SignalAdapter
from gehoord.social.constants import OPEN_SIGNAL_STATUSES, ActionKind, SignalStatus
from gehoord.social.models import SignalAction, SocialSignal

if TYPE_CHECKING:
    from gehoord.accounts.models import User


@dataclass(frozen=True)
class IngestResult:
    created: int
    duplicates: int


def store(signals: list[IncomingSignal], *, source: str) -> IngestResult:
    """Store new signals; one already there (same platform and post id) is left alone."""
    created = 0
    for incoming in signals:
        try:
            with transaction.atomic():
                _signal, was_created = SocialSignal.objects.get_or_create(
                    platform=incoming.platform,
                    post_id=incoming.post_id,
                    defaults={
                        "author_handle": incoming.author_handle,
                        "author_name": incoming.author_name,
                        "url": incoming.url,
                        "text": incoming.text,
                        "posted_at": incoming.posted_at,
                        "source": source,
                    },
                )
        except IntegrityError:  # stored by a concurrent call in the meantime
            was_created = False
        created += was_created
    return IngestResult(created=created, duplicates=len(signals) - created)


def ingest(adapter: SignalAdapter) -> IngestResult:
    """Fetch from `adapter` and store; raises the adapter's InvalidSignals for bad input (nothing stored)."""
    signals = adapter.fetch()
    result = store(signals, source=adapter.source)
    if result.created:
        # Posts with their writers' names and handles: personal data written, once per import.
        audit(AuditAction.CREATE, note=f"signalen ingelezen ({adapter.source}): {result.created}")
    adapter.done(signals)
    return result


def _ensure_coordinator(actor: User) -> None:
    if not is_coordinator(actor):
        raise PermissionDenied(_("Alleen de klachtencoördinator handelt signalen van sociale media af."))


def _locked_open(signal: SocialSignal) -> SocialSignal:
    current = SocialSignal.objects.select_for_update().get(pk=signal.pk)
    if current.status not in OPEN_SIGNAL_STATUSES:
        raise TransitionNotAllowed(
            _("Dit signaal is al afgehandeld (%(status)s).") % {"status": current.get_status_display()}
        )
    return current


def mark_read(signal: SocialSignal, *, actor: User) -> SocialSignal:
    """The first time the coordinator opens a signal."""
    if signal.read_at is None:
        SocialSignal.objects.filter(pk=signal.pk, read_at__isnull=True).update(
            read_at=timezone.now(), read_by=actor
        )
        signal.refresh_from_db()
    return signal


def contact_writer(
    signal: SocialSignal, *, actor: User, channel: str, message: str, at: dt.datetime | None = None
) -> SignalAction:
    """Log a proactive contact with the writer and the message sent (to prevent a written complaint)."""
    _ensure_coordinator(actor)
    if channel not in ContactChannel.values:
        raise GuardFailed(_("Kies hoe u contact opnam, bijvoorbeeld via sociale media of telefoon."))
    if not message.strip():
        raise GuardFailed(_("Schrijf op wat u de schrijver stuurde of zei."))
    at = at or timezone.now()
    with transaction.atomic():
        current = _locked_open(signal)
        action = SignalAction.objects.create(
            signal=current, kind=ActionKind.CONTACT, at=at, actor=actor, channel=channel, text=message.strip()
        )
        current.status = SignalStatus.CONTACTED
        current.first_response_at = current.first_response_at or at
        current.read_at = current.read_at or at
        current.save(update_fields=["status", "first_response_at", "read_at"])
        audit(AuditAction.CHANGE, obj=current, note="signaal: contact met de schrijver")
    return action


def dismiss(signal: SocialSignal, *, actor: User, reason: str) -> SignalAction:
    """No action needed (not about the municipality's conduct, already solved, ...), with the reason."""
    _ensure_coordinator(actor)
    if not reason.strip():
        raise GuardFailed(_("Schrijf op waarom er geen actie nodig is."))
    with transaction.atomic():
        current = _locked_open(signal)
        action = SignalAction.objects.create(
            signal=current, kind=ActionKind.DISMISSAL, actor=actor, text=reason.strip()
        )
        current.status = SignalStatus.DISMISSED
        current.read_at = current.read_at or action.at
        current.save(update_fields=["status", "read_at"])
        audit(AuditAction.CHANGE, obj=current, note="signaal: geen actie nodig")
    return action


def conversion_initial(signal: SocialSignal) -> dict[str, str]:
    """What the conversion form starts with: the writer's name split into first name and surname, the text."""
    first_name, last_name = split_display_name(signal.author_name)
    return {"first_name": first_name, "last_name": last_name, "description": signal.text}


def convert_to_complaint(
    signal: SocialSignal,
    *,
    actor: User,
    complainant: Complainant,
    description: str,
) -> Complaint:
    """Turn the signal into a complaint (channel social media) that follows the written procedure.

    `complainant` (unsaved) needs a name and one way to reach the person. The
    acknowledgment is queued as for every written complaint; the complaint's
    timeline says which post it came from and what contact there was.
    """
    _ensure_coordinator(actor)
    with transaction.atomic():
        current = _locked_open(signal)
        contacts = "\n".join(
            f"{action.at:%d-%m-%Y %H:%M} ({action.get_channel_display()}): {action.text}"
            for action in current.actions.filter(kind=ActionKind.CONTACT)
        )
        # The one way in: reachability (Awb 9:4), the first timeline entries and the
        # acknowledgment (the "register" hook) are the pipeline's, as for every channel.
        complaint = take_in(
            NewComplaint(
                channel=Channel.SOCIAL_MEDIA,
                complainant=complainant,
                description=description,
                actor=actor,
                origin_note=(
                    _("Voortgekomen uit een bericht op %(platform)s van %(author)s")
                    % {"platform": current.get_platform_display(), "author": current.author_handle},
                    "\n\n".join(part for part in (current.url, current.text, contacts) if part),
                ),
            )
        ).complaint
        now = timezone.now()
        SignalAction.objects.create(
            signal=current, kind=ActionKind.CONVERSION, at=now, actor=actor, text=complaint.reference
        )
        current.status = SignalStatus.CONVERTED
        current.complaint = complaint
        current.first_response_at = current.first_response_at or now
        current.read_at = current.read_at or now
        current.save(update_fields=["status", "complaint", "first_response_at", "read_at"])
        audit(AuditAction.CHANGE, complaint=complaint, obj=current, note="signaal: klacht van gemaakt")
    return complaint
