"""What happens when a citizen submits, adds to, withdraws or forwards a complaint."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, services, timeline
from gehoord.cases.attachment_policy import CheckedFile
from gehoord.cases.constants import Channel, EventKind
from gehoord.cases.models import Complainant, Complaint, Representative
from gehoord.cases.services import files_removed_on_failure, store_files
from gehoord.intake.pipeline import Intake, NewComplaint, take_in


@dataclass(frozen=True)
class Submission:
    complaint: Complaint
    created: bool


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


def _new_complaint(data: dict, *, channel: Channel, files=(), token: str = "", actor=None) -> NewComplaint:
    """The public form's (and the API's) cleaned data as the intake pipeline takes it."""
    representative = None
    if data.get("on_behalf"):
        representative = Representative(
            name=data["representative_name"],
            organisation=data.get("representative_organisation", ""),
            email=data.get("representative_email", ""),
            phone=data.get("representative_phone", ""),
        )
    return NewComplaint(
        channel=channel,
        complainant=complainant_from(data),
        representative=representative,
        description=data["description"],
        conduct_date=data.get("conduct_date"),
        involved_description=data.get("involved_description", ""),
        departments=[data["department"]] if data.get("department") else [],
        desired_outcome=data.get("desired_outcome", ""),
        preferred_contact=data.get("preferred_contact", ""),
        contact_times=data.get("contact_times", ""),
        about_failure_to_decide=bool(data.get("about_failure_to_decide")),
        files=list(files),
        token=token,
        actor=actor,
    )


def submit_web_complaint(*, token: str, data: dict, files: list[CheckedFile]) -> Submission:
    """Store a complaint from the public form, exactly once per form token and once per resubmission.

    Everything — complainant, complaint, attachments, the spent token and the
    queued acknowledgment — is stored in one transaction by the intake
    pipeline before anything is sent. A second submit with the same token, or
    the same complaint sent again by the same person within the window (the
    Back button, a second tab), returns the first complaint.
    """
    intake = take_in(_new_complaint(data, channel=Channel.WEB, files=files, token=token))
    return Submission(intake.complaint, created=intake.created)


def add_complainant_information(complaint: Complaint, *, text: str, files: list[CheckedFile]) -> None:
    """The complainant adds information or files through the status link, while the lifecycle allows it."""
    with files_removed_on_failure() as stored, transaction.atomic():
        # Asked with the row locked, so a step taken at the same moment cannot slip in between.
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        lifecycle.ensure_action_allowed(complaint, "complainant_addition")
        store_files(complaint, files, stored=stored, description=_("Meegestuurd door de klager"))
        names = ", ".join(f.name for f in files)
        timeline.record(
            complaint,
            kind=EventKind.COMPLAINANT_ADDITION,
            summary=_("Aanvulling van de klager")
            + (" " + _("met bijlagen: %(names)s") % {"names": names} if names else ""),
            details=text.strip(),
            data={"files": [f.name for f in files]},
        )
        services.note_new_information(complaint, source="status_link")


def withdraw_by_complainant(complaint: Complaint, *, reason: str) -> Complaint:
    return lifecycle.perform(
        complaint, "withdraw", actor=None, reason=reason.strip() or _("Ingetrokken door de klager.")
    )


def submit_api_complaint(*, data: dict, actor=None) -> Intake:
    """Take in a complaint from a connected system (channel API), through the one intake pipeline.

    `data` holds the validated fields of the public form (name, a way to reach
    the person, the conduct, ...). A retry with the same Idempotency-Key is
    answered by the API; a retry without one is found as a resubmission.
    """
    return take_in(_new_complaint(data, channel=Channel.API, actor=actor))
