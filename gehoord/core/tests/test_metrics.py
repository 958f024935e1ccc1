"""/metrics: only for the token or loopback, with django-prometheus's metrics and the ops gauges."""

import datetime as dt

import prometheus_client
import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from gehoord.cases.constants import Status
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.core import metrics
from gehoord.correspondence.constants import Delivery, LetterKind, LetterStatus
from gehoord.correspondence.models import Letter
from gehoord.mailbox.models import InboundMessage, MessageOutcome, MessageSource
from gehoord.monitor import metrics as domain_metrics
from gehoord.webhooks.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

TOKEN = "prometheus-scrape-token-0123456789"


def samples(response) -> dict[tuple[str, tuple], float]:
    """{(sample name, sorted labels): value} of a metrics page."""
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_without_a_token_a_request_from_elsewhere_gets_404(client):
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.5").status_code == 404


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
def test_without_a_token_loopback_may_scrape(client, address):
    response = client.get("/metrics", REMOTE_ADDR=address)

    assert response.status_code == 200
    assert response["Content-Type"] == prometheus_client.CONTENT_TYPE_LATEST
    assert "no-cache" in response["Cache-Control"]
    assert b"django_http_requests_total_by_method_total" in response.content


@pytest.mark.parametrize("header", ["HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED"])
def test_a_request_a_local_proxy_forwarded_gets_404(client, header):
    # A reverse proxy on the same machine connects from loopback for every visitor on the internet.
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", **{header: "203.0.113.9"}).status_code == 404


def test_with_a_token_the_right_bearer_token_may_scrape_from_anywhere(client, settings):
    settings.METRICS_TOKEN = TOKEN

    response = client.get("/metrics", REMOTE_ADDR="10.0.0.5", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert response.status_code == 200
    assert b"gehoord_complaints_open" in response.content


@pytest.mark.parametrize(
    "authorization",
    [None, f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer ", f"Basic {TOKEN}", TOKEN],
)
def test_with_a_token_anything_else_gets_404_even_from_loopback(client, settings, authorization):
    settings.METRICS_TOKEN = TOKEN
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}

    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", **headers).status_code == 404


def test_only_get(client):
    assert client.post("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 405


def test_the_domain_gauges_count_the_files(client):
    today = timezone.localdate()
    received = factories.make_complaint()
    factories.make_complaint()
    formal = factories.make_complaint()
    closed = factories.make_complaint()
    Complaint.objects.filter(pk=formal.pk).update(
        status=Status.FORMAL, decision_due=today - dt.timedelta(days=1)
    )
    Complaint.objects.filter(pk=closed.pk).update(
        status=Status.CLOSED, decision_due=today - dt.timedelta(days=9)
    )
    Complaint.objects.filter(pk=received.pk).update(first_contact_due=today - dt.timedelta(days=2))

    def letter(status, delivery=Delivery.EMAIL, attempts=0):
        Letter.objects.create(
            complaint=received,
            kind=LetterKind.ACKNOWLEDGMENT,
            delivery=delivery,
            status=status,
            attempts=attempts,
            subject="Ontvangstbevestiging",
        )

    letter(LetterStatus.QUEUED)
    letter(LetterStatus.QUEUED, attempts=3)
    letter(LetterStatus.TO_PRINT, delivery=Delivery.POST)
    letter(LetterStatus.SENT, attempts=1)
    for n, outcome in enumerate([MessageOutcome.FAILED, MessageOutcome.FAILED, MessageOutcome.NEW_COMPLAINT]):
        InboundMessage.objects.create(
            message_id=f"<{n}@example.org>", source=MessageSource.IMAP, outcome=outcome
        )
    endpoint = WebhookEndpoint.objects.create(name="Zaaksysteem", url="https://zaken.example/hook")
    for status in [
        DeliveryStatus.PENDING,
        DeliveryStatus.FAILED,
        DeliveryStatus.FAILED,
        DeliveryStatus.DELIVERED,
    ]:
        WebhookDelivery.objects.create(
            endpoint=endpoint, event_type=EventType.RECEIVED, payload={}, status=status
        )

    values = samples(client.get("/metrics", REMOTE_ADDR="127.0.0.1"))

    assert values[("gehoord_complaints_open", (("status", "received"),))] == 2
    assert values[("gehoord_complaints_open", (("status", "formal"),))] == 1
    assert values[("gehoord_complaints_open", (("status", "hearing"),))] == 0  # every status, also at 0
    assert ("gehoord_complaints_open", (("status", "closed"),)) not in values
    assert values[("gehoord_complaints_decision_overdue", ())] == 1  # the closed one is no longer late
    assert values[("gehoord_complaints_first_contact_late", ())] == 1
    assert values[("gehoord_letters_not_sent", (("status", "queued"),))] == 2
    assert values[("gehoord_letters_not_sent", (("status", "to_print"),))] == 1
    assert values[("gehoord_letters_failed", ())] == 1
    assert values[("gehoord_mailbox_messages_waiting", ())] == 2
    assert values[("gehoord_webhook_deliveries", (("status", "pending"),))] == 1
    assert values[("gehoord_webhook_deliveries", (("status", "failed"),))] == 2
    assert ("gehoord_webhook_deliveries", (("status", "delivered"),)) not in values
    assert values[("gehoord_domain_metrics_up", ())] == 1


def test_a_failing_database_still_gives_an_answer(client, monkeypatch):
    def broken(*families):
        raise OSError("database gone")

    monkeypatch.setattr(domain_metrics.DomainCollector, "_count", staticmethod(broken))

    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")

    assert response.status_code == 200
    values = samples(response)
    assert values[("gehoord_domain_metrics_up", ())] == 0
    assert not [name for name, _ in values if name == "gehoord_complaints_open"]


def test_under_gunicorn_the_workers_files_and_the_gauges_are_served(client, monkeypatch, tmp_path):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    factories.make_complaint()

    values = samples(client.get("/metrics", REMOTE_ADDR="127.0.0.1"))

    assert values[("gehoord_complaints_open", (("status", "received"),))] == 1
    assert values[("gehoord_domain_metrics_up", ())] == 1


def test_the_collector_is_registered_once():
    registered = domain_metrics.register_domain_collector()

    assert domain_metrics.register_domain_collector() is registered
    assert metrics.register_domain_collector(domain_metrics.DomainCollector) is registered
    assert isinstance(registered, domain_metrics.DomainCollector)
    assert prometheus_client.REGISTRY.get_sample_value("gehoord_domain_metrics_up") is not None
