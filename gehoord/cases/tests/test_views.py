"""Tests of the staff screens of the complaint file (gehoord.cases.views) through Django's test client."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle, services
from gehoord.cases.constants import (
    CompetentOrgan,
    CopyWaiverReason,
    HearingParty,
    HearingResponse,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    RetentionResult,
    Rung,
    Status,
)
from gehoord.cases.models import Complaint, ComplaintEvent, ConductNorm, CopyWaiver, Hearing, Representative
from gehoord.cases.tests import factories
from gehoord.correspondence.constants import LetterKind
from gehoord.learning.services import record_learning_review
from gehoord.organisation.constants import DocumentKind
from gehoord.organisation.models import ForwardingDestination, Municipality

pytestmark = pytest.mark.django_db

# --- walking the real lifecycle, with today's dates (the screens take their steps now) ---------------

S = Status
PATHS: dict[Status, tuple[str, ...]] = {
    S.RECEIVED: (),
    S.TRIAGE: ("start_triage",),
    S.INFORMAL: ("start_triage", "start_informal"),
    S.RESOLVED_INFORMALLY: ("start_triage", "start_informal", "resolve_informally"),
    S.FORMAL: ("start_triage", "start_formal"),
    S.HEARING: ("start_triage", "start_formal", "schedule_hearing"),
    S.DECIDED: ("start_triage", "start_formal", "decide"),
    S.LEARNING_REVIEW: ("start_triage", "start_formal", "decide", "start_learning_review"),
    S.CLOSED: ("start_triage", "start_formal", "decide", "start_learning_review", "close"),
    S.NOT_HANDLED: ("start_triage", "not_handle"),
    S.REFERRED: ("start_triage", "refer"),
    S.WITHDRAWN: ("withdraw",),
}


def today() -> dt.date:
    return timezone.localdate()


def params_for(name: str) -> dict:
    return {
        "refer": {"destination": "Melding openbare ruimte"},
        "not_handle": {"ground": NotHandledGround.INSUFFICIENT_INTEREST, "reason": "Kennelijk onvoldoende."},
        "resolve_informally": {
            "solution": "Excuses aangeboden.",
            "rung": Rung.HANDLER,
            "satisfied_on": today(),
            "satisfied_how": "telefonisch",
        },
        "schedule_hearing": {"hearing_on": today() + dt.timedelta(days=10)},
        "withdraw": {"reason": "Klager trekt in."},
    }.get(name, {})


def ready_to_decide(complaint: Complaint, actor) -> Complaint:
    """Through the services: what Awb 9:9, 9:10 and 9:12 ask before a decision.

    In the hearing phase every party's report is recorded; in the formal phase
    the complainant waived the hearing. The copy went on paper to each employee.
    """
    services.record_findings(
        complaint, findings="De medewerker was kortaf.", conclusions="Gegrond.", actor=actor
    )
    for part in complaint.parts.all():
        services.judge_part(
            part,
            judgement=Judgement.FOUNDED,
            reasoning="Zo bleek uit het gesprek.",
            norms=[ConductNorm.objects.order_by("position").first()],
            actor=actor,
        )
    hearings = list(complaint.hearings.all())
    for hearing in hearings:
        services.record_hearing_report(hearing, report="Gehoord.", held_on=today(), actor=actor)
    if not hearings:
        lifecycle.record_hearing_skipped(
            complaint,
            reason=HearingSkipReason.WAIVED,
            waived_on=today(),
            waived_how="telefonisch",
            actor=actor,
        )
    employees = list(complaint.employees_involved.all())
    for employee in employees:
        services.waive_copy(complaint, reason=CopyWaiverReason.GIVEN_ON_PAPER, employee=employee, actor=actor)
    if not employees:
        services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=actor)
    return complaint


def bring_to(status: Status, *, actor, handler=None, **make_kwargs) -> Complaint:
    """Register a complaint (received a few days ago) and walk the real lifecycle until it has `status`.

    A complaint about an employee goes through the hearing before its decision
    (Awb 9:10 lid 1 offers the employee a hearing; only the complainant's may be skipped).
    """
    make_kwargs.setdefault("received_at", timezone.now() - dt.timedelta(days=3))
    complaint = factories.make_complaint(**make_kwargs)
    if handler is not None:
        complaint = lifecycle.assign_handler(complaint, handler, actor=actor)
    path = list(PATHS[status])
    if "decide" in path and complaint.employees_involved.exists():
        path.insert(path.index("decide"), "schedule_hearing")
    for name in path:
        if name == "decide":
            ready_to_decide(complaint, actor)
        if name == "close":
            record_learning_review(
                complaint, improvement_possible=False, reasoning="Niets te leren.", actor=actor
            )
        complaint = lifecycle.perform(complaint, name, actor=actor, **params_for(name))
    assert Complaint.objects.get(pk=complaint.pk).status == status
    return complaint


def snapshot(complaint: Complaint) -> dict:
    fresh = Complaint.objects.get(pk=complaint.pk)
    return {f.attname: getattr(fresh, f.attname) for f in Complaint._meta.concrete_fields}


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
    hearing_on = (today() + dt.timedelta(days=10)).isoformat()
    login_staff(client, coordinator)
    response = client.post(
        step_url(complaint, "schedule_hearing"), {"schedule_hearing-hearing_on": hearing_on}
    )
    assert response.status_code == 302
    saved = Complaint.objects.get(pk=complaint.pk)
    assert saved.status == Status.HEARING
    hearing = saved.hearings.get(party=HearingParty.COMPLAINANT)
    assert hearing.hearing_on.isoformat() == hearing_on


def test_scheduling_a_hearing_puts_time_and_place_in_the_invitation(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    hearing_on = (today() + dt.timedelta(days=10)).isoformat()
    login_staff(client, coordinator)
    assert 'name="schedule_hearing-hearing_time"' in text(client.get(detail_url(complaint)))

    response = client.post(
        step_url(complaint, "schedule_hearing"),
        {
            "schedule_hearing-hearing_on": hearing_on,
            "schedule_hearing-hearing_time": "09:05",
            "schedule_hearing-hearing_location": " Gemeentehuis, spreekkamer 2 ",
        },
    )

    assert response.status_code == 302
    invitation = complaint.letters.filter(kind=LetterKind.HEARING_INVITATION).order_by("pk").first()
    assert invitation.get_kind_display() == "Uitnodiging hoorzitting"
    assert {key: invitation.data.get(key) for key in ("hearing_on", "hearing_time", "hearing_location")} == {
        "hearing_on": hearing_on,
        "hearing_time": "09:05",
        "hearing_location": "Gemeentehuis, spreekkamer 2",
    }
    hearing = complaint.hearings.get(party=HearingParty.COMPLAINANT)
    assert (hearing.hearing_time, hearing.location) == ("09:05", "Gemeentehuis, spreekkamer 2")


def test_a_hearing_time_that_is_no_time_is_refused(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    hearing_on = (today() + dt.timedelta(days=10)).isoformat()
    login_staff(client, coordinator)

    response = client.post(
        step_url(complaint, "schedule_hearing"),
        {"schedule_hearing-hearing_on": hearing_on, "schedule_hearing-hearing_time": "25:00"},
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
            "Geef een bestaande datum als jjjj-mm-dd, bijvoorbeeld 2026-03-30.",
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


# --- the law on the file page ([9]) ------------------------------------------------------------------

TEMPLATES = Path(settings.BASE_DIR) / "gehoord" / "templates" / "cases"
# A status compared in a template: `complaint.status == "formal"`, `status != ...`, `status in ...`.
STATUS_COMPARISON = re.compile(r"\bstatus\s*(==|!=|\bin\b|\bnot in\b)")


def test_no_template_of_the_file_compares_a_status():
    # The lifecycle says what may be done (allowed_actions); a template asks `"x" in actions`.
    templates = sorted(TEMPLATES.glob("*.html"))
    assert len(templates) >= 5
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if STATUS_COMPARISON.search(line) or "complaint.status" in line
    ]
    assert offenders == []


def test_the_status_check_finds_what_it_is_for():
    # The check above must be able to fail.
    for line in [
        '{% if complaint.status == "formal" %}',
        "{% if status != 'hearing' %}",
        "{% if status in x %}",
    ]:
        assert STATUS_COMPARISON.search(line), line
    assert not STATUS_COMPARISON.search("{{ complaint.get_status_display }}")


def hearing_world(coordinator):
    """A formal complaint about one employee, in the hearing phase: both parties invited."""
    employee = factories.handler(first_name="Eva", last_name="Jansen")
    complaint = bring_to(Status.HEARING, actor=coordinator, employees_involved=[employee])
    return complaint, employee


def post_action(client, complaint, name: str, fields: dict, prefix: str | None = None):
    prefix = prefix or name
    data = {"prefix": prefix, **{f"{prefix}-{key}": value for key, value in fields.items()}}
    return client.post(action_url(complaint, name), data)


def test_the_file_in_the_hearing_phase_shows_each_partys_hearing_and_the_copy(client, coordinator):
    complaint, _employee = hearing_world(coordinator)
    login_staff(client, coordinator)

    response = client.get(detail_url(complaint))

    assert response.status_code == 200
    body = text(response)
    actions = response.context["actions"]
    assert {"hearing_response", "hearing_report", "skip_hearing", "waive_copy", "postpone"} <= actions
    assert {"learning_review", "propose_measure", "erase"}.isdisjoint(actions)
    assert "Horen: klager" in body and "Horen: medewerker Eva Jansen" in body
    complainant_hearing, employee_hearing = (
        complaint.hearings.get(party=HearingParty.COMPLAINANT),
        complaint.hearings.get(party=HearingParty.EMPLOYEE),
    )
    assert f"{complainant_hearing.respond_by:%d-%m-%Y}" in body
    for hearing in (complainant_hearing, employee_hearing):
        assert f'name="hearing_report-{hearing.pk}-report"' in body
        assert f'name="hearing_response-{hearing.pk}-response"' in body
    assert "Hoorverslag vastleggen (medewerker Eva Jansen)" in body
    # Awb 9:9: the copy is outstanding for Eva; the decide step lists all that is still missing.
    [state] = response.context["copy_states"]
    assert (state["name"], state["sent_at"], state["waiver"]) == ("Eva Jansen", None, None)
    assert "nog geen kopie, en geen reden vastgelegd" in body
    outstanding = response.context["decision_outstanding"]
    assert outstanding == lifecycle.decision_outstanding(complaint)
    assert len(outstanding) >= 4
    listed = body[body.index('id="decision-outstanding"') :]
    for problem in outstanding:
        assert f'<li class="utrecht-ordered-list__item">{problem}</li>' in listed
    # The 9:8 lid 3 notice term is over once the complaint is handled formally.
    assert "Bericht niet in behandeling nemen (Awb 9:8 lid 3)" not in body


def test_the_department_head_sees_the_file_but_no_forms(client, coordinator):
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    department = factories.DepartmentFactory(head=head)
    complaint, _employee = hearing_world(coordinator)
    complaint.departments.add(department)
    login_staff(client, head)

    response = client.get(detail_url(complaint))

    assert response.status_code == 200
    assert response.context["actions"] == frozenset()
    body = text(response)
    assert "Horen: klager" in body
    assert "/actie/" not in body


def test_recording_the_answers_and_reports_of_both_parties(client, coordinator):
    complaint, employee = hearing_world(coordinator)
    login_staff(client, coordinator)
    mine = complaint.hearings.get(party=HearingParty.COMPLAINANT)
    theirs = complaint.hearings.get(party=HearingParty.EMPLOYEE, employee=employee)

    answered = post_action(
        client,
        complaint,
        "hearing_response",
        {
            "hearing": mine.pk,
            "response": HearingResponse.WANTS,
            "on": today().isoformat(),
            "how": "telefonisch",
        },
        prefix=f"hearing_response-{mine.pk}",
    )
    reports = [
        post_action(
            client,
            complaint,
            "hearing_report",
            {"hearing": hearing.pk, "held_on": today().isoformat(), "report": f"Gehoord: {who}.", **extra},
            prefix=f"hearing_report-{hearing.pk}",
        )
        # The employee did not come: the box says so.
        for hearing, who, extra in ((mine, "klager", {}), (theirs, "medewerker", {"did_not_come": "on"}))
    ]

    assert answered.status_code == 302
    assert [response.status_code for response in reports] == [302, 302]
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.response, mine.response_on, mine.response_how) == (
        HearingResponse.WANTS,
        today(),
        "telefonisch",
    )
    assert (mine.report, theirs.report) == ("Gehoord: klager.", "Gehoord: medewerker.")
    assert theirs.held_on == today()
    assert (mine.attended, theirs.attended) == (True, False)
    # The hearing is no longer among what the decision lacks.
    assert not any("hoorverslag" in p.lower() for p in lifecycle.decision_outstanding(complaint))


def test_a_hearing_of_another_complaint_is_refused_with_a_message(client, coordinator):
    complaint, _employee = hearing_world(coordinator)
    other, _ = hearing_world(coordinator)
    elsewhere = other.hearings.get(party=HearingParty.COMPLAINANT)
    login_staff(client, coordinator)

    response = post_action(
        client,
        complaint,
        "hearing_report",
        {"hearing": elsewhere.pk, "held_on": today().isoformat(), "report": "Verkeerd dossier."},
        prefix=f"hearing_report-{elsewhere.pk}",
    )

    assert response.status_code == 409
    assert "Deze uitnodiging om te horen hoort niet bij deze klacht." in text(response)
    elsewhere.refresh_from_db()
    assert elsewhere.report == ""


def test_an_invalid_row_form_shows_its_errors_in_its_own_row(client, coordinator):
    complaint, _employee = hearing_world(coordinator)
    hearing = complaint.hearings.get(party=HearingParty.COMPLAINANT)
    login_staff(client, coordinator)

    response = post_action(
        client,
        complaint,
        "hearing_report",
        {"hearing": hearing.pk, "held_on": "gisteren", "report": ""},
        prefix=f"hearing_report-{hearing.pk}",
    )

    assert response.status_code == 400
    body = text(response)
    assert "Geef een bestaande datum als jjjj-mm-dd" in body
    assert f'id="id_hearing_report-{hearing.pk}-held_on_error"' in body


def _representative() -> Representative:
    return Representative.objects.create(name="Mr. P. de Raad", organisation="Rechtshulp Noord")


# Each new form on the file: the status it is shown in, what is posted, and what it recorded.
ACTION_CASES = [
    pytest.param(
        S.FORMAL,
        "skip_hearing",
        {"reason": HearingSkipReason.WAIVED, "waived_on": "TODAY", "waived_how": "per e-mail"},
        lambda c: (c.hearing_skip_reason, c.hearing_skip_explanation.endswith("per e-mail")),
        (HearingSkipReason.WAIVED, True),
        id="skip-hearing-waived",
    ),
    pytest.param(
        S.FORMAL,
        "skip_hearing",
        {"reason": HearingSkipReason.CLEARLY_UNFOUNDED, "explanation": "De gedraging vond niet plaats."},
        lambda c: (c.hearing_skip_reason, c.hearing_skip_explanation),
        (HearingSkipReason.CLEARLY_UNFOUNDED, "De gedraging vond niet plaats."),
        id="skip-hearing-unfounded",
    ),
    pytest.param(
        S.FORMAL,
        "waive_copy",
        {
            "reason": CopyWaiverReason.EMPLOYEE_LEFT,
            "employee": "EMPLOYEE",
            "explanation": "Uit dienst per 1 mei.",
        },
        lambda c: list(c.copy_waivers.values_list("reason", "explanation")),
        [(CopyWaiverReason.EMPLOYEE_LEFT, "Uit dienst per 1 mei.")],
        id="waive-copy",
    ),
    pytest.param(
        S.FORMAL,
        "extend_with_consent",
        {"until": "DUE+30", "consent_on": "TODAY", "how": "per e-mail van de klager"},
        lambda c: (c.decision_due == c.consented_decision_due, c.consent_given_on == today(), c.consent_how),
        (True, True, "per e-mail van de klager"),
        id="extend-with-consent",
    ),
    pytest.param(
        S.FORMAL,
        "postpone",
        {"weeks": "3", "reason": "Advies van de afdeling nodig."},
        lambda c: c.postponement_weeks,
        3,
        id="postpone",
    ),
    pytest.param(
        S.TRIAGE,
        "committee",
        {"committee": "on"},
        lambda c: c.committee,
        True,
        id="committee",
    ),
    pytest.param(
        S.TRIAGE,
        "competent_organ",
        {"organ": CompetentOrgan.MAYOR},
        lambda c: c.competent_organ,
        CompetentOrgan.MAYOR,
        id="competent-organ",
    ),
    pytest.param(
        S.TRIAGE,
        "about_failure_to_decide",
        {"value": "on"},
        lambda c: c.about_failure_to_decide,
        True,
        id="about-failure-to-decide",
    ),
    pytest.param(
        S.FORMAL,
        "representative",
        {"kind": "document", "on": "TODAY", "copy_to_complainant": "on"},
        lambda c: (c.representative.is_authorised, c.representative.copy_to_complainant),
        (True, True),
        id="representative-authorisation",
    ),
    pytest.param(
        S.CLOSED,
        "ombudsman",
        {"on": "TODAY", "ended_on": ""},
        lambda c: (c.ombudsman_on == today(), c.retention_result),
        (True, RetentionResult.OMBUDSMAN),
        id="ombudsman",
    ),
]


@pytest.mark.parametrize(("status", "name", "fields", "read", "expected"), ACTION_CASES)
def test_each_new_form_on_the_file_works(status, name, fields, read, expected, client, coordinator):
    Municipality.objects.update_or_create(
        pk=Municipality.load().pk, defaults={"uses_advisory_committee": True}
    )
    employee = factories.handler(first_name="Eva", last_name="Jansen")
    complaint = bring_to(
        status, actor=coordinator, employees_involved=[employee], representative=_representative()
    )
    login_staff(client, coordinator)
    page = client.get(detail_url(complaint))
    assert name in page.context["actions"], name
    assert f'action="{action_url(complaint, name)}"' in text(page)
    values = {
        "TODAY": today().isoformat(),
        "EMPLOYEE": str(employee.pk),
        "DUE+30": (complaint.decision_due + dt.timedelta(days=30)).isoformat(),
    }
    data = {key: values.get(value, value) for key, value in fields.items()}

    response = post_action(client, complaint, name, data)

    assert response.status_code == 302, text(response)[:3000]
    assert read(Complaint.objects.get(pk=complaint.pk)) == expected
    assert (
        ComplaintEvent.objects.filter(complaint=complaint, actor=coordinator).latest("pk").at.date()
        == today()
    )


# A form posted when the lifecycle does not allow it: the domain's message and 409, never a 500.
REFUSED_CASES = [
    pytest.param(
        S.RECEIVED,
        "skip_hearing",
        {"reason": HearingSkipReason.CLEARLY_UNFOUNDED, "explanation": "x"},
        "Afzien van horen kan alleen bij een klacht in formele behandeling.",
        id="skip-before-formal",
    ),
    pytest.param(
        S.FORMAL,
        "skip_hearing",
        {"reason": HearingSkipReason.NO_RESPONSE},
        "Stuur eerst een uitnodiging.",
        id="skip-c-without-invitation",
    ),
    pytest.param(
        S.DECIDED,
        "extend_with_consent",
        {"until": "2099-01-01", "consent_on": "TODAY", "how": "e-mail"},
        "kan met instemming worden uitgesteld",
        id="consent-after-decision",
    ),
    pytest.param(
        S.FORMAL,
        "extend_with_consent",
        {"until": "TODAY", "consent_on": "TODAY", "how": "e-mail"},
        "De nieuwe datum moet na de huidige beslisdatum",
        id="consent-not-later",
    ),
    pytest.param(
        S.DECIDED,
        "postpone",
        {"weeks": "1", "reason": "Te laat bedacht."},
        "Alleen de termijn van een klacht die nog in behandeling is, kan worden verdaagd.",
        id="postpone-after-decision",
    ),
    pytest.param(
        S.RECEIVED, "ombudsman", {"on": "TODAY"}, "De ombudsman komt pas in beeld", id="ombudsman-too-early"
    ),
    pytest.param(
        S.FORMAL,
        "learning_review",
        {"improvement_possible": "ja", "reasoning": "Training."},
        "Leerpunten worden vastgelegd als de behandeling is afgerond",
        id="learning-review-too-early",
    ),
    pytest.param(
        S.FORMAL,
        "propose_measure",
        {
            "description": "Training",
            "department": "DEPARTMENT",
            "responsible": "EMPLOYEE",
            "due_date": "31-12-2099",
        },
        "Verbetermaatregelen worden voorgesteld tijdens de leerpunten.",
        id="measure-too-early",
    ),
    pytest.param(
        S.FORMAL,
        "representative",
        {"kind": "document", "on": "TODAY"},
        "Bij deze klacht is geen gemachtigde vastgelegd.",
        id="no-representative",
    ),
    pytest.param(
        S.TRIAGE,
        "committee",
        {"committee": "on"},
        "De gemeente heeft geen klachtadviescommissie ingesteld",
        id="committee-without-one",
    ),
    pytest.param(
        S.NOT_HANDLED,
        "waive_copy",
        {"reason": CopyWaiverReason.NO_PERSON},
        "Dit kan niet bij een klacht met status 'Niet in behandeling genomen'.",
        id="copy-reason-after-9-8",
    ),
]


@pytest.mark.parametrize(("status", "name", "fields", "message"), REFUSED_CASES)
def test_a_refused_action_shows_the_domain_error(status, name, fields, message, client, coordinator):
    department = factories.DepartmentFactory()
    employee = factories.handler()
    complaint = bring_to(status, actor=coordinator)
    login_staff(client, coordinator)
    values = {"TODAY": today().isoformat(), "EMPLOYEE": str(employee.pk), "DEPARTMENT": str(department.pk)}
    data = {key: values.get(value, value) for key, value in fields.items()}
    before, before_events = snapshot(complaint), events(complaint)

    response = post_action(client, complaint, name, data)

    assert response.status_code == 409, text(response)[:2000]
    assert message in text(response)
    assert snapshot(complaint) == before
    assert events(complaint) == before_events


def test_waiving_the_copy_for_nobody_on_a_file_without_employees(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    login_staff(client, coordinator)
    page = client.get(detail_url(complaint))
    assert list(page.context["forms"]["waive_copy"].fields["reason"].choices) == [
        (CopyWaiverReason.NO_PERSON.value, CopyWaiverReason.NO_PERSON.label)
    ]

    response = post_action(client, complaint, "waive_copy", {"reason": CopyWaiverReason.NO_PERSON})

    assert response.status_code == 302
    assert CopyWaiver.objects.get(complaint=complaint).employee is None
    assert lifecycle.copies_outstanding(complaint) == []


def test_the_copy_state_per_employee(client, coordinator):
    sent, left, outstanding = (
        factories.handler(first_name="Sam", last_name="Verstuurd"),
        factories.handler(first_name="Lotte", last_name="Vertrokken"),
        factories.handler(first_name="Olaf", last_name="Open"),
    )
    complaint = bring_to(Status.FORMAL, actor=coordinator, employees_involved=[sent, left, outstanding])
    ComplaintEvent.objects.create(
        complaint=complaint, kind="letter", summary="Kopie", data={"copy": "awb_9_9", "recipients": [sent.pk]}
    )
    services.waive_copy(complaint, reason=CopyWaiverReason.EMPLOYEE_LEFT, employee=left, actor=coordinator)
    login_staff(client, coordinator)

    response = client.get(detail_url(complaint))

    states = {state["name"]: state for state in response.context["copy_states"]}
    assert states["Sam Verstuurd"]["sent_at"] is not None
    assert states["Lotte Vertrokken"]["waiver"].reason == CopyWaiverReason.EMPLOYEE_LEFT
    assert (states["Olaf Open"]["sent_at"], states["Olaf Open"]["waiver"]) == (None, None)
    body = text(response)
    assert "geen kopie per e-mail: De medewerker is niet meer in dienst" in body
    assert "Olaf Open" in lifecycle.copies_outstanding(complaint)[0]


def test_the_postpone_form_offers_only_the_weeks_left(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = lifecycle.postpone_decision(complaint, weeks=3, reason="Advies.", actor=coordinator)
    login_staff(client, coordinator)

    page = client.get(detail_url(complaint))

    form = page.context["forms"]["postpone"]
    assert form.fields["weeks"].max_value == 1
    assert "Nog 1 week mogelijk" in text(page)
    too_many = post_action(client, complaint, "postpone", {"weeks": "2", "reason": "Nog meer advies."})
    assert too_many.status_code == 400
    assert Complaint.objects.get(pk=complaint.pk).postponement_weeks == 3
    lifecycle.postpone_decision(complaint, weeks=1, reason="Laatste week.", actor=coordinator)
    assert "action-postpone" not in text(client.get(detail_url(complaint)))


def test_the_committee_form_only_when_the_municipality_has_one(client, coordinator):
    complaint = bring_to(Status.TRIAGE, actor=coordinator)
    login_staff(client, coordinator)
    assert "action-committee" not in text(client.get(detail_url(complaint)))
    Municipality.objects.update_or_create(
        pk=Municipality.load().pk, defaults={"uses_advisory_committee": True}
    )
    body = text(client.get(detail_url(complaint)))
    assert "action-committee" in body


def test_the_terms_panel_shows_the_9_8_notice_term_during_intake(client, coordinator):
    complaint = bring_to(Status.TRIAGE, actor=coordinator)
    login_staff(client, coordinator)

    body = text(client.get(detail_url(complaint)))

    assert "Bericht niet in behandeling nemen (Awb 9:8 lid 3)" in body
    assert f"uiterlijk {complaint.not_handled_notice_due:%d-%m-%Y}" in body


def test_a_late_9_8_decision_shows_it_was_late(client, coordinator):
    complaint = bring_to(Status.TRIAGE, actor=coordinator, received_at=timezone.now() - dt.timedelta(days=40))
    login_staff(client, coordinator)
    page = text(client.get(detail_url(complaint)))
    assert "verstreken: een brief kan nog, maar zegt niet dat hij op tijd is" in page
    assert "De termijn voor dit bericht liep tot en met" in page

    response = client.post(
        step_url(complaint, "not_handle"),
        {"not_handle-ground": NotHandledGround.INSUFFICIENT_INTEREST, "not_handle-reason": "Te gering."},
    )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.not_handled_notice_late
    body = text(client.get(detail_url(complaint)))
    assert "te laat" in body
    assert str(NotHandledGround.INSUFFICIENT_INTEREST.label) in body


def test_ground_b_for_recent_conduct_is_refused_with_the_dates(client, coordinator):
    complaint = bring_to(Status.TRIAGE, actor=coordinator, conduct_date=today() - dt.timedelta(days=30))
    login_staff(client, coordinator)
    page = text(client.get(detail_url(complaint)))
    assert "Onder b (langer dan een jaar geleden)" in page

    response = client.post(
        step_url(complaint, "not_handle"),
        {"not_handle-ground": NotHandledGround.OLDER_THAN_A_YEAR, "not_handle-reason": ""},
    )

    assert response.status_code == 409
    assert "artikel 9:8, eerste lid, onder b is geen grond" in text(response)
    assert status_of(complaint) == Status.TRIAGE


def test_the_decision_term_shows_committee_postponement_and_consent(client, coordinator):
    Municipality.objects.update_or_create(
        pk=Municipality.load().pk, defaults={"uses_advisory_committee": True}
    )
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = lifecycle.set_committee(complaint, committee=True, actor=coordinator)
    complaint = lifecycle.postpone_decision(
        complaint, weeks=4, reason="Commissie vergadert later.", actor=coordinator
    )
    complaint = lifecycle.record_extension_consent(
        complaint,
        until=complaint.decision_due + dt.timedelta(days=14),
        consent_on=today(),
        how="per e-mail",
        actor=coordinator,
    )
    login_staff(client, coordinator)

    body = text(client.get(detail_url(complaint)))

    assert "10 weken: de adviescommissie behandelt de klacht (lid 1)" in body
    assert "verdaagd met 4 weken (lid 2): Commissie vergadert later." in body
    assert (
        f"met schriftelijke instemming van de klager tot {complaint.consented_decision_due:%d-%m-%Y} (lid 3); "
        f"ingestemd op {today():%d-%m-%Y}, per e-mail"
    ) in body
    assert "action-postpone" not in body


NEW_STEP_CASES = [
    pytest.param(
        S.INFORMAL,
        "resolve_informally",
        {
            "solution": "Excuses.",
            "rung": Rung.EMPLOYEE,
            "satisfied_on": "TODAY",
            "satisfied_how": "telefonisch",
        },
        lambda c: (c.status, c.satisfaction_confirmed_on == today(), c.formal_request_due is not None),
        (S.RESOLVED_INFORMALLY, True, True),
        id="resolve-informally",
    ),
    pytest.param(
        S.RESOLVED_INFORMALLY,
        "reopen_formal",
        {"requested_on": "TODAY", "how": "telefonisch"},
        lambda c: (c.status, c.formal_requested_on == today()),
        (S.FORMAL, True),
        id="reopen-formal",
    ),
    pytest.param(
        S.TRIAGE,
        "forward",
        {"document_kind": DocumentKind.OBJECTION},
        lambda c: (c.status, c.forwarded_kind, c.referred_to),
        (S.REFERRED, DocumentKind.OBJECTION, "de bezwaarschriftencommissie"),
        id="forward",
    ),
    pytest.param(
        S.FORMAL,
        "schedule_hearing",
        # A term of at least a week (Awb 9:10 lid 2 onder c), whatever weekday and holidays today brings.
        {"hearing_on": "TODAY+14", "respond_by": "TODAY+14"},
        lambda c: sorted(c.hearings.values_list("party", "respond_by")),
        [(HearingParty.COMPLAINANT, "TODAY+14")],
        id="invite-without-employees",
    ),
    pytest.param(
        S.LEARNING_REVIEW,
        "close",
        {"retention": RetentionResult.FINANCIAL},
        lambda c: (c.status, c.retention_result),
        (S.CLOSED, RetentionResult.FINANCIAL),
        id="close-financial",
    ),
]


@pytest.mark.parametrize(("status", "name", "fields", "read", "expected"), NEW_STEP_CASES)
def test_the_new_step_parameters_through_the_screen(
    status, name, fields, read, expected, client, coordinator
):
    ForwardingDestination.objects.create(
        kind=DocumentKind.OBJECTION, name="de bezwaarschriftencommissie", email="bezwaar@gemeente.example"
    )
    employee = factories.handler()
    complaint = bring_to(status, actor=coordinator, employees_involved=[employee])
    if name == "close":
        record_learning_review(complaint, improvement_possible=False, reasoning="Niets.", actor=coordinator)
    login_staff(client, coordinator)
    page = text(client.get(detail_url(complaint)))
    for field in fields:
        assert f'name="{name}-{field}"' in page, field
    values = {
        "TODAY": today(),
        "TODAY+10": today() + dt.timedelta(days=10),
        "TODAY+5": today() + dt.timedelta(days=5),
        "TODAY+14": today() + dt.timedelta(days=14),
    }
    data = {
        f"{name}-{key}": getattr(values.get(value), "isoformat", lambda v=value: v)()
        for key, value in fields.items()
    }

    response = client.post(step_url(complaint, name), data)

    assert response.status_code == 302, text(response)[:3000]
    expected = [(party, values[day]) for party, day in expected] if name == "schedule_hearing" else expected
    assert read(Complaint.objects.get(pk=complaint.pk)) == expected


def test_the_close_form_offers_the_three_closing_results_with_handled_first(client, coordinator):
    complaint = bring_to(Status.LEARNING_REVIEW, actor=coordinator)
    login_staff(client, coordinator)
    steps = {t.name: form for t, form in client.get(detail_url(complaint)).context["transitions"]}
    field = steps["close"].fields["retention"]
    assert [value for value, _label in field.choices] == ["handled", "financial", "permanent"]
    assert field.initial == RetentionResult.HANDLED


def test_the_invitation_form_invites_the_employees_unless_unticked(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    login_staff(client, coordinator)
    body = text(client.get(detail_url(complaint)))
    assert re.search(r'<input type="checkbox" name="schedule_hearing-invite_employees"[^>]*checked', body)
    assert "Leeg laten: 2 weken na vandaag" in body


def test_everything_a_decision_lacks_is_listed_above_the_decide_step(client, coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator, employees_involved=[factories.handler()])
    login_staff(client, coordinator)

    body = text(client.get(detail_url(complaint)))

    outstanding = body[
        body.index('id="decision-outstanding"') : body.index('action="' + step_url(complaint, "decide"))
    ]
    for expected in ("bevindingen (Awb 9:12)", "nog niet uitgenodigd", "geen kopie van de klacht gekregen"):
        assert expected in outstanding, expected


def test_hearing_response_after_the_decision_is_refused_with_409(client, coordinator):
    complaint, employee = hearing_world(coordinator)
    hearing = complaint.hearings.get(party=HearingParty.COMPLAINANT)
    services.waive_copy(
        complaint, reason=CopyWaiverReason.GIVEN_ON_PAPER, employee=employee, actor=coordinator
    )
    for row in complaint.hearings.all():
        services.record_hearing_report(row, report="Gehoord.", held_on=today(), actor=coordinator)
    services.record_findings(complaint, findings="Bevindingen.", conclusions="", actor=coordinator)
    for part in complaint.parts.all():
        services.judge_part(
            part, judgement=Judgement.UNFOUNDED, reasoning="Niet gebleken.", actor=coordinator
        )
    lifecycle.perform(complaint, "decide", actor=coordinator)
    login_staff(client, coordinator)

    response = post_action(
        client,
        complaint,
        "hearing_response",
        {
            "hearing": hearing.pk,
            "response": HearingResponse.DECLINED,
            "on": today().isoformat(),
            "how": "brief",
        },
        prefix=f"hearing_response-{hearing.pk}",
    )

    assert response.status_code == 409
    assert "Een antwoord op de uitnodiging hoort bij een uitnodiging om te horen." in text(response)
    assert Hearing.objects.get(pk=hearing.pk).response == ""


def test_a_measure_is_proposed_from_the_file_during_the_learning_review(client, coordinator):
    department = factories.DepartmentFactory()
    owner = factories.UserFactory()
    complaint = bring_to(Status.LEARNING_REVIEW, actor=coordinator)
    login_staff(client, coordinator)
    assert "propose_measure" in client.get(detail_url(complaint)).context["actions"]

    response = post_action(
        client,
        complaint,
        "propose_measure",
        {
            "description": "Terugbelverzoeken dagelijks nalopen.",
            "department": department.pk,
            "responsible": owner.pk,
            "due_date": f"{today() + dt.timedelta(days=30):%d-%m-%Y}",
        },
    )

    assert response.status_code == 302
    assert complaint.improvement_measures.get().description == "Terugbelverzoeken dagelijks nalopen."


def test_an_anonymous_complaint_is_handled_as_a_signal_from_the_screen(client, coordinator):
    complaint = bring_to(Status.TRIAGE, actor=coordinator, anonymous=True)
    login_staff(client, coordinator)
    offered = {t.name for t, _form in client.get(detail_url(complaint)).context["transitions"]}
    assert "handle_as_signal" in offered

    refused = client.post(step_url(complaint, "start_formal"), {"start_formal-reason": ""})
    response = client.post(step_url(complaint, "handle_as_signal"), {"handle_as_signal-reason": "Bekijken."})

    assert refused.status_code == 409
    assert "Behandel haar als signaal" in text(refused)
    assert response.status_code == 302
    assert status_of(complaint) == Status.LEARNING_REVIEW


def test_the_files_terms_follow_the_lifecycle_as_the_inbox_does(client, coordinator):
    # Awb 9:8 lid 3: no notice term for an anonymous complaint (nobody to tell), as the inbox filter.
    anonymous = bring_to(S.TRIAGE, actor=coordinator, anonymous=True)
    # Awb 9:11: on the informal route the decision term runs too; long passed, it is marked.
    informal = bring_to(S.INFORMAL, actor=coordinator, received_at=timezone.now() - dt.timedelta(weeks=10))
    login_staff(client, coordinator)

    assert "Bericht niet in behandeling nemen (Awb 9:8 lid 3)" not in text(client.get(detail_url(anonymous)))
    page = text(client.get(detail_url(informal)))
    assert "termijn verstreken" in page
    assert lifecycle.decision_term_runs(informal) and not lifecycle.notice_term_runs(anonymous)
