"""The one writer of a complaint's timeline.

Every app that changes a complaint file — the lifecycle, staff services,
intake, the mailbox, letters, learning, vouchers, surveys, privacy — records
what it did through :func:`record`. The audit trail hangs off this one path
(every timeline entry is a write on the file, see
:func:`gehoord.audit.services.record_timeline_event`), so nothing can change
a file without leaving both a timeline entry and an audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint, ComplaintEvent

if TYPE_CHECKING:
    from gehoord.accounts.models import User

# ComplaintEvent.summary holds at most this many characters; a longer summary is cut, never refused.
SUMMARY_LENGTH = 300


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
    return ComplaintEvent.objects.create(
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


def record_on_each(complaints: Iterable[Complaint], **fields: Any) -> list[ComplaintEvent]:
    """The same entry on several files (e.g. a data export that covers all of a complainant's complaints)."""
    return [record(complaint, **fields) for complaint in complaints]
