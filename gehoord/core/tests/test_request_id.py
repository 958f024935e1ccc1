"""Every response names its request id: the proxy's, when it is a plain one, or a new one."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_request_id_from_the_proxy_comes_back(client):
    response = client.get("/health/", HTTP_X_REQUEST_ID="0b6f3c1e-5d2a-4f1b-9c3e-2a7d8e9f0a1b")

    assert response["X-Request-ID"] == "0b6f3c1e-5d2a-4f1b-9c3e-2a7d8e9f0a1b"


def test_without_one_a_new_id_is_made_for_each_request(client):
    first = client.get("/health/")["X-Request-ID"]
    second = client.get("/health/")["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.parametrize(
    "supplied",
    ["kort", "x" * 129, "id met spaties", "klager@example.org", "abc123456\nNep-logregel"],
)
def test_an_odd_request_id_is_replaced(client, supplied):
    response = client.get("/health/", HTTP_X_REQUEST_ID=supplied)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_every_page_has_one(client):
    assert client.get("/klacht/")["X-Request-ID"]
    assert client.get("/bestaat-niet/")["X-Request-ID"]
