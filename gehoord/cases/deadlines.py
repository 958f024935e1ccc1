"""A complaint's terms, computed by the legal clock and stored on the complaint.

The dates are stored (not computed per request) so the inbox can filter and
sort on them with an index. Whatever changes what a term depends on — receipt,
committee, postponement, the complainant's consent to a later date — calls
:func:`refresh_deadlines`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gehoord.clock import terms
from gehoord.clock.selectors import municipal_calendar
from gehoord.organisation.models import Municipality

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint


def refresh_deadlines(
    complaint: Complaint,
    *,
    calendar: terms.AtwCalendar | None = None,
    municipality: Municipality | None = None,
) -> None:
    """Set every term of `complaint` from its receipt; the caller saves."""
    calendar = calendar or municipal_calendar()
    municipality = municipality or Municipality.load()
    received = complaint.received_at
    complaint.decision_due = terms.decision_deadline(
        received,
        committee=complaint.committee,
        postponement_weeks=complaint.postponement_weeks,
        calendar=calendar,
        consented_until=complaint.consented_decision_due,
    )
    complaint.not_handled_notice_due = terms.not_handled_notice_deadline(received, calendar=calendar)
    complaint.acknowledgment_due = terms.acknowledgment_deadline(
        received, municipality.acknowledgment_working_days, calendar=calendar
    )
    complaint.first_contact_due = terms.first_contact_deadline(
        received, municipality.first_contact_working_days, calendar=calendar
    )
