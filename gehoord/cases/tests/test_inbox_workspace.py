"""The inbox as a workspace: saved views and their counts, "not yet opened by me", the row's
subject and snippet, and acting on a selection of complaints (gehoord.cases.bulk, the bulk view)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.audit.models import AuditEntry
from gehoord.cases import bulk, inbox, lifecycle, selectors, services
from gehoord.cases.constants import Status
from gehoord.cases.models import Complaint, FileOpened
from gehoord.cases.tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("cases:list")
BULK = reverse("cases:bulk")


def complaint(**kwargs) -> Complaint:
    return factories.make_complaint(received_at=timezone.now() - dt.timedelta(days=1), **kwargs)


def past(c: Complaint, **fields: int) -> None:
    """Move stored terms `n` days from today (negative: past)."""
    today = timezone.localdate()
    Complaint.objects.filter(pk=c.pk).update(
        **{name: today + dt.timedelta(days=days) for name, days in fields.items()}
    )


# --- saved views ------------------------------------------------------------------------


def test_each_saved_view_counts_what_its_link_shows_in_one_query(
    client, coordinator, handler, django_assert_num_queries
):
    mine = lifecycle.assign_handler(complaint(), coordinator, actor=coordinator)
    theirs = lifecycle.assign_handler(complaint(), handler, actor=coordinator)
    new = complaint()
    services.note_new_information(new, source="status_link")
    late = complaint()
    past(late, decision_due=-1, not_handled_notice_due=-10)
    contacted = complaint()
    Complaint.objects.filter(pk=contacted.pk).update(first_contact_at=timezone.now())
    lifecycle.perform(complaint(), "withdraw", actor=coordinator, reason="Ingetrokken.")
    coordinator.has_role(lifecycle.Role.COORDINATOR)  # roles are read once per request, before the counts

    with django_assert_num_queries(1):
        counts = selectors.saved_view_counts(coordinator)
    assert counts == {
        "all": 5,  # not the withdrawn one
        "mine": 1,
        "unassigned": 3,
        "new_information": 1,
        "overdue": 1,
        "notice_due": 1,  # the others' 4 weeks (Awb 9:8 lid 3) end weeks from now
        "first_contact": 4,  # all but the one contacted
    }
    login_staff(client, coordinator)
    for view in inbox.SAVED_VIEWS:
        response = client.get(URL + "?" + "&".join(f"{k}={v}" for k, v in view.params))
        assert response.context["page"].paginator.count == counts[view.key], view.key
        tabs = {tab.key: tab for tab in response.context["views"]}
        assert [key for key, tab in tabs.items() if tab.active] == [view.key]
        assert tabs[view.key].count == counts[view.key]
    assert {c.reference for c in client.get(URL, {"handler": "mine"}).context["page"].object_list} == {
        mine.reference
    }
    assert theirs.reference not in {
        c.reference for c in client.get(URL, {"handler": "unassigned"}).context["page"].object_list
    }


def test_the_saved_views_never_count_a_complaint_about_the_viewer(coordinator):
    involved = factories.coordinator()
    about_them = complaint(employees_involved=[involved])
    services.note_new_information(about_them, source="status_link")
    past(about_them, decision_due=-1, not_handled_notice_due=-1)
    complaint()

    theirs = selectors.saved_view_counts(involved)
    others = selectors.saved_view_counts(coordinator)
    for key in ("all", "unassigned", "first_contact"):
        assert (theirs[key], others[key]) == (1, 2), key
    for key in ("new_information", "overdue", "notice_due"):
        assert (theirs[key], others[key]) == (0, 1), key
    # Someone who may see nothing counts nothing.
    assert set(selectors.saved_view_counts(factories.UserFactory()).values()) == {0}


def test_a_saved_view_link_keeps_the_sort_and_drops_the_other_filters(client, coordinator):
    complaint()
    login_staff(client, coordinator)
    tabs = {tab.key: tab for tab in client.get(URL, {"sort": "reference", "channel": "web"}).context["views"]}
    assert tabs["all"].query == "?sort=reference"
    assert tabs["mine"].query == "?handler=mine&sort=reference"
    assert not any(tab.active for tab in tabs.values())  # a channel filter is no saved view


# --- a row -------------------------------------------------------------------------------


def test_a_file_not_yet_opened_by_me_is_marked_until_i_open_it(client, coordinator):
    c = complaint()
    colleague = factories.coordinator()
    login_staff(client, coordinator)

    def row() -> str:
        body = client.get(URL).content.decode()
        start = body.index(f'id="select-{c.pk}"')
        return body[body.rindex("<tr", 0, start) : body.index("</tr>", start)]

    assert "gh-row--unread" in row() and ">niet geopend</span>" in row()
    assert client.get(reverse("cases:detail", args=[c.reference])).status_code == 200
    assert FileOpened.objects.filter(user=coordinator, complaint=c).count() == 1
    assert "gh-row--unread" not in row() and "niet geopend" not in row()
    # Opening it again moves the moment, it adds no row; a colleague still sees it as not opened.
    client.get(reverse("cases:detail", args=[c.reference]))
    assert FileOpened.objects.filter(complaint=c).count() == 1
    assert not selectors.inbox(colleague).get(pk=c.pk).opened_by_me


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        (
            "Te lang gewacht",
            "Te lang gewacht\nIk stond een uur aan de balie.",
            "Ik stond een uur aan de balie.",
        ),
        ("Te lang gewacht", "Te lang gewacht", ""),
        ("Eerst dit, dan…", "Eerst dit, dan dat en nog meer.\nTweede regel.", "Tweede regel."),
        ("Onderwerp van staf", "De klacht begint zo.", "De klacht begint zo."),
        ("", "Regel   met\tveel   ruimte", "Regel met veel ruimte"),
        ("x", "x\n" + "woord " * 60, ("woord " * 60)[: inbox.SNIPPET_LENGTH - 1].rstrip() + "…"),
    ],
)
def test_the_snippet_follows_the_subject_without_repeating_it(title, description, expected):
    assert inbox.snippet(title, description) == expected


def test_a_row_shows_subject_snippet_departments_and_handler(client, coordinator, handler):
    department = factories.DepartmentFactory(name="Burgerzaken")
    c = complaint(
        description="Onheuse bejegening aan de balie\nDe medewerker lachte mij uit.", departments=[department]
    )
    lifecycle.assign_handler(c, handler, actor=coordinator)
    login_staff(client, coordinator)
    body = client.get(URL).content.decode()
    assert '<span class="gh-subject">Onheuse bejegening aan de balie</span>' in body
    assert '<span class="gh-snippet">— De medewerker lachte mij uit.</span>' in body
    assert ">Burgerzaken</td>" in body
    assert f">{handler}</td>" in body


# --- bulk ---------------------------------------------------------------------------------


def test_bulk_assign_reports_each_complaint(coordinator, handler):
    first, second = complaint(), complaint()
    closed = lifecycle.perform(complaint(), "withdraw", actor=coordinator, reason="Ingetrokken.")
    about_handler = complaint(employees_involved=[handler])
    result = bulk.assign(coordinator, [first.pk, second.pk, closed.pk, about_handler.pk, 999_999], handler)

    assert result.done == [first.reference, second.reference]
    refused = {o.reference: o.reason for o in result.refused}
    assert refused[closed.reference] == "Een afgesloten klacht krijgt geen nieuwe behandelaar."
    assert "Awb 9:7" in refused[about_handler.reference]
    assert result.not_found == 1
    assert set(Complaint.objects.filter(handler=handler).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    # Each assignment is on its complaint's timeline, like one made on the file page.
    assert first.events.filter(kind="assignment").count() == 1


def test_only_a_coordinator_assigns_and_a_complaint_not_visible_is_not_found(coordinator, handler):
    own = lifecycle.assign_handler(complaint(), handler, actor=coordinator)
    other = complaint()
    result = bulk.assign(handler, [own.pk, other.pk], handler)
    assert result.done == []
    assert [o.reference for o in result.refused] == [own.reference]
    assert "coördinator" in result.refused[0].reason
    assert result.not_found == 1  # the unassigned complaint is not theirs to see: never named


def test_bulk_step_asks_the_lifecycle_per_complaint(coordinator):
    received = complaint()
    anonymous = complaint(anonymous=True)
    triage = lifecycle.perform(complaint(), "start_triage", actor=coordinator)
    result = bulk.step(coordinator, [received.pk, anonymous.pk, triage.pk], "start_triage")
    assert result.done == [received.reference, anonymous.reference]
    assert [o.reference for o in result.refused] == [triage.reference]
    assert "In triage" in result.refused[0].reason
    assert Complaint.objects.get(pk=received.pk).status == Status.TRIAGE

    formal = bulk.step(coordinator, [received.pk, anonymous.pk], "start_formal")
    assert formal.done == [received.reference]
    assert "anonieme klacht" in formal.refused[0].reason
    with pytest.raises(ValueError, match="not a step"):
        bulk.step(coordinator, [received.pk], "decide")


@pytest.mark.parametrize("name", bulk.BULK_STEPS)
def test_every_bulk_step_needs_nothing_but_a_click(name):
    from gehoord.cases.forms import TransitionForm

    assert TransitionForm({}, transition=name).is_valid()


def test_the_bulk_view_assigns_reports_and_goes_back_to_the_same_list(client, coordinator, handler):
    first, second = complaint(), complaint()
    closed = lifecycle.perform(complaint(), "withdraw", actor=coordinator, reason="Ingetrokken.")
    login_staff(client, coordinator)
    response = client.post(
        BULK,
        {
            "complaint": [first.pk, second.pk, closed.pk, "x; drop"],
            "bulk-handler": handler.pk,
            "bulk-action": "assign",
            "next": "status=all&sort=oldest&formaat=csv",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == URL + "?status=all&sort=oldest"
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts[0] == f"Gelukt bij 2 klachten: {first.reference}, {second.reference}."
    assert texts[1].startswith(f"Niet gelukt bij {closed.reference}: ")
    assert Complaint.objects.filter(handler=handler).count() == 2
    entry = AuditEntry.objects.filter(action="change", note__startswith="klachtenlijst selectie").get()
    assert "2 gelukt, 1 geweigerd" in entry.note


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"bulk-action": "assign"}, "Selecteer eerst een of meer klachten in de lijst."),
        ({"bulk-action": "assign", "complaint": "1"}, "Kies aan wie de klachten worden toegewezen."),
        ({"bulk-action": "step", "complaint": "1"}, "Kies welke stap wordt gezet."),
        ({"bulk-action": "step", "bulk-step": "decide", "complaint": "1"}, "Selecteer een geldige keuze."),
    ],
)
def test_the_bulk_view_explains_what_is_missing(client, coordinator, data, message):
    login_staff(client, coordinator)
    response = client.post(BULK, data)
    assert response.status_code == 302
    assert any(message in str(m) for m in get_messages(response.wsgi_request))


def test_the_bulk_view_needs_a_post_with_a_csrf_token(client, coordinator):
    from django.test import Client

    login_staff(client, coordinator)
    assert client.get(BULK).status_code == 405
    strict = login_staff(Client(enforce_csrf_checks=True), coordinator)
    assert strict.post(BULK, {"complaint": "1", "bulk-action": "assign"}).status_code == 403


def test_the_bulk_bar_offers_assigning_to_the_coordinator_only(client, coordinator, handler):
    lifecycle.assign_handler(complaint(), handler, actor=coordinator)
    login_staff(client, coordinator)
    body = client.get(URL).content.decode()
    assert 'name="bulk-handler"' in body and 'value="start_triage"' in body
    login_staff(client, handler)
    body = client.get(URL).content.decode()
    assert 'name="bulk-handler"' not in body
    # A handler's steps: only those their role may take (the lifecycle asks again per complaint).
    assert 'value="start_learning_review"' in body and 'value="start_triage"' not in body


@pytest.mark.parametrize(
    ("params", "open_"),
    [
        ({}, False),
        ({"q": "balie", "sort": "reference"}, False),  # the search box and the column headers
        ({"handler": "mine"}, False),  # a saved view: its tab says so
        ({"channel": "phone"}, True),
        ({"handler": "mine", "channel": "phone"}, True),
        ({"status": "all"}, False),  # a status link above the table: it is marked there
        ({"status": "formal"}, False),
        ({"status": "formal", "route": "formal"}, True),
        ({"due": "this_week"}, True),  # an error is shown where it is
    ],
)
def test_more_filters_fold_away_unless_used(client, coordinator, params, open_):
    login_staff(client, coordinator)
    response = client.get(URL, params)
    assert response.context["more_filters_open"] is open_
    assert ('<details class="gh-more-filters" open>' in response.content.decode()) is open_
