"""Employees register complaints received by phone, at the desk, by letter, fax or e-mail.

The public web form, the API and social media have intakes of their own; this
module is the staff intake: who may register, the hint that the same person
already has an open complaint, and the one transaction that stores it all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from gehoord.accounts.roles import Role
from gehoord.cases import services, timeline
from gehoord.cases.constants import WRITTEN_CHANNELS, Channel, EventKind
from gehoord.cases.lifecycle import OPEN_STATUSES
from gehoord.cases.models import Attachment, Complaint, Representative
from gehoord.cases.selectors import visible_complaints
from gehoord.core.errors import GuardFailed, PermissionDenied
from gehoord.correspondence.services import queue_acknowledgment
from gehoord.intake.models import WebSubmission
from gehoord.intake.services import complainant_from
from gehoord.intake.uploads import CheckedFile

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
_MIN_PHONE_DIGITS = 6
# Characters people put in phone numbers around the digits.
_PHONE_PUNCTUATION = (" ", "-", "(", ")", ".", "/", "+")


def acknowledgment_owed(complaint: Complaint) -> bool:
    """Awb 9:6: a written complaint is acknowledged in writing; an anonymous one has nobody to write to."""
    return complaint.channel in ACKNOWLEDGED_CHANNELS and not complaint.anonymous


def may_register(user: User) -> bool:
    """The coordinator and handlers register complaints; department heads and admins do not."""
    return bool(
        user.is_authenticated and user.is_active and any(user.has_role(role) for role in REGISTERING_ROLES)
    )


# --- the same person, already complaining ---------------------------------------


def phone_digits(phone: str) -> str:
    """The digits of a Dutch number, written nationally: '+31 (0)6-1234 5678' -> '0612345678'."""
    phone = phone.strip().replace("(0)", "")
    digits = re.sub(r"\D", "", phone)
    if phone.startswith("+31") and digits.startswith("31"):
        return "0" + digits[2:]
    if digits.startswith("0031"):
        return "0" + digits[4:]
    return digits


def _phone_variants(phone: str) -> set[str]:
    """How the same number can look once stored punctuation is taken out."""
    digits = phone_digits(phone)
    if len(digits) < _MIN_PHONE_DIGITS:
        return set()
    variants = {digits}
    if digits.startswith("0") and not digits.startswith("00"):
        national = digits[1:]
        variants |= {f"31{national}", f"0031{national}", f"310{national}", f"00310{national}"}
    return variants


def _stripped(expression, characters: Iterable[str]):
    for character in characters:
        expression = Replace(expression, Value(character), Value(""))
    return expression


def _postal_key(postal_code: str) -> str:
    return re.sub(r"\s", "", postal_code).upper()


def open_complaints_of_same_person(
    *, email: str = "", phone: str = "", last_name: str = "", postal_code: str = ""
) -> QuerySet[Complaint]:
    """Open complaints whose complainant looks like the same person, whoever may see them.

    Same person: the same e-mail address (any case), the same phone number
    (digits only, +31 or 0), or the same last name with the same postal code.
    Callers decide what the user may be shown (see :func:`duplicate_hint`).
    """
    complaints = Complaint.objects.filter(status__in=OPEN_STATUSES, complainant__anonymised_at__isnull=True)
    conditions = []
    if email.strip():
        conditions.append(Q(complainant__email__iexact=email.strip()))
    variants = _phone_variants(phone)
    if variants:
        complaints = complaints.annotate(
            _complainant_phone=_stripped(F("complainant__phone"), _PHONE_PUNCTUATION)
        )
        conditions.append(Q(_complainant_phone__in=variants))
    postal = _postal_key(postal_code)
    if last_name.strip() and postal:
        complaints = complaints.annotate(
            _complainant_postal=_stripped(Upper(F("complainant__postal_code")), (" ",))
        )
        conditions.append(Q(complainant__last_name__iexact=last_name.strip(), _complainant_postal=postal))
    if not conditions:
        return Complaint.objects.none()
    return (
        complaints.filter(reduce(or_, conditions))
        .select_related("complainant")
        .order_by("-received_at", "pk")
    )


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


def _store_attachments(
    complaint: Complaint, files: Sequence[CheckedFile], actor: User, stored: list[str]
) -> None:
    now = timezone.now()
    for checked in files:
        attachment = Attachment(
            complaint=complaint,
            original_name=checked.file.name[:255],
            content_type=checked.content_type,  # read from the content, never the browser's claim
            size=checked.file.size,
            description=_("Toegevoegd bij de registratie"),
            uploaded_by=actor,
            uploaded_at=now,
        )
        attachment.file.save(checked.file.name, checked.file, save=False)
        stored.append(attachment.file.name)
        attachment.save()
        timeline.record(
            complaint,
            kind=EventKind.ATTACHMENT,
            at=now,
            actor=actor,
            summary=_("Bijlage toegevoegd: %(name)s") % {"name": attachment.original_name},
            data={"attachment": attachment.pk},
        )


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        default_storage.delete(name)


def register_staff_complaint(
    *, data: dict, files: Sequence[CheckedFile], actor: User, token: str | None = None
) -> Complaint:
    """Register a complaint an employee received, in one transaction.

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
    existing = already_registered(token)
    if existing is not None:
        return existing
    stored: list[str] = []
    try:
        with transaction.atomic():
            complaint = services.register_complaint(
                complainant=complainant_from(data),
                representative=_representative(data),
                channel=channel,
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
            )
            _store_attachments(complaint, files, actor, stored)
            if token:
                WebSubmission.objects.create(token=_SUBMISSION_PREFIX + token, complaint=complaint)
            if acknowledgment_owed(complaint):
                queue_acknowledgment(complaint)
    except IntegrityError:
        # Nothing of this attempt was committed: remove the files it stored.
        _delete_files(stored)
        # The same token was spent by a concurrent submit (a double click) that committed first.
        existing = already_registered(token)
        if existing is None:
            raise
        return existing
    except BaseException:
        _delete_files(stored)
        raise
    return complaint
