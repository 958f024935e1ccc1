"""Every answer carries the Content Security Policy and the other security headers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "form-action 'self'",
    "base-uri 'self'",
}


def _policy(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.mark.parametrize("name", ["intake:start", "privacy", "accessibility", "login"])
def test_public_pages_allow_only_their_own_files(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert STRICT.issubset(_policy(response))
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_only_the_api_documentation_widens_the_policy_for_redoc(client):
    policy = _policy(client.get(reverse("api-docs")))
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self'" in policy
