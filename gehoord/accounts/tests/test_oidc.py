"""Single sign-on: matched on `sub`, linked once by a verified e-mail address; MFA at the provider is a setting."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from gehoord.accounts.middleware import SSO_SESSION_KEY
from gehoord.cases.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "gehoord"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.gemeente.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.gemeente.example/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_AUTHENTICATION_CALLBACK_URL = "login"  # the oidc/ URLs are mounted only when it is on
    from gehoord.accounts.oidc import StaffOIDCBackend

    return StaffOIDCBackend()


def sign_on(backend, id_token: dict, userinfo: dict | None = None):
    """The backend's part after the provider answered: the ID token's claims and the userinfo."""
    userinfo = userinfo if userinfo is not None else id_token
    backend.get_userinfo = lambda *args: userinfo
    backend.id_token_claims = id_token
    return backend.get_or_create_user("access", "id-token", id_token)


def test_the_first_sign_on_links_by_verified_email_and_stores_sub(backend):
    employee = factories.UserFactory(email="h.jansen@gemeente.example")
    claims = {"sub": "idp-4711", "email": "H.Jansen@gemeente.example", "email_verified": True}

    assert sign_on(backend, claims) == employee
    employee.refresh_from_db()
    assert employee.oidc_subject == "idp-4711"

    # From then on `sub` decides: another address at the provider is still this employee.
    assert sign_on(backend, {"sub": "idp-4711", "email": "hanna@elders.example"}) == employee


@pytest.mark.parametrize("verified", [False, "true", "false", None])
def test_an_unverified_email_links_nothing(backend, verified):
    employee = factories.UserFactory(email="h.jansen@gemeente.example")
    claims = {"sub": "idp-4711", "email": "h.jansen@gemeente.example"}
    if verified is not None:
        claims["email_verified"] = verified
    assert sign_on(backend, claims) is None
    employee.refresh_from_db()
    assert employee.oidc_subject is None


def test_a_linked_account_is_not_taken_over_by_a_new_sub_with_its_address(backend):
    employee = factories.UserFactory(email="h.jansen@gemeente.example", oidc_subject="idp-4711")
    claims = {"sub": "idp-9999", "email": "h.jansen@gemeente.example", "email_verified": True}
    assert sign_on(backend, claims) is None
    employee.refresh_from_db()
    assert employee.oidc_subject == "idp-4711"


def test_inactive_and_service_accounts_never_match(backend):
    factories.UserFactory(email="oud@gemeente.example", is_active=False, oidc_subject="idp-1")
    factories.UserFactory(email="api@gemeente.example", is_service_account=True)
    assert sign_on(backend, {"sub": "idp-1"}) is None
    assert sign_on(backend, {"sub": "idp-2", "email": "api@gemeente.example", "email_verified": True}) is None


def test_without_sub_or_with_another_sub_in_userinfo_nobody_signs_on(backend):
    factories.UserFactory(email="h.jansen@gemeente.example")
    claims = {"email": "h.jansen@gemeente.example", "email_verified": True}
    with pytest.raises(SuspiciousOperation):
        sign_on(backend, claims)
    with pytest.raises(SuspiciousOperation):
        sign_on(backend, {"sub": "idp-4711"}, {**claims, "sub": "idp-other"})


def _authenticate(backend, monkeypatch, id_token: dict):
    """The whole authenticate(), with the provider's answers stubbed."""
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    monkeypatch.setattr(
        OIDCAuthenticationBackend, "get_token", lambda self, payload: {"id_token": "x", "access_token": "y"}
    )
    monkeypatch.setattr(OIDCAuthenticationBackend, "verify_token", lambda self, token, **kwargs: id_token)
    monkeypatch.setattr(OIDCAuthenticationBackend, "get_userinfo", lambda self, *args: id_token)
    request = RequestFactory().get("/oidc/callback/", {"code": "c", "state": "s"})
    request.session = SessionStore()
    user = backend.authenticate(request, nonce=None)
    return user, request.session


@pytest.mark.parametrize(
    ("replaces", "claims", "skips_totp"),
    [
        (False, {"amr": ["pwd", "mfa"]}, False),  # the default: the TOTP step follows anyway
        (True, {"amr": ["pwd", "mfa"]}, True),
        (True, {"amr": ["pwd"]}, False),
        (True, {}, False),
        (True, {"acr": "urn:gemeente:loa:substantieel"}, True),
        (True, {"acr": "urn:gemeente:loa:laag"}, False),
    ],
)
def test_mfa_at_the_provider_replaces_the_totp_step_only_when_set_and_said(
    backend, monkeypatch, settings, replaces, claims, skips_totp
):
    settings.OIDC_MFA_REPLACES_TOTP = replaces
    settings.OIDC_MFA_ACR_VALUES = ["urn:gemeente:loa:substantieel"]
    employee = factories.UserFactory(oidc_subject="idp-4711")

    user, session = _authenticate(backend, monkeypatch, {"sub": "idp-4711", **claims})

    assert user == employee
    assert bool(session.get(SSO_SESSION_KEY)) is skips_totp


@pytest.mark.parametrize(("replaces", "page"), [(False, "verify"), (True, "inbox")])
def test_after_a_sign_on_with_mfa_the_setting_decides_whether_the_totp_step_follows(
    client, backend, monkeypatch, settings, replaces, page
):
    from django.urls import reverse

    from gehoord.accounts.testing import totp_device

    settings.OIDC_MFA_REPLACES_TOTP = replaces
    employee = factories.coordinator(oidc_subject="idp-4711")
    totp_device(employee)
    user, sso_session = _authenticate(backend, monkeypatch, {"sub": "idp-4711", "amr": ["mfa"]})
    client.force_login(user)
    session = client.session
    session.update(dict(sso_session.items()))
    session.save()

    response = client.get("/medewerkers/klachten/")
    if page == "verify":
        assert response.url.startswith(reverse("accounts:verify"))
    else:
        assert response.status_code == 200
