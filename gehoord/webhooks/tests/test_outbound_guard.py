"""A webhook never reaches an internal address: refused when saved, and again at every send (DNS rebinding).

The delivery log is no port scanner: a refused address is recorded as refused, and nothing connects.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import urllib3.util.connection
from django.core.exceptions import ValidationError
from django.urls import reverse

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases.tests import factories
from gehoord.core import outbound
from gehoord.core.testing.resolver import PUBLIC_ADDRESS, FakeResolver
from gehoord.webhooks import services
from gehoord.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from gehoord.webhooks.tests.intake import new_complaint
from gehoord.webhooks.tests.receiver import Receiver

pytestmark = pytest.mark.django_db

INTERNAL = "hoort bij een intern netwerk"

# (address as typed, what the name resolves to): every kind of internal address.
INTERNAL_ADDRESSES = [
    pytest.param("https://127.0.0.1/in", None, id="loopback"),
    pytest.param("https://127.8.9.10:6379/", None, id="loopback-range-redis"),
    pytest.param("https://[::1]:5432/", None, id="ipv6-loopback-postgres"),
    pytest.param("https://169.254.169.254/latest/meta-data/", None, id="metadata"),
    pytest.param("https://[fe80::1]/in", None, id="ipv6-link-local"),
    pytest.param("https://10.1.2.3/in", None, id="rfc1918-10"),
    pytest.param("https://172.16.0.5/in", None, id="rfc1918-172"),
    pytest.param("https://192.168.1.1/in", None, id="rfc1918-192"),
    pytest.param("https://100.64.0.1/in", None, id="cgnat"),
    pytest.param("https://[fd12:3456::1]/in", None, id="ipv6-unique-local"),
    pytest.param("https://[::ffff:127.0.0.1]/in", None, id="ipv4-mapped-loopback"),
    pytest.param("https://[::ffff:a9fe:a9fe]/in", None, id="ipv4-mapped-metadata"),
    pytest.param("https://0.0.0.0/in", None, id="unspecified"),
    pytest.param("https://224.0.0.1/in", None, id="multicast"),
    pytest.param("https://intern.example.nl/in", ["10.0.0.8"], id="name-to-private"),
    pytest.param("https://metadata.example.nl/in", ["169.254.169.254"], id="name-to-metadata"),
    pytest.param(
        "https://half.example.nl/in", [PUBLIC_ADDRESS, "127.0.0.1"], id="name-to-public-and-loopback"
    ),
]


@pytest.fixture
def resolver(monkeypatch):
    resolver = FakeResolver({"zaken.example.nl": [PUBLIC_ADDRESS]})
    monkeypatch.setattr(outbound, "resolve", resolver)
    return resolver


@pytest.fixture
def connections(monkeypatch):
    """Every connection attempt, which fails: a guarded send must make none to an address it refused."""
    attempts: list[tuple] = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise ConnectionRefusedError("no network in this test")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", refuse)
    return attempts


@pytest.fixture
def admin_client(client):
    admin = factories.UserFactory(roles=[Role.ADMIN], is_staff=True, is_superuser=True)
    return login_staff(client, admin)


def _answer(resolver: FakeResolver, url: str, resolves_to: list[str] | None) -> None:
    """The resolver's answer for the URL's host: a name's addresses, or a literal address itself."""
    host = urlsplit(url).hostname
    resolver.answers[host] = resolves_to or [host]


def _add(admin_client, url: str):
    return admin_client.post(
        reverse("admin:webhooks_webhookendpoint_add"), {"name": "Zaaksysteem", "url": url, "is_active": "on"}
    )


# -- when saved ---------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "resolves_to"), INTERNAL_ADDRESSES)
def test_an_internal_address_is_refused_when_saved(admin_client, resolver, url, resolves_to):
    _answer(resolver, url, resolves_to)

    response = _add(admin_client, url)

    assert response.status_code == 200
    assert INTERNAL in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_model_refuses_it_too(resolver):
    resolver.answers["169.254.169.254"] = ["169.254.169.254"]
    endpoint = WebhookEndpoint(name="Metadata", url="https://169.254.169.254/latest/meta-data/")
    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()
    assert INTERNAL in refused.value.message_dict["url"][0]


def test_http_is_refused_when_saved_in_production(admin_client, resolver, settings):
    settings.DEBUG = False
    settings.OUTBOUND_ALLOW_HTTP = False

    response = _add(admin_client, "http://zaken.example.nl/hooks")

    assert response.status_code == 200
    assert "Gebruik een adres dat begint met https://." in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_http_is_accepted_where_the_setting_allows_it(admin_client, resolver, settings):
    settings.OUTBOUND_ALLOW_HTTP = True
    assert _add(admin_client, "http://zaken.example.nl/hooks").status_code == 302


def test_a_name_that_does_not_resolve_is_refused_with_its_reason(admin_client, resolver):
    response = _add(admin_client, "https://bestaat-niet.example.nl/hooks")
    assert "De server bestaat-niet.example.nl is niet te vinden." in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_an_allowed_host_may_be_internal(admin_client, resolver, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["Zaken.Intern"]
    resolver.answers["zaken.intern"] = ["10.20.30.40"]
    assert _add(admin_client, "https://zaken.intern/hooks").status_code == 302
    # Only the host named: another internal one is still refused.
    resolver.answers["redis.intern"] = ["10.20.30.41"]
    assert INTERNAL in _add(admin_client, "https://redis.intern/").content.decode()


# -- at every send ------------------------------------------------------------------------


def _delivery_to(url: str) -> WebhookDelivery:
    # Written past the admin's check, as an address saved before the guard existed (or a DNS change) is.
    endpoint = WebhookEndpoint.objects.create(name=url, url=url)
    new_complaint()
    return WebhookDelivery.objects.get(endpoint=endpoint)


@pytest.mark.parametrize(("url", "resolves_to"), INTERNAL_ADDRESSES)
def test_an_internal_address_is_refused_at_send_without_connecting(resolver, connections, url, resolves_to):
    _answer(resolver, url, resolves_to)
    delivery = _delivery_to(url)

    delivery = services.deliver(delivery.pk)

    assert connections == []
    assert delivery.last_status_code is None
    assert delivery.last_error.startswith(services.GUARD_REFUSED)
    assert INTERNAL in delivery.last_error
    assert delivery.status == DeliveryStatus.PENDING  # tried again later, checked again then


def test_the_log_does_not_tell_an_open_port_from_a_closed_one(resolver, settings):
    """What made the delivery log a port scanner: a listening loopback port and a closed one look the same."""
    settings.OUTBOUND_ALLOW_HTTP = True
    listening = Receiver().start()
    try:
        port = listening.server.server_address[1]
        resolver.answers["127.0.0.1"] = ["127.0.0.1"]
        open_port = services.deliver(_delivery_to(f"http://127.0.0.1:{port}/").pk)
        WebhookEndpoint.objects.all().delete()
        closed_port = services.deliver(_delivery_to("http://127.0.0.1:9/").pk)
    finally:
        listening.stop()
    assert listening.requests == []
    assert open_port.last_error == closed_port.last_error
    assert open_port.last_status_code is closed_port.last_status_code is None


def test_a_name_rebound_to_loopback_after_saving_is_refused_at_send(admin_client, resolver, connections):
    """DNS rebinding: public when the admin saved it, 127.0.0.1 when the event goes out."""
    assert _add(admin_client, "https://zaken.example.nl/hooks").status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    new_complaint()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)

    resolver.answers["zaken.example.nl"] = ["127.0.0.1"]
    delivery = services.deliver(delivery.pk)

    assert connections == []
    assert INTERNAL in delivery.last_error and delivery.last_status_code is None


def test_https_is_required_at_send_in_production(resolver, connections, settings):
    settings.DEBUG = False
    settings.OUTBOUND_ALLOW_HTTP = False
    delivery = services.deliver(_delivery_to("http://zaken.example.nl/hooks").pk)

    assert connections == []
    assert delivery.last_error.startswith(services.GUARD_REFUSED)
    assert "https://" in delivery.last_error


def test_the_send_connects_to_the_address_it_checked(resolver, settings):
    """One lookup per send, and the connection goes to its answer; the receiver still sees its own name."""
    settings.OUTBOUND_ALLOW_HTTP = True
    settings.OUTBOUND_ALLOWED_HOSTS = ["ontvanger.test"]
    receiver = Receiver().start()
    try:
        port = receiver.server.server_address[1]
        # Only this resolver knows the name: the system's resolver would not find it.
        resolver.answers["ontvanger.test"] = ["127.0.0.1"]
        delivery = _delivery_to(f"http://ontvanger.test:{port}/hooks/gehoord")
        resolver.lookups.clear()

        delivery = services.deliver(delivery.pk)
    finally:
        receiver.stop()

    assert delivery.status == DeliveryStatus.DELIVERED, delivery.last_error
    assert resolver.lookups == ["ontvanger.test"]
    (request,) = receiver.requests
    assert request.headers["host"] == f"ontvanger.test:{port}"
