"""Staff sign-in: password, then a TOTP code; lockout after repeated failures; optional SSO."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
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


def test_sso_matches_existing_active_employees_on_email_only(db, settings):
    settings.OIDC_RP_CLIENT_ID = "gehoord"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.gemeente.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.gemeente.example/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    from gehoord.accounts.oidc import StaffOIDCBackend

    employee = factories.UserFactory(email="h.jansen@gemeente.example")
    factories.UserFactory(email="oud@gemeente.example", is_active=False)
    backend = StaffOIDCBackend()
    assert list(backend.filter_users_by_claims({"email": "H.Jansen@gemeente.example"})) == [employee]
    assert not backend.filter_users_by_claims({"email": "oud@gemeente.example"}).exists()
    assert not backend.filter_users_by_claims({}).exists()
