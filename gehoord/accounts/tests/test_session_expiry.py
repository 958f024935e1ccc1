"""Staff sessions end after a while without a request, and a working day after signing in."""

import pytest
from django.urls import reverse

from gehoord.accounts import middleware
from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = 1_800_000_000.0


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = START

    monkeypatch.setattr(middleware, "_now", lambda: Clock.now)
    return Clock


@pytest.fixture
def signed_in(client, clock):
    login_staff(client, UserFactory(roles=[Role.COORDINATOR]))
    assert client.get(reverse("cases:list")).status_code == 200
    return client


def test_a_request_within_the_idle_limit_keeps_the_session(signed_in, clock, settings):
    clock.now += settings.STAFF_IDLE_TIMEOUT - 1
    assert signed_in.get(reverse("cases:list")).status_code == 200


def test_idle_too_long_signs_out_and_asks_to_sign_in_again(signed_in, clock, settings):
    clock.now += settings.STAFF_IDLE_TIMEOUT + 1

    response = signed_in.get(reverse("cases:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/medewerkers/")
    login_page = signed_in.get(response["Location"])
    assert "uw sessie is verlopen" in login_page.content.decode()
    # Signed out for real: the staff pages stay closed.
    assert signed_in.get(reverse("cases:list")).status_code == 302


def test_activity_moves_the_idle_limit_forward(signed_in, clock, settings):
    for _ in range(4):
        clock.now += settings.STAFF_IDLE_TIMEOUT - 60
        assert signed_in.get(reverse("cases:list")).status_code == 200


def test_no_session_lasts_longer_than_a_working_day_however_busy(signed_in, clock, settings):
    steps = settings.SESSION_COOKIE_AGE // (settings.STAFF_IDLE_TIMEOUT - 60)
    for _ in range(steps):
        clock.now += settings.STAFF_IDLE_TIMEOUT - 60
        assert signed_in.get(reverse("cases:list")).status_code == 200
    clock.now += settings.STAFF_IDLE_TIMEOUT - 60

    assert signed_in.get(reverse("cases:list")).status_code == 302
