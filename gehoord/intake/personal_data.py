"""The web form's one-time token of a complaint, and the files a form keeps until it is sent.

The token leads a double submit back to the complaint; nothing of it goes
into the export: it means nothing to the complainant. A kept file
(:class:`~gehoord.intake.models.PendingUpload`) belongs to no complaint: it
becomes an attachment when the form is sent, or is removed after a day
(:func:`gehoord.intake.pending_uploads.purge_expired`); the retention run
removes any that are left as rows without a complaint.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the erasure.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gehoord.core.personal_data import (
    Erased,
    PersonalDataHolder,
    declare_no_complainant_data,
    register_personal_data,
)
from gehoord.intake import pending_uploads
from gehoord.intake.models import PendingUpload, WebSubmission

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    # The browser that sent the form no longer finds its way back to the file.
    count = WebSubmission.objects.filter(complaint=complaint).delete()[0]
    return Erased(counts={"web_submissions": count})


def erase_unlinked(cutoff: dt.datetime, dry_run: bool) -> int:
    """Files kept for a form that was never sent, added before `cutoff` (the hourly task removes them sooner)."""
    expired = PendingUpload.objects.filter(uploaded_at__lt=cutoff)
    return expired.count() if dry_run else pending_uploads.remove(list(expired))


HOLDER = PersonalDataHolder(
    name="intake",
    removes=("intake.WebSubmission", "intake.PendingUpload"),
    erase=erase,
    erase_unlinked=erase_unlinked,
    unlinked_name="pending uploads",
)


def register() -> None:
    register_personal_data(HOLDER)
    declare_no_complainant_data("intake.TriageDestination", "the web form's triage texts and links")
