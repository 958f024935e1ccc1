"""What the personal status page shows the complainant: their complaint, additions, letters and hearing.

And only that: no letter of someone else, no letter to the employee, nothing
under a wrong secret, no repeated timeline entries, no 'stuur door'.
"""

import html
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from gehoord.audit.models import Action, AuditEntry
from gehoord.cases.constants import EventKind, Status
from gehoord.cases.status_link import status_path, status_secret
from gehoord.cases.tests import factories
from gehoord.core.testing.fixtures import media_in_tmp, tasks_in_process  # noqa: F401
from gehoord.correspondence import services as letter_services
from gehoord.correspondence.constants import LetterKind, LetterStatus, RecipientRole
from gehoord.correspondence.models import Letter
from gehoord.correspondence.tests.walk import bring_to, take
from gehoord.intake.public_status import public_status
from gehoord.intake.tests.helpers import pdf_file

pytestmark = pytest.mark.django_db

DESCRIPTION = "The clerk at the desk sent me away without any explanation."
WISH = "An apology and an explanation."
PLACE = "Stadhuis, spreekkamer 4"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def letter_url(complaint, pk: int, secret: str | None = None) -> str:
    return reverse("intake:status_letter", args=[complaint.reference, secret or status_secret(complaint), pk])


@pytest.fixture
def scheduled(coordinator):
    """A formal complaint with a hearing on a date and a place; the invitations went out by e-mail."""
    complaint = bring_to(
        Status.FORMAL,
        actor=coordinator,
        description=DESCRIPTION,
        desired_outcome=WISH,
        employees_involved=[factories.coordinator()],
        complainant=factories.ComplainantFactory.build(email="klager@example.nl"),
    )
    complaint = take(
        complaint, "schedule_hearing", actor=coordinator, hearing_time="14:30", hearing_location=PLACE
    )
    return deliver_queued(complaint)


def deliver_queued(complaint):
    """What the outbox does after the commit (the test's transaction never commits)."""
    for letter in complaint.letters.filter(status=LetterStatus.QUEUED):
        letter_services.deliver(letter.pk)
    return complaint


def test_the_complainant_sees_their_complaint_their_addition_letters_and_hearing(client, scheduled):
    url = status_path(scheduled)
    assert (
        client.post(url, {"text": "I also have a photo.", "attachments": [pdf_file("foto.pdf")]}).status_code
        == 302
    )

    page = page_text(client.get(url))

    assert DESCRIPTION in page and WISH in page
    assert "I also have a photo." in page and "foto.pdf" in page
    assert "30 maart 2026" in page and "14:30" in page and PLACE in page
    invitation = scheduled.letters.get(kind=LetterKind.HEARING_INVITATION)
    assert invitation.status == LetterStatus.SENT
    assert f'href="{letter_url(scheduled, invitation.pk)}"' in client.get(url).content.decode()


def test_a_letter_downloads_as_a_private_pdf_and_the_download_is_audited(client, scheduled):
    invitation = scheduled.letters.get(kind=LetterKind.HEARING_INVITATION)

    response = client.get(letter_url(scheduled, invitation.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(
        action=Action.DOWNLOAD, complaint_id=scheduled.pk, object_id=invitation.pk
    ).exists()


def test_no_other_letter_is_offered_or_served_under_the_link(client, coordinator, scheduled):
    other = bring_to(
        Status.FORMAL,
        actor=coordinator,
        complainant=factories.ComplainantFactory.build(email="ander@example.nl"),
    )
    other = deliver_queued(take(other, "schedule_hearing", actor=coordinator))
    others_letter = other.letters.get(kind=LetterKind.HEARING_INVITATION)
    to_employee = scheduled.letters.get(recipient_role=RecipientRole.EMPLOYEE)
    own = scheduled.letters.get(kind=LetterKind.HEARING_INVITATION)
    not_sent = Letter.objects.filter(pk=own.pk)
    not_sent.update(status=LetterStatus.QUEUED)

    for pk in (others_letter.pk, to_employee.pk, own.pk, 999999):
        assert client.get(letter_url(scheduled, pk)).status_code == 404, pk
    assert f"/brief/{to_employee.pk}/" not in client.get(status_path(scheduled)).content.decode()

    not_sent.update(status=LetterStatus.SENT)
    assert client.get(letter_url(scheduled, own.pk)).status_code == 200
    # A wrong secret, or the other complaint's own secret: nothing, for either letter.
    for secret in ("A" * 43, status_secret(other)):
        assert client.get(letter_url(scheduled, own.pk, secret)).status_code == 404
    assert client.get(letter_url(other, own.pk)).status_code == 404


def test_the_status_page_names_no_employee_and_no_internal_note(client, coordinator, handler, scheduled):
    from gehoord.cases import services

    services.add_note(scheduled, text="Interne notitie: klager belt vaak.", actor=coordinator)
    employee = scheduled.employees_involved.get()

    page = page_text(client.get(status_path(scheduled)))

    for secret in ("Interne notitie", employee.last_name, coordinator.last_name, "beklaagde"):
        assert secret not in page


def test_the_timeline_has_no_repeated_entries(client, coordinator):
    complaint = bring_to(Status.CLOSED, actor=coordinator)
    entries = [entry.text for entry in public_status(complaint).entries]

    assert entries, "the timeline is empty"
    assert len(entries) == len(set(entries)), entries
    # Received and triaged read as one status to the complainant; so do decided and reviewed.
    assert entries.count("Nieuwe status: Afgehandeld.") == 1
    assert "Nieuwe status: Ontvangen." not in entries


def test_a_spoken_complaint_says_it_was_noted_down(client, coordinator):
    from gehoord.cases.constants import Channel

    complaint = factories.make_complaint(channel=Channel.PHONE)
    page = page_text(client.get(status_path(complaint)))
    assert "Uw klacht zoals wij die noteerden" in page


def test_an_addition_records_its_file_names(client, db):
    complaint = factories.make_complaint()
    client.post(status_path(complaint), {"text": "", "attachments": [pdf_file("bon.pdf")]})
    event = complaint.events.get(kind=EventKind.COMPLAINANT_ADDITION)
    assert event.data["files"] == ["bon.pdf"]


def test_stuur_door_is_not_offered_under_the_status_link(client, db):
    complaint = factories.make_complaint()
    forward = reverse("intake:forward")
    withdraw = reverse("intake:withdraw", args=[complaint.reference, status_secret(complaint)])

    for url in (status_path(complaint), withdraw):
        assert f'href="{forward}"' not in client.get(url).content.decode(), url
    for url in (reverse("intake:start"), reverse("intake:form"), reverse("privacy")):
        assert f'href="{forward}"' in client.get(url).content.decode(), url


def test_stuur_door_names_the_page_it_sends(client, settings, db):
    settings.SITE_URL = "https://klachten.voorbeeldstad.example"

    page = page_text(client.get(reverse("intake:forward")))

    assert "Deze pagina stuurt u door" in page
    assert "Klachten? Vertel het de gemeente!" in page
    assert "https://klachten.voorbeeldstad.example/klacht/" in page


def test_a_stored_name_in_the_next_step_is_escaped_and_marked_dutch_in_english(client, db):
    from django.utils import translation

    from gehoord.cases.models import Complaint

    complaint = factories.make_complaint()
    Complaint.objects.filter(pk=complaint.pk).update(status=Status.REFERRED, referred_to="<b>Wijkteam</b>")

    dutch_page = client.get(status_path(complaint)).content.decode()
    with translation.override("en"):
        english = public_status(Complaint.objects.get(pk=complaint.pk)).next_step

    assert "&lt;b&gt;Wijkteam&lt;/b&gt;" in dutch_page and "<b>Wijkteam</b>" not in dutch_page
    assert '<span lang="nl">&lt;b&gt;Wijkteam&lt;/b&gt;</span>' in english
