"""What happens when a citizen submits, adds to, withdraws or forwards a complaint."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, services, timeline
from gehoord.cases.constants import Channel, EventKind
from gehoord.cases.models import Attachment, Complainant, Complaint, Representative
from gehoord.correspondence.services import queue_acknowledgment
from gehoord.intake.models import WebSubmission
from gehoord.intake.uploads import CheckedFile


@dataclass(frozen=True)
class Submission:
    complaint: Complaint
    created: bool


@contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """Collects the names of files stored in the block; if the block fails, they are deleted again.

    A transaction that rolls back leaves no rows, but files written to storage
    inside it stay: without this an attachment of a failed submission would
    remain on disk with no complaint pointing to it.
    """
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def store_attachments(
    complaint: Complaint, files: list[CheckedFile], *, description: str = "", stored: list[str] | None = None
) -> None:
    """Keep files the complainant sent (form, status link, e-mail) as attachments of `complaint`.

    With `stored` (see :func:`files_removed_on_failure`), each file's storage
    name is added to it as soon as it is written.
    """
    for checked in files:
        attachment = Attachment(
            complaint=complaint,
            original_name=checked.file.name[:255],
            content_type=checked.content_type,
            size=checked.file.size,
            description=description or _("Meegestuurd door de klager"),
        )
        attachment.file.save(checked.file.name, checked.file, save=False)
        if stored is not None:
            stored.append(attachment.file.name)
        attachment.save()


def complainant_from(data: dict) -> Complainant:
    """An unsaved complainant from the cleaned data of a complaint form (public or staff)."""
    return Complainant(
        first_name=data.get("first_name", ""),
        last_name=data["last_name"],
        street_address=data.get("street_address", ""),
        postal_code=data.get("postal_code", ""),
        city=data.get("city", ""),
        email=data.get("email", ""),
        phone=data.get("phone", ""),
    )


def submit_web_complaint(*, token: str, data: dict, files: list[CheckedFile]) -> Submission:
    """Store a complaint from the public form, exactly once per form token.

    Everything — complainant, complaint, attachments, the spent token and the
    queued acknowledgment — is stored in one transaction before anything is
    sent. A second submit with the same token returns the first complaint.
    """
    existing = WebSubmission.objects.select_related("complaint").filter(token=token).first()
    if existing:
        return Submission(existing.complaint, created=False)
    try:
        with files_removed_on_failure() as stored, transaction.atomic():
            representative = None
            if data.get("on_behalf"):
                representative = Representative(
                    name=data["representative_name"],
                    organisation=data.get("representative_organisation", ""),
                    email=data.get("representative_email", ""),
                    phone=data.get("representative_phone", ""),
                )
            complaint = services.register_complaint(
                complainant=complainant_from(data),
                representative=representative,
                channel=Channel.WEB,
                description=data["description"],
                conduct_date=data.get("conduct_date"),
                involved_description=data.get("involved_description", ""),
                departments=[data["department"]] if data.get("department") else [],
                desired_outcome=data.get("desired_outcome", ""),
                preferred_contact=data.get("preferred_contact", ""),
                contact_times=data.get("contact_times", ""),
                about_failure_to_decide=bool(data.get("about_failure_to_decide")),
            )
            store_attachments(complaint, files, stored=stored)
            WebSubmission.objects.create(token=token, complaint=complaint)
            queue_acknowledgment(complaint)
    except IntegrityError:
        # The same token was spent by a concurrent submit (a double click) that
        # committed first; everything of this attempt was rolled back.
        existing = WebSubmission.objects.select_related("complaint").filter(token=token).first()
        if existing is None:
            raise
        return Submission(existing.complaint, created=False)
    return Submission(complaint, created=True)


def add_complainant_information(complaint: Complaint, *, text: str, files: list[CheckedFile]) -> None:
    """The complainant adds information or files through the status link, while the lifecycle allows it."""
    with files_removed_on_failure() as stored, transaction.atomic():
        # Asked with the row locked, so a step taken at the same moment cannot slip in between.
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        lifecycle.ensure_action_allowed(complaint, "complainant_addition")
        store_attachments(complaint, files, stored=stored)
        names = ", ".join(f.file.name for f in files)
        timeline.record(
            complaint,
            kind=EventKind.COMPLAINANT_ADDITION,
            summary=_("Aanvulling van de klager")
            + (" " + _("met bijlagen: %(names)s") % {"names": names} if names else ""),
            details=text.strip(),
        )
        services.note_new_information(complaint, source="status_link")


def withdraw_by_complainant(complaint: Complaint, *, reason: str) -> Complaint:
    return lifecycle.perform(
        complaint, "withdraw", actor=None, reason=reason.strip() or _("Ingetrokken door de klager.")
    )


def submit_api_complaint(*, data: dict, actor=None) -> Complaint:
    """Store a complaint from a connected system (channel API), with its acknowledgment, in one transaction.

    `data` holds the validated fields of the public form (name, a way to reach
    the person, the conduct, ...). Retries are made safe by the API's
    Idempotency-Key, not here.
    """
    with transaction.atomic():
        complaint = services.register_complaint(
            complainant=complainant_from(data),
            channel=Channel.API,
            description=data["description"],
            conduct_date=data.get("conduct_date"),
            involved_description=data.get("involved_description", ""),
            departments=[data["department"]] if data.get("department") else [],
            desired_outcome=data.get("desired_outcome", ""),
            preferred_contact=data.get("preferred_contact", ""),
            contact_times=data.get("contact_times", ""),
            about_failure_to_decide=bool(data.get("about_failure_to_decide")),
            actor=actor,
        )
        queue_acknowledgment(complaint)
    return complaint
