"""Staff sign-in: password, then a TOTP code; lockout after repeated failures; optional SSO."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.accounts.testing import login_staff, totp_device
from gehoord.cases.tests import factories

PASSWORD = "geheim-wachtwoord-123"
ROOT = Path(__file__).resolve().parents[3]


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def password_login(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


@pytest.fixture
def coordinator(db):
    return factories.coordinator()


def test_password_alone_does_not_open_staff_pages(client, coordinator):
    password_login(client, coordinator)
    for url in ("/medewerkers/klachten/", "/beheer/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:setup"))


def test_first_login_sets_up_an_authenticator_and_then_opens_the_inbox(client, coordinator):
    password_login(client, coordinator)
    setup_page = client.get(reverse("accounts:setup"))
    assert "<svg" in setup_page.content.decode()

    wrong = client.post(reverse("accounts:setup"), {"token": "000000", "next": "/medewerkers/klachten/"})
    assert wrong.status_code == 400
    assert "Deze code klopt niet" in wrong.content.decode()

    device = TOTPDevice.objects.get(user=coordinator)
    too_fast = client.post(reverse("accounts:setup"), {"token": current_code(device)})
    assert "even wachten" in too_fast.content.decode()  # guessing is slowed down

    device.throttle_reset()
    done = client.post(
        reverse("accounts:setup"), {"token": current_code(device), "next": "/medewerkers/klachten/"}
    )
    assert done.status_code == 302 and done.url == "/medewerkers/klachten/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/medewerkers/klachten/").status_code == 200


def test_later_logins_ask_for_the_code(client, coordinator):
    device = totp_device(coordinator)
    password_login(client, coordinator)
    assert client.get("/medewerkers/klachten/").url.startswith(reverse("accounts:verify"))

    letters = client.post(reverse("accounts:verify"), {"token": "abcdef"})
    assert "De code bestaat uit zes cijfers" in letters.content.decode()

    client.post(reverse("accounts:verify"), {"token": current_code(device)})
    assert client.get("/medewerkers/klachten/").status_code == 200


def test_next_cannot_send_you_off_site(client, coordinator):
    device = totp_device(coordinator)
    password_login(client, coordinator)
    response = client.post(
        reverse("accounts:verify"), {"token": current_code(device), "next": "https://evil.example/"}
    )
    assert response.url == "/medewerkers/klachten/"


def test_public_pages_need_no_second_factor(client, coordinator):
    password_login(client, coordinator)
    assert client.get(reverse("intake:start")).status_code == 200


def test_lockout_after_repeated_failures(client, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": coordinator.username, "password": "fout"})
    locked = password_login(client, coordinator)  # even the right password is refused now
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    assert client.get("/medewerkers/klachten/").status_code == 302


def test_login_staff_helper_is_fully_authenticated(client, coordinator):
    login_staff(client, coordinator)
    assert client.get("/medewerkers/klachten/").status_code == 200


def test_single_sign_on_is_switched_on_by_environment_variables():
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    env.update(
        DEBUG="true",
        OIDC_RP_CLIENT_ID="gehoord",
        OIDC_RP_CLIENT_SECRET="secret",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://idp.gemeente.example/authorize",
        OIDC_OP_TOKEN_ENDPOINT="https://idp.gemeente.example/token",
        OIDC_OP_USER_ENDPOINT="https://idp.gemeente.example/userinfo",
        OIDC_OP_JWKS_ENDPOINT="https://idp.gemeente.example/jwks",
    )
    code = (
        "import django; django.setup();"
        "from django.urls import reverse; from django.conf import settings;"
        "print(reverse('oidc_authentication_init'));"
        "print('gehoord.accounts.oidc.StaffOIDCBackend' in settings.AUTHENTICATION_BACKENDS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "gehoord.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/oidc/authenticate/", "True"]


# --- lockout per user name and client --------------------------------------------------------------

PROXY = "10.0.0.2"  # nginx: every request reaches Gehoord from here


def behind_proxy(client_address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=client_address)


def test_behind_a_proxy_a_lockout_holds_only_for_the_client_that_guessed(coordinator, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    guesser, colleague = behind_proxy("203.0.113.5"), behind_proxy("198.51.100.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guesser.post(reverse("login"), {"username": coordinator.username, "password": "fout"})

    assert password_login(guesser, coordinator).status_code == 429
    signed_in = password_login(colleague, coordinator)  # the same user name, from another client
    assert signed_in.status_code == 302
    assert colleague.get("/medewerkers/klachten/").url.startswith(reverse("accounts:setup"))


def test_axes_and_the_rate_limits_name_the_same_client(settings, rf):
    from axes.helpers import get_client_ip_address

    from gehoord.core.ratelimits import client_address

    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9")
    assert get_client_ip_address(request) == client_address(request) == "203.0.113.9"


# --- the wait after wrong TOTP codes ---------------------------------------------------------------


def test_the_wait_after_wrong_codes_stops_growing(client, coordinator, settings):
    settings.TOTP_MAX_WAIT_SECONDS = 300
    device = totp_device(coordinator)
    # Someone who knows only the password sent forty wrong codes: django-otp alone would wait 2**39 seconds.
    device.throttling_failure_count = 40
    device.throttling_failure_timestamp = timezone.now() - dt.timedelta(seconds=299)
    device.save()
    password_login(client, coordinator)

    waiting = client.post(reverse("accounts:verify"), {"token": current_code(device)})
    assert "Probeer het over 1 seconde opnieuw" in waiting.content.decode()

    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(seconds=300)
    )
    done = client.post(
        reverse("accounts:verify"), {"token": current_code(device), "next": "/medewerkers/klachten/"}
    )
    assert done.status_code == 302 and done.url == "/medewerkers/klachten/"
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_wrong_code_after_the_capped_wait_waits_the_cap_again(client, coordinator, settings):
    from gehoord.accounts import two_factor

    settings.TOTP_MAX_WAIT_SECONDS = 300
    device = totp_device(coordinator)
    device.throttling_failure_count = 40
    device.throttling_failure_timestamp = timezone.now() - dt.timedelta(seconds=301)
    device.save()
    password_login(client, coordinator)

    client.post(reverse("accounts:verify"), {"token": "000000"})
    device.refresh_from_db()
    assert 299 <= two_factor.seconds_to_wait(device) <= 300


# --- the session key changes at each step -----------------------------------------------------------


def test_the_session_key_changes_after_the_password_and_after_the_code(client, coordinator):
    device = totp_device(coordinator)
    client.get(reverse("login"))
    anonymous_key = client.session.session_key
    password_login(client, coordinator)
    after_password = client.session.session_key
    client.post(reverse("accounts:verify"), {"token": current_code(device)})
    after_code = client.session.session_key

    assert len({anonymous_key, after_password, after_code}) == 3
    assert client.get("/medewerkers/klachten/").status_code == 200


def test_the_session_key_changes_when_the_first_device_is_confirmed(client, coordinator):
    password_login(client, coordinator)
    client.get(reverse("accounts:setup"))
    before = client.session.session_key
    device = TOTPDevice.objects.get(user=coordinator)
    client.post(reverse("accounts:setup"), {"token": current_code(device)})
    assert client.session.session_key != before
    assert client.get("/medewerkers/klachten/").status_code == 200


# --- service accounts ---------------------------------------------------------------------------------


def test_a_service_account_cannot_sign_in(client, db):
    account = factories.coordinator(is_service_account=True, password=PASSWORD)
    assert password_login(client, account).status_code == 200  # the form again: not signed in
    assert "_auth_user_id" not in client.session
