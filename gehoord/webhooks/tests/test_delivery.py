"""Lifecycle events reach a real local HTTP receiver, signed, once per commit, retried with backoff."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from celery.exceptions import Retry
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from gehoord.cases import lifecycle
from gehoord.cases.tests import factories
from gehoord.core.errors import GuardFailed
from gehoord.webhooks import services
from gehoord.webhooks.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint
from gehoord.webhooks.tasks import deliver_webhook
from gehoord.webhooks.tests.intake import new_complaint
from gehoord.webhooks.tests.receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    # The stand-in receiver listens on loopback, which the outgoing-requests guard refuses unless allowed.
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.OUTBOUND_ALLOW_HTTP = True
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def endpoint(receiver):
    return WebhookEndpoint.objects.create(name="Zaaksysteem", url=receiver.url)


def _verified(endpoint: WebhookEndpoint, request) -> dict:
    return Webhook(endpoint.secret).verify(request.body, request.headers)


def test_a_new_complaint_and_each_step_are_announced_signed(
    receiver, endpoint, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = new_complaint()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.perform(complaint, "start_triage", actor=coordinator)

    assert [r.path for r in receiver.requests] == ["/hooks/gehoord"] * 2
    received, triage = (_verified(endpoint, r) for r in receiver.requests)
    assert received["type"] == "complaint.received"
    assert received["data"] == {
        "reference": complaint.reference,
        "status": "received",
        "url": f"http://127.0.0.1:8000/api/v1/complaints/{complaint.reference}/",
    }
    assert triage["type"] == "complaint.status_changed"
    assert triage["data"]["transition"] == "start_triage"
    assert triage["data"]["status"] == "triage"
    assert receiver.requests[0].headers["content-type"] == "application/json"
    assert receiver.requests[0].headers["webhook-id"] != receiver.requests[1].headers["webhook-id"]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    assert all(d.last_status_code == 200 and d.attempts == 1 for d in WebhookDelivery.objects.all())


def test_no_personal_data_travels(receiver, endpoint, django_capture_on_commit_callbacks):
    complainant = factories.ComplainantFactory.build(first_name="Fatima", last_name="Yılmaz-Bakker")
    with django_capture_on_commit_callbacks(execute=True):
        new_complaint(complainant=complainant, description="De boa schold mij uit op het plein.")
    body = receiver.requests[0].body.decode()
    for personal in ("Fatima", "Yılmaz", complainant.email, "schold"):
        assert personal not in body


def test_postponement_is_its_own_event(receiver, endpoint, coordinator, django_capture_on_commit_callbacks):
    complaint = new_complaint()
    complaint = lifecycle.perform(complaint, "start_triage", actor=coordinator)
    complaint = lifecycle.perform(complaint, "start_formal", actor=coordinator)
    receiver.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = lifecycle.postpone_decision(
            complaint, weeks=2, reason="Advies ingewonnen.", actor=coordinator
        )
    (event,) = (_verified(endpoint, r) for r in receiver.requests)
    assert event["type"] == "complaint.decision_postponed"
    assert event["data"]["decision_due"] == complaint.decision_due.isoformat()


def test_a_delay_with_the_complainants_consent_moves_the_decision_date_too(
    receiver, endpoint, coordinator, django_capture_on_commit_callbacks
):
    complaint = new_complaint()
    complaint = lifecycle.perform(complaint, "start_triage", actor=coordinator)
    complaint = lifecycle.perform(complaint, "start_formal", actor=coordinator)
    receiver.requests.clear()
    later = complaint.decision_due + dt.timedelta(weeks=8)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = lifecycle.record_extension_consent(
            complaint, until=later, consent_on=timezone.localdate(), how="per e-mail", actor=coordinator
        )
    (event,) = (_verified(endpoint, r) for r in receiver.requests)
    assert event["type"] == "complaint.decision_postponed"
    assert event["data"]["decision_due"] == later.isoformat()


def test_a_step_that_rolls_back_announces_nothing(endpoint, coordinator, django_capture_on_commit_callbacks):
    complaint = new_complaint()
    complaint = lifecycle.perform(complaint, "start_triage", actor=coordinator)
    before = WebhookDelivery.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(GuardFailed):
        lifecycle.perform(complaint, "refer", actor=coordinator, destination="", reason="Niet voor ons.")
    assert WebhookDelivery.objects.count() == before
    assert callbacks == []


def test_endpoint_gets_only_the_events_it_asked_for(
    receiver, coordinator, django_capture_on_commit_callbacks
):
    only_steps = WebhookEndpoint.objects.create(
        name="Dashboard", url=receiver.url, events=[EventType.STATUS_CHANGED]
    )
    WebhookEndpoint.objects.create(name="Uit", url=receiver.url, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = new_complaint()
        lifecycle.perform(complaint, "start_triage", actor=coordinator)
    assert [_verified(only_steps, r)["type"] for r in receiver.requests] == ["complaint.status_changed"]
    assert WebhookDelivery.objects.get().endpoint == only_steps


def _one_delivery(endpoint, django_capture_on_commit_callbacks) -> WebhookDelivery:
    with django_capture_on_commit_callbacks(execute=True):
        new_complaint()
    return WebhookDelivery.objects.get(endpoint=endpoint)


def test_a_failure_is_retried_with_backoff_and_the_same_id(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    receiver.statuses = [503, 500, 200]
    delivery = _one_delivery(endpoint, django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.PENDING, 1, 503)
    assert delivery.last_error == "HTTP 503"
    first_wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert first_wait == dt.timedelta(minutes=1)

    # Not yet due: nothing is sent.
    assert services.deliver_due(now=timezone.now()) == 0
    assert services.deliver_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code) == (2, 500)
    assert delivery.next_attempt_at - delivery.last_attempt_at == dt.timedelta(minutes=2)

    assert services.deliver_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.DELIVERED, 3, "")
    assert delivery.next_attempt_at is None
    ids = {r.headers["webhook-id"] for r in receiver.requests}
    assert ids == {str(delivery.event_id)}
    for request in receiver.requests:
        assert _verified(endpoint, request)["type"] == "complaint.received"


def test_backoff_doubles_and_is_capped():
    delays = [services.retry_delay(n) for n in range(1, services.MAX_ATTEMPTS)]
    assert delays[:4] == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert max(delays) == dt.timedelta(hours=6)
    assert sum(delays, dt.timedelta()) > dt.timedelta(hours=24)


def test_after_the_last_attempt_it_is_given_up(receiver, endpoint, django_capture_on_commit_callbacks):
    receiver.statuses = [500]
    delivery = _one_delivery(endpoint, django_capture_on_commit_callbacks)
    for _ in range(services.MAX_ATTEMPTS - 1):
        delivery = services.deliver(delivery.pk)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == services.MAX_ATTEMPTS == len(receiver.requests)
    assert services.due_deliveries(now=timezone.now() + dt.timedelta(days=7)).count() == 0
    # The admin's "deliver again" starts over once the receiver is fixed.
    receiver.statuses = [204]
    services.redeliver(delivery)
    services.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)


def test_an_unreachable_receiver_is_a_failed_attempt(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.stop()
    delivery = _one_delivery(endpoint, django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1 and delivery.last_status_code is None
    assert delivery.last_error.startswith("ConnectionError")
    receiver.start()  # so the fixture can stop it


def test_410_gone_switches_the_endpoint_off(receiver, endpoint, django_capture_on_commit_callbacks):
    receiver.statuses = [410]
    delivery = _one_delivery(endpoint, django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    endpoint.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert not endpoint.is_active


def test_a_redirect_is_not_followed(receiver, endpoint, django_capture_on_commit_callbacks):
    receiver.statuses = [302]
    receiver.redirect_to = "http://127.0.0.1:9/elsewhere"
    delivery = _one_delivery(endpoint, django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.PENDING, 302)
    assert len(receiver.requests) == 1


def test_a_duplicate_task_makes_no_second_attempt(receiver, endpoint, django_capture_on_commit_callbacks):
    receiver.statuses = [500]
    delivery = _one_delivery(endpoint, django_capture_on_commit_callbacks)
    services.deliver(delivery.pk, expected_attempts=0)  # the stale task of the first attempt
    assert len(receiver.requests) == 1
    services.deliver(delivery.pk, expected_attempts=1)
    assert len(receiver.requests) == 2


def test_a_delivered_event_is_never_sent_again(receiver, endpoint, django_capture_on_commit_callbacks):
    delivery = _one_delivery(endpoint, django_capture_on_commit_callbacks)
    services.deliver(delivery.pk)
    services.redeliver(delivery)
    assert len(receiver.requests) == 1


def test_the_worker_task_retries_itself_after_the_backoff(receiver, endpoint):
    receiver.statuses = [500]
    new_complaint()  # the delivery is written; its task would run after the commit
    delivery = WebhookDelivery.objects.get()
    # Called directly the task is not eager, as in a worker: it asks Celery for a retry.
    with pytest.raises(Retry):
        deliver_webhook(delivery.pk, 0)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert delivery.next_attempt_at - delivery.last_attempt_at == dt.timedelta(minutes=1)


def test_the_task_in_process_leaves_the_retry_to_beat(receiver, endpoint):
    receiver.statuses = [500]
    new_complaint()
    delivery = WebhookDelivery.objects.get()
    assert deliver_webhook.apply(args=(delivery.pk, 0)).get() == DeliveryStatus.PENDING
    assert json.loads(receiver.requests[0].body)["type"] == "complaint.received"


def test_the_webhooks_hang_off_the_timeline_writer(endpoint, coordinator, handler):
    """A step is announced because it is on the timeline; a note or a contact is not a step."""
    from gehoord.cases import services as case_services

    complaint = new_complaint()
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    lifecycle.postpone_decision(complaint, weeks=2, reason="Wij wachten op informatie.", actor=coordinator)
    case_services.add_note(complaint, text="Gebeld, geen gehoor.", actor=coordinator)

    types = list(WebhookDelivery.objects.order_by("pk").values_list("event_type", flat=True))
    assert types == [EventType.RECEIVED, EventType.STATUS_CHANGED, EventType.DECISION_POSTPONED]
