"""Tests of the coordinator's inbox: gehoord.cases.inbox, selectors.inbox and the list view.

Everything but the Dutch-stemming and index tests runs on both SQLite and
PostgreSQL; search has a different implementation on each (full-text search on
PostgreSQL, a fallback elsewhere) and must find the same complaints.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases import inbox, lifecycle, selectors, services
from gehoord.cases.constants import Channel, Status
from gehoord.cases.inbox import ALL_STATUSES, PAGE_SIZE, InboxFilter, InboxFilters
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import bring_to
from gehoord.clock.terms import DUE_SOON_DAYS
from gehoord.core.testing.browser import watch

pytestmark = pytest.mark.django_db

URL = reverse("cases:list")


# --- helpers ----------------------------------------------------------------------------


def text(response) -> str:
    return html.unescape(response.content.decode())


def listed(response) -> list[str]:
    """The references on the page, in order."""
    return [complaint.reference for complaint in response.context["page"].object_list]


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def complaint(*, days_ago: int = 1, **kwargs) -> Complaint:
    return factories.make_complaint(received_at=timezone.now() - dt.timedelta(days=days_ago), **kwargs)


def set_terms(
    c: Complaint,
    *,
    decision_in: int | None = None,
    notice_in: int | None = None,
    first_contact_in: int | None = None,
) -> None:
    """Put the complaint's stored terms `n` days from today (negative: in the past)."""
    today = timezone.localdate()
    changes = {}
    if decision_in is not None:
        changes["decision_due"] = today + dt.timedelta(days=decision_in)
    if notice_in is not None:
        changes["not_handled_notice_due"] = today + dt.timedelta(days=notice_in)
    if first_contact_in is not None:
        changes["first_contact_due"] = today + dt.timedelta(days=first_contact_in)
    Complaint.objects.filter(pk=c.pk).update(**changes)


def withdraw(c: Complaint, actor) -> Complaint:
    return lifecycle.perform(c, "withdraw", actor=actor, reason="Klager trekt in.")


def next_link(response) -> str:
    match = re.search(r'rel="next" href="([^"]+)"', response.content.decode())
    assert match, "no link to the next page"
    return html.unescape(match[1])


# --- status ---------------------------------------------------------------------------------


def test_open_complaints_by_default_and_every_status_on_request(client, coordinator):
    received = complaint()
    triage = bring_to(Status.TRIAGE, actor=coordinator)
    withdrawn = withdraw(complaint(), coordinator)
    login_staff(client, coordinator)

    assert set(listed(get(client))) == {received.reference, triage.reference}
    assert set(listed(get(client, status="open"))) == {received.reference, triage.reference}
    assert set(listed(get(client, status="all"))) == {
        received.reference,
        triage.reference,
        withdrawn.reference,
    }
    assert listed(get(client, status="withdrawn")) == [withdrawn.reference]
    assert set(listed(get(client, status=["triage", "withdrawn"]))) == {
        triage.reference,
        withdrawn.reference,
    }
    assert set(listed(get(client, status=["open", "withdrawn"]))) == {
        received.reference,
        triage.reference,
        withdrawn.reference,
    }


def test_an_invalid_filter_value_is_shown_and_ignored(client, coordinator):
    received = complaint()
    login_staff(client, coordinator)
    response = get(client, status="onzin", channel="duif", department="x", sort="-pk; drop")
    assert listed(response) == [received.reference]
    body = text(response)
    assert "Selecteer een geldige keuze" in body
    assert 'aria-invalid="true"' in body


# --- the other filters --------------------------------------------------------------------


def test_filter_by_route(client, coordinator):
    informal = bring_to(Status.INFORMAL, actor=coordinator, route="informal")
    formal = bring_to(Status.FORMAL, actor=coordinator)
    login_staff(client, coordinator)
    assert listed(get(client, route="formal")) == [formal.reference]
    assert listed(get(client, route="informal")) == [informal.reference]


def test_filter_by_department(client, coordinator):
    burgerzaken = factories.DepartmentFactory(name="Burgerzaken")
    belastingen = factories.DepartmentFactory(name="Belastingen")
    both = complaint(departments=[burgerzaken, belastingen])
    only_taxes = complaint(departments=[belastingen])
    complaint()
    login_staff(client, coordinator)
    assert listed(get(client, department=burgerzaken.pk)) == [both.reference]
    assert set(listed(get(client, department=belastingen.pk))) == {both.reference, only_taxes.reference}


def test_filter_by_channel(client, coordinator):
    phone = complaint(channel=Channel.PHONE)
    complaint(channel=Channel.WEB)
    login_staff(client, coordinator)
    assert listed(get(client, channel="phone")) == [phone.reference]


def test_filter_by_handler_unassigned_and_mine(client, coordinator, handler):
    for_handler = lifecycle.assign_handler(complaint(), handler, actor=coordinator)
    for_coordinator = lifecycle.assign_handler(complaint(), coordinator, actor=coordinator)
    unassigned = complaint()
    login_staff(client, coordinator)
    assert listed(get(client, handler=handler.pk)) == [for_handler.reference]
    assert listed(get(client, handler="unassigned")) == [unassigned.reference]
    assert listed(get(client, handler="mine")) == [for_coordinator.reference]


# Every term the inbox knows, as a table. A row is one complaint: its status, its stored terms in
# days from today (negative: in the past), whether it is anonymous or had its first contact, and
# the term filters that list it. "Soon" is clock.terms.DUE_SOON_DAYS (5): today up to 5 days on.
# The 9:8 notice (Awb 9:8 lid 3) is a term only while the complaint is still in intake
# (received, triage) and has somebody to tell.
@dataclass(frozen=True)
class TermCase:
    name: str
    status: Status
    decision_in: int
    notice_in: int
    first_contact_in: int = 30
    contacted: bool = False
    anonymous: bool = False
    listed_under: frozenset[str] = frozenset()


def under(*filters: str) -> frozenset[str]:
    return frozenset(filters)


# Open and no personal contact recorded yet: "waiting for first contact".
P = inbox.FIRST_CONTACT_PENDING

TERM_CASES = [
    TermCase("decision past", Status.FORMAL, -1, -15, listed_under=under(inbox.OVERDUE, P)),
    TermCase("decision today", Status.FORMAL, 0, -14, listed_under=under(inbox.DUE_SOON, P)),
    TermCase("decision in 5 days", Status.FORMAL, 5, -9, listed_under=under(inbox.DUE_SOON, P)),
    TermCase("decision in 6 days", Status.FORMAL, 6, -8, listed_under=under(P)),
    TermCase(
        "decision past, in intake",
        Status.TRIAGE,
        -1,
        -15,
        listed_under=under(inbox.OVERDUE, inbox.NOTICE_OVERDUE, inbox.NOTICE_DUE, P),
    ),
    TermCase(
        "9:8 notice past, in triage",
        Status.TRIAGE,
        13,
        -1,
        listed_under=under(inbox.NOTICE_OVERDUE, inbox.NOTICE_DUE, P),
    ),
    TermCase(
        "9:8 notice today, received",
        Status.RECEIVED,
        14,
        0,
        listed_under=under(inbox.NOTICE_DUE_SOON, inbox.NOTICE_DUE, P),
    ),
    TermCase(
        "9:8 notice in 5 days",
        Status.TRIAGE,
        19,
        5,
        listed_under=under(inbox.NOTICE_DUE_SOON, inbox.NOTICE_DUE, P),
    ),
    TermCase("9:8 notice in 6 days", Status.TRIAGE, 20, 6, listed_under=under(P)),
    TermCase("9:8 notice past, handled informally", Status.INFORMAL, 13, -1, listed_under=under(P)),
    TermCase("9:8 notice past, anonymous", Status.TRIAGE, 13, -1, anonymous=True, listed_under=under(P)),
    TermCase(
        "no first contact, target past",
        Status.RECEIVED,
        30,
        20,
        first_contact_in=-1,
        listed_under=under(inbox.FIRST_CONTACT_OVERDUE, P),
    ),
    TermCase("first contact made late", Status.RECEIVED, 30, 20, first_contact_in=-1, contacted=True),
    TermCase("withdrawn, every term past", Status.WITHDRAWN, -10, -10, first_contact_in=-10),
]


def complaint_in(case: TermCase, coordinator) -> Complaint:
    c = complaint(anonymous=case.anonymous)
    steps = {
        Status.RECEIVED: [],
        Status.TRIAGE: ["start_triage"],
        Status.INFORMAL: ["start_triage", "start_informal"],
        Status.FORMAL: ["start_triage", "start_formal"],
    }
    if case.status == Status.WITHDRAWN:
        c = withdraw(c, coordinator)
    for step in steps.get(case.status, []):
        c = lifecycle.perform(c, step, actor=coordinator)
    assert c.status == case.status
    set_terms(
        c, decision_in=case.decision_in, notice_in=case.notice_in, first_contact_in=case.first_contact_in
    )
    if case.contacted:
        Complaint.objects.filter(pk=c.pk).update(first_contact_at=timezone.now())
    return c


@pytest.fixture
def term_cases(coordinator) -> dict[str, TermCase]:
    """Every row of TERM_CASES as a complaint: {reference: case}."""
    return {complaint_in(case, coordinator).reference: case for case in TERM_CASES}


@pytest.mark.parametrize("due", inbox.DUE_VALUES)
def test_filter_by_term(client, coordinator, term_cases, due):
    login_staff(client, coordinator)
    expected = {reference for reference, case in term_cases.items() if due in case.listed_under}
    assert expected, f"no row of TERM_CASES is listed under {due}"
    found = set(listed(get(client, due=due, status="all")))
    assert {term_cases[r].name for r in found} == {term_cases[r].name for r in expected}


def test_every_term_filter_is_offered_with_the_clocks_window(client, coordinator):
    login_staff(client, coordinator)
    choices = dict(get(client).context["form"].fields["due"].choices)
    assert [str(choices[value]) for value in inbox.DUE_VALUES] == [
        "Beslistermijn verstreken",
        f"Beslissing binnen {DUE_SOON_DAYS} dagen",
        "9:8-bericht binnenkort",
        "9:8-bericht te laat",
        "Persoonlijk contact te laat",
        "9:8-bericht binnenkort of te laat",
        "Wacht op persoonlijk contact",
    ]
    # A value that is no filter (an old bookmark) is shown as an error and left out.
    response = get(client, due="this_week")
    assert response.context["form"].errors["due"]
    assert response.context["filters"].due == ""


def test_the_marks_of_each_row(client, coordinator, term_cases):
    login_staff(client, coordinator)
    rows = {c.reference: c for c in get(client, status="all").context["page"].object_list}
    for reference, case in term_cases.items():
        row = rows[reference]
        marks = {
            inbox.OVERDUE: row.is_overdue,
            inbox.DUE_SOON: row.is_due_soon,
            inbox.NOTICE_OVERDUE: row.notice_overdue,
            inbox.NOTICE_DUE_SOON: row.notice_due_soon,
            inbox.FIRST_CONTACT_OVERDUE: row.first_contact_late,
        }
        assert {mark for mark, on in marks.items() if on} == case.listed_under & set(marks), case.name


def test_the_9_8_notice_term_comes_from_the_clock_at_registration(client, coordinator):
    # Received 35 days ago: 4 weeks ended a week ago (Atw art. 1 moves an end by 4 days at most,
    # over Easter), so the notice is late, whatever weekday today is; the 6 weeks end a week on or later.
    c = complaint(days_ago=35)
    lifecycle.perform(c, "start_triage", actor=coordinator)
    c.refresh_from_db()
    assert c.not_handled_notice_due < timezone.localdate() < c.decision_due
    login_staff(client, coordinator)
    assert listed(get(client, due=inbox.NOTICE_OVERDUE)) == [c.reference]
    assert listed(get(client, due=inbox.DUE_SOON)) == []


def test_each_row_shows_its_next_running_term_in_words(client, coordinator):
    today = timezone.localdate()
    overdue = complaint(days_ago=3)
    set_terms(overdue, decision_in=-2, first_contact_in=1)
    soon = complaint(days_ago=2)
    set_terms(soon, decision_in=5, notice_in=8, first_contact_in=9)
    contact_late = complaint(days_ago=1)
    set_terms(contact_late, decision_in=6, first_contact_in=-1)
    notice_late = complaint(days_ago=1)
    set_terms(notice_late, decision_in=20, notice_in=-1, first_contact_in=-3)
    notice_soon = complaint(days_ago=1)
    set_terms(notice_soon, decision_in=20, notice_in=2, first_contact_in=3)
    Complaint.objects.filter(pk=notice_soon.pk).update(first_contact_at=timezone.now())
    later = complaint(days_ago=1)
    set_terms(later, decision_in=20, notice_in=10, first_contact_in=7)
    done = withdraw(complaint(days_ago=1), coordinator)
    login_staff(client, coordinator)

    def day(n: int) -> str:
        """A row's date: "7 dec" in this year, "7 dec 2027" in another."""
        from django.utils.dateformat import format as date_format

        date = today + dt.timedelta(days=n)
        return date_format(date, "j b" if date.year == today.year else "j b Y")

    response = get(client, sort="oldest", status="all")
    rows = row_texts(response)
    # The term that ends first of those still running, with its date and, when it is near or past, a word.
    assert f"Beslissing {day(-2)} te laat" in rows[overdue.reference]
    assert f"Beslissing {day(5)} binnenkort" in rows[soon.reference]
    assert f"Eerste contact {day(-1)} te laat" in rows[contact_late.reference]
    # Two terms past: the first is shown, and that another one is late too.
    assert f"Eerste contact {day(-3)} te laat +1 en nog 1 termijn te laat" in rows[notice_late.reference]
    # Personal contact made: that term no longer runs.
    assert f"9:8-bericht {day(2)} binnenkort" in rows[notice_soon.reference]
    assert f"Eerste contact {day(7)}" in rows[later.reference]
    assert "te laat" not in rows[later.reference] and "binnenkort" not in rows[later.reference]
    assert "geen lopende termijn" in rows[done.reference]
    assert "gh-row--overdue" in row_html(response)[notice_late.reference]
    assert "gh-row--overdue" not in row_html(response)[later.reference]


def row_html(response) -> dict[str, str]:
    """Each table row's HTML, by the reference in it."""
    rows = re.findall(r'<tr class="utrecht-table__row[^"]*">.*?</tr>', text(response), re.S)[1:]
    return {re.search(r"K-\d{4}-\d{5}", row)[0]: row for row in rows}


def row_texts(response) -> dict[str, str]:
    """Each table row's text, by reference."""
    return {
        reference: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))
        for reference, row in row_html(response).items()
    }


def test_an_anonymous_complaint_is_listed_as_anonymous(client, coordinator):
    anonymous = complaint(
        anonymous=True, complainant=factories.ComplainantFactory.build(first_name="", last_name="")
    )
    login_staff(client, coordinator)
    assert "Anoniem" in row_texts(get(client))[anonymous.reference]


# --- sorting --------------------------------------------------------------------------------


def test_sort_orders(client, coordinator):
    a = complaint(days_ago=1)  # reference ...01
    b = complaint(days_ago=3)  # reference ...02
    c = complaint(days_ago=2)  # reference ...03
    set_terms(a, decision_in=10)
    set_terms(b, decision_in=3)
    set_terms(c, decision_in=20)
    login_staff(client, coordinator)
    # The first contact is due before the decision for each; recorded for `a`, so its next term is the decision.
    set_terms(b, first_contact_in=1)
    set_terms(c, first_contact_in=2)
    Complaint.objects.filter(pk=a.pk).update(first_contact_at=timezone.now())
    lifecycle.assign_handler(b, factories.handler(last_name="Zwart"), actor=coordinator)
    lifecycle.assign_handler(c, factories.handler(last_name="Aalders"), actor=coordinator)
    lifecycle.perform(c, "start_triage", actor=coordinator)
    login_staff(client, coordinator)
    orders = {
        "": [a, c, b],
        "newest": [a, c, b],
        "oldest": [b, c, a],
        "decision_due": [b, a, c],
        "reference": [a, b, c],
        "-reference": [c, b, a],
        "next_term": [b, c, a],
        "-next_term": [a, c, b],
        # Without a handler: last, either way round.
        "handler": [c, b, a],
        "-handler": [b, c, a],
        # In the lifecycle's order: received (newest first) before triage.
        "status": [a, b, c],
        "-status": [c, a, b],
    }
    for sort, expected in orders.items():
        assert listed(get(client, sort=sort)) == [x.reference for x in expected], sort
    assert {key for key, _label in inbox.SORT_CHOICES} == set(inbox.SORTS)


def header(body: str, label: str) -> str:
    """The opening tag of the column header whose link reads `label`, and the link."""
    match = re.search(rf'<th[^>]*scope="col"[^>]*><a [^>]*href="([^"]*)"[^>]*>{label}', body)
    assert match, label
    return match[0]


@pytest.mark.parametrize(
    ("sort", "column", "aria", "link"),
    [
        ("", "Ontvangen", "descending", "sort=oldest"),
        ("oldest", "Ontvangen", "ascending", "sort=newest"),
        ("reference", "Kenmerk", "ascending", "sort=-reference"),
        ("-reference", "Kenmerk", "descending", "sort=reference"),
        ("next_term", "Volgende termijn", "ascending", "sort=-next_term"),
        ("handler", "Behandelaar", "ascending", "sort=-handler"),
        ("-status", "Status", "descending", "sort=status"),
    ],
)
def test_the_column_headers_sort_and_say_how(client, coordinator, sort, column, aria, link):
    complaint()
    login_staff(client, coordinator)
    body = text(get(client, sort=sort, channel="web"))
    th = header(body, column)
    assert f'aria-sort="{aria}"' in th
    assert link in th and "channel=web" in th
    # Only the column sorted on says so; the others link to their own first direction.
    assert body.count("aria-sort=") == 1
    if column != "Status":
        assert "sort=status" in header(body, "Status")


# --- search ---------------------------------------------------------------------------------


@pytest.fixture
def searchable(db):
    """Three complaints with distinct words, names and references."""
    permit = complaint(
        description="Mijn parkeervergunning is drie keer kwijtgeraakt bij het loket.",
        complainant=factories.ComplainantFactory.build(first_name="Anneke", last_name="Brinkhorst"),
    )
    rubbish = complaint(
        description="De vuilnisophaal sloeg onze straat over.",
        desired_outcome="Excuses van de wethouder",
        complainant=factories.ComplainantFactory.build(first_name="Piet", last_name="Zonneveld"),
    )
    desk = complaint(
        description="Ik werd aan de telefoon niet geholpen.",
        involved_description="de medewerker van het klantcontactcentrum",
        complainant=factories.ComplainantFactory.build(first_name="Kees", last_name="Okkerman"),
    )
    return {"permit": permit, "rubbish": rubbish, "desk": desk}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("parkeervergunning", "permit"),
        ("Parkeervergunning loket", "permit"),
        ("vuilnisophaal", "rubbish"),
        ("wethouder", "rubbish"),  # what the complainant wants
        ("klantcontactcentrum", "desk"),  # who it is about
        ("Brinkhorst", "permit"),
        ("zonneveld", "rubbish"),
        ("Kees", "desk"),
    ],
)
def test_search_finds_a_word_from_the_text_or_a_name(client, coordinator, searchable, q, expected):
    login_staff(client, coordinator)
    assert listed(get(client, q=q)) == [searchable[expected].reference]


def test_search_by_reference(client, coordinator, searchable):
    permit = searchable["permit"]
    login_staff(client, coordinator)
    number = f"{permit.reference_number:05d}"
    assert listed(get(client, q=permit.reference)) == [permit.reference]
    assert listed(get(client, q=permit.reference.lower())) == [permit.reference]
    assert listed(get(client, q=number)) == [permit.reference]
    assert listed(get(client, q=f"{permit.reference_year}-{number}")) == [permit.reference]
    # A prefix finds all complaints of the year.
    everything = {c.reference for c in searchable.values()}
    assert set(listed(get(client, q=f"K-{permit.reference_year}"))) == everything


def test_search_without_a_match_says_what_to_do(client, coordinator, searchable):
    login_staff(client, coordinator)
    response = get(client, q="hondenbelasting")
    assert listed(response) == []
    body = text(response)
    assert "0 klachten gevonden" in body
    assert "Geen klachten gevonden met deze zoekopdracht en filters." in body
    assert "wis de filters" in body


def test_search_combines_with_the_filters(client, coordinator, searchable):
    login_staff(client, coordinator)
    assert listed(get(client, q="parkeervergunning", channel="phone")) == []
    withdraw(searchable["permit"], coordinator)
    assert listed(get(client, q="parkeervergunning")) == []
    assert listed(get(client, q="parkeervergunning", status="all")) == [searchable["permit"].reference]


def test_search_counts_a_complaint_found_by_name_and_text_once(client, coordinator):
    person = factories.ComplainantFactory.build(first_name="Anneke", last_name="Brinkhorst")
    both = complaint(
        days_ago=2, description="Mevrouw Brinkhorst werd aan de balie weggestuurd.", complainant=person
    )
    text_only = complaint(days_ago=1, description="Ik klaag namens mijn buurvrouw Brinkhorst.")
    withdraw(text_only, coordinator)
    complaint(description="Iets heel anders.")
    login_staff(client, coordinator)

    counts = selectors.inbox_status_counts(coordinator, InboxFilters(q="Brinkhorst"))
    assert counts == {Status.RECEIVED: 1, Status.WITHDRAWN: 1}
    response = get(client, q="Brinkhorst")
    assert listed(response) == [both.reference]
    assert "1 klacht gevonden" in text(response)
    response = get(client, q="Brinkhorst", status="all")
    assert listed(response) == [text_only.reference, both.reference]
    assert "2 klachten gevonden" in text(response)


@pytest.mark.postgresql
def test_dutch_stemming_finds_klacht_when_searching_klachten(client, coordinator):
    found = complaint(days_ago=2, description="Mijn klacht gaat over de wachttijd aan de balie.")
    other = complaint(days_ago=1, description="De wachttijd aan de balie was te lang.")
    login_staff(client, coordinator)
    assert listed(get(client, q="klachten")) == [found.reference]
    assert listed(get(client, q="wachttijden", sort="oldest")) == [found.reference, other.reference]


@pytest.mark.postgresql
def test_search_can_use_the_gin_indexes(coordinator, searchable):
    """The search expressions are the indexed ones (migration 0006), so PostgreSQL can use the indexes."""
    queryset = selectors.inbox(coordinator, InboxFilters(q="parkeervergunning", statuses=None))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.explain()
    assert "cases_complaint_search_dutch" in plan
    assert "cases_complainant_search_names" in plan


# --- who sees what --------------------------------------------------------------------------


def test_a_handler_sees_only_their_own_complaints(client, coordinator, handler):
    other = factories.handler()
    mine = lifecycle.assign_handler(
        complaint(description="Parkeervergunning kwijt."), handler, actor=coordinator
    )
    theirs = lifecycle.assign_handler(
        complaint(description="Parkeervergunning te laat."), other, actor=coordinator
    )
    complaint(description="Parkeervergunning geweigerd.")
    withdraw(mine, handler)
    login_staff(client, handler)

    assert listed(get(client, status="all")) == [mine.reference]
    assert listed(get(client, status="all", q="parkeervergunning")) == [mine.reference]
    # Filters narrow what one may see; they never widen it.
    assert listed(get(client, status="all", handler=other.pk)) == []
    assert listed(get(client, status="all", handler="unassigned")) == []
    assert listed(get(client, status="all", q=theirs.reference)) == []
    assert selectors.inbox_status_counts(handler, ALL_STATUSES) == {Status.WITHDRAWN: 1}


def test_an_involved_employee_never_finds_their_own_case(client, coordinator):
    involved = factories.coordinator()
    about_them = complaint(
        description="De coördinator was onbeschoft tegen mij.", employees_involved=[involved]
    )
    other = complaint(description="Onbeschoft behandeld aan de balie.")
    login_staff(client, involved)

    for params in (
        {"q": "onbeschoft"},
        {"q": "onbeschoft", "status": "all"},
        {"q": about_them.reference},
        {"q": f"{about_them.reference_number:05d}"},
        {"q": about_them.complainant.last_name},
        {"status": "all", "handler": "unassigned"},
    ):
        response = get(client, **params)
        assert about_them.reference not in listed(response), params
        assert reverse("cases:detail", args=[about_them.reference]) not in text(response), params
    assert listed(get(client, q="onbeschoft")) == [other.reference]
    facets = {f.value: f.count for f in get(client, status="all").context["facets"]}
    assert (facets["all"], facets["received"]) == (1, 1)


# --- counts ---------------------------------------------------------------------------------


def test_counts_per_status_in_one_query(coordinator, django_assert_num_queries):
    complaint()
    complaint(channel=Channel.PHONE)
    bring_to(Status.TRIAGE, actor=coordinator, channel=Channel.PHONE)
    withdraw(complaint(), coordinator)
    coordinator.has_role(Role.COORDINATOR)  # roles are read once per request, before the counts

    with django_assert_num_queries(1):
        counts = selectors.inbox_status_counts(coordinator, InboxFilters())
    assert counts == {Status.RECEIVED: 2, Status.TRIAGE: 1, Status.WITHDRAWN: 1}
    # The counts follow every filter except the status, so each number is what its link shows.
    phone = selectors.inbox_status_counts(coordinator, InboxFilters(channel=Channel.PHONE))
    assert phone == {Status.RECEIVED: 1, Status.TRIAGE: 1}


def test_count_links_keep_the_filters_and_mark_the_current_one(client, coordinator):
    complaint(channel=Channel.PHONE)
    bring_to(Status.TRIAGE, actor=coordinator, channel=Channel.PHONE)
    withdraw(complaint(channel=Channel.PHONE), coordinator)
    complaint(channel=Channel.WEB)
    login_staff(client, coordinator)

    response = get(client, channel="phone", status="triage")
    facets = {f.value: f for f in response.context["facets"]}
    assert {v: facets[v].count for v in ("open", "all", "received", "triage", "withdrawn", "closed")} == {
        "open": 2,
        "all": 3,
        "received": 1,
        "triage": 1,
        "withdrawn": 1,
        "closed": 0,
    }
    assert [f.value for f in facets.values() if f.active] == ["triage"]
    body = response.content.decode()
    current = re.findall(r'<a class="utrecht-link" href="([^"]+)" aria-current="true">', body)
    assert [html.unescape(href) for href in current] == ["?channel=phone&status=triage"]
    assert 'href="?channel=phone&amp;status=all"' in body
    assert listed(get(client, channel="phone", status="all")) != []
    # The default view marks "open".
    assert [f.value for f in get(client).context["facets"] if f.active] == ["open"]


# --- pagination and the page ---------------------------------------------------------------


def test_pagination_keeps_the_filters(client, coordinator):
    phone = [complaint(days_ago=1, channel=Channel.PHONE) for _ in range(PAGE_SIZE + 1)]
    complaint(days_ago=1, channel=Channel.WEB)
    login_staff(client, coordinator)

    first = get(client, channel="phone", sort="oldest", q="balie")
    assert first.context["page"].paginator.count == PAGE_SIZE + 1
    assert len(listed(first)) == PAGE_SIZE
    assert "51 klachten gevonden" in text(first)
    link = next_link(first)
    assert link.startswith("?")
    assert {"channel=phone", "sort=oldest", "q=balie", "page=2"} <= set(link[1:].split("&"))
    second = client.get(URL + link)
    assert listed(second) == [phone[-1].reference]
    assert "Pagina 2 van 2" in text(second)


def test_the_table_is_accessible(client, coordinator):
    complaint()
    login_staff(client, coordinator)
    body = text(get(client))
    assert "<caption" in body
    assert "gesorteerd op: Ontvangen, nieuwste eerst" in body
    assert body.count('scope="col"') == 9
    assert 'scope="row"' in body
    assert 'aria-sort="descending"' in header(body, "Ontvangen")
    # Each check box is named after its complaint.
    assert re.search(
        r'<input type="checkbox"[^>]*name="complaint"[^>]*aria-label="K-\d{4}-\d{5} selecteren"', body
    )
    for label in ("Zoeken", "Status", "Route", "Afdeling", "Kanaal", "Behandelaar", "Termijn", "Sorteren"):
        assert re.search(rf'<label class="utrecht-form-label" for="id_\w+">{label}</label>', body), label


def test_empty_default_inbox_points_to_all_complaints(client, coordinator):
    withdraw(complaint(), coordinator)
    login_staff(client, coordinator)
    body = text(get(client))
    assert "Er zijn geen openstaande klachten die u mag zien." in body
    assert "?status=all" in body


def test_a_page_of_50_makes_a_fixed_number_of_queries(
    client, coordinator, handler, django_assert_max_num_queries
):
    department = factories.DepartmentFactory()
    for _ in range(PAGE_SIZE + 5):
        lifecycle.assign_handler(complaint(departments=[department]), handler, actor=coordinator)
    login_staff(client, coordinator)
    get(client)  # warm the per-process caches (municipality settings, calendar)

    # session, user, second-factor device, roles, municipality settings, handler choices,
    # department choices, the chosen department, status counts, saved-view counts, page rows,
    # their departments, the bulk bar's handlers, the audit entry: 14 at most, however many rows
    # the page has.
    with django_assert_max_num_queries(14):
        response = get(client)
    assert len(listed(response)) == PAGE_SIZE
    with django_assert_max_num_queries(14):
        response = get(client, q="balie", department=department.pk, handler=handler.pk, sort="decision_due")
    assert len(listed(response)) == PAGE_SIZE


# --- the form on its own -------------------------------------------------------------------


def test_the_form_turns_the_url_into_filters(coordinator):
    from django.http import QueryDict

    assert InboxFilter(QueryDict("")).filters() == InboxFilters()
    assert InboxFilters().is_default
    assert InboxFilter(QueryDict("status=all")).filters() == ALL_STATUSES
    filters = InboxFilter(
        QueryDict("q=+balie+&status=formal&status=hearing&due=overdue&sort=reference")
    ).filters()
    assert filters == InboxFilters(
        q="balie", statuses=frozenset({"formal", "hearing"}), due="overdue", sort="reference"
    )
    assert not filters.is_default
    assert filters.ordering == ("reference",)
    # A handler filter offers active handlers and coordinators, not other staff.
    choices = dict(InboxFilter(QueryDict("")).fields["handler"].choices)
    assert str(coordinator.pk) in choices
    assert str(factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]).pk) not in dict(
        InboxFilter(QueryDict("")).fields["handler"].choices
    )


# --- in a real browser ----------------------------------------------------------------------


def staff_page(browser, live_server, client, user, **viewport):
    """A browser page logged in as `user` (the test client's session cookie)."""
    login_staff(client, user)
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", base_url=live_server.url, **viewport
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    csp_violations = watch(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.csp_violations = csp_violations
    return page


# A live server runs in its own thread: it needs real transactions, and the
# data migrations restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inbox_in_the_browser_by_keyboard_and_without_axe_violations(
    browser, live_server, client, coordinator
):
    from gehoord.core.testing.browser import assert_fits_width, assert_no_axe_violations, tab_to

    overdue = complaint(days_ago=3, description="Mijn parkeervergunning is kwijt.")
    set_terms(overdue, decision_in=-1, first_contact_in=-1)
    soon = complaint(days_ago=2)
    set_terms(soon, decision_in=3)
    services.note_new_information(soon, source="status_link")  # its badge is checked by axe too
    page = staff_page(browser, live_server, client, coordinator)

    page.goto(URL)
    assert "te laat" in page.inner_text("table")
    assert "nieuwe informatie" in page.inner_text("table")
    assert_no_axe_violations(page)
    tab_to(page, "#id_q")
    page.keyboard.type("parkeervergunning")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=parkeervergunning**")
    assert page.inner_text("#inbox-count") == "1 klacht gevonden"
    assert_no_axe_violations(page)

    page.goto(URL + "?status=onzin&q=hondenbelasting")
    assert "Selecteer een geldige keuze" in page.inner_text("form.gh-inbox-filters")
    assert_no_axe_violations(page)

    phone = staff_page(browser, live_server, client, coordinator, viewport={"width": 375, "height": 740})
    phone.goto(URL)
    assert_fits_width(phone, 375)
    assert_no_axe_violations(phone)
    assert page.csp_violations == phone.csp_violations == []


@pytest.mark.postgresql
def test_a_search_by_someone_who_may_see_nothing_counts_nothing(client):
    """The UNION of search arms over an empty set was a server error on PostgreSQL (EmptyResultSet)."""
    from gehoord.accounts.testing import login_staff

    factories.make_complaint()
    nobody = factories.UserFactory()  # staff without a role: may see no complaint
    assert selectors.inbox_status_counts(nobody, InboxFilters(q="balie")) == {}
    login_staff(client, nobody)
    assert client.get(reverse("cases:list"), {"q": "balie", "status": "all"}).status_code in (200, 403)
