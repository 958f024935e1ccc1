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
``order_by`` unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases.constants import Channel, Route, Status
from gehoord.cases.lifecycle import ACTIVE_STATUSES
from gehoord.cases.models import Complaint
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
DUE_VALUES = (OVERDUE, DUE_SOON, NOTICE_DUE_SOON, NOTICE_OVERDUE, FIRST_CONTACT_OVERDUE)

# The "nieuwe informatie" filter: the complainant added to the file (status link, reply e-mail, later
# upload) and it was not opened since by whoever clears the marker (Complaint.new_information_at).
NEW_INFORMATION = "new_information"
INFO_CHOICES = [("", _("Alle klachten")), (NEW_INFORMATION, _("Alleen met nieuwe informatie"))]

PAGE_SIZE = 50

# The sort orders, each with a tiebreaker so that pages never overlap.
NEWEST = "newest"
SORTS: dict[str, tuple[str, ...]] = {
    NEWEST: ("-received_at", "-pk"),
    "oldest": ("received_at", "pk"),
    "decision_due": ("decision_due", "received_at", "pk"),
    "reference": ("reference",),
}
SORT_CHOICES = [
    (NEWEST, _("Ontvangen, nieuwste eerst")),
    ("oldest", _("Ontvangen, oudste eerst")),
    ("decision_due", _("Beslistermijn, eerst verlopend")),
    ("reference", _("Kenmerk")),
]
# The column each sort order sorts on, for aria-sort on the table header.
SORT_COLUMNS = {
    NEWEST: ("received", "descending"),
    "oldest": ("received", "ascending"),
    "decision_due": ("decision_due", "ascending"),
    "reference": ("reference", "ascending"),
}


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
