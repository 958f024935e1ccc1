"""The social-media webhook: credentials, clear errors, duplicates ignored."""

import json

import pytest
from django.urls import reverse

from gehoord.social.constants import SignalSource
from gehoord.social.models import SocialSignal
from gehoord.social.tests.factories import TOKEN, webhook_client

pytestmark = pytest.mark.django_db

SIGNAL = {
    "platform": "x",
    "post_id": "1866000000000000001",
    "author_handle": "@petra_j",
    "author_name": "Petra Jansen",
    "url": "https://x.example/petra_j/status/1866000000000000001",
    "text": "@gemeente al drie weken geen reactie op mijn melding",
    "posted_at": "2026-11-30T09:15:00+01:00",
}


def post(client, body, *, token=TOKEN, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post(reverse("social-webhook"), data, content_type=content_type, headers=headers)


@pytest.fixture(autouse=True)
def registered_client():
    return webhook_client()


def test_a_signal_is_stored(client):
    response = post(client, SIGNAL)

    assert response.status_code == 201
    assert response.json() == {"created": 1, "duplicates": 0}
    signal = SocialSignal.objects.get()
    assert (signal.platform, signal.post_id, signal.author_handle) == ("x", "1866000000000000001", "@petra_j")
    assert signal.source == SignalSource.WEBHOOK
    assert signal.posted_at.isoformat() == "2026-11-30T08:15:00+00:00"


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_wrong_credentials_get_401(client, token):
    response = post(client, SIGNAL, token=token)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json()["detail"]
    assert not SocialSignal.objects.exists()


def test_an_inactive_client_gets_401(client, registered_client):
    registered_client.is_active = False
    registered_client.save()

    assert post(client, SIGNAL).status_code == 401


def test_a_malformed_body_gets_400_with_where_it_broke(client):
    response = post(client, '{"platform": "x", "post_id": ')

    assert response.status_code == 400
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] == "Ongeldige JSON"
    assert "regel 1, kolom" in problem["detail"]


def test_missing_and_wrong_fields_are_named(client):
    response = post(
        client,
        {"signals": [SIGNAL, {**SIGNAL, "post_id": "", "platform": "myspace", "posted_at": "gisteren"}]},
    )

    assert response.status_code == 400
    problem = response.json()
    assert "Niets is opgeslagen" in problem["detail"]
    errors = {(error["pointer"], error["field"]): error["message"] for error in problem["errors"]}
    assert errors[("signals[1]", "post_id")] == "Dit veld is verplicht."
    assert errors[("signals[1]", "platform")].startswith(
        "Onbekend platform 'myspace'. Kies uit: mastodon, x,"
    )
    assert "30-11-2026 09:15" in errors[("signals[1]", "posted_at")]
    assert not any(pointer == "signals[0]" for pointer, _field in errors)
    assert not SocialSignal.objects.exists()  # all or nothing


@pytest.mark.parametrize("posted_at", ["2026-13-45T09:15", "0000-01-01T00:00", "2026-11-30T25:61:00"])
def test_an_impossible_moment_is_named(client, posted_at):
    # Found by the property test: a well-formed but impossible moment was a server error.
    response = post(client, {**SIGNAL, "posted_at": posted_at})

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["posted_at"]


@pytest.mark.parametrize("field", ["text", "post_id", "author_name"])
def test_a_nul_character_is_named(client, field):
    # PostgreSQL cannot store it: it was a server error there; on every database it is named now.
    response = post(client, {**SIGNAL, field: "al drie weken\x00 geen reactie"})

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert "NUL" in response.json()["errors"][0]["message"]
    assert not SocialSignal.objects.exists()


@pytest.mark.parametrize("body", [[], {}, "42", {"signals": "nee"}])
def test_a_body_that_is_no_signal_gets_400(client, body):
    response = post(client, body)

    assert response.status_code == 400
    assert response.json()["errors"] or response.json()["detail"]


def test_a_duplicate_post_is_ignored(client):
    post(client, SIGNAL)

    response = post(client, [SIGNAL, {**SIGNAL, "post_id": "1866000000000000002"}])

    assert response.status_code == 201
    assert response.json() == {"created": 1, "duplicates": 1}
    assert SocialSignal.objects.count() == 2


def test_the_same_post_id_on_another_platform_is_another_signal(client):
    post(client, SIGNAL)

    assert post(client, {**SIGNAL, "platform": "facebook"}).json() == {"created": 1, "duplicates": 0}


def test_not_json_gets_415(client):
    assert post(client, "platform=x", content_type="application/x-www-form-urlencoded").status_code == 415


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_only_post_is_allowed_and_it_says_so_as_problem_json(client, method):
    # Found by the property test: the webhook's 405 was Django's empty HTML page, unlike the API's.
    response = getattr(client, method)(reverse("social-webhook"))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 405 and "POST" in response.json()["detail"]
