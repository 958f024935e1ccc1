"""How long a complaint's personal data are kept, and which complaints are due for erasure.

The Selectielijst gemeenten en intergemeentelijke organen 2020, process type
13 "geschillen behandelen", gives a result per file; the lifecycle records it
on the complaint (``Complaint.retention_result``): on closing (handled,
financial or permanent), on the end steps not_handle, refer, forward and
withdraw (not handled), and ``record_ombudsman`` turns a closed complaint into
"via the ombudsman". The terms are settings (README, "Configuration"):

- handled: ``RETENTION_HANDLED_YEARS`` (5) after the closure;
- with financial consequences: ``RETENTION_FINANCIAL_YEARS`` (7) after the closure;
- via the ombudsman: ``RETENTION_OMBUDSMAN_YEARS`` (10) after the end of the
  ombudsman's handling (``Complaint.ombudsman_ended_on``); while that end is
  not recorded the file is never due — erasing it early cannot be undone;
- not handled, not admissible, broken off (Awb 9:8, referred, forwarded,
  withdrawn): ``RETENTION_NOT_HANDLED_YEARS`` (1) after the end;
- influence on a case that is kept permanently: never erased; the file is
  marked for transfer to the archive (overbrengen, Archiefwet 1995).

No file is due before the complainant's one-year term to go to the
ombudsman (Awb 9:24 lid 1, :func:`gehoord.clock.terms.ombudsman_deadline`)
could have run out: the handling must still be there to show if they do.

Rows from before the result was recorded (an empty ``retention_result``) get
the result the status implies: ombudsman when the complainant went there, not
handled for the end steps, handled for a closed complaint.

A file is due on the anniversary of its start day (the municipality's local
date): closed on 3 March 2026 with a 5-year term, it is due from 3 March 2031.
A 29 February start is due on 1 March. Complaints that are still open, in their
learning review, or already erased are never due.

:func:`erasure_due_on` (one complaint, in Python) and :func:`due_for_erasure`
(one queryset for the nightly job, in the database) must agree; the tests check
that over a fixed set of cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.cases.constants import RetentionResult, Status
from gehoord.cases.lifecycle import FINAL_STATUSES
from gehoord.cases.models import Complaint
from gehoord.clock import terms as clock
from gehoord.clock.terms import years_after, years_before
from gehoord.privacy.models import PersonalDataErasure

NOT_HANDLED_STATUSES = frozenset({Status.NOT_HANDLED, Status.WITHDRAWN, Status.REFERRED})

# The result in a sentence, without its default term (the terms are settings).
RESULT_NAMES = {
    RetentionResult.HANDLED: _("behandeld"),
    RetentionResult.FINANCIAL: _("met financiële gevolgen"),
    RetentionResult.OMBUDSMAN: _("via de ombudsman"),
    RetentionResult.NOT_HANDLED: _("niet in behandeling genomen, niet-ontvankelijk of afgebroken"),
    RetentionResult.PERMANENT: _("van invloed op een zaak die blijvend wordt bewaard"),
}

# The results whose term counts from the closure (the end of the internal handling).
FROM_CLOSURE = frozenset({RetentionResult.HANDLED, RetentionResult.FINANCIAL, RetentionResult.NOT_HANDLED})


@dataclass(frozen=True)
class RetentionTerms:
    handled_years: int = 5
    financial_years: int = 7
    ombudsman_years: int = 10
    not_handled_years: int = 1

    @classmethod
    def from_settings(cls) -> RetentionTerms:
        return cls(
            handled_years=settings.RETENTION_HANDLED_YEARS,
            financial_years=settings.RETENTION_FINANCIAL_YEARS,
            ombudsman_years=settings.RETENTION_OMBUDSMAN_YEARS,
            not_handled_years=settings.RETENTION_NOT_HANDLED_YEARS,
        )

    def years(self, result: RetentionResult) -> int | None:
        """The term of `result` in years; None for a file kept permanently."""
        return {
            RetentionResult.HANDLED: self.handled_years,
            RetentionResult.FINANCIAL: self.financial_years,
            RetentionResult.OMBUDSMAN: self.ombudsman_years,
            RetentionResult.NOT_HANDLED: self.not_handled_years,
            RetentionResult.PERMANENT: None,
        }[result]

    def years_from_closure(self, result: RetentionResult) -> int:
        """A term that counts from the closure, never shorter than the ombudsman term (Awb 9:24 lid 1)."""
        return max(self.years(result), clock.OMBUDSMAN_TERM_YEARS)


def _ended(complaint: Complaint) -> bool:
    return complaint.status in FINAL_STATUSES and complaint.closed_at is not None


def result_of(complaint: Complaint) -> RetentionResult | None:
    """The Selectielijst result of an ended complaint; None while it has not ended.

    The recorded result; for older rows without one, what the status implies.
    """
    if not _ended(complaint):
        return None
    if complaint.retention_result:
        return RetentionResult(complaint.retention_result)
    if complaint.ombudsman_on is not None:
        return RetentionResult.OMBUDSMAN
    if complaint.status in NOT_HANDLED_STATUSES:
        return RetentionResult.NOT_HANDLED
    return RetentionResult.HANDLED


def erasure_due_on(complaint: Complaint, terms: RetentionTerms | None = None) -> dt.date | None:
    """The day the retention job erases this complaint's personal data.

    None when it never will, or not yet can be said: not ended, kept
    permanently, or via the ombudsman without the end of the ombudsman's
    handling recorded.
    """
    result = result_of(complaint)
    if result is None or result == RetentionResult.PERMANENT:
        return None
    terms = terms or RetentionTerms.from_settings()
    if result == RetentionResult.OMBUDSMAN:
        if complaint.ombudsman_ended_on is None:
            return None
        return years_after(complaint.ombudsman_ended_on, terms.ombudsman_years)
    closed = timezone.localdate(complaint.closed_at)
    # Awb 9:24 lid 1: not before the complainant's year to go to the ombudsman could have run out.
    return max(years_after(closed, terms.years(result)), clock.ombudsman_deadline(complaint.closed_at))


@dataclass(frozen=True)
class Retention:
    """What the privacy screen says about one complaint's retention."""

    result: RetentionResult | None
    # The term in years (the setting); None for a file kept permanently or not ended.
    years: int | None
    due_on: dt.date | None
    # Kept permanently: to be transferred to the archive (overbrengen), never erased.
    transfer: bool
    # Via the ombudsman, but the end of the ombudsman's handling is not recorded yet.
    waiting_for_ombudsman: bool
    # The result was not recorded (an older file) but follows from its status.
    derived: bool


def retention_of(complaint: Complaint, terms: RetentionTerms | None = None) -> Retention:
    terms = terms or RetentionTerms.from_settings()
    result = result_of(complaint)
    return Retention(
        result=result,
        years=terms.years(result) if result else None,
        due_on=erasure_due_on(complaint, terms),
        transfer=result == RetentionResult.PERMANENT,
        waiting_for_ombudsman=result == RetentionResult.OMBUDSMAN and complaint.ombudsman_ended_on is None,
        derived=result is not None and not complaint.retention_result,
    )


def _result_is(result: RetentionResult) -> Q:
    """The complaints with `result`: recorded, or (empty on older rows) implied by the status."""
    recorded = Q(retention_result=result)
    implied = {
        RetentionResult.HANDLED: Q(ombudsman_on__isnull=True, status=Status.CLOSED),
        RetentionResult.OMBUDSMAN: Q(ombudsman_on__isnull=False),
        RetentionResult.NOT_HANDLED: Q(ombudsman_on__isnull=True, status__in=NOT_HANDLED_STATUSES),
    }.get(result)
    return recorded | (Q(retention_result="") & implied) if implied is not None else recorded


def _closed_on_or_before(day: dt.date) -> Q:
    """Closed on `day` or earlier, in the municipality's time zone (closed_at is a moment)."""
    zone = timezone.get_current_timezone()
    return Q(closed_at__lt=dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone))


def ombudsman_year_over_for_ends_until(today: dt.date) -> dt.date:
    """The last day a handling may have ended for the complainant's year of Awb 9:24 to be over on `today`.

    The year is a statutory term (Atw art. 1 moves an end on a weekend or holiday
    forward), so this can lie a few days before "a year ago"; the term is
    monotonic, so stepping back from there finds it.
    """
    day = years_before(today, 1)
    while clock.ombudsman_deadline(day) > today:
        day -= dt.timedelta(days=1)
    return day


def due_for_erasure(today: dt.date | None = None, terms: RetentionTerms | None = None) -> QuerySet[Complaint]:
    """The ended complaints whose retention term has passed on `today` and that still hold personal data.

    One query, so the nightly job stays fast however many files there are;
    the same rules as :func:`erasure_due_on`, turned around: "today is on or
    after start + n years" is "start is on or before today - n years".
    """
    today = today or timezone.localdate()
    terms = terms or RetentionTerms.from_settings()
    due = _result_is(RetentionResult.OMBUDSMAN) & Q(
        ombudsman_ended_on__lte=years_before(today, terms.ombudsman_years)
    )
    ombudsman_year_over = _closed_on_or_before(ombudsman_year_over_for_ends_until(today))
    for result in FROM_CLOSURE:
        due |= (
            _result_is(result)
            & _closed_on_or_before(years_before(today, terms.years_from_closure(result)))
            & ombudsman_year_over
        )
    return (
        Complaint.objects.filter(status__in=FINAL_STATUSES, closed_at__isnull=False)
        .filter(due)
        .filter(personal_data_erasure__isnull=True)
        .order_by("closed_at", "pk")
    )


def marked_for_transfer(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """Of `complaints`, the ended files kept permanently: to be transferred to the archive (overbrengen)."""
    return complaints.filter(
        status__in=FINAL_STATUSES, closed_at__isnull=False, retention_result=RetentionResult.PERMANENT
    ).order_by("closed_at", "pk")


def files_without_personal_data() -> Q:
    """For the audit trail's retention: the files whose personal data are erased, or whose complaint is gone.

    A condition on ``AuditEntry.complaint_id``, registered with
    :func:`gehoord.audit.retention.register_released_files` by
    :class:`gehoord.privacy.apps.PrivacyConfig`.
    """
    erased = PersonalDataErasure.objects.values("complaint_id")
    existing = Complaint.objects.values("pk")
    return Q(complaint_id__in=erased) | ~Q(complaint_id__in=existing)
