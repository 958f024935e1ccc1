"""The contact log (Open Klant klantcontact fields) and the first-contact target."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle, services
from gehoord.cases.constants import EventKind
from gehoord.cases.models import Contact
from gehoord.cases.tests import factories
from gehoord.core.errors import GuardFailed, PermissionDenied

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def assigned(coordinator, handler):
    complaint = factories.make_complaint(received_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS))  # Monday
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    return lifecycle.assign_handler(complaint, handler, actor=coordinator)


def test_contact_is_logged_with_open_klant_fields(assigned, handler):
    at = dt.datetime(2026, 3, 3, 14, 30, tzinfo=AMS)
    contact = services.record_contact(
        assigned,
        channel="phone",
        subject="Eerste gesprek",
        content="Klager uitgelegd wat er gebeurde.",
        actor=handler,
        at=at,
        confidential=False,
        successful=True,
    )
    assert (contact.channel, contact.subject, contact.occurred_at, contact.employee, contact.language) == (
        "phone",
        "Eerste gesprek",
        at,
        handler,
        "nld",
    )
    assigned.refresh_from_db()
    assert assigned.first_contact_at == at
    assert assigned.first_contact_met is True  # due Wed 4 March: 2 working days after Monday
    assert assigned.events.filter(
        kind=EventKind.CONTACT, details="Klager uitgelegd wat er gebeurde."
    ).exists()


def test_late_first_contact_is_marked(assigned, handler):
    services.record_contact(
        assigned,
        channel="phone",
        subject="Teruggebeld",
        actor=handler,
        at=dt.datetime(2026, 3, 5, 10, 0, tzinfo=AMS),
    )
    assigned.refresh_from_db()
    assert assigned.first_contact_met is False


def test_no_contact_yet_is_open_until_the_target_passes(handler, coordinator):
    fresh = factories.make_complaint()
    assert fresh.first_contact_met is None
    old = factories.make_complaint(received_at=timezone.now() - dt.timedelta(days=30))
    assert old.first_contact_met is False


def test_unsuccessful_attempt_does_not_count_as_first_contact(assigned, handler):
    services.record_contact(assigned, channel="phone", subject="Voicemail", actor=handler, successful=False)
    assigned.refresh_from_db()
    assert assigned.first_contact_at is None
    assert Contact.objects.get().successful is False


def test_confidential_content_stays_off_the_timeline(assigned, handler):
    services.record_contact(
        assigned,
        channel="in_person",
        subject="Gesprek",
        content="Gezondheidssituatie besproken.",
        actor=handler,
        confidential=True,
    )
    event = assigned.events.get(kind=EventKind.CONTACT)
    assert event.details == "" and event.data["confidential"] is True


def test_contact_in_the_future_is_refused(assigned, handler):
    with pytest.raises(GuardFailed, match="toekomst"):
        services.record_contact(
            assigned, channel="phone", subject="X", actor=handler, at=timezone.now() + dt.timedelta(days=1)
        )


def test_only_who_handles_the_complaint_logs_contacts(assigned):
    other = factories.handler()
    with pytest.raises(PermissionDenied):
        services.record_contact(assigned, channel="phone", subject="X", actor=other)


def test_contact_log_on_the_file_page(client, assigned, handler):
    login_staff(client, handler)
    url = reverse("cases:action", args=[assigned.reference, "contact"])
    response = client.post(
        url,
        {
            "prefix": "contact",
            "contact-channel": "email",
            "contact-subject": "Mail gestuurd",
            "contact-successful": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[assigned.reference])).content.decode()
    assert "Mail gestuurd" in page and "Contactmomenten" in page


def test_signatory_is_recorded_and_never_someone_involved(coordinator, handler):
    from gehoord.accounts.roles import Role
    from gehoord.cases.tests.test_lifecycle import bring_to

    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    complaint = bring_to("formal", actor=coordinator, handler=handler)
    services.record_findings(complaint, findings="F", conclusions="C", signatory=head, actor=handler)
    complaint.refresh_from_db()
    assert complaint.signatory == head

    complaint.employees_involved.add(head)
    with pytest.raises(GuardFailed, match="9:7"):
        services.record_findings(complaint, findings="F", conclusions="C", signatory=head, actor=handler)
