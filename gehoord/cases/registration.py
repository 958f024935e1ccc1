"""Creating a complaint's rows: the one place a Complaint is made.

Nothing but the intake pipeline (:func:`gehoord.intake.pipeline.take_in`)
imports this module; an import-linter contract in ``pyproject.toml`` holds
every other app to that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import timeline
from gehoord.cases.constants import Channel, ContactPreference, EventKind, Status
from gehoord.cases.deadlines import refresh_deadlines
from gehoord.cases.models import Complainant, Complaint, ComplaintPart, Representative
from gehoord.cases.references import allocate_reference_number, format_reference
from gehoord.clock.terms import AtwCalendar, receipt_date
from gehoord.core.errors import GuardFailed
from gehoord.core.text import short_title
from gehoord.organisation.models import Department, Municipality

if TYPE_CHECKING:
    from gehoord.accounts.models import User


def register_complaint(
    *,
    complainant: Complainant,
    channel: Channel | str,
    description: str,
    received_at: dt.datetime | None = None,
    conduct_date: dt.date | None = None,
    involved_description: str = "",
    departments: Iterable[Department] = (),
    employees_involved: Iterable[User] = (),
    desired_outcome: str = "",
    preferred_contact: ContactPreference | str = "",
    contact_times: str = "",
    representative: Representative | None = None,
    parts: Sequence[str] = (),
    anonymous: bool = False,
    about_failure_to_decide: bool = False,
    text_fingerprint: str = "",
    actor: User | None = None,
    calendar: AtwCalendar | None = None,
    municipality: Municipality | None = None,
) -> Complaint:
    """Store the rows of a new complaint, with its complainant and its first timeline entry.

    Only the intake pipeline (:mod:`gehoord.intake.pipeline`) calls this; it
    checks who the person is and how to reach them, stores the files, finds
    resubmissions and runs the lifecycle's "register" hooks (the
    acknowledgment, webhooks). Test factories call it directly.

    `complainant` (and `representative`) may be unsaved. Without `parts` the
    description is the one part to judge. An `anonymous` complaint (no name,
    no way to reach the person) is not refused (Awb 9:1): it is looked into as
    a signal, without the formal route or letters. `about_failure_to_decide`:
    the conduct is failing to decide in time (Awb 9:8 lid 1 onder d).
    """
    if channel not in Channel.values:
        raise GuardFailed(_("Onbekend kanaal: %(channel)s.") % {"channel": channel})
    if not description.strip():
        raise GuardFailed(_("Beschrijf de gedraging waarover geklaagd wordt."))
    received_at = received_at or timezone.now()
    municipality = municipality or Municipality.load()
    year = receipt_date(received_at).year
    with transaction.atomic():
        complainant.save()
        if representative is not None:
            representative.save()
        number = allocate_reference_number(year)
        complaint = Complaint(
            reference=format_reference(year, number),
            reference_year=year,
            reference_number=number,
            complainant=complainant,
            representative=representative,
            channel=channel,
            received_at=received_at,
            title=short_title(description),
            description=description.strip(),
            conduct_date=conduct_date,
            involved_description=involved_description.strip(),
            desired_outcome=desired_outcome.strip(),
            preferred_contact=preferred_contact,
            contact_times=contact_times.strip(),
            anonymous=anonymous,
            about_failure_to_decide=about_failure_to_decide,
            text_fingerprint=text_fingerprint,
        )
        refresh_deadlines(complaint, calendar=calendar, municipality=municipality)
        complaint.save()
        complaint.departments.set(departments)
        complaint.employees_involved.set(employees_involved)
        ComplaintPart.objects.bulk_create(
            ComplaintPart(complaint=complaint, position=position, description=text.strip())
            for position, text in enumerate(parts or [description], start=1)
        )
        timeline.record(
            complaint,
            kind=EventKind.CREATED,
            at=received_at,
            actor=actor,
            to_status=Status.RECEIVED,
            summary=_("Klacht ontvangen via %(channel)s") % {"channel": complaint.get_channel_display()},
        )
    return complaint
