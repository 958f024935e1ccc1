"""The coordinator's inbox: what can be filtered and sorted, and the form that reads it from the URL.

:class:`InboxFilter` is the (GET) filter bar; :meth:`InboxFilter.filters` turns
what it read into an :class:`InboxFilters`, the value
:func:`gehoord.cases.selectors.inbox` takes. A value the form does not accept
(a hand-edited URL, a department that was removed) is shown as an error next
to its field and otherwise ignored: the inbox still opens, with that filter
left out.

Every field is optional. Without a status the inbox shows the complaints still in progress
(:data:`gehoord.cases.lifecycle.ACTIVE_STATUSES`: open, or handled but not yet closed); "all" shows every status.
Sort orders are a whitelist (:data:`SORTS`): nothing from the URL reaches
``order_by`` unchecked. The column headers sort through the same keys
(:func:`sort_headers`), and the saved views above the table
(:data:`SAVED_VIEWS`) are named combinations of these filters.

A row shows its *next term* (:func:`next_term`): of the terms that still run
(first personal contact, the Awb 9:8 lid 3 notice, the decision), the one that
ends first. Which term runs is the selectors' query form of the lifecycle's
rules (:func:`gehoord.cases.selectors.with_next_term`); this module only picks
the earliest and words it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django import forms
from django.db.models import Exists, F, OrderBy, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases.constants import Channel, Route, Status
from gehoord.cases.lifecycle import ACTIVE_STATUSES
from gehoord.cases.models import Complaint
from gehoord.clock import terms
from gehoord.clock.terms import DUE_SOON_DAYS
from gehoord.organisation.models import Department

if TYPE_CHECKING:
    from collections.abc import Mapping

# Pseudo-statuses of the status filter.
OPEN = "open"
ALL = "all"

# Handler filter values besides a user's id.
UNASSIGNED = "unassigned"
MINE = "mine"

# Term filters. "Soon" is the clock's one window (clock.terms.DUE_SOON_DAYS),
# the same as the marks in the rows, the digest and the dashboard.
OVERDUE = "overdue"
DUE_SOON = "due_soon"
# Awb 9:8 lid 3: the notice that a complaint is not handled, while it is still in intake.
NOTICE_DUE_SOON = "notice_due_soon"
NOTICE_OVERDUE = "notice_overdue"
FIRST_CONTACT_OVERDUE = "first_contact_overdue"
# The 9:8 notice term runs and ends within the window or already ended: soon or overdue together.
NOTICE_DUE = "notice_due"
# No personal contact recorded yet while its term runs (on time or not).
FIRST_CONTACT_PENDING = "first_contact_pending"
DUE_VALUES = (
    OVERDUE,
    DUE_SOON,
    NOTICE_DUE_SOON,
    NOTICE_OVERDUE,
    FIRST_CONTACT_OVERDUE,
    NOTICE_DUE,
    FIRST_CONTACT_PENDING,
)

# The "nieuwe informatie" filter: the complainant added to the file (status link, reply e-mail, later
# upload) and it was not opened since by whoever clears the marker (Complaint.new_information_at).
NEW_INFORMATION = "new_information"
INFO_CHOICES = [("", _("Alle klachten")), (NEW_INFORMATION, _("Alleen met nieuwe informatie"))]

PAGE_SIZE = 50

# The sort orders, each with a tiebreaker so that pages never overlap. Names
# starting with "-" are the same column the other way round. `next_term_due`
# and `status_rank` are annotations of selectors.inbox; a complaint without a
# running term (or handler) comes last in either direction.
NEWEST = "newest"
SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    NEWEST: ("-received_at", "-pk"),
    "oldest": ("received_at", "pk"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "next_term": (F("next_term_due").asc(nulls_last=True), "received_at", "pk"),
    "-next_term": (F("next_term_due").desc(nulls_last=True), "-received_at", "-pk"),
    "decision_due": ("decision_due", "received_at", "pk"),
    "handler": (
        F("handler__last_name").asc(nulls_last=True),
        F("handler__first_name").asc(nulls_last=True),
        "-received_at",
        "-pk",
    ),
    "-handler": (
        F("handler__last_name").desc(nulls_last=True),
        F("handler__first_name").desc(nulls_last=True),
        "-received_at",
        "-pk",
    ),
    "status": ("status_rank", "-received_at", "-pk"),
    "-status": ("-status_rank", "-received_at", "-pk"),
}
SORT_CHOICES = [
    (NEWEST, _("Ontvangen, nieuwste eerst")),
    ("oldest", _("Ontvangen, oudste eerst")),
    ("reference", _("Kenmerk")),
    ("-reference", _("Kenmerk, aflopend")),
    ("next_term", _("Volgende termijn, eerst verlopend")),
    ("-next_term", _("Volgende termijn, laatst verlopend eerst")),
    ("decision_due", _("Beslistermijn, eerst verlopend")),
    ("handler", _("Behandelaar (A-Z)")),
    ("-handler", _("Behandelaar (Z-A)")),
    ("status", _("Status, in volgorde van behandeling")),
    ("-status", _("Status, omgekeerd")),
]


@dataclass(frozen=True)
class SortColumn:
    """A sortable column header: the sort keys of each direction and which one a first click picks."""

    ascending: str
    descending: str
    first: str


SORT_COLUMNS_BY_NAME: dict[str, SortColumn] = {
    "received": SortColumn("oldest", NEWEST, first=NEWEST),
    "reference": SortColumn("reference", "-reference", first="reference"),
    "next_term": SortColumn("next_term", "-next_term", first="next_term"),
    "handler": SortColumn("handler", "-handler", first="handler"),
    "status": SortColumn("status", "-status", first="status"),
}
# The column each sort order sorts on, for aria-sort on the table header.
SORT_COLUMNS = {
    key: (name, direction)
    for name, column in SORT_COLUMNS_BY_NAME.items()
    for key, direction in ((column.ascending, "ascending"), (column.descending, "descending"))
}


@dataclass(frozen=True)
class SortHeader:
    """One column header: the sort its link sets, and aria-sort when the table is sorted on it."""

    sort: str
    aria_sort: str | None


def sort_headers(filters: InboxFilters) -> dict[str, SortHeader]:
    """Per sortable column: the link (the other direction when sorted on it already) and aria-sort."""
    current = SORT_COLUMNS.get(filters.sort)
    headers = {}
    for name, column in SORT_COLUMNS_BY_NAME.items():
        if current and current[0] == name:
            ascending = current[1] == "ascending"
            headers[name] = SortHeader(column.descending if ascending else column.ascending, current[1])
        else:
            headers[name] = SortHeader(column.first, None)
    return headers


@dataclass(frozen=True)
class InboxFilters:
    """What the inbox is narrowed to. The defaults are the inbox as it first opens."""

    q: str = ""
    # None: every status.
    statuses: frozenset[str] | None = frozenset(ACTIVE_STATUSES)
    route: str = ""
    department_id: int | None = None
    channel: str = ""
    # "", UNASSIGNED, MINE or a user's id.
    handler: str = ""
    due: str = ""
    # "" or NEW_INFORMATION.
    info: str = ""
    sort: str = NEWEST

    @property
    def ordering(self) -> tuple[str, ...]:
        return SORTS.get(self.sort, SORTS[NEWEST])

    @property
    def sort_label(self) -> str:
        return str(dict(SORT_CHOICES).get(self.sort, dict(SORT_CHOICES)[NEWEST]))

    @property
    def is_default(self) -> bool:
        """Whether this is the inbox as it first opens (in whatever order)."""
        return self == InboxFilters(sort=self.sort)


ALL_STATUSES = InboxFilters(statuses=None)


class StatusSelect(forms.Select):
    """A status select that reads one or more values (``?status=formal&status=hearing``).

    It is a plain drop-down; only when the URL picked more than one status is
    it shown as a list box, so that what is selected is visible.
    """

    allow_multiple_selected = True

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        selected = [v for v in (value or []) if v not in ("", None)]
        if len(selected) <= 1:
            context["widget"]["attrs"].pop("multiple", None)
        return context


SELECT = "utrecht-select utrecht-select--html-select"


def _select(**kwargs) -> forms.Select:
    return forms.Select(attrs={"class": SELECT}, **kwargs)


class InboxFilter(forms.Form):
    """The inbox's filter bar. Bind it to ``request.GET``; every field is optional."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=200,
        help_text=_("Een kenmerk (K-2026-00012 of 00012), een naam of een woord uit de klacht."),
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "type": "search"}
        ),
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        choices=[(OPEN, _("Alle lopende")), (ALL, _("Alle statussen")), *Status.choices],
        widget=StatusSelect(attrs={"class": SELECT}),
    )
    route = forms.ChoiceField(
        label=_("Route"), required=False, choices=[("", _("Alle routes")), *Route.choices], widget=_select()
    )
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        required=False,
        queryset=Department.objects.order_by("name"),
        empty_label=_("Alle afdelingen"),
        widget=_select(),
    )
    channel = forms.ChoiceField(
        label=_("Kanaal"),
        required=False,
        choices=[("", _("Alle kanalen")), *Channel.choices],
        widget=_select(),
    )
    handler = forms.ChoiceField(label=_("Behandelaar"), required=False, widget=_select())
    # Choices are set per request (see _due_choices): one label counts the window's days.
    due = forms.ChoiceField(label=_("Termijn"), required=False, widget=_select())
    info = forms.ChoiceField(
        label=_("Nieuwe informatie"), required=False, choices=INFO_CHOICES, widget=_select()
    )
    sort = forms.ChoiceField(label=_("Sorteren"), required=False, choices=SORT_CHOICES, widget=_select())

    def __init__(self, data: Mapping | None = None, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        self.fields["handler"].choices = [
            ("", _("Alle behandelaars")),
            (UNASSIGNED, _("Nog niet toegewezen")),
            (MINE, _("Aan mij toegewezen")),
            *((str(user.pk), str(user)) for user in _handler_choices()),
        ]
        self.fields["due"].choices = _due_choices()
        self.fields["q"].widget.attrs["aria-describedby"] = f"{self['q'].auto_id}_help"

    def _post_clean(self) -> None:
        super()._post_clean()
        # Tie each error to its field for screen readers.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = [attrs.get("aria-describedby", ""), f"{self[name].auto_id}_error"]
                attrs["aria-describedby"] = " ".join(part for part in described if part)

    def filters(self) -> InboxFilters:
        """The valid part of what was submitted; a field with an error falls back to its default."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        chosen = set(data.get("status") or ())
        if not chosen:
            statuses: frozenset[str] | None = frozenset(ACTIVE_STATUSES)
        elif ALL in chosen:
            statuses = None
        else:
            statuses = frozenset(chosen - {OPEN})
            if OPEN in chosen:
                statuses |= ACTIVE_STATUSES
        department = data.get("department")
        return InboxFilters(
            q=data.get("q") or "",
            statuses=statuses,
            route=data.get("route") or "",
            department_id=department.pk if department else None,
            channel=data.get("channel") or "",
            handler=data.get("handler") or "",
            due=data.get("due") or "",
            info=data.get("info") or "",
            sort=data.get("sort") or NEWEST,
        )


def _due_choices() -> list[tuple[str, str]]:
    return [
        ("", _("Alle termijnen")),
        (OVERDUE, _("Beslistermijn verstreken")),
        (
            DUE_SOON,
            ngettext("Beslissing binnen %(days)s dag", "Beslissing binnen %(days)s dagen", DUE_SOON_DAYS)
            % {"days": DUE_SOON_DAYS},
        ),
        (NOTICE_DUE_SOON, _("9:8-bericht binnenkort")),
        (NOTICE_OVERDUE, _("9:8-bericht te laat")),
        (FIRST_CONTACT_OVERDUE, _("Persoonlijk contact te laat")),
        (NOTICE_DUE, _("9:8-bericht binnenkort of te laat")),
        (FIRST_CONTACT_PENDING, _("Wacht op persoonlijk contact")),
    ]


def _handler_choices() -> QuerySet[User]:
    """Active handlers and coordinators, and anyone who still handles a complaint."""
    has_role = Exists(
        User.groups.through.objects.filter(
            user_id=OuterRef("pk"), group__name__in=[Role.HANDLER.value, Role.COORDINATOR.value]
        )
    )
    handles = Exists(Complaint.objects.filter(handler_id=OuterRef("pk")))
    return User.objects.filter((Q(is_active=True) & has_role) | handles)


@dataclass(frozen=True)
class StatusFacet:
    """One link of the status counts above the inbox."""

    value: str
    label: str
    count: int
    active: bool


def status_facets(counts: Mapping[str, int], filters: InboxFilters) -> list[StatusFacet]:
    """The counts per status as links: open, all, then each status in lifecycle order."""
    statuses = filters.statuses
    facets = [
        StatusFacet(
            OPEN,
            str(_("Openstaand")),
            sum(counts.get(s, 0) for s in ACTIVE_STATUSES),
            statuses == frozenset(ACTIVE_STATUSES),
        ),
        StatusFacet(ALL, str(_("Alle")), sum(counts.values()), statuses is None),
    ]
    facets += [
        StatusFacet(value, str(label), counts.get(value, 0), statuses == frozenset({value}))
        for value, label in Status.choices
    ]
    return facets


# --- saved views ----------------------------------------------------------------------


@dataclass(frozen=True)
class SavedView:
    """A named filter combination above the table: a link with its count."""

    key: str
    label: str
    # The query parameters of its link, each a field of InboxFilters.
    params: tuple[tuple[str, str], ...]

    @property
    def filters(self) -> InboxFilters:
        return InboxFilters(**dict(self.params))


SAVED_VIEWS: tuple[SavedView, ...] = (
    # The inbox as it first opens: every complaint still in progress.
    SavedView("all", _("Alle lopende"), ()),
    SavedView("mine", _("Mijn klachten"), (("handler", MINE),)),
    SavedView("unassigned", _("Niet toegewezen"), (("handler", UNASSIGNED),)),
    SavedView("new_information", _("Nieuwe informatie"), (("info", NEW_INFORMATION),)),
    SavedView("overdue", _("Beslistermijn verstreken"), (("due", OVERDUE),)),
    SavedView("notice_due", _("9:8-bericht nodig"), (("due", NOTICE_DUE),)),
    SavedView("first_contact", _("Wacht op eerste contact"), (("due", FIRST_CONTACT_PENDING),)),
)


@dataclass(frozen=True)
class ViewTab:
    """A saved view as shown: its link (keeping the sort), its count, and whether it is the current one."""

    key: str
    label: str
    query: str
    count: int
    active: bool


def view_tabs(counts: Mapping[str, int], filters: InboxFilters) -> list[ViewTab]:
    """The tabs above the table, each with its count; a tab's link keeps the current sort."""
    sort = () if filters.sort == NEWEST else (("sort", filters.sort),)
    return [
        ViewTab(
            view.key,
            str(view.label),
            f"?{urlencode(view.params + sort)}" if view.params + sort else "",
            counts.get(view.key, 0),
            filters == replace(view.filters, sort=filters.sort),
        )
        for view in SAVED_VIEWS
    ]


# --- a row ----------------------------------------------------------------------------

SNIPPET_LENGTH = 160


@dataclass(frozen=True)
class NextTerm:
    """The term of a row that ends first among those still running."""

    kind: str
    label: str
    due: dt.date
    overdue: bool
    due_soon: bool
    # How many other running terms have already ended too.
    also_overdue: int


# The three terms a row can show, in the order they normally end; each the name of the
# annotation selectors.with_next_term sets (None when that term does not run).
TERM_KINDS = (
    ("first_contact", "first_contact_term_due", _("Eerste contact")),
    ("notice", "notice_term_due", _("9:8-bericht")),
    ("decision", "decision_term_due", _("Beslissing")),
)


def next_term(complaint: Complaint, today: dt.date) -> NextTerm | None:
    """The running term of `complaint` that ends first (on a tie, the one that normally ends first)."""
    running = [
        (due, index, kind, label)
        for index, (kind, attribute, label) in enumerate(TERM_KINDS)
        if (due := getattr(complaint, attribute, None)) is not None
    ]
    if not running:
        return None
    due, _index, kind, label = min(running)
    overdue = terms.is_overdue(due, today)
    return NextTerm(
        kind=kind,
        label=str(label),
        due=due,
        overdue=overdue,
        due_soon=terms.is_due_soon(due, today),
        also_overdue=sum(terms.is_overdue(other, today) for other, *_rest in running) - overdue,
    )


def snippet(title: str, text: str, length: int = SNIPPET_LENGTH) -> str:
    """The start of the complaint's text on one line, after the first line when that is the subject.

    The subject is made from the text's first line (:func:`gehoord.core.text.short_title`), so
    repeating that line says nothing new; a subject staff reworded is followed by the text from
    its start.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lead = " ".join(title.rstrip("…").split())
    if lines and lead and " ".join(lines[0].split()).startswith(lead):
        lines = lines[1:]
    text = " ".join(" ".join(lines).split())
    if len(text) <= length:
        return text
    return text[: length - 1].rstrip() + "…"


def shape_rows(complaints: list[Complaint], today: dt.date) -> list[Complaint]:
    """Give each complaint of a page what its row shows: `next_term` and `snippet`."""
    for complaint in complaints:
        complaint.next_term = next_term(complaint, today)
        complaint.snippet = snippet(complaint.title, getattr(complaint, "description_start", ""))
    return complaints


# --- acting on the selection --------------------------------------------------------------

BULK_ASSIGN = "assign"
BULK_STEP = "step"


class BulkActionForm(forms.Form):
    """The bar above the table: assign a handler to, or take a step for, the selected complaints.

    The selected complaints themselves are the rows' check boxes (``complaint``),
    read by the view; the lifecycle judges each of them (:mod:`gehoord.cases.bulk`).
    """

    handler = forms.ModelChoiceField(
        label=_("Behandelaar"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Kies een behandelaar"),
        widget=_select(),
    )
    step = forms.ChoiceField(label=_("Stap"), required=False, widget=_select())
    action = forms.ChoiceField(choices=[(BULK_ASSIGN, BULK_ASSIGN), (BULK_STEP, BULK_STEP)])

    def __init__(self, *args, steps=(), **kwargs) -> None:
        from gehoord.cases.forms import AssignHandlerForm

        kwargs.setdefault("prefix", "bulk")
        super().__init__(*args, **kwargs)
        # Who may be assigned is the file page's rule (the form of the "assign" action).
        self.fields["handler"].queryset = (
            AssignHandlerForm().fields["handler"].queryset.order_by("last_name", "first_name")
        )
        self.fields["step"].choices = [("", _("Kies een stap")), *((t.name, t.label) for t in steps)]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("action") == BULK_ASSIGN and not data.get("handler"):
            self.add_error("handler", _("Kies aan wie de klachten worden toegewezen."))
        if data.get("action") == BULK_STEP and not data.get("step"):
            self.add_error("step", _("Kies welke stap wordt gezet."))
        return data
