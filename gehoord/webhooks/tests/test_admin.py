"""The functional admin sets up webhooks and starts a given-up delivery over."""

import pytest
from django.urls import reverse

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases.tests import factories
from gehoord.core import outbound
from gehoord.core.testing.resolver import PUBLIC_ADDRESS, FakeResolver
from gehoord.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from gehoord.webhooks.tests.intake import new_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = factories.UserFactory(roles=[Role.ADMIN], is_staff=True)
    return login_staff(client, admin)


def test_admin_adds_an_endpoint_with_a_secret_and_chosen_events(admin_client, monkeypatch):
    monkeypatch.setattr(outbound, "resolve", FakeResolver({"zaken.example.nl": [PUBLIC_ADDRESS]}))
    response = admin_client.post(
        reverse("admin:webhooks_webhookendpoint_add"),
        {
            "name": "Zaaksysteem",
            "url": "https://zaken.example.nl/hooks",
            "events": ["complaint.received"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["complaint.received"]
    assert endpoint.secret.startswith("whsec_")
    page = admin_client.get(reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk]))
    assert endpoint.secret in page.content.decode()


def test_admin_refuses_an_address_that_is_not_a_url(admin_client):
    response = admin_client.post(
        reverse("admin:webhooks_webhookendpoint_add"),
        {"name": "Fout", "url": "zaken example nl", "events": []},
    )
    assert response.status_code == 200
    assert "Voer een geldige URL in." in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_rotating_the_secret_makes_a_new_one(admin_client):
    endpoint = WebhookEndpoint.objects.create(name="Dashboard", url="https://dash.example.nl/in")
    old = endpoint.secret
    admin_client.post(
        reverse("admin:webhooks_webhookendpoint_changelist"),
        {"action": "rotate_secret", "_selected_action": [endpoint.pk]},
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")


def test_the_delivery_log_is_read_only_and_a_failed_one_can_be_started_over(admin_client):
    endpoint = WebhookEndpoint.objects.create(name="Dashboard", url="http://127.0.0.1:9/in")
    new_complaint()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=13)

    listing = admin_client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    assert listing.status_code == 200 and "complaint.received" in listing.content.decode()
    assert admin_client.get(reverse("admin:webhooks_webhookdelivery_add")).status_code == 403

    admin_client.post(
        reverse("admin:webhooks_webhookdelivery_changelist"),
        {"action": "redeliver", "_selected_action": [delivery.pk]},
    )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.HANDLER])
def test_only_the_admin_sees_webhooks(client, role):
    login_staff(client, factories.UserFactory(roles=[role]))
    response = client.get(reverse("admin:webhooks_webhookendpoint_changelist"))
    assert response.status_code == 302 and "/beheer/login/" in response["Location"]
