"""Letters on the staff screens: who may open, print and retry them, and that a sent letter never changes."""

import html
from unittest import mock

import pytest
from django.urls import reverse

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle
from gehoord.cases.constants import Channel, Status
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.correspondence import letters, services
from gehoord.correspondence.constants import Delivery, LetterKind, LetterStatus
from gehoord.correspondence.models import Letter
from gehoord.correspondence.tests import backends
from gehoord.correspondence.tests.walk import bring_to, satisfy_guard

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def pdf_url(letter) -> str:
    return reverse("correspondence:pdf", args=[letter.pk])


def printed_url(letter) -> str:
    return reverse("correspondence:mark_printed", args=[letter.pk])


def retry_url(letter) -> str:
    return reverse("correspondence:retry", args=[letter.pk])


def detail_url(complaint) -> str:
    return reverse("cases:detail", args=[complaint.reference])


@pytest.fixture
def world(coordinator, handler):
    """A decided complaint in a department, handled by `handler`, with its decision letter by post."""
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    department = factories.DepartmentFactory(head=head)
    involved = factories.coordinator()
    complaint = bring_to(
        Status.DECIDED,
        actor=coordinator,
        handler=handler,
        departments=[department],
        employees_involved=[involved],
        complainant=factories.ComplainantFactory.build(email=""),
    )
    return {
        "complaint": complaint,
        "letter": complaint.letters.get(kind=LetterKind.DECISION),
        "head": head,
        "involved": involved,
    }


def test_the_coordinator_downloads_the_pdf(client, coordinator, world):
    letter = world["letter"]
    login_staff(client, coordinator)

    response = client.get(pdf_url(letter))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="{letters.attachment_name(letter)}"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    letter.refresh_from_db()
    assert letter.pdf  # rendered once and stored
    with letter.pdf.open("rb") as stored:
        assert stored.read() == response.content


def test_everyone_who_sees_the_file_may_download(client, handler, world):
    for user in (handler, world["head"]):
        login_staff(client, user)
        assert client.get(pdf_url(world["letter"])).status_code == 200


def test_others_get_a_404(client, world):
    unrelated_handler = factories.handler()
    for user in (
        unrelated_handler,
        world["involved"],
        factories.UserFactory(),
        factories.UserFactory(roles=[Role.ADMIN]),
    ):
        login_staff(client, user)
        assert client.get(pdf_url(world["letter"])).status_code == 404
        assert client.post(printed_url(world["letter"])).status_code == 404
        assert client.post(retry_url(world["letter"])).status_code == 404
    assert client.get(reverse("correspondence:pdf", args=[999999])).status_code == 404
    world["letter"].refresh_from_db()
    assert world["letter"].status == LetterStatus.TO_PRINT
    assert not world["letter"].pdf


def test_anonymous_users_are_sent_to_the_login(client, world):
    response = client.get(pdf_url(world["letter"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_assigned_handler_marks_a_post_letter_printed(client, handler, world):
    letter = world["letter"]
    login_staff(client, handler)

    response = client.post(printed_url(letter))

    assert response.status_code == 302
    assert response["Location"] == detail_url(world["complaint"]) + "#h-letters"
    letter.refresh_from_db()
    assert letter.status == LetterStatus.PRINTED
    assert letter.sent_at is not None
    assert letter.pdf  # what went out is kept
    event = world["complaint"].events.get(kind="letter")
    assert event.summary == "Beslissing op de klacht verzonden per post"
    assert event.actor == handler

    page = text(client.get(detail_url(world["complaint"])))
    assert "Verzonden per post op" in page
    # Only the hearing invitation still waits for printing.
    assert page.count("Nog printen en per post versturen") == 1
    assert printed_url(letter) not in page


def test_printing_needs_someone_who_may_handle_and_a_post(client, world):
    letter = world["letter"]
    login_staff(client, world["head"])  # sees the file, does not handle it

    response = client.post(printed_url(letter), follow=True)

    assert "U mag deze klacht niet behandelen." in text(response)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.TO_PRINT
    assert client.get(printed_url(letter)).status_code == 405


def test_a_sent_letter_is_never_rendered_again(
    client, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    complaint = bring_to(Status.HEARING, actor=coordinator)
    complaint = satisfy_guard(complaint, "decide", actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = lifecycle.perform(complaint, "decide", actor=coordinator)
    letter = complaint.letters.get(kind=LetterKind.DECISION)
    assert letter.status == LetterStatus.SENT
    [(_name, sent_pdf, _mimetype)] = mailoutbox[0].attachments
    # The file changes afterwards (a correction, an anonymisation...): the letter does not.
    Complaint.objects.filter(pk=complaint.pk).update(findings="Iets heel anders.", conclusions="")
    login_staff(client, coordinator)

    with mock.patch.object(letters, "render_pdf", side_effect=AssertionError("rendered again")):
        response = client.get(pdf_url(letter))
        assert services.ensure_pdf(Letter.objects.get(pk=letter.pk)) == sent_pdf

    assert response.status_code == 200
    assert response.content == sent_pdf


def test_a_printed_letter_is_never_rendered_again(client, coordinator, world):
    letter = services.mark_printed(world["letter"], actor=coordinator)
    with letter.pdf.open("rb") as stored:
        printed_pdf = stored.read()
    Complaint.objects.filter(pk=world["complaint"].pk).update(findings="Iets heel anders.")
    login_staff(client, coordinator)

    with mock.patch.object(letters, "render_pdf", side_effect=AssertionError("rendered again")):
        response = client.get(pdf_url(letter))

    assert response.content == printed_pdf


def test_a_letter_opened_before_printing_is_printed_as_opened(client, coordinator, world):
    login_staff(client, coordinator)
    opened = client.get(pdf_url(world["letter"])).content

    with mock.patch.object(letters, "render_pdf", side_effect=AssertionError("rendered again")):
        letter = services.mark_printed(world["letter"], actor=coordinator)

    with letter.pdf.open("rb") as stored:
        assert stored.read() == opened


# --- retrying an e-mail ------------------------------------------------------------------------


@pytest.fixture
def failed_email(coordinator, handler, settings, django_capture_on_commit_callbacks):
    """A referral e-mail whose first attempt failed: the mail server hung up."""
    settings.EMAIL_BACKEND = backends.DISCONNECTED
    complaint = bring_to(
        Status.TRIAGE,
        actor=coordinator,
        handler=handler,
        complainant=factories.ComplainantFactory.build(email="klager@example.nl"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        complaint = lifecycle.perform(complaint, "refer", actor=coordinator, destination="Loket Wonen")
    letter = complaint.letters.get()
    assert (letter.status, letter.attempts) == (LetterStatus.QUEUED, 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return letter


def test_the_file_shows_a_letter_that_is_being_retried(client, coordinator, failed_email):
    login_staff(client, coordinator)

    page = text(client.get(detail_url(failed_email.complaint)))

    assert "Brieven" in page
    assert "Doorverwijzing" in page
    assert "Nog niet verzonden — wordt opnieuw geprobeerd" in page
    assert "Laatste poging:" in page
    assert "SMTPServerDisconnected" in page
    assert retry_url(failed_email) in page
    assert pdf_url(failed_email) in page


def test_retry_now_sends_the_letter(client, handler, failed_email, mailoutbox):
    login_staff(client, handler)

    response = client.post(retry_url(failed_email), follow=True)

    assert "De brief is verzonden." in text(response)
    failed_email.refresh_from_db()
    assert failed_email.status == LetterStatus.SENT
    assert failed_email.attempts == 2
    assert len(mailoutbox) == 1
    assert "Verzonden per e-mail op" in text(response)


def test_retry_now_that_fails_again_keeps_the_letter_queued(client, coordinator, failed_email, settings):
    settings.EMAIL_BACKEND = backends.DISCONNECTED
    login_staff(client, coordinator)

    response = client.post(retry_url(failed_email), follow=True)

    assert "later opnieuw geprobeerd" in text(response)
    failed_email.refresh_from_db()
    assert (failed_email.status, failed_email.attempts) == (LetterStatus.QUEUED, 2)


def test_retry_needs_someone_who_may_handle_and_a_queued_email(client, world, failed_email, coordinator):
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    Complaint.objects.get(pk=failed_email.complaint_id).departments.add(
        factories.DepartmentFactory(head=head)
    )
    login_staff(client, head)
    assert "U mag deze klacht niet behandelen." in text(client.post(retry_url(failed_email), follow=True))

    login_staff(client, coordinator)
    post_letter = world["letter"]
    assert post_letter.delivery == Delivery.POST
    response = client.post(retry_url(post_letter), follow=True)
    assert "Deze brief wacht niet op verzending per e-mail." in text(response)


# --- the file page -----------------------------------------------------------------------------


def test_the_file_lists_letters_with_print_buttons_for_who_may_handle(client, coordinator, world):
    login_staff(client, coordinator)

    page = text(client.get(detail_url(world["complaint"])))

    assert 'id="h-letters"' in page
    assert "Beslissing op de klacht" in page
    assert "Nog printen en per post versturen" in page
    assert printed_url(world["letter"]) in page

    login_staff(client, world["head"])
    page = text(client.get(detail_url(world["complaint"])))
    assert pdf_url(world["letter"]) in page
    assert printed_url(world["letter"]) not in page


def test_the_file_asks_for_missing_elements(client, coordinator):
    # A complaint by letter: the only kind (with fax) that can lack a handwritten signature (Awb 9:4).
    complaint = bring_to(Status.TRIAGE, actor=coordinator, channel=Channel.LETTER)
    login_staff(client, coordinator)
    url = reverse("correspondence:missing_elements", args=[complaint.reference])
    assert url in text(client.get(detail_url(complaint)))

    response = client.post(
        url,
        {"missing_elements-missing": "- uw handtekening\n\n- uw adres\n", "missing_elements-respond_by": ""},
        follow=True,
    )

    assert "De brief met de vraag om ontbrekende gegevens staat klaar." in text(response)
    letter = complaint.letters.get()
    assert letter.kind == LetterKind.MISSING_ELEMENTS
    assert letter.data["missing"] == ["uw handtekening", "uw adres"]

    response = client.post(url, {"missing_elements-missing": "  "}, follow=True)
    assert "Noem wat er ontbreekt aan de klacht." in text(response) or "verplicht" in text(response)
    assert complaint.letters.count() == 1


def test_missing_elements_of_an_invisible_complaint_is_404(client, coordinator, world):
    login_staff(client, factories.handler())
    url = reverse("correspondence:missing_elements", args=[world["complaint"].reference])
    assert client.post(url, {"missing_elements-missing": "uw adres"}).status_code == 404
