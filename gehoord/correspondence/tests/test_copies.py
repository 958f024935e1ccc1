"""The copy of the complaint for the employee it is about (Awb 9:9): what it says, what it never says, who may send it."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle
from gehoord.cases import services as case_services
from gehoord.cases.constants import EventKind, NotHandledGround, Status
from gehoord.cases.tests import factories
from gehoord.core.errors import DomainError, GuardFailed, PermissionDenied
from gehoord.correspondence import copies
from gehoord.correspondence.tests import backends
from gehoord.correspondence.tests.walk import bring_to
from gehoord.intake.tests.helpers import JPEG_BYTES, PDF_BYTES

pytestmark = pytest.mark.django_db

SUMMARY = "Kopie van de klacht gestuurd aan de betrokken medewerker(s) (Awb 9:9)"
DESCRIPTION = "De medewerker aan de balie schreeuwde tegen mij en weigerde mijn aanvraag aan te nemen."
DESIRED = "Ik wil excuses en dat mijn aanvraag alsnog wordt behandeld."
# The complainant's contact details: never in the copy.
EMAIL, PHONE = "klager@example.nl", "06-12345678"
STREET, POSTAL_CODE, CITY = "Dorpsstraat 12", "2641 AB", "Pijnacker"


def copy_url(complaint) -> str:
    return reverse("correspondence:copy_to_involved", args=[complaint.reference])


def detail_url(complaint) -> str:
    return reverse("cases:detail", args=[complaint.reference])


def text(response) -> str:
    return html.unescape(response.content.decode())


def copy_events(complaint):
    return complaint.events.filter(kind=EventKind.LETTER, summary=SUMMARY)


@pytest.fixture
def involved(db):
    return [
        factories.UserFactory(first_name="Bert", last_name="Balie", email="bert@gemeente.example"),
        factories.UserFactory(first_name="Ina", last_name="Intake", email="ina@gemeente.example"),
    ]


@pytest.fixture
def complaint(coordinator, handler, involved):
    complaint = bring_to(
        Status.FORMAL,
        actor=coordinator,
        handler=handler,
        description=DESCRIPTION,
        desired_outcome=DESIRED,
        employees_involved=involved,
        complainant=factories.ComplainantFactory.build(
            first_name="Karin",
            last_name="Klager",
            email=EMAIL,
            phone=PHONE,
            street_address=STREET,
            postal_code=POSTAL_CODE,
            city=CITY,
        ),
    )
    for name, content, content_type in (
        ("brief Karin Klager Dorpsstraat 12.pdf", PDF_BYTES, "application/pdf"),
        ("foto.JPG", JPEG_BYTES, "image/jpeg"),
    ):
        case_services.add_attachment(
            complaint, file=SimpleUploadedFile(name, content, content_type=content_type), actor=coordinator
        )
    return complaint


def test_each_involved_employee_gets_the_complaint_and_its_attachments(
    complaint, handler, involved, mailoutbox
):
    count = copies.send_copy_to_involved(complaint, actor=handler)

    assert count == 2
    # One message each: no one sees who else got it.
    assert sorted(message.to for message in mailoutbox) == [
        ["bert@gemeente.example"],
        ["ina@gemeente.example"],
    ]
    for message in mailoutbox:
        assert message.subject == f"Kopie van klacht {complaint.reference} (Awb 9:9)"
        body = message.body
        assert f"Kenmerk: {complaint.reference}" in body
        assert "Ontvangen op: 2 maart 2026" in body
        assert "Klager: Karin Klager" in body
        assert DESCRIPTION in body
        assert DESIRED in body
        assert "artikel 9:9" in body
        assert "artikel 9:10" in body
        assert "Hans Behandelaar" in body
        assert message.attachments == [
            ("bijlage-1.pdf", PDF_BYTES, "application/pdf"),
            ("bijlage-2.jpg", JPEG_BYTES, "image/jpeg"),
        ]
    bert, ina = (m for m in sorted(mailoutbox, key=lambda m: m.to))
    assert bert.body.startswith("Beste Bert Balie,")
    assert ina.body.startswith("Beste Ina Intake,")


def test_the_copy_never_carries_the_complainants_contact_details(complaint, coordinator, mailoutbox):
    copies.send_copy_to_involved(complaint, actor=coordinator)

    for message in mailoutbox:
        everything = message.subject + message.body + "".join(name for name, _c, _m in message.attachments)
        for detail in (EMAIL, PHONE, STREET, POSTAL_CODE, CITY, "Dorpsstraat"):
            assert detail not in everything
        assert message.from_email != EMAIL
        assert message.reply_to == []


def test_the_copy_is_on_the_timeline_without_names(complaint, handler, involved, mailoutbox):
    copies.send_copy_to_involved(complaint, actor=handler)

    event = copy_events(complaint).get()
    assert event.actor == handler
    assert event.data == {
        "copy": copies.COPY_MARKER,
        "recipients": sorted(employee.pk for employee in involved),
        "attachments": 2,
    }
    assert event.details == ""
    assert "Klager" not in event.summary
    assert list(copies.copies_sent(complaint)) == [event]


def test_the_copy_may_be_sent_again(complaint, coordinator, mailoutbox):
    copies.send_copy_to_involved(complaint, actor=coordinator)
    copies.send_copy_to_involved(complaint, actor=coordinator)

    assert len(mailoutbox) == 4
    assert copy_events(complaint).count() == 2


def test_an_employee_without_email_is_skipped_and_none_at_all_is_refused(
    complaint, coordinator, involved, mailoutbox
):
    involved[1].email = ""
    involved[1].save()

    assert copies.send_copy_to_involved(complaint, actor=coordinator) == 1
    assert [message.to for message in mailoutbox] == [["bert@gemeente.example"]]
    assert copy_events(complaint).get().data["recipients"] == [involved[0].pk]

    involved[0].is_active = False
    involved[0].save()
    with pytest.raises(GuardFailed, match="e-mailadres"):
        copies.send_copy_to_involved(complaint, actor=coordinator)
    assert len(mailoutbox) == 1
    assert copy_events(complaint).count() == 1


def test_only_the_coordinator_or_the_assigned_handler_sends_it(complaint, mailoutbox):
    for someone in (
        factories.handler(),  # not assigned to this complaint
        factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]),
        complaint.employees_involved.first(),  # Awb 9:7
    ):
        with pytest.raises(PermissionDenied):
            copies.send_copy_to_involved(complaint, actor=someone)

    assert mailoutbox == []
    assert not copy_events(complaint).exists()


def test_refused_without_involved_employees(coordinator, mailoutbox):
    complaint = bring_to(Status.FORMAL, actor=coordinator)

    with pytest.raises(GuardFailed, match="geen betrokken medewerker"):
        copies.send_copy_to_involved(complaint, actor=coordinator)

    assert mailoutbox == []
    assert not copy_events(complaint).exists()


@pytest.mark.parametrize("status", [Status.NOT_HANDLED, Status.REFERRED, Status.WITHDRAWN])
def test_refused_when_the_complaint_is_not_handled(status, coordinator, involved, mailoutbox):
    complaint = bring_to(status, actor=coordinator, employees_involved=involved)

    # The lifecycle's "send_copy" action says why (ACTION_STATUSES).
    with pytest.raises(DomainError, match="Awb 9:9"):
        copies.send_copy_to_involved(complaint, actor=coordinator)

    assert mailoutbox == []
    assert not copy_events(complaint).exists()
    assert not copies.copy_possible(complaint)


def test_refused_after_the_not_handled_step_from_formal(complaint, coordinator, mailoutbox):
    complaint = lifecycle.perform(
        complaint, "not_handle", actor=coordinator, ground=NotHandledGround.INSUFFICIENT_INTEREST
    )

    with pytest.raises(DomainError):
        copies.send_copy_to_involved(complaint, actor=coordinator)

    assert mailoutbox == []


@pytest.mark.parametrize("backend", [backends.DISCONNECTED, backends.REFUSED])
def test_a_copy_that_cannot_be_sent_says_so_and_records_nothing(backend, complaint, coordinator, settings):
    settings.EMAIL_BACKEND = backend

    with pytest.raises(DomainError) as excinfo:
        copies.send_copy_to_involved(complaint, actor=coordinator)

    assert excinfo.value.message == "De kopie kon niet worden verstuurd; probeer het later opnieuw."
    assert not copy_events(complaint).exists()


# --- the complaint file --------------------------------------------------------------------------


def test_the_file_sends_the_copy_and_shows_it_was_sent(client, complaint, handler, mailoutbox):
    login_staff(client, handler)
    page = text(client.get(detail_url(complaint)))
    assert copy_url(complaint) in page
    assert "Kopie versturen" in page

    response = client.post(copy_url(complaint))

    assert response.status_code == 302
    assert response["Location"] == detail_url(complaint) + "#h-letters"
    assert len(mailoutbox) == 2
    page = text(client.get(response["Location"]))
    assert "De kopie van de klacht is gestuurd aan 2 betrokken medewerkers." in page
    assert "Kopie van de klacht en de bijlagen verstuurd op" in page
    assert "Kopie opnieuw versturen" in page


def test_the_file_shows_why_a_copy_was_not_sent(client, complaint, coordinator, settings):
    settings.EMAIL_BACKEND = backends.DISCONNECTED
    login_staff(client, coordinator)

    response = client.post(copy_url(complaint), follow=True)

    assert "De kopie kon niet worden verstuurd; probeer het later opnieuw." in text(response)
    assert not copy_events(complaint).exists()


def test_the_file_refuses_someone_who_does_not_handle(client, complaint, mailoutbox):
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    factories.DepartmentFactory(head=head).complaints.add(complaint)  # sees the file, does not handle it
    login_staff(client, head)
    assert copy_url(complaint) not in text(client.get(detail_url(complaint)))

    response = client.post(copy_url(complaint), follow=True)

    assert "U mag deze klacht niet behandelen." in text(response)
    assert mailoutbox == []


def test_no_button_without_involved_employees_or_for_a_complaint_not_handled(client, coordinator, involved):
    login_staff(client, coordinator)
    without = bring_to(Status.FORMAL, actor=coordinator)
    not_handled = bring_to(Status.NOT_HANDLED, actor=coordinator, employees_involved=involved)

    assert copy_url(without) not in text(client.get(detail_url(without)))
    assert copy_url(not_handled) not in text(client.get(detail_url(not_handled)))


def test_the_copy_is_only_posted_and_only_for_a_visible_complaint(client, complaint, coordinator):
    login_staff(client, coordinator)
    assert client.get(copy_url(complaint)).status_code == 405

    login_staff(client, factories.handler())
    assert client.post(copy_url(complaint)).status_code == 404


def test_the_file_names_who_cannot_get_the_copy_by_email(client, complaint, coordinator, involved):
    involved[1].email = ""
    involved[1].save()
    login_staff(client, coordinator)

    page = text(client.get(detail_url(complaint)))

    assert "Krijgt de kopie niet per e-mail (geen e-mailadres of geen actief account): Ina Intake." in page
