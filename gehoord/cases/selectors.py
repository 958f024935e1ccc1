"""Reading complaints: who sees which, and lists shaped for the screens."""

from __future__ import annotations

import datetime as dt
import re
from functools import reduce
from operator import and_, or_
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.cases.inbox import (
    ALL_STATUSES,
    DUE_SOON_DAYS,
    FIRST_CONTACT_OVERDUE,
    MINE,
    OVERDUE,
    THIS_WEEK,
    THIS_WEEK_DAYS,
    UNASSIGNED,
    InboxFilters,
)
from gehoord.cases.lifecycle import OPEN_STATUSES
from gehoord.cases.models import Complainant, Complaint

if TYPE_CHECKING:
    from gehoord.accounts.models import User


def visible_complaints(user: User) -> QuerySet[Complaint]:
    """The complaints `user` may see.

    The coordinator sees all; a handler those assigned to them; a department
    head those about their department. Nobody ever sees a complaint about their
    own conduct, whatever their role.
    """
    complaints = Complaint.objects.all()
    if not user.is_authenticated or not user.is_active:
        return complaints.none()
    if not user.has_role(Role.COORDINATOR):
        scopes = []
        if user.has_role(Role.HANDLER):
            scopes.append(Q(handler=user))
        if user.has_role(Role.DEPARTMENT_HEAD):
            scopes.append(Q(pk__in=Complaint.objects.filter(departments__head=user).values("pk")))
        if not scopes:
            return complaints.none()
        complaints = complaints.filter(reduce(or_, scopes))
    return complaints.exclude(pk__in=Complaint.objects.filter(employees_involved=user).values("pk"))


def complaint_list(user: User) -> QuerySet[Complaint]:
    """Visible complaints of every status, newest first, with the inbox's deadline marks."""
    return inbox(user, ALL_STATUSES)


# --- the inbox ------------------------------------------------------------------------


def inbox(user: User, filters: InboxFilters | None = None) -> QuerySet[Complaint]:
    """The complaints `user` may see, narrowed by `filters` and sorted, ready for a page of rows.

    Each row has its complainant and handler joined in, and three marks that
    only hold while the complaint is open: ``is_overdue`` (the decision term
    has passed), ``is_due_soon`` (the decision is due within
    :data:`~gehoord.cases.inbox.DUE_SOON_DAYS` days) and
    ``first_contact_late`` (no personal contact yet and its target has passed).
    """
    filters = filters or InboxFilters()
    complaints = _narrowed(user, filters)
    if filters.statuses is not None:
        complaints = complaints.filter(status__in=filters.statuses)
    today = timezone.localdate()
    return (
        complaints.select_related("complainant", "handler")
        .annotate(
            is_overdue=_flag(decision_overdue(today)),
            is_due_soon=_flag(decision_due_within(today, DUE_SOON_DAYS)),
            first_contact_late=_flag(first_contact_late(today)),
        )
        .order_by(*filters.ordering)
    )


def inbox_status_counts(user: User, filters: InboxFilters | None = None) -> dict[str, int]:
    """How many complaints per status `user` sees with every filter but the status one (one query).

    So the count next to a status is the number of rows its link shows.
    """
    rows = (
        _narrowed(user, filters or InboxFilters())
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return dict(rows)


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _narrowed(user: User, filters: InboxFilters) -> QuerySet[Complaint]:
    """The visible complaints with every filter applied except the status."""
    complaints = visible_complaints(user)
    if filters.route:
        complaints = complaints.filter(route=filters.route)
    if filters.channel:
        complaints = complaints.filter(channel=filters.channel)
    if filters.department_id is not None:
        # A subquery, not a join: no duplicate rows, so no DISTINCT to sort away.
        about = Complaint.departments.through.objects.filter(department_id=filters.department_id)
        complaints = complaints.filter(pk__in=about.values("complaint_id"))
    if filters.handler == UNASSIGNED:
        complaints = complaints.filter(handler__isnull=True)
    elif filters.handler == MINE:
        complaints = complaints.filter(handler_id=user.pk)
    elif filters.handler.isdigit():
        complaints = complaints.filter(handler_id=int(filters.handler))
    complaints = _due(complaints, filters.due)
    if filters.q.strip():
        complaints = complaints.filter(search_condition(filters.q))
    return complaints


def _due(complaints: QuerySet[Complaint], due: str) -> QuerySet[Complaint]:
    today = timezone.localdate()
    if due == OVERDUE:
        return complaints.filter(decision_overdue(today))
    if due == THIS_WEEK:
        return complaints.filter(decision_due_within(today, THIS_WEEK_DAYS))
    if due == FIRST_CONTACT_OVERDUE:
        return complaints.filter(first_contact_late(today))
    return complaints


# The deadline rules of open complaints, as conditions for filter() and annotate().
# Only an open complaint (lifecycle.OPEN_STATUSES) can be late: a decided or
# ended one has met or lost its terms for good.


def decision_overdue(today: dt.date) -> Q:
    """Open, and the decision term (Awb 9:11) ended before `today`."""
    return Q(status__in=OPEN_STATUSES, decision_due__lt=today)


def decision_due_within(today: dt.date, days: int) -> Q:
    """Open, and the decision is due from `today` up to and including `days` days later."""
    return Q(status__in=OPEN_STATUSES, decision_due__range=(today, today + dt.timedelta(days=days)))


def first_contact_late(today: dt.date) -> Q:
    """Open, no personal contact recorded yet, and its target date is before `today`."""
    return Q(status__in=OPEN_STATUSES, first_contact_at__isnull=True, first_contact_due__lt=today)


# --- search ---------------------------------------------------------------------------

# The documents the full-text search reads. Migration 0006 indexes exactly these
# expressions on PostgreSQL (GIN); change them together, or the index goes unused.
SEARCH_TEXT_FIELDS = ("description", "desired_outcome", "involved_description")
SEARCH_NAME_FIELDS = ("first_name", "last_name")
SEARCH_TEXT_CONFIG = "dutch"
SEARCH_NAME_CONFIG = "simple"

_FULL_REFERENCE = re.compile(r"K-\d{4}-\d{5}")
_REFERENCE_PREFIX = re.compile(r"K-\d{1,4}(-\d{0,5})?")
_YEAR_AND_NUMBER = re.compile(r"(\d{4})-(\d{1,5})")
_NUMBER = re.compile(r"\d{1,5}")


def search_condition(q: str) -> Q:
    """Complaints matching the search box: a reference, a complainant's name or a word from the text.

    PostgreSQL searches with full-text search: the description, what the
    complainant wants and who it is about with the Dutch configuration (so
    "klachten" finds "klacht"), the complainant's names with the simple one,
    both through their GIN index. Other databases (SQLite in development and
    tests) fall back to: every word occurs, case-insensitively, in the
    reference, a name or one of those texts.
    """
    q = q.strip()
    if connection.vendor == "postgresql":
        return _reference_condition(q) | _postgresql_text_condition(q)
    return _reference_condition(q) | _fallback_text_condition(q)


def _reference_condition(q: str) -> Q:
    """`K-2026-00012` exactly, a prefix such as `K-2026-000`, `2026-12`, or just the number `00012`."""
    text = q.upper()
    if _FULL_REFERENCE.fullmatch(text):
        return Q(reference=text)
    if _REFERENCE_PREFIX.fullmatch(text):
        return Q(reference__startswith=text)
    if match := _YEAR_AND_NUMBER.fullmatch(text):
        return Q(reference_year=int(match[1]), reference_number=int(match[2]))
    if _NUMBER.fullmatch(text):
        return Q(reference_number=int(text))
    return Q(pk__in=[])


def _postgresql_text_condition(q: str) -> Q:
    from django.contrib.postgres.search import SearchQuery, SearchVector

    # Subqueries keep each match on one table, where its GIN index is; the
    # outer query then only checks membership instead of building a tsvector
    # for every row.
    texts = (
        Complaint.objects.alias(document=SearchVector(*SEARCH_TEXT_FIELDS, config=SEARCH_TEXT_CONFIG))
        .filter(document=SearchQuery(q, config=SEARCH_TEXT_CONFIG, search_type="websearch"))
        .values("pk")
    )
    names = (
        Complainant.objects.alias(names=SearchVector(*SEARCH_NAME_FIELDS, config=SEARCH_NAME_CONFIG))
        .filter(names=SearchQuery(q, config=SEARCH_NAME_CONFIG, search_type="websearch"))
        .values("pk")
    )
    return Q(pk__in=texts) | Q(complainant_id__in=names)


def _fallback_text_condition(q: str) -> Q:
    fields = (
        "reference",
        *(f"complainant__{name}" for name in SEARCH_NAME_FIELDS),
        *SEARCH_TEXT_FIELDS,
    )
    words = q.split()
    return reduce(
        and_,
        (reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words),
    )


def complaint_file(user: User, reference: str) -> Complaint:
    """One complaint with what its file page shows; DoesNotExist when not visible."""
    return (
        visible_complaints(user)
        .select_related("complainant", "representative", "handler", "signatory")
        .prefetch_related("departments", "employees_involved", "parts__norms", "attachments")
        .get(reference=reference)
    )
