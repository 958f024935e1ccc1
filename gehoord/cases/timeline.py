"""The one writer of a complaint's timeline.

Every app that changes a complaint file — the lifecycle, staff services,
intake, the mailbox, letters, learning, vouchers, surveys, privacy — records
what it did through :func:`record`. The audit trail and the webhooks hang off this one path
(every timeline entry is a write on the file, recorded here with
:func:`gehoord.audit.services.record_file_change`), so nothing can change a
file without leaving both a timeline entry and an audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from gehoord.audit.models import Action
from gehoord.audit.services import record_file_change
from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint, ComplaintEvent

if TYPE_CHECKING:
    from gehoord.accounts.models import User

# ComplaintEvent.summary holds at most this many characters; a longer summary is cut, never refused.
SUMMARY_LENGTH = 300

TimelineListener = Callable[[ComplaintEvent], None]
# Apps above cases that act on what happened to a file (the webhooks) listen here, so they hang off
# this one path too; registered from their AppConfig.ready, called inside the writer's transaction.
LISTENERS: list[TimelineListener] = []


def register_listener(listener: TimelineListener) -> TimelineListener:
    """Have `listener` called with every new timeline entry (once, however often it is registered)."""
    if listener not in LISTENERS:
        LISTENERS.append(listener)
    return listener


# The object a timeline event is about, for the audit trail, by the key its data names it with.
_EVENT_OBJECTS = (
    ("attachment", "cases.attachment"),
    ("letter", "correspondence.letter"),
    ("contact", "cases.contact"),
)


def record(
    complaint: Complaint,
    *,
    kind: EventKind | str,
    summary: str,
    at: dt.datetime | None = None,
    actor: User | None = None,
    details: str = "",
    data: dict[str, Any] | None = None,
    from_status: str = "",
    to_status: str = "",
    transition: str = "",
) -> ComplaintEvent:
    """Add one entry to `complaint`'s timeline (and so to the audit trail), in the caller's transaction."""
    if kind not in EventKind.values:
        raise ValueError(f"Unknown timeline event kind: {kind!r}")
    event = ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        summary=str(summary)[:SUMMARY_LENGTH],
        at=at or timezone.now(),
        actor=actor,
        details=details,
        data=data or {},
        from_status=from_status,
        to_status=to_status,
        transition=transition,
    )
    _audit(event)
    for listener in tuple(LISTENERS):
        listener(event)
    return event


def audit_action(event: ComplaintEvent) -> Action:
    """What a timeline event is in the audit trail: the file created, a letter sent, or a change."""
    if event.kind == EventKind.CREATED:
        return Action.CREATE
    if event.kind == EventKind.LETTER and (event.data or {}).get("letter"):
        return Action.SEND
    return Action.CHANGE


def _audit(event: ComplaintEvent) -> None:
    """The event as a write on the file in the audit trail, about the object its data names (else itself)."""
    data = event.data or {}
    object_type, object_id = "cases.complaintevent", event.pk
    for key, label in _EVENT_OBJECTS:
        if isinstance(data.get(key), int):
            object_type, object_id = label, data[key]
            break
    record_file_change(
        event.complaint,
        audit_action(event),
        note=":".join(part for part in (event.kind, event.transition) if part),
        object_type=object_type,
        object_id=object_id,
        actor=event.actor,
    )


def record_on_each(complaints: Iterable[Complaint], **fields: Any) -> list[ComplaintEvent]:
    """The same entry on several files (e.g. a data export that covers all of a complainant's complaints)."""
    return [record(complaint, **fields) for complaint in complaints]
