"""Stored Idempotency-Key answers: they expire, go with the complaint's personal data, and a replay
is never more than the client may see now."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from gehoord.api.models import IdempotentResponse, Scope
from gehoord.api.tests.test_api import NEW_COMPLAINT, api_client, call
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.privacy import services as privacy
from gehoord.privacy.tests.conftest import ended

pytestmark = pytest.mark.django_db

NOTE = {"text": "Mevrouw Jansen belde over haar rolstoel."}


def _age(answer: IdempotentResponse, hours: float) -> None:
    IdempotentResponse.objects.filter(pk=answer.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=hours)
    )


# --- expiry -------------------------------------------------------------------------


def test_an_answer_is_replayed_within_its_hours_and_names_its_complaint(settings):
    settings.IDEMPOTENCY_KEY_HOURS = 24
    api_client(Scope.INTAKE)
    first = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "k1"})
    _age(IdempotentResponse.objects.get(), 23.9)

    again = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "k1"})

    assert again["Idempotent-Replayed"] == "true"
    assert IdempotentResponse.objects.get().complaint.reference == first.json()["reference"]


def test_an_expired_key_is_a_new_key_and_its_answer_is_removed(settings):
    settings.IDEMPOTENCY_KEY_HOURS = 24
    api_client(Scope.WRITE, Scope.READ)
    complaint = factories.make_complaint()
    call("post", f"complaints/{complaint.reference}/notes/", NOTE, **{"Idempotency-Key": "note-1"})
    old = IdempotentResponse.objects.get()
    _age(old, 24.1)

    again = call("post", f"complaints/{complaint.reference}/notes/", NOTE, **{"Idempotency-Key": "note-1"})

    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert complaint.events.filter(kind="note").count() == 2
    [fresh] = IdempotentResponse.objects.all()
    assert fresh.pk != old.pk and fresh.complaint == complaint


def test_an_expired_key_may_carry_another_body(settings):
    api_client(Scope.INTAKE)
    call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "k1"})
    _age(IdempotentResponse.objects.get(), settings.IDEMPOTENCY_KEY_HOURS + 1)

    other = {**NEW_COMPLAINT, "description": "Mijn afvalpas kwam nooit aan."}
    response = call("post", "complaints/", other, **{"Idempotency-Key": "k1"})

    assert response.status_code == 201
    assert Complaint.objects.count() == 2


def test_the_hourly_task_removes_expired_answers_only(settings):
    settings.IDEMPOTENCY_KEY_HOURS = 2
    api_client(Scope.INTAKE)
    call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "old"})
    call(
        "post", "complaints/", {**NEW_COMPLAINT, "description": "Iets anders."}, **{"Idempotency-Key": "new"}
    )
    _age(IdempotentResponse.objects.get(key="old"), 2.5)
    _age(IdempotentResponse.objects.get(key="new"), 1.5)

    from gehoord.api.tasks import remove_expired_idempotent_responses

    assert remove_expired_idempotent_responses.apply().get() == "1 expired idempotent responses removed"
    assert list(IdempotentResponse.objects.values_list("key", flat=True)) == ["new"]
    scheduled = {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "gehoord.api.tasks.remove_expired_idempotent_responses" in scheduled


# --- a replay checks that the client may still see the complaint ----------------------------


def test_a_replay_after_losing_sight_of_the_complaint_is_a_new_request_and_answers_404():
    """A handler's service account, and the complaint reassigned: no replay, the new request 404s."""
    account = factories.handler(username="koppeling-behandelaar", is_service_account=True)
    api_client(Scope.WRITE, Scope.READ, user=account)
    complaint = factories.make_complaint()
    Complaint.objects.filter(pk=complaint.pk).update(handler=account)
    first = call("post", f"complaints/{complaint.reference}/notes/", NOTE, **{"Idempotency-Key": "n1"})
    assert first.status_code == 201
    # Reassigned: the service account (a handler) no longer sees the complaint.
    Complaint.objects.filter(pk=complaint.pk).update(handler=factories.handler())

    again = call("post", f"complaints/{complaint.reference}/notes/", NOTE, **{"Idempotency-Key": "n1"})

    assert again.status_code == 404
    assert "Idempotent-Replayed" not in again
    assert "rolstoel" not in again.content.decode()
    assert not IdempotentResponse.objects.exists()
    assert complaint.events.filter(kind="note").count() == 1


def test_a_submission_replayed_after_being_named_as_involved_is_a_new_request():
    account = factories.coordinator(username="koppeling-coordinator", is_service_account=True)
    api_client(Scope.INTAKE, Scope.READ, user=account)
    first = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "k1"})
    stored = IdempotentResponse.objects.get()
    complaint = Complaint.objects.get(reference=first.json()["reference"])
    # Awb 9:7: the complaint turns out to be about the service account's own conduct.
    complaint.employees_involved.add(account)

    again = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "k1"})

    # Not replayed: the stored answer is gone, and the request went through the one way in again,
    # which answers a resubmission only to the client that sent it and makes no second complaint.
    assert "Idempotent-Replayed" not in again
    assert not IdempotentResponse.objects.filter(pk=stored.pk).exists()
    assert again.status_code == 200 and Complaint.objects.count() == 1


def test_an_intake_client_that_sees_no_complaints_still_retries_safely():
    # Its service account has no role: it sees no complaint, so nothing is replayed; the one way in
    # answers the retry with the first complaint (only to the client that sent it), and makes no second.
    api_client(Scope.INTAKE, user=factories.UserFactory(username="formulieren", is_service_account=True))
    first = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "f1"})
    again = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "f1"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["reference"] == first.json()["reference"]
    assert Complaint.objects.count() == 1


# --- erasure ------------------------------------------------------------------------


def test_after_erasure_no_stored_answer_holds_the_complainants_data(coordinator):
    account = factories.coordinator(username="koppeling-coordinator", is_service_account=True)
    api_client(Scope.INTAKE, Scope.WRITE, user=account)
    submitted = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "k1"})
    reference = submitted.json()["reference"]
    call("post", f"complaints/{reference}/notes/", NOTE, **{"Idempotency-Key": "k2"})
    other = call(
        "post",
        "complaints/",
        {
            **NEW_COMPLAINT,
            "last_name": "Anders",
            "email": "anders@example.org",
            "description": "Iets anders.",
        },
        **{"Idempotency-Key": "k3"},
    )
    stored = json.dumps(list(IdempotentResponse.objects.values_list("body", flat=True)))
    # The API's answers carry the complainant's words (the stored complaint) and the note's text.
    assert "beloofd teruggebeld" in stored and "rolstoel" in stored
    complaint = ended(Complaint.objects.get(reference=reference), closed_at=timezone.now())
    # The acknowledgment is still queued in a test without a worker: out of the way of the erasure.
    complaint.letters.update(status="sent")

    erasure = privacy.erase_complainant_data(complaint, "Verzoek van de klager", coordinator)

    stored = json.dumps(list(IdempotentResponse.objects.values_list("body", flat=True)))
    for secret in ("beloofd teruggebeld", "rolstoel", reference):
        assert secret not in stored, secret
    assert erasure.removed["idempotent_responses"] == 2
    # The other complaint's answer stays.
    assert IdempotentResponse.objects.get().complaint.reference == other.json()["reference"]
    # A retry with the erased key is a new request: the note's complaint is not there any more to hear it.
    again = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "k1"})
    assert "Idempotent-Replayed" not in again


def test_the_migration_links_old_answers_to_their_complaint_or_removes_them():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "gehoord.api.migrations.0002_idempotent_answers_expire_and_name_their_complaint"
    )
    client = api_client(Scope.INTAKE, Scope.WRITE)
    complaint = factories.make_complaint()
    made = IdempotentResponse.objects.create(
        client=client,
        key="a",
        request_hash="0" * 64,
        status_code=201,
        body={"reference": complaint.reference},
    )
    # A note's answer names no reference: it cannot be checked on a replay nor erased with its complaint.
    noted = IdempotentResponse.objects.create(
        client=client, key="b", request_hash="0" * 64, status_code=201, body={"details": "Gebeld met Jansen"}
    )

    migration.link_or_remove_stored_answers(apps, None)

    assert IdempotentResponse.objects.get(pk=made.pk).complaint == complaint
    assert not IdempotentResponse.objects.filter(pk=noted.pk).exists()
