"""Functioneel beheer is a role, not a superuser: settings, texts, users and integrations, never a file.

It cannot open a complaint file (staff screens or admin), see an employee's TOTP
secret, bind an API token to a person, or give itself more rights.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.accounts.models import User
from gehoord.accounts.roles import ADMIN_PERMISSIONS, Role
from gehoord.accounts.testing import login_staff, totp_device
from gehoord.accounts.two_factor import secret_for_manual_entry
from gehoord.api.models import ApiClient
from gehoord.cases.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    return factories.UserFactory(username="beheerder", roles=[Role.ADMIN], is_staff=True)


@pytest.fixture
def signed_in(client, beheerder):
    return login_staff(client, beheerder)


def test_the_role_holds_exactly_its_permissions_and_none_on_complaint_files(beheerder):
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=Role.ADMIN.value).permissions.select_related("content_type")
    }
    assert granted == ADMIN_PERMISSIONS
    assert beheerder.get_all_permissions() == ADMIN_PERMISSIONS
    assert not beheerder.is_superuser
    # Nothing on complaint files or on what shows a complainant.
    for app_label in ("cases", "privacy", "vouchers", "mailbox", "learning", "intake.", "reporting"):
        assert not any(
            name.startswith(f"{app_label.rstrip('.')}.") and "triagedestination" not in name
            for name in granted
        ), app_label
    assert (
        not {"correspondence.view_letter", "social.view_socialsignal", "surveys.view_surveyresponse"}
        & granted
    )
    assert not {"auth.change_group", "auth.add_group", "accounts.delete_user"} & granted


def test_the_role_cannot_open_a_complaint_file(signed_in):
    complaint = factories.make_complaint()
    name = complaint.complainant.last_name

    staff_page = signed_in.get(reverse("cases:detail", args=[complaint.reference]))
    assert staff_page.status_code in (403, 404) and name not in staff_page.content.decode()
    inbox = signed_in.get(reverse("cases:list"))
    assert complaint.reference not in inbox.content.decode()

    # The admin shows no complaint model, and refuses the erasure log (it names the files).
    assert signed_in.get("/beheer/cases/complaint/").status_code == 404
    assert signed_in.get(f"/beheer/cases/complaint/{complaint.pk}/change/").status_code == 404
    assert signed_in.get("/beheer/privacy/personaldataerasure/").status_code == 403
    index = signed_in.get("/beheer/").content.decode()
    assert "/beheer/privacy/" not in index and "/beheer/cases/" not in index


def test_the_role_never_sees_a_totp_secret(signed_in):
    device = totp_device(factories.coordinator())
    secrets = (device.key, secret_for_manual_entry(device))

    listed = signed_in.get("/beheer/otp_totp/totpdevice/")
    page = signed_in.get(f"/beheer/otp_totp/totpdevice/{device.pk}/change/")
    assert listed.status_code == page.status_code == 200
    for response in (listed, page):
        assert not any(secret in response.content.decode() for secret in secrets)
    assert signed_in.get(f"/beheer/otp_totp/totpdevice/{device.pk}/config/").status_code == 403
    assert signed_in.get(f"/beheer/otp_totp/totpdevice/{device.pk}/qrcode/").status_code == 403
    # Making a device would show its secret: not for this role.
    assert signed_in.get("/beheer/otp_totp/totpdevice/add/").status_code == 403


def test_the_role_cannot_bind_a_token_to_a_person(signed_in):
    person = factories.coordinator(username="c.devries")
    service = factories.UserFactory(username="api-zaaksysteem", is_service_account=True)
    form = {"name": "Zaaksysteem", "scopes": ["read"], "is_active": "on"}

    refused = signed_in.post("/beheer/api/apiclient/add/", {**form, "user": person.pk})
    assert refused.status_code == 200 and not ApiClient.objects.exists()
    assert "c.devries" not in refused.content.decode()  # not even offered

    accepted = signed_in.post("/beheer/api/apiclient/add/", {**form, "user": service.pk})
    assert accepted.status_code == 302
    assert ApiClient.objects.get().user == service


def test_the_role_cannot_turn_a_person_into_a_service_account(signed_in):
    person = factories.coordinator(username="c.devries")
    page = signed_in.get(f"/beheer/accounts/user/{person.pk}/change/").content.decode()
    assert 'name="is_service_account"' not in page


def test_the_role_cannot_give_itself_more(signed_in, beheerder):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    assert (
        signed_in.get(f"/beheer/accounts/user/{superuser.pk}/change/").status_code == 302
    )  # "does not exist"
    assert signed_in.get(f"/beheer/accounts/user/{superuser.pk}/password/").status_code == 404

    own = signed_in.get(f"/beheer/accounts/user/{beheerder.pk}/change/").content.decode()
    assert (
        'name="is_superuser"' not in own
        and 'name="user_permissions"' not in own
        and 'name="groups"' not in own
    )
    coordinators = Group.objects.get(name=Role.COORDINATOR.value)
    signed_in.post(
        f"/beheer/accounts/user/{beheerder.pk}/change/",
        {"username": "beheerder", "is_superuser": "on", "groups": [coordinators.pk], "is_active": "on"},
    )
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser and not beheerder.has_role(Role.COORDINATOR)

    group = Group.objects.get(name=Role.ADMIN.value)
    assert signed_in.get(f"/beheer/auth/group/{group.pk}/change/").status_code == 200  # read only
    assert signed_in.post(f"/beheer/auth/group/{group.pk}/change/", {"name": "admin"}).status_code == 403


def test_a_service_account_made_in_the_admin_has_no_password(signed_in):
    response = signed_in.post(
        "/beheer/accounts/user/add/",
        {
            "username": "api-open-formulieren",
            "is_service_account": "on",
            "usable_password": "true",
            "password1": "Een-lang-wachtwoord-123",
            "password2": "Een-lang-wachtwoord-123",
        },
    )
    assert response.status_code == 302
    account = User.objects.get(username="api-open-formulieren")
    assert account.is_service_account and not account.has_usable_password()


def test_the_role_manages_settings_texts_users_and_integrations(signed_in):
    for page in (
        "/beheer/organisation/municipality/",
        "/beheer/correspondence/lettertemplate/",
        "/beheer/accounts/user/",
        "/beheer/accounts/user/add/",
        "/beheer/api/apiclient/add/",
        "/beheer/webhooks/webhookendpoint/add/",
        "/beheer/social/webhookclient/add/",
        "/beheer/audit/auditentry/",
    ):
        assert signed_in.get(page).status_code == 200, page
    assert TOTPDevice.objects.count() == 1  # the beheerder's own, from login_staff
