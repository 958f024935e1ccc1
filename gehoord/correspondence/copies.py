"""The copy of a complaint for the employee it is about (Awb 9:9).

The person complained about receives a copy of the complaint and its
attachments, so that they can respond to it and be heard (9:10); not when the
complaint is not handled (9:8). The copy carries what the complaint says —
reference, date of receipt, the conduct described and what the complainant
wants — and the complainant's name, but never their address, phone number or
e-mail address: the employee needs none of those to respond (data
minimisation). The attachments go as the complainant sent them, under neutral
file names (an original file name may hold personal data).

Unlike a letter to the complainant this is no outbox: the copy is sent while
the coordinator or the handler waits, and it is recorded on the timeline only
once it went out. A copy that could not be sent leaves no trace and can simply
be sent again.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gehoord.cases import timeline
from gehoord.cases.constants import COPY_9_9_MARKER, EventKind
from gehoord.cases.lifecycle import action_allowed, ensure_action_allowed, ensure_may_handle
from gehoord.cases.models import Complaint
from gehoord.core.errors import DomainError, GuardFailed
from gehoord.correspondence.attachments import Attachment, complaint_attachments
from gehoord.correspondence.letters import LETTER_LANGUAGE, format_date
from gehoord.correspondence.services import DEFAULT_SEND_TIMEOUT
from gehoord.organisation.models import Municipality

if TYPE_CHECKING:
    from gehoord.accounts.models import User

logger = logging.getLogger(__name__)

# The marker in ComplaintEvent.data by which the file finds the copies sent.
COPY_MARKER = COPY_9_9_MARKER


def recipients(complaint: Complaint):
    """The employees complained about who can get the copy by e-mail: active, with an address."""
    return complaint.employees_involved.filter(is_active=True).exclude(email="").order_by("pk")


def copy_possible(complaint: Complaint) -> bool:
    """Whether the file offers the copy now: the complaint is handled (the lifecycle says) and names someone.

    Awb 9:9 does not apply when the complaint is not handled (9:8); a referral
    was never a complaint, and a withdrawn complaint is no longer handled.
    """
    return action_allowed(complaint, "send_copy") and complaint.employees_involved.exists()


def copies_sent(complaint: Complaint):
    """The timeline entries of the copies sent so far, newest first."""
    return complaint.events.filter(kind=EventKind.LETTER, data__copy=COPY_MARKER).order_by("-at", "-pk")


def send_copy_to_involved(complaint: Complaint, *, actor: User, at: dt.datetime | None = None) -> int:
    """E-mail each employee complained about a copy of the complaint (Awb 9:9); returns how many got it.

    For the coordinator or the assigned handler. Refused when the lifecycle
    does not allow it now (not handled, referred or withdrawn: action
    "send_copy"), and when it names no employee with an e-mail address. May
    be repeated (a resend). When sending fails, a :class:`DomainError` says
    so and nothing is recorded. `at` dates the timeline entry (the demo data
    walks its history with past dates).
    """
    with transaction.atomic():
        # The lock keeps two clicks from sending two copies at once.
        current = Complaint.objects.select_for_update().get(pk=complaint.pk)
        ensure_may_handle(actor, current)
        ensure_action_allowed(current, "send_copy")
        if not current.employees_involved.exists():
            raise GuardFailed(
                _(
                    "Bij deze klacht is geen betrokken medewerker vastgelegd. Leg eerst vast over wie zij gaat."
                )
            )
        employees = list(recipients(current))
        if not employees:
            raise GuardFailed(
                _("Geen van de betrokken medewerkers heeft een e-mailadres. Geef de kopie op papier.")
            )
        # Awb 9:9: the copy of the complaint and of the documents that came with it.
        attachments = complaint_attachments(current)
        municipality = Municipality.load()
        messages = [_message(current, employee, attachments, municipality) for employee in employees]
        try:
            connection = get_connection(
                timeout=getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_SEND_TIMEOUT
            )
            connection.send_messages(messages)
        except Exception as exc:
            # The class only: the error text may name an address.
            logger.warning(
                "Copy of complaint %s to the involved employees not sent: %s", current.pk, type(exc).__name__
            )
            raise DomainError(
                _("De kopie kon niet worden verstuurd; probeer het later opnieuw."), code="copy_not_sent"
            ) from exc
        timeline.record(
            current,
            kind=EventKind.LETTER,
            at=at or timezone.now(),
            actor=actor,
            summary=_("Kopie van de klacht gestuurd aan de betrokken medewerker(s) (Awb 9:9)"),
            data={
                "copy": COPY_MARKER,
                "recipients": [employee.pk for employee in employees],
                "attachments": len(attachments),
            },
        )
    return len(employees)


def _message(
    complaint: Complaint,
    employee: User,
    attachments: list[Attachment],
    municipality: Municipality,
) -> EmailMessage:
    """One employee's copy: their own message, so that no one sees who else got it."""
    with translation.override(LETTER_LANGUAGE):
        subject = _("Kopie van klacht %(reference)s (Awb 9:9)") % {"reference": complaint.reference}
        body = render_to_string(
            "correspondence/email/copy_to_involved.txt",
            {
                "employee": employee,
                "complaint": complaint,
                "received": format_date(complaint.received_at),
                "conduct_date": format_date(complaint.conduct_date),
                # The name only: no address, phone number or e-mail address.
                "complainant_name": complaint.complainant.full_name,
                "handler": complaint.handler,
                "municipality": municipality,
                "attachment_count": len(attachments),
            },
        ).strip()
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[employee.email]
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message
