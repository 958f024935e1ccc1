"""Employees register complaints received by phone, at the desk, by letter, fax or e-mail.

This module is the staff side of the one intake pipeline
(:mod:`gehoord.intake.pipeline`): who may register, the hint that the same
person already has an open complaint, and the form's data handed to the
pipeline, which stores it all in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from gehoord.accounts.roles import Role
from gehoord.cases import lifecycle
from gehoord.cases.attachment_policy import CheckedFile
from gehoord.cases.constants import WRITTEN_CHANNELS, Channel
from gehoord.cases.models import Complaint, Representative
from gehoord.cases.selectors import visible_complaints
from gehoord.core.errors import DomainError, GuardFailed, PermissionDenied
from gehoord.intake.models import WebSubmission
from gehoord.intake.pipeline import NewComplaint, take_in
from gehoord.intake.services import complainant_from

if TYPE_CHECKING:
    from gehoord.accounts.models import User

# The channels an employee registers. Web, API and social media have their own intakes.
STAFF_CHANNELS = (Channel.PHONE, Channel.DESK, Channel.LETTER, Channel.FAX, Channel.EMAIL)
# Awb 9:6 owes the written acknowledgment to written complaints: letter, fax, e-mail.
ACKNOWLEDGED_CHANNELS = frozenset(STAFF_CHANNELS) & WRITTEN_CHANNELS
REGISTERING_ROLES = frozenset({Role.COORDINATOR, Role.HANDLER})

# Spent form tokens share the table of the public form; the prefix keeps them apart.
_SUBMISSION_PREFIX = "staff:"
_DIGEST_SALT = "gehoord.intake.registration.duplicates"


def may_register(user: User) -> bool:
    """The coordinator and handlers register complaints; department heads and admins do not."""
    return bool(
        user.is_authenticated and user.is_active and any(user.has_role(role) for role in REGISTERING_ROLES)
    )


# --- the same person, already complaining ---------------------------------------


@dataclass(frozen=True)
class DuplicateHint:
    """What the registering employee is told: the complaints they may see, and how many others."""

    visible: list[Complaint]
    hidden_count: int
    digest: str


def duplicates_digest(complaints: Iterable[Complaint]) -> str:
    """An opaque mark of exactly these complaints: the form carries it to show the hint was seen."""
    ids = ",".join(str(pk) for pk in sorted(complaint.pk for complaint in complaints))
    return salted_hmac(_DIGEST_SALT, ids).hexdigest()


def duplicates_acknowledged(complaints: Sequence[Complaint], digest: str) -> bool:
    return bool(digest) and constant_time_compare(digest, duplicates_digest(complaints))


def duplicate_hint(user: User, complaints: Sequence[Complaint]) -> DuplicateHint:
    """List only the complaints `user` may see (the coordinator: all); count the others."""
    visible_ids = set(
        visible_complaints(user).filter(pk__in=[c.pk for c in complaints]).values_list("pk", flat=True)
    )
    visible = [complaint for complaint in complaints if complaint.pk in visible_ids]
    return DuplicateHint(
        visible=visible,
        hidden_count=len(complaints) - len(visible),
        digest=duplicates_digest(complaints),
    )


# --- registering --------------------------------------------------------------


def already_registered(token: str | None) -> Complaint | None:
    """The complaint a spent form token made: a double click or resubmit finds it again."""
    if not token:
        return None
    submission = (
        WebSubmission.objects.select_related("complaint").filter(token=_SUBMISSION_PREFIX + token).first()
    )
    return submission.complaint if submission else None


def _representative(data: dict) -> Representative | None:
    if not (data.get("representative_name") or "").strip():
        return None
    return Representative(
        name=data["representative_name"].strip(),
        organisation=data.get("representative_organisation", ""),
        email=data.get("representative_email", ""),
        phone=data.get("representative_phone", ""),
        postal_address=data.get("representative_postal_address", ""),
    )


def register_staff_complaint(
    *, data: dict, files: Sequence[CheckedFile], actor: User, token: str | None = None
) -> Complaint:
    """Register a complaint an employee received, in one transaction.

    When the same person sent the same complaint within the resubmission
    window (see :func:`~gehoord.intake.pipeline.take_in`), that complaint is
    returned with ``resubmitted = True`` set on it, and no second one is made.

    `data` is the cleaned data of
    :class:`~gehoord.intake.staff_forms.StaffRegistrationForm`. The complaint
    is stored with the channel and the moment of receipt as entered, the
    employee as the actor on its timeline, the scans as attachments uploaded by
    the employee, and — for a written complaint only (letter, fax, e-mail) —
    the acknowledgment of receipt queued (Awb 9:6). An anonymous complaint
    (``data["anonymous"]``) is registered without name or contact details and
    gets no letter: there is nobody to send it to (Awb 9:1, 9:4). With a form
    `token`, a second call with the same token returns the first complaint.
    """
    if not may_register(actor):
        raise PermissionDenied(_("Alleen de klachtencoördinator en behandelaars registreren klachten."))
    channel = data["channel"]
    if channel not in STAFF_CHANNELS:
        raise GuardFailed(
            _("Registreer hier klachten per telefoon, aan de balie, per brief, per fax of per e-mail.")
        )
    received_at = data["received_at"]
    if received_at > timezone.now():
        raise GuardFailed(_("Het moment van ontvangst ligt in de toekomst."))
    intake = take_in(
        NewComplaint(
            channel=channel,
            complainant=complainant_from(data),
            representative=_representative(data),
            received_at=received_at,
            description=data["description"],
            conduct_date=data.get("conduct_date"),
            involved_description=data.get("involved_description", ""),
            departments=[data["department"]] if data.get("department") else [],
            employees_involved=data.get("employees_involved") or [],
            desired_outcome=data.get("desired_outcome", ""),
            preferred_contact=data.get("preferred_contact", ""),
            contact_times=data.get("contact_times", ""),
            anonymous=bool(data.get("anonymous")),
            about_failure_to_decide=bool(data.get("about_failure_to_decide")),
            actor=actor,
            files=list(files),
            attachment_description=_("Toegevoegd bij de registratie"),
            token=_SUBMISSION_PREFIX + token if token else "",
            # The employee saw the same person's open complaints and chose a new one: that choice stands.
            match_resubmission=not data.get("register_anyway"),
        )
    )
    if intake.resubmitted:
        # Not a second complaint (see take_in): the employee is told which one it joined.
        intake.complaint.resubmitted = True
    elif data.get("handler") is not None:
        return _assign_at_registration(intake.complaint, data["handler"], actor)
    return intake.complaint


def _assign_at_registration(complaint: Complaint, handler: User, actor: User) -> Complaint:
    """The coordinator chose the handler while registering: triage starts and the handler is assigned.

    Both are the lifecycle's own steps, with their own checks (Awb 9:7). The complaint is stored
    already; when either is refused it stays registered, and the reason is set on it as
    ``assignment_refused`` for the employee to read.
    """
    try:
        lifecycle.perform(complaint, "start_triage", actor=actor)
        complaint = lifecycle.assign_handler(complaint, handler, actor=actor)
    except DomainError as error:
        complaint.assignment_refused = error.message
    return complaint
