"""Reading complaints: who sees which, and lists shaped for the screens."""

from __future__ import annotations

import datetime as dt
import re
from functools import reduce
from operator import and_, or_
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, Substr
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.cases.constants import Status
from gehoord.cases.inbox import (
    ALL_STATUSES,
    DUE_SOON,
    FIRST_CONTACT_OVERDUE,
    FIRST_CONTACT_PENDING,
    MINE,
    NEW_INFORMATION,
    NOTICE_DUE,
    NOTICE_DUE_SOON,
    NOTICE_OVERDUE,
    OVERDUE,
    SAVED_VIEWS,
    UNASSIGNED,
    InboxFilters,
    SavedView,
)
from gehoord.cases.lifecycle import INTAKE_STATUSES, OPEN_STATUSES, TERM_RUNNING_STATUSES
from gehoord.cases.models import Complainant, Complaint, FileOpened
from gehoord.cases.references import FULL_REFERENCE
from gehoord.clock.terms import DUE_SOON_DAYS

if TYPE_CHECKING:
    from gehoord.accounts.models import User

Row = TypeVar("Row")


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
    return complaints.exclude(pk__in=about_own_conduct(user))


def about_own_conduct(user: User) -> QuerySet[Complaint]:
    """The complaints about `user`'s own conduct (Awb 9:7): never shown to them, in any list or count."""
    return Complaint.objects.filter(employees_involved=user).values("pk")


def visible_through(
    user: User, rows: QuerySet[Row], complaint_field: str = "complaint", *, keep_unlinked: bool = False
) -> QuerySet[Row]:
    """`rows` (vouchers, signals, measures, answers, ...) narrowed to those whose complaint `user` may see.

    The one filter for every list, export and count of something that belongs
    to a complaint: the rule is :func:`visible_complaints`, so a list built on
    this cannot show a trace of a complaint about the viewer's own conduct.
    With `keep_unlinked`, rows that belong to no complaint (a signal not
    turned into one) stay.
    """
    condition = Q(**{f"{complaint_field}__in": visible_complaints(user).values("pk")})
    if keep_unlinked:
        condition |= Q(**{f"{complaint_field}__isnull": True})
    return rows.filter(condition)


def without_own_conduct(user: User, rows: QuerySet[Row], complaint_field: str = "pk") -> QuerySet[Row]:
    """`rows` without what concerns complaints about `user`'s own conduct: for figures over the whole
    organisation (the dashboard), where the role otherwise decides nothing about which complaints count."""
    return rows.exclude(**{f"{complaint_field}__in": about_own_conduct(user)})


def complaint_list(user: User) -> QuerySet[Complaint]:
    """Visible complaints of every status, newest first, with the inbox's deadline marks."""
    return inbox(user, ALL_STATUSES)


# --- the inbox ------------------------------------------------------------------------


def inbox(user: User, filters: InboxFilters | None = None) -> QuerySet[Complaint]:
    """The complaints `user` may see, narrowed by `filters` and sorted, ready for a page of rows.

    Each row has its complainant and handler joined in, the marks of
    :func:`with_term_marks`, the dates of :func:`with_next_term`,
    ``opened_by_me`` (whether `user` ever opened the file, see
    :func:`gehoord.cases.services.note_opened`), ``status_rank`` (the status's
    place in the lifecycle, to sort on) and ``description_start`` (the start of
    the text, for the row's snippet).
    """
    filters = filters or InboxFilters()
    complaints = _narrowed(user, filters)
    if filters.statuses is not None:
        complaints = complaints.filter(status__in=filters.statuses)
    complaints = searched(complaints, filters.q)
    complaints = with_next_term(with_term_marks(complaints.select_related("complainant", "handler")))
    return complaints.annotate(
        opened_by_me=Exists(FileOpened.objects.filter(user_id=user.pk, complaint_id=OuterRef("pk"))),
        status_rank=Case(
            *(When(status=value, then=Value(rank)) for rank, value in enumerate(Status.values)),
            default=Value(len(Status.values)),
            output_field=IntegerField(),
        ),
        description_start=Substr("description", 1, 400),
    ).order_by(*filters.ordering)


# A date after every term, for the smallest of terms of which some do not run.
_NO_TERM = Value(dt.date.max, output_field=DateField())


def with_next_term(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """`complaints` with the end of each term that still runs, and the first of them.

    ``first_contact_term_due`` (no personal contact recorded yet),
    ``notice_term_due`` (Awb 9:8 lid 3, see :func:`_notice_term_runs`) and
    ``decision_term_due`` (Awb 9:11) are the stored term dates while that term
    runs, else None; ``next_term_due`` is the earliest of them (None when none
    runs), the inbox's "next term" to sort on.
    """
    running = {
        "first_contact_term_due": (first_contact_pending(), "first_contact_due"),
        "notice_term_due": (_notice_term_runs(), "not_handled_notice_due"),
        "decision_term_due": (decision_term_runs(), "decision_due"),
    }
    complaints = complaints.annotate(
        **{
            name: Case(When(condition, then=F(field)), default=None, output_field=DateField())
            for name, (condition, field) in running.items()
        }
    )
    # SQLite's and PostgreSQL's LEAST treat NULL differently: compare real dates only.
    earliest = Least(*(Coalesce(F(name), _NO_TERM) for name in running), output_field=DateField())
    any_running = reduce(or_, (condition for condition, _field in running.values()))
    return complaints.annotate(
        next_term_due=Case(When(any_running, then=earliest), default=None, output_field=DateField())
    )


def with_term_marks(complaints: QuerySet[Complaint], today: dt.date | None = None) -> QuerySet[Complaint]:
    """`complaints` with a mark per term that needs attention on `today`, for lists and the digest.

    ``is_overdue`` / ``is_due_soon``: the decision term (Awb 9:11, the resulting
    date in ``decision_due``); ``notice_overdue`` / ``notice_due_soon``: the
    notice that a complaint is not handled (Awb 9:8 lid 3); and
    ``first_contact_late``. "Soon" is the clock's one window,
    :data:`gehoord.clock.terms.DUE_SOON_DAYS`.
    """
    today = today or timezone.localdate()
    return complaints.annotate(
        is_overdue=_flag(decision_overdue(today)),
        is_due_soon=_flag(decision_due_soon(today)),
        notice_overdue=_flag(notice_overdue(today)),
        notice_due_soon=_flag(notice_due_soon(today)),
        first_contact_late=_flag(first_contact_late(today)),
    )


def inbox_status_counts(user: User, filters: InboxFilters | None = None) -> dict[str, int]:
    """How many complaints per status `user` sees with every filter but the status one (one query).

    So the count next to a status is the number of rows its link shows.
    """
    filters = filters or InboxFilters()
    narrowed = _narrowed(user, filters)
    arms = _search_arms(narrowed, filters.q)
    if arms is None:
        rows = (
            searched(narrowed, filters.q)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        return dict(rows)
    # Each arm gives (pk, status); the UNION drops a complaint that more than
    # one arm found, so it is counted once without joining back to the table.
    first, *others = (arm.values("pk", "status") for arm in arms)
    try:
        sql, params = first.union(*others).query.sql_with_params()
    except EmptyResultSet:
        # Someone who may see no complaint at all (an employee without a role) searched: nothing to count.
        return {}
    with connection.cursor() as cursor:
        # The inner SQL is the ORM's own, with every search word a bound parameter.
        cursor.execute(f"SELECT status, COUNT(*) FROM ({sql}) AS matches GROUP BY status", params)  # noqa: S608  # nosec B608
        return dict(cursor.fetchall())


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _narrowed(user: User, filters: InboxFilters) -> QuerySet[Complaint]:
    """The visible complaints with every filter applied except the status and the search."""
    condition = _condition(user, filters)
    complaints = visible_complaints(user)
    return complaints.filter(condition) if condition is not None else complaints


def _condition(user: User, filters: InboxFilters) -> Q | None:
    """Every filter of `filters` but the status and the search, as one condition (None: no filter)."""
    conditions = []
    if filters.route:
        conditions.append(Q(route=filters.route))
    if filters.channel:
        conditions.append(Q(channel=filters.channel))
    if filters.department_id is not None:
        # A subquery, not a join: no duplicate rows, so no DISTINCT to sort away.
        about = Complaint.departments.through.objects.filter(department_id=filters.department_id)
        conditions.append(Q(pk__in=about.values("complaint_id")))
    if filters.handler == UNASSIGNED:
        conditions.append(Q(handler__isnull=True))
    elif filters.handler == MINE:
        conditions.append(Q(handler_id=user.pk))
    elif filters.handler.isdigit():
        conditions.append(Q(handler_id=int(filters.handler)))
    if filters.info == NEW_INFORMATION:
        conditions.append(Q(new_information_at__isnull=False))
    if due := _due(filters.due):
        conditions.append(due)
    return reduce(and_, conditions) if conditions else None


def saved_view_counts(user: User, views: tuple[SavedView, ...] = SAVED_VIEWS) -> dict[str, int]:
    """How many complaints `user` sees in each saved view (one query), each the number its link shows.

    Counted over :func:`visible_complaints`, so a complaint about the user's
    own conduct is in no count.
    """
    counts = {}
    for view in views:
        filters = view.filters
        condition = _condition(user, filters) or Q()
        if filters.statuses is not None:
            condition &= Q(status__in=filters.statuses)
        counts[view.key] = Count("pk", filter=condition)
    return visible_complaints(user).order_by().aggregate(**counts)


def _due(due: str) -> Q | None:
    today = timezone.localdate()
    condition = {
        OVERDUE: decision_overdue,
        DUE_SOON: decision_due_soon,
        NOTICE_OVERDUE: notice_overdue,
        NOTICE_DUE_SOON: notice_due_soon,
        NOTICE_DUE: notice_due,
        FIRST_CONTACT_OVERDUE: first_contact_late,
    }.get(due)
    if due == FIRST_CONTACT_PENDING:
        return first_contact_pending()
    return condition(today) if condition else None


# The term rules of open complaints, as conditions for filter(), annotate() and
# Count(filter=): the inbox, the digest, the dashboard and the metrics all use
# these, so "overdue" and "due soon" mean the same everywhere. A term is
# overdue when its last day is before today (clock.terms.is_overdue) and due
# soon when it ends today or within DUE_SOON_DAYS days (clock.terms.is_due_soon).
# Only an open complaint can be late: a decided or ended one has met or lost
# its terms for good.


def _within_window(today: dt.date) -> tuple[dt.date, dt.date]:
    return today, today + dt.timedelta(days=DUE_SOON_DAYS)


def decision_term_runs() -> Q:
    """Awb 9:11: the decision term runs while the complaint is open (:func:`lifecycle.decision_term_runs`)."""
    return Q(status__in=TERM_RUNNING_STATUSES)


def decision_overdue(today: dt.date) -> Q:
    """Open, and the decision term (Awb 9:11, with committee, postponement and consent) ended before `today`."""
    return Q(status__in=TERM_RUNNING_STATUSES, decision_due__lt=today)


def decision_due_soon(today: dt.date) -> Q:
    """Open, and the decision is due from `today` up to and including DUE_SOON_DAYS days later."""
    return Q(status__in=TERM_RUNNING_STATUSES, decision_due__range=_within_window(today))


def _notice_term_runs() -> Q:
    """Awb 9:8 lid 3: the notice term runs while the organ has not decided how to handle the complaint.

    Not for an anonymous complaint: there is nobody to tell (it is handled as a signal).
    The query form of :func:`gehoord.cases.lifecycle.notice_term_runs`.
    """
    return Q(status__in=INTAKE_STATUSES, anonymous=False)


def notice_overdue(today: dt.date) -> Q:
    """Still in intake, and the 4 weeks for telling the complainant it is not handled (Awb 9:8 lid 3) passed."""
    return _notice_term_runs() & Q(not_handled_notice_due__lt=today)


def notice_due_soon(today: dt.date) -> Q:
    """Still in intake, and the Awb 9:8 lid 3 notice term ends today or within DUE_SOON_DAYS days."""
    return _notice_term_runs() & Q(not_handled_notice_due__range=_within_window(today))


def notice_due(today: dt.date) -> Q:
    """Still in intake, and the Awb 9:8 lid 3 notice term ended or ends within DUE_SOON_DAYS days."""
    return _notice_term_runs() & Q(not_handled_notice_due__lte=_within_window(today)[1])


def first_contact_pending() -> Q:
    """Open, and no personal contact recorded yet: the first-contact term runs."""
    return Q(status__in=OPEN_STATUSES, first_contact_at__isnull=True)


def first_contact_late(today: dt.date) -> Q:
    """Open, no personal contact recorded yet, and its target date is before `today`."""
    return first_contact_pending() & Q(first_contact_due__lt=today)


# --- search ---------------------------------------------------------------------------

# The documents the full-text search reads. Migration 0006 indexes exactly these
# expressions on PostgreSQL (GIN); change them together, or the index goes unused.
SEARCH_TEXT_FIELDS = ("description", "desired_outcome", "involved_description")
SEARCH_NAME_FIELDS = ("first_name", "last_name")
SEARCH_TEXT_CONFIG = "dutch"
SEARCH_NAME_CONFIG = "simple"

_REFERENCE_PREFIX = re.compile(r"K-\d{1,4}(-\d{0,5})?")
_YEAR_AND_NUMBER = re.compile(r"(\d{4})-(\d{1,5})")
_NUMBER = re.compile(r"\d{1,5}")


def searched(complaints: QuerySet[Complaint], q: str) -> QuerySet[Complaint]:
    """`complaints` narrowed to those matching the search box: a reference, a complainant's name or a word.

    PostgreSQL searches with full-text search: the description, what the
    complainant wants and who it is about with the Dutch configuration (so
    "klachten" finds "klacht"), the complainant's names with the simple one,
    each through its GIN index, and a reference through its B-tree index.
    The three are separate arms of a UNION, each carrying every other filter
    of `complaints`: an OR of them in one WHERE cannot use the indexes (a
    match in another table is not a bitmap), so it reads every row of the
    status or of the whole table; an arm can combine its index with the
    status index and reads only the rows it returns. Other databases (SQLite
    in development and tests) fall back to: every word occurs,
    case-insensitively, in the reference, a name or one of those texts.
    """
    arms = _search_arms(complaints, q)
    if arms is None:
        q = q.strip()
        if not q:
            return complaints
        return complaints.filter((_reference_condition(q) or Q(pk__in=[])) | _fallback_text_condition(q))
    first, *others = (arm.values("pk") for arm in arms)
    return Complaint.objects.filter(pk__in=first.union(*others))


def _search_arms(complaints: QuerySet[Complaint], q: str) -> list[QuerySet[Complaint]] | None:
    """The arms of the PostgreSQL search (text, names, a reference), each narrowed like `complaints`.

    None when there is nothing to search for, or not on PostgreSQL.
    """
    q = q.strip()
    if not q or connection.vendor != "postgresql":
        return None
    from django.contrib.postgres.search import SearchQuery, SearchVector

    texts = complaints.alias(document=SearchVector(*SEARCH_TEXT_FIELDS, config=SEARCH_TEXT_CONFIG)).filter(
        document=SearchQuery(q, config=SEARCH_TEXT_CONFIG, search_type="websearch")
    )
    # From the names subquery the planner either probes the complaints of the
    # few matching complainants, or checks each complaint already narrowed
    # down (an open one, say), whichever is less work.
    names = complaints.filter(
        complainant_id__in=Complainant.objects.alias(
            names=SearchVector(*SEARCH_NAME_FIELDS, config=SEARCH_NAME_CONFIG)
        )
        .filter(names=SearchQuery(q, config=SEARCH_NAME_CONFIG, search_type="websearch"))
        .values("pk")
    )
    arms = [texts, names]
    reference = _reference_condition(q)
    if reference is not None:
        arms.append(complaints.filter(reference))
    return [arm.order_by() for arm in arms]


def _reference_condition(q: str) -> Q | None:
    """`K-2026-00012` exactly, a prefix such as `K-2026-000`, `2026-12`, or just the number `00012`."""
    text = q.upper()
    if FULL_REFERENCE.fullmatch(text):
        return Q(reference=text)
    if _REFERENCE_PREFIX.fullmatch(text):
        return Q(reference__startswith=text)
    if match := _YEAR_AND_NUMBER.fullmatch(text):
        return Q(reference_year=int(match[1]), reference_number=int(match[2]))
    if _NUMBER.fullmatch(text):
        return Q(reference_number=int(text))
    return None


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


def by_reference(complaints: QuerySet[Complaint], reference: str) -> Complaint | None:
    """The complaint of `complaints` with this reference (as written: K-2026-00012), or None.

    The reference comes from a URL, which can carry anything; text that is no
    reference is not looked up at all (PostgreSQL refuses a NUL character in a
    query: it was a server error).
    """
    if not FULL_REFERENCE.fullmatch(reference):
        return None
    return complaints.filter(reference=reference).first()


def complaint_file(user: User, reference: str) -> Complaint:
    """One complaint with what its file page shows; DoesNotExist when not visible."""
    complaint = by_reference(
        visible_complaints(user)
        .select_related("complainant", "representative", "handler", "signatory")
        .prefetch_related("departments", "employees_involved", "parts__norms", "attachments"),
        reference,
    )
    if complaint is None:
        raise Complaint.DoesNotExist
    return complaint


def active_handlers() -> QuerySet[User]:
    """Who may be made a complaint's handler: active employees with the handler or coordinator role.

    The lifecycle checks the same when assigning (:func:`gehoord.cases.lifecycle.assign_handler`).
    """
    from gehoord.accounts.models import User

    return (
        User.objects.filter(is_active=True, groups__name__in=[Role.HANDLER, Role.COORDINATOR])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
