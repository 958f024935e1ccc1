"""After a submit, the acknowledgment goes out in the background; a mail failure loses nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from gehoord.cases.models import Complaint
from gehoord.cases.status_link import status_path
from gehoord.correspondence.constants import LetterStatus
from gehoord.correspondence.services import deliver_due_letters
from gehoord.correspondence.tests.backends import DISCONNECTED
from gehoord.intake.tests.helpers import valid_form_data

FORM_URL = "/klacht/formulier/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def test_submit_sends_the_acknowledgment_with_pdf_and_status_link(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, valid_form_data())

    complaint = Complaint.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatima@example.nl"]
    assert complaint.reference in message.subject
    assert status_path(complaint) in message.body
    assert message.attachments[0][2] == "application/pdf"
    complaint.refresh_from_db()
    assert complaint.acknowledged_at is not None


def test_mail_down_keeps_the_complaint_and_queues_the_mail_for_retry(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DISCONNECTED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, valid_form_data())

    # The citizen sees the confirmation; the complaint is stored; the letter waits.
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.reference in client.get(response.url).content.decode()
    letter = complaint.letters.get()
    assert letter.status == LetterStatus.QUEUED
    assert letter.attempts == 1 and "SMTPServerDisconnected" in letter.last_error
    assert letter.next_attempt_at > timezone.now()
    assert mail.outbox == []

    # Mail is back: the retry sends it exactly once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + dt.timedelta(hours=2)
    deliver_due_letters(now=later)
    deliver_due_letters(now=later)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert len(mail.outbox) == 1
