"""The file's subject line (:attr:`Complaint.title`): a short title the inbox and the file header show.

Set at registration from the description's first line; staff who handle the
file may reword it while it is active (``edit_title`` in the lifecycle's
action table). Never sent to the complainant.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, timeline
from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint
from gehoord.core.errors import GuardFailed

if TYPE_CHECKING:
    from gehoord.accounts.models import User


def set_title(complaint: Complaint, *, title: str, actor: User, at: dt.datetime | None = None) -> Complaint:
    """The file's subject line (the inbox shows it); never sent to the complainant."""
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "edit_title")
    text = (title or "").strip()
    if not text:
        raise GuardFailed(_("Geef het onderwerp."))
    max_length = Complaint._meta.get_field("title").max_length
    if len(text) > max_length:
        raise GuardFailed(_("Het onderwerp is ten hoogste %(n)s tekens.") % {"n": max_length})
    with transaction.atomic():
        current = lifecycle.lock_for_action(complaint, "edit_title", actor)
        previous = current.title
        if text == previous:
            return current
        current.title = text
        current.save(update_fields=["title", "updated_at"])
        timeline.record(
            current,
            kind=EventKind.CHANGE,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Onderwerp gewijzigd: %(title)s") % {"title": text},
            details=_("Was: %(title)s") % {"title": previous} if previous else "",
        )
    complaint.title = text
    return current
