"""The social-media signals' personal data: the author, the post's text and address, the replies.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the export and the erasure. The moments stay:
the response-time figure needs them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from gehoord.core.personal_data import (
    Erased,
    PersonalDataHolder,
    declare_no_complainant_data,
    export_moment,
    register_personal_data,
)
from gehoord.social.models import SignalAction, SocialSignal

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from gehoord.cases.models import Complaint

SIGNAL_BLANKED = ("author_handle", "author_name", "url", "text")


def export(complaint: Complaint) -> dict[str, Any]:
    signal = SocialSignal.objects.filter(complaint=complaint).prefetch_related("actions").first()
    return {
        "origin": {
            "social_signal": {
                "platform": signal.get_platform_display(),
                "author_handle": signal.author_handle,
                "author_name": signal.author_name,
                "url": signal.url,
                "text": signal.text,
                "posted_at": export_moment(signal.posted_at),
                "actions": [
                    {"at": export_moment(action.at), "kind": action.get_kind_display(), "text": action.text}
                    for action in signal.actions.all()
                ],
            }
            if signal
            else None
        }
    }


def _blank(signals: QuerySet[SocialSignal]) -> int:
    SignalAction.objects.filter(signal__in=signals).update(text="")
    return signals.update(**dict.fromkeys(SIGNAL_BLANKED, ""))


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    return Erased(counts={"social_signals": _blank(SocialSignal.objects.filter(complaint=complaint))})


def erase_unlinked(cutoff: dt.datetime, dry_run: bool) -> int:
    """Signals that never became a complaint, received before `cutoff`."""
    signals = SocialSignal.objects.filter(complaint__isnull=True, received_at__lt=cutoff).exclude(
        author_handle="", text=""
    )
    return signals.count() if dry_run else _blank(signals)


HOLDER = PersonalDataHolder(
    name="social",
    blanks={"social.SocialSignal": SIGNAL_BLANKED, "social.SignalAction": ("text",)},
    export=export,
    erase=erase,
    erase_unlinked=erase_unlinked,
    unlinked_name="signals",
)


def register() -> None:
    register_personal_data(HOLDER)
    declare_no_complainant_data("social.WebhookClient", "the name of a connected system")
