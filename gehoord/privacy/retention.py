"""How long a complaint's personal data are kept, and which complaints are due for erasure.

The terms follow the selection list for municipalities (process "geschillen
behandelen", see DOMAIN.md) and are settings (README, "Configuration"):

- a complaint that went on to the ombudsman: ``RETENTION_OMBUDSMAN_YEARS``
  (10) after the later of its closure and the day it went there — the
  ombudsman's handling follows the closure;
- a handled complaint (status closed): ``RETENTION_HANDLED_YEARS`` (5) after
  its closure;
- a complaint that was not handled (Awb 9:8), withdrawn, or referred elsewhere
  because it was no complaint: ``RETENTION_NOT_HANDLED_YEARS`` (1) after it
  ended.

A complaint is due on the anniversary of its closure date (the municipality's
local date): closed on 3 March 2026 with a 5-year term, it is due from 3 March
2031. A 29 February closure is due on 1 March. Complaints that are still open,
in their learning review, or already erased are never due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.cases.constants import Status
from gehoord.cases.lifecycle import FINAL_STATUSES
from gehoord.cases.models import Complaint


class RetentionCategory(models.TextChoices):
    HANDLED = "handled", _("Behandeld")
    OMBUDSMAN = "ombudsman", _("Naar de ombudsman gegaan")
    NOT_HANDLED = "not_handled", _("Niet behandeld, ingetrokken of doorverwezen")


NOT_HANDLED_STATUSES = frozenset({Status.NOT_HANDLED, Status.WITHDRAWN, Status.REFERRED})


@dataclass(frozen=True)
class RetentionTerms:
    handled_years: int = 5
    ombudsman_years: int = 10
    not_handled_years: int = 1

    @classmethod
    def from_settings(cls) -> RetentionTerms:
        return cls(
            handled_years=settings.RETENTION_HANDLED_YEARS,
            ombudsman_years=settings.RETENTION_OMBUDSMAN_YEARS,
            not_handled_years=settings.RETENTION_NOT_HANDLED_YEARS,
        )

    def years(self, category: RetentionCategory) -> int:
        return {
            RetentionCategory.HANDLED: self.handled_years,
            RetentionCategory.OMBUDSMAN: self.ombudsman_years,
            RetentionCategory.NOT_HANDLED: self.not_handled_years,
        }[category]


def years_after(day: dt.date, years: int) -> dt.date:
    """The same date `years` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same date `years` earlier; 29 February becomes 28 February in a common year.

    So ``closure <= years_before(today, n)`` holds exactly when ``today >= years_after(closure, n)``.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return dt.date(day.year - years, 2, 28)


def category_of(complaint: Complaint) -> RetentionCategory | None:
    """The retention category of an ended complaint; None while it is not ended."""
    if complaint.status not in FINAL_STATUSES or complaint.closed_at is None:
        return None
    if complaint.ombudsman_on is not None:
        return RetentionCategory.OMBUDSMAN
    if complaint.status in NOT_HANDLED_STATUSES:
        return RetentionCategory.NOT_HANDLED
    return RetentionCategory.HANDLED


def erasure_due_on(complaint: Complaint, terms: RetentionTerms | None = None) -> dt.date | None:
    """The day the retention job erases this complaint's personal data; None while it is not ended."""
    category = category_of(complaint)
    if category is None:
        return None
    terms = terms or RetentionTerms.from_settings()
    start = timezone.localdate(complaint.closed_at)
    if category == RetentionCategory.OMBUDSMAN:
        start = max(start, complaint.ombudsman_on)
    return years_after(start, terms.years(category))


def _closed_on_or_before(day: dt.date) -> Q:
    """Closed on `day` or earlier, in the municipality's time zone (closed_at is a moment)."""
    zone = timezone.get_current_timezone()
    return Q(closed_at__lt=dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone))


def due_for_erasure(today: dt.date | None = None, terms: RetentionTerms | None = None) -> QuerySet[Complaint]:
    """The ended complaints whose retention term has passed on `today` and that still hold personal data."""
    today = today or timezone.localdate()
    terms = terms or RetentionTerms.from_settings()
    ombudsman_cut = years_before(today, terms.ombudsman_years)
    ombudsman = Q(ombudsman_on__isnull=False, ombudsman_on__lte=ombudsman_cut) & _closed_on_or_before(
        ombudsman_cut
    )
    handled = Q(ombudsman_on__isnull=True, status=Status.CLOSED) & _closed_on_or_before(
        years_before(today, terms.handled_years)
    )
    not_handled = Q(ombudsman_on__isnull=True, status__in=NOT_HANDLED_STATUSES) & _closed_on_or_before(
        years_before(today, terms.not_handled_years)
    )
    return (
        Complaint.objects.filter(status__in=FINAL_STATUSES, closed_at__isnull=False)
        .filter(ombudsman | handled | not_handled)
        .filter(personal_data_erasure__isnull=True)
        .order_by("closed_at", "pk")
    )
