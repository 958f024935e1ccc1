"""Tests of the staff screens of the complaint file (gehoord.cases.views) through Django's test client."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle
from gehoord.cases.constants import Status
from gehoord.cases.models import Complaint, ComplaintEvent
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import bring_to, snapshot

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The response body with HTML entities resolved, so Dutch quotes and accents compare plainly."""
    return html.unescape(response.content.decode())


def listed(response) -> set[str]:
    return {complaint.reference for complaint in response.context["page"].object_list}


def detail_url(complaint) -> str:
    return reverse("cases:detail", args=[complaint.reference])


def step_url(complaint, name: str) -> str:
    return reverse("cases:step", args=[complaint.reference, name])


def action_url(complaint, name: str) -> str:
    return reverse("cases:action", args=[complaint.reference, name])


def events(complaint) -> int:
    return ComplaintEvent.objects.filter(complaint_id=complaint.pk).count()


def status_of(complaint) -> str:
    return Complaint.objects.get(pk=complaint.pk).status


@pytest.fixture
def world(coordinator, handler):
    """Complaints and staff for the visibility rules."""
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    department = factories.DepartmentFactory(head=head)
    other_department = factories.DepartmentFactory()
    involved_coordinator = factories.coordinator()
    involved_handler = factories.handler()
    assigned = factories.make_complaint(departments=[department])
    assigned = lifecycle.assign_handler(assigned, handler, actor=coordinator)
    unassigned = factories.make_complaint(departments=[other_department])
    about_coordinator = factories.make_complaint(
        departments=[department], employees_involved=[involved_coordinator]
    )
    about_head = factories.make_complaint(departments=[department], employees_involved=[head])
    about_handler = factories.make_complaint(employees_involved=[involved_handler])
    return {
        "head": head,
        "involved_coordinator": involved_coordinator,
        "involved_handler": involved_handler,
        "assigned": assigned,
        "unassigned": unassigned,
        "about_coordinator": about_coordinator,
        "about_head": about_head,
        "about_handler": about_handler,
    }


def test_list_shows_only_visible_complaints(client, coordinator, handler, world):
    w = world
    everything = {
        w[name].reference
        for name in ("assigned", "unassigned", "about_coordinator", "about_head", "about_handler")
    }
    expectations = {
        "coordinator": (coordinator, everything),
        "handler": (handler, {w["assigned"].reference}),
        "involved coordinator": (w["involved_coordinator"], everything - {w["about_coordinator"].reference}),
        "involved handler": (w["involved_handler"], set()),
        "department head": (w["head"], {w["assigned"].reference, w["about_coordinator"].reference}),
        "role-less": (factories.UserFactory(), set()),
        "admin": (factories.UserFactory(roles=[Role.ADMIN]), set()),
        "other handler": (factories.handler(), set()),
    }
    for who, (user, expected) in expectations.items():
        login_staff(client, user)
        response = client.get(reverse("cases:list"))
        assert response.status_code == 200, who
        assert listed(response) == expected, who
        body = text(response)
        for reference in everything - expected:
            assert reference not in body, who
        for reference in expected:
            assert reference in body, who


def test_list_filters_by_status(client, coordinator):
    received = factories.make_complaint()
    triage = bring_to(Status.TRIAGE, actor=coordinator)
    login_staff(client, coordinator)
    assert listed(client.get(reverse("cases:list"), {"status": "triage"})) == {triage.reference}
    assert listed(client.get(reverse("cases:list"), {"status": "onzin"})) == {
        received.reference,
        triage.reference,
    }


def test_detail_of_an_invisible_complaint_is_404(client, coordinator, handler, world):
    w = world
    cases = [
        (handler, w["unassigned"]),
        (handler, w["about_head"]),
        (w["head"], w["unassigned"]),
        (w["head"], w["about_head"]),
        (w["involved_coordinator"], w["about_coordinator"]),
        (w["involved_handler"], w["about_handler"]),
        (factories.UserFactory(), w["assigned"]),
    ]
    for user, complaint in cases:
        login_staff(client, user)
        assert client.get(detail_url(complaint)).status_code == 404
        before = events(complaint)
        response = client.post(step_url(complaint, "withdraw"), {"withdraw-reason": "Weg ermee."})
        assert response.status_code == 404
        assert status_of(complaint) == Status.RECEIVED
        assert events(complaint) == before


def test_detail_of_a_visible_complaint(client, coordinator, handler, world):
    for user, complaint in [
        (coordinator, world["about_head"]),
        (handler, world["assigned"]),
        (world["head"], world["assigned"]),
    ]:
        login_staff(client, user)
        response = client.get(detail_url(complaint))
        assert response.status_code == 200
        assert complaint.reference in text(response)


def test_detail_offers_only_steps_the_user_may_take(client, coordinator, handler):
    complaint = bring_to(Status.INFORMAL, actor=coordinator, handler=handler)
    login_staff(client, handler)
    response = client.get(detail_url(complaint))
    offered = {transition.name for transition, _form in response.context["transitions"]}
    assert offered == {"resolve_informally", "escalate", "withdraw"}
    assert step_url(complaint, "not_handle") not in text(response)


def test_an_illegal_step_gives_a_dutch_message_and_409(client, coordinator, complaint):
    login_staff(client, coordinator)
    before, before_events = snapshot(complaint), events(complaint)
    response = client.post(step_url(complaint, "close"), {"close-reason": ""})
    assert response.status_code == 409
    assert "'Afsluiten' kan niet bij een klacht met status 'Ontvangen'." in text(response)
    assert snapshot(complaint) == before
    assert events(complaint) == before_events


def test_a_step_the_user_may_not_take_gives_a_message_and_409(client, coordinator, handler):
    complaint = bring_to(Status.TRIAGE, actor=coordinator, handler=handler)
    login_staff(client, handler)
    response = client.post(step_url(complaint, "start_formal"), {"start_formal-reason": ""})
    assert response.status_code == 409
    assert "U mag de stap 'Formeel behandelen' bij deze klacht niet zetten." in text(response)
    assert status_of(complaint) == Status.TRIAGE


def test_a_guard_failure_gives_its_message_and_409(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    login_staff(client, coordinator)
    before = events(complaint)
    response = client.post(step_url(complaint, "decide"), {"decide-reason": ""})
    assert response.status_code == 409
    assert "Een beslissing op een formele klacht vermeldt de bevindingen (Awb 9:12)." in text(response)
    assert status_of(complaint) == Status.FORMAL
    assert events(complaint) == before


def test_close_without_learning_review_shows_the_guard_message(client, coordinator):
    complaint = bring_to(Status.LEARNING_REVIEW, actor=coordinator)
    login_staff(client, coordinator)
    response = client.post(step_url(complaint, "close"), {"close-reason": ""})
    assert response.status_code == 409
    assert "Leg eerst de leerpunten vast" in text(response)
    assert status_of(complaint) == Status.LEARNING_REVIEW


def test_a_valid_step_redirects_and_changes_status(client, coordinator, complaint):
    login_staff(client, coordinator)
    response = client.post(step_url(complaint, "start_triage"), {"start_triage-reason": "Bekeken."})
    assert response.status_code == 302
    assert response["Location"] == detail_url(complaint)
    assert status_of(complaint) == Status.TRIAGE
    event = complaint.events.get(transition="start_triage")
    assert (event.actor, event.details) == (coordinator, "Bekeken.")
    followed = client.get(response["Location"])
    assert "Gelukt: Triage starten." in text(followed)


def test_a_valid_step_with_parameters(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    login_staff(client, coordinator)
    response = client.post(
        step_url(complaint, "schedule_hearing"), {"schedule_hearing-hearing_on": "2026-03-30"}
    )
    assert response.status_code == 302
    saved = Complaint.objects.get(pk=complaint.pk)
    assert saved.status == Status.HEARING
    assert saved.hearing_held_on.isoformat() == "2026-03-30"


def test_scheduling_a_hearing_puts_time_and_place_in_the_invitation(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    login_staff(client, coordinator)
    assert 'name="schedule_hearing-hearing_time"' in text(client.get(detail_url(complaint)))

    response = client.post(
        step_url(complaint, "schedule_hearing"),
        {
            "schedule_hearing-hearing_on": "2026-03-30",
            "schedule_hearing-hearing_time": "09:05",
            "schedule_hearing-hearing_location": " Gemeentehuis, spreekkamer 2 ",
        },
    )

    assert response.status_code == 302
    [invitation] = complaint.letters.all()
    assert invitation.get_kind_display() == "Uitnodiging hoorzitting"
    assert invitation.data == {
        "hearing_on": "2026-03-30",
        "hearing_time": "09:05",
        "hearing_location": "Gemeentehuis, spreekkamer 2",
    }


def test_a_hearing_time_that_is_no_time_is_refused(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    login_staff(client, coordinator)

    response = client.post(
        step_url(complaint, "schedule_hearing"),
        {"schedule_hearing-hearing_on": "2026-03-30", "schedule_hearing-hearing_time": "25:00"},
    )

    assert response.status_code == 400
    assert "Voer een geldige tijd in." in text(response)
    assert status_of(complaint) == Status.FORMAL
    assert not complaint.letters.exists()


@pytest.mark.parametrize(
    ("status", "name", "data", "error"),
    [
        (Status.TRIAGE, "refer", {"refer-destination": "", "refer-reason": ""}, "Dit veld is verplicht."),
        (
            Status.TRIAGE,
            "not_handle",
            {"not_handle-ground": "onzin", "not_handle-reason": "x"},
            "Selecteer een geldige keuze",
        ),
        (
            Status.FORMAL,
            "schedule_hearing",
            {"schedule_hearing-hearing_on": "morgen"},
            "Voer een geldige datum in.",
        ),
        (Status.RECEIVED, "withdraw", {"withdraw-reason": "   "}, "Dit veld is verplicht."),
    ],
    ids=["refer-no-destination", "not-handle-bad-ground", "hearing-bad-date", "withdraw-no-reason"],
)
def test_an_invalid_form_gives_400_with_the_error(status, name, data, error, client, coordinator):
    complaint = bring_to(status, actor=coordinator)
    login_staff(client, coordinator)
    before = events(complaint)
    response = client.post(step_url(complaint, name), data)
    assert response.status_code == 400
    body = text(response)
    assert error in body
    label = str(lifecycle.TRANSITIONS[name].label)
    assert f"Controleer de gegevens bij '{label}'." in body
    assert status_of(complaint) == status
    assert events(complaint) == before


def test_unknown_step_is_404_and_get_is_not_allowed(client, coordinator, complaint):
    login_staff(client, coordinator)
    assert client.post(step_url(complaint, "reopen"), {}).status_code == 404
    assert client.get(step_url(complaint, "start_triage")).status_code == 405
    assert status_of(complaint) == Status.RECEIVED


def test_assigning_an_involved_employee_shows_the_awb_9_7_message(client, coordinator):
    employee = factories.handler()
    complaint = factories.make_complaint(employees_involved=[employee])
    login_staff(client, coordinator)
    response = client.post(
        action_url(complaint, "assign"), {"prefix": "assign", "assign-handler": employee.pk}
    )
    assert response.status_code == 409
    assert "(Awb 9:7)" in text(response)
    assert Complaint.objects.get(pk=complaint.pk).handler_id is None


def test_assigning_a_handler_through_the_screen(client, coordinator, handler, complaint):
    login_staff(client, coordinator)
    response = client.post(
        action_url(complaint, "assign"), {"prefix": "assign", "assign-handler": handler.pk}
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).handler == handler


def test_postponing_too_long_is_an_invalid_form(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    login_staff(client, coordinator)
    response = client.post(
        action_url(complaint, "postpone"),
        {"prefix": "postpone", "postpone-weeks": "5", "postpone-reason": "Advies."},
    )
    assert response.status_code == 400
    assert Complaint.objects.get(pk=complaint.pk).postponement_weeks == 0
    response = client.post(
        action_url(complaint, "postpone"),
        {"prefix": "postpone", "postpone-weeks": "2", "postpone-reason": "Advies."},
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).postponement_weeks == 2


def test_anonymous_users_are_sent_to_login(client, complaint):
    login = reverse("login")
    for method, url in [
        ("get", reverse("cases:list")),
        ("get", detail_url(complaint)),
        ("post", step_url(complaint, "withdraw")),
        ("post", action_url(complaint, "note")),
    ]:
        response = getattr(client, method)(
            url, {"withdraw-reason": "Weg.", "note-text": "x"} if method == "post" else {}
        )
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{login}?next="), url
    assert status_of(complaint) == Status.RECEIVED
    assert events(complaint) == 1
