"""The complaints mailbox's personal data: who sent a mail, its subject, why it was set aside.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the export and the erasure. The message's id and
dates stay: the same mail is never imported twice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from gehoord.core.personal_data import Erased, PersonalDataHolder, export_moment, register_personal_data
from gehoord.mailbox.models import InboundMessage

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint

BLANKED = ("sender", "subject", "reason")


def export(complaint: Complaint) -> dict[str, Any]:
    messages = InboundMessage.objects.filter(complaint=complaint).order_by("first_seen_at", "pk")
    return {
        "origin": {
            "mailbox": [
                {
                    "message_id": message.message_id,
                    "source": message.get_source_display(),
                    "outcome": message.get_outcome_display(),
                    "sender": message.sender,
                    "subject": message.subject,
                    "first_seen_at": export_moment(message.first_seen_at),
                }
                for message in messages
            ]
        }
    }


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    count = InboundMessage.objects.filter(complaint=complaint).update(**dict.fromkeys(BLANKED, ""))
    return Erased(counts={"mailbox_messages": count})


def erase_unlinked(cutoff: dt.datetime, dry_run: bool) -> int:
    """Mails that never became (part of) a complaint, last tried before `cutoff`."""
    messages = InboundMessage.objects.filter(complaint__isnull=True, last_attempt_at__lt=cutoff).exclude(
        sender="", subject="", reason=""
    )
    return messages.count() if dry_run else messages.update(**dict.fromkeys(BLANKED, ""))


HOLDER = PersonalDataHolder(
    name="mailbox",
    blanks={"mailbox.InboundMessage": BLANKED},
    export=export,
    erase=erase,
    erase_unlinked=erase_unlinked,
    unlinked_name="e-mails",
)


def register() -> None:
    register_personal_data(HOLDER)
