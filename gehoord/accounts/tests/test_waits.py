"""The coordinator lifts the wait of an employee's second factor, and the audit trail says so."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts import two_factor
from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff, totp_device
from gehoord.audit.models import Action, AuditEntry
from gehoord.cases.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked_out():
    employee = factories.handler(username="h.jansen", first_name="Hanna", last_name="Jansen")
    device = totp_device(employee)
    device.throttling_failure_count = 12
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    return device


def test_the_coordinator_sees_who_waits_and_lifts_the_wait(client, coordinator, locked_out):
    login_staff(client, coordinator)
    page = client.get(reverse("employees:waits"))
    assert page.status_code == 200
    assert "Hanna Jansen (h.jansen)" in page.content.decode()

    response = client.post(reverse("employees:lift_wait", args=[locked_out.pk]), follow=True)

    assert "Hanna Jansen kan meteen weer een code invullen." in response.content.decode()
    locked_out.refresh_from_db()
    assert locked_out.throttling_failure_count == 0 and not two_factor.throttled(locked_out)
    entry = AuditEntry.objects.get(object_type="otp_totp.totpdevice", object_id=locked_out.pk)
    assert entry.action == Action.CHANGE and entry.actor == coordinator
    assert entry.note == "wachttijd tweestapsverificatie opgeheven: h.jansen"


@pytest.mark.parametrize("role", [Role.HANDLER, Role.DEPARTMENT_HEAD, Role.ADMIN])
def test_only_the_coordinator_lifts_a_wait(client, role, locked_out):
    login_staff(client, factories.UserFactory(roles=[role], is_staff=role == Role.ADMIN))
    assert client.get(reverse("employees:waits")).status_code == 403
    assert client.post(reverse("employees:lift_wait", args=[locked_out.pk])).status_code == 403
    locked_out.refresh_from_db()
    assert locked_out.throttling_failure_count == 12
    assert not AuditEntry.objects.filter(object_type="otp_totp.totpdevice").exists()


def test_the_page_needs_the_second_factor_too(client, coordinator, locked_out):
    """Not under the verification's own prefix, which a session without a second factor may open."""
    totp_device(coordinator)
    client.force_login(coordinator)
    assert client.get(reverse("employees:waits")).url.startswith(reverse("accounts:verify"))
    assert client.post(reverse("employees:lift_wait", args=[locked_out.pk])).status_code == 302
    locked_out.refresh_from_db()
    assert locked_out.throttling_failure_count == 12


def test_lifting_needs_a_post_and_a_waiting_device(client, coordinator):
    login_staff(client, coordinator)
    not_waiting = totp_device(factories.handler())
    assert client.get(reverse("employees:lift_wait", args=[not_waiting.pk])).status_code == 405
    assert client.post(reverse("employees:lift_wait", args=[not_waiting.pk])).status_code == 404
    assert client.post(reverse("employees:lift_wait", args=[999999])).status_code == 404
