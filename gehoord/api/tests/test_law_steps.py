"""The API and the law of [9]: the new step parameters and the file's new facts, read-only.

Dates travel as ISO text (jjjj-mm-dd); a value that is no date is named with a
Dutch message (400), a rule of the lifecycle refuses with its own message (409 or 422),
and nothing is ever a server error.
"""

import datetime as dt

import pytest
from django.utils import timezone

from gehoord.api.models import Scope
from gehoord.api.tests.test_api import api_client, call
from gehoord.cases import lifecycle
from gehoord.cases.constants import HearingParty, RetentionResult, Rung, Status
from gehoord.cases.models import Complaint, Representative
from gehoord.cases.tests import factories
from gehoord.learning.services import record_learning_review

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def step(complaint: Complaint, name: str, **params: str):
    return call("post", f"complaints/{complaint.reference}/transitions/", {"name": name, "params": params})


def formal(coordinator, **kwargs) -> Complaint:
    complaint = factories.make_complaint(received_at=timezone.now() - dt.timedelta(days=2), **kwargs)
    for name in ("start_triage", "start_formal"):
        complaint = lifecycle.perform(complaint, name, actor=coordinator)
    return complaint


@pytest.fixture
def coordinator():
    user = factories.coordinator(username="koppeling-wet", is_service_account=True)
    api_client(Scope.READ, Scope.WRITE, user=user)
    return user


def test_inviting_both_parties_through_the_api(coordinator):
    employee = factories.handler(first_name="Eva", last_name="Jansen")
    complaint = formal(coordinator, employees_involved=[employee])
    hearing_on = today() + dt.timedelta(days=14)

    response = step(complaint, "schedule_hearing", hearing_on=hearing_on.isoformat(), hearing_time="09:30")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == Status.HEARING
    # invite_employees left out: its default (yes), as the screen's ticked box.
    parties = sorted((h["party"], h["employee"]) for h in body["hearings"])
    assert parties == [(HearingParty.COMPLAINANT, None), (HearingParty.EMPLOYEE, "Eva Jansen")]
    assert {h["hearing_on"] for h in body["hearings"]} == {hearing_on.isoformat()}
    assert {h["reported"] for h in body["hearings"]} == {False}


def test_inviting_only_the_complainant_with_an_own_answer_term(coordinator):
    complaint = formal(coordinator, employees_involved=[factories.handler()])
    # At least a week to answer (Awb 9:10 lid 2 onder c), whatever weekday or holiday today brings.
    respond_by = today() + dt.timedelta(days=14)

    response = step(
        complaint,
        "schedule_hearing",
        hearing_on=(today() + dt.timedelta(days=21)).isoformat(),
        respond_by=respond_by.isoformat(),
        invite_employees="false",
    )

    assert response.status_code == 200, response.content
    [hearing] = response.json()["hearings"]
    assert (hearing["party"], hearing["respond_by"]) == (HearingParty.COMPLAINANT, respond_by.isoformat())


@pytest.mark.parametrize(
    ("name", "params", "field"),
    [
        ("schedule_hearing", {"hearing_on": "30-02-2026"}, "hearing_on"),
        ("schedule_hearing", {"hearing_on": "2026-13-01"}, "hearing_on"),
        ("schedule_hearing", {"hearing_on": "2099-01-01", "respond_by": "morgen"}, "respond_by"),
        ("schedule_hearing", {"hearing_on": "2026-01-01T10:00"}, "hearing_on"),
        ("not_handle", {"ground": "onder z"}, "ground"),
        ("decide", {"reason": "x" * 10_001}, "params.reason"),
    ],
    ids=["no-such-day", "no-such-month", "respond-by-word", "datetime", "unknown-ground", "too-long"],
)
def test_a_parameter_that_is_wrong_is_named_in_dutch(name, params, field, coordinator):
    complaint = formal(coordinator)

    response = step(complaint, name, **params)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert list(errors) == [field]
    if field in ("hearing_on", "respond_by"):
        assert errors[field] == ["Geef een bestaande datum als jjjj-mm-dd, bijvoorbeeld 2026-03-30."]
    assert Complaint.objects.get(pk=complaint.pk).status == Status.FORMAL


def test_resolving_informally_records_the_satisfaction(coordinator):
    complaint = factories.make_complaint()
    for name in ("start_triage", "start_informal"):
        complaint = lifecycle.perform(complaint, name, actor=coordinator)

    missing = step(complaint, "resolve_informally", solution="Excuses.", rung=Rung.HANDLER)
    tomorrow = step(
        complaint,
        "resolve_informally",
        solution="Excuses.",
        rung=Rung.HANDLER,
        satisfied_on=(today() + dt.timedelta(days=1)).isoformat(),
        satisfied_how="telefonisch",
    )
    done = step(
        complaint,
        "resolve_informally",
        solution="Excuses.",
        rung=Rung.HANDLER,
        satisfied_on=today().isoformat(),
        satisfied_how="telefonisch",
    )

    assert missing.status_code == 400 and set(missing.json()["errors"]) == {"satisfied_on", "satisfied_how"}
    assert tomorrow.status_code == 422
    assert "Een datum die nog moet komen kan hier niet" in tomorrow.json()["detail"]
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["satisfaction_confirmed_on"] == today().isoformat()
    assert body["formal_request_due"] is not None


def test_closing_with_a_retention_result(coordinator):
    complaint = factories.make_complaint()
    for name in ("start_triage", "start_informal"):
        complaint = lifecycle.perform(complaint, name, actor=coordinator)
    complaint = lifecycle.perform(
        complaint,
        "resolve_informally",
        actor=coordinator,
        solution="Excuses.",
        rung=Rung.HANDLER,
        satisfied_on=today(),
        satisfied_how="telefonisch",
    )
    complaint = lifecycle.perform(complaint, "start_learning_review", actor=coordinator)
    record_learning_review(complaint, improvement_possible=False, reasoning="Niets.", actor=coordinator)
    # The term the confirmation offered for formal handling (Awb 9:5) has passed.
    Complaint.objects.filter(pk=complaint.pk).update(formal_request_due=today() - dt.timedelta(days=1))

    wrong = step(complaint, "close", retention="ombudsman")
    closed = step(complaint, "close", retention=RetentionResult.FINANCIAL)

    assert wrong.status_code == 400 and list(wrong.json()["errors"]) == ["retention"]
    assert closed.status_code == 200, closed.content
    assert closed.json()["retention_result"] == RetentionResult.FINANCIAL


def test_the_file_shows_the_laws_facts_read_only(coordinator):
    representative = Representative.objects.create(
        name="Mr. P. de Raad", authorisation_kind="document", authorised_on=today(), email="raad@example.org"
    )
    complaint = formal(coordinator, representative=representative)

    body = call("get", f"complaints/{complaint.reference}/").json()

    assert body["competent_organ"] == "college"
    assert body["committee"] is False and body["about_failure_to_decide"] is False
    assert body["representative"] == {
        "authorised": True,
        "authorisation_kind": "document",
        "authorised_on": today().isoformat(),
        "copy_to_complainant": False,
    }
    # No contact details of the representative through this door.
    assert "raad@example.org" not in str(body)
    assert body["hearings"] == [] and body["hearing_skip_reason"] == ""
    assert body["not_handled_notice_due"] == complaint.not_handled_notice_due.isoformat()


def test_the_schema_names_every_steps_parameters(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    description = schema["components"]["schemas"]["TransitionRequest"]["properties"]["params"]["description"]
    for expected in ("schedule_hearing: hearing_on, hearing_time", "invite_employees", "close: retention"):
        assert expected in description
    components = schema["components"]["schemas"]
    # The file is read, never written, through this shape: there is no request version of it.
    assert {"Complaint", "Hearing", "Representative"} <= set(components)
    assert not {"ComplaintRequest", "HearingRequest", "RepresentativeRequest"} & set(components)
    # An empty value (not yet chosen) is part of each new choice, as the responses carry it.
    for name in ("retention_result", "hearing_skip_reason", "not_handled_ground", "competent_organ"):
        refs = str(components["Complaint"]["properties"][name])
        assert "BlankEnum" in refs or name == "competent_organ", name
