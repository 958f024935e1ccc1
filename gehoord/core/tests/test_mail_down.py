"""Mail down: the acknowledgment waits, visibly "not yet sent", and goes once the SMTP server is back.

End to end through the public form, with a real SMTP server process
(gehoord/core/testing/smtp_sink.py, aiosmtpd) that is not running at first,
is started, stopped and started again.
"""

import datetime as dt
import html
from email import message_from_bytes, policy

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases.models import Complaint
from gehoord.core.testing.smtp_sink import SmtpSinkProcess, free_port
from gehoord.correspondence.constants import LetterStatus
from gehoord.correspondence.models import Letter
from gehoord.intake.tests.helpers import valid_form_data

pytestmark = pytest.mark.django_db

WAITING = "Nog niet verzonden — wordt opnieuw geprobeerd"


@pytest.fixture
def smtp(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "127.0.0.1", "", ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.MEDIA_ROOT = str(tmp_path / "media")
    sink = SmtpSinkProcess(free_port(), tmp_path / "mail")
    settings.EMAIL_PORT = sink.port
    yield sink
    sink.stop()


def _file_page(client, complaint) -> str:
    return html.unescape(client.get(reverse("cases:detail", args=[complaint.reference])).content.decode())


def _time_passes(letter: Letter) -> None:
    """As if the retry's moment had come (the beat task runs deliver_due_letters every minute)."""
    Letter.objects.filter(pk=letter.pk).update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))


def test_the_acknowledgment_waits_visibly_while_mail_is_down_and_goes_once_it_is_back(
    client, coordinator, smtp, django_capture_on_commit_callbacks
):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the delivery task runs as after a commit
        response = client.post("/klacht/formulier/", valid_form_data(email="fatima@example.nl"))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    letter = complaint.letters.get()
    assert (letter.status, letter.attempts) == (LetterStatus.QUEUED, 1)
    assert letter.last_error.startswith("ConnectionRefusedError")

    staff = login_staff(client.__class__(), coordinator)
    page = _file_page(staff, complaint)
    assert WAITING in page
    assert "(1 poging)" in page

    # Still down at the next attempt: it keeps waiting, with the count of attempts.
    _time_passes(letter)
    call_command("send_pending_letters")
    letter.refresh_from_db()
    assert (letter.status, letter.attempts) == (LetterStatus.QUEUED, 2)
    assert "(2 pogingen)" in _file_page(staff, complaint)

    smtp.start()
    _time_passes(letter)
    call_command("send_pending_letters")
    smtp.stop()  # gone again: nothing more may need it
    call_command("send_pending_letters")
    smtp.start()
    call_command("send_pending_letters")

    letter.refresh_from_db()
    assert (letter.status, letter.attempts) == (LetterStatus.SENT, 3)
    page = _file_page(staff, complaint)
    assert WAITING not in page
    assert "Verzonden per e-mail op" in page
    [message_file] = smtp.messages()
    message = message_from_bytes(message_file.read_bytes(), policy=policy.default)
    assert message["To"] == "fatima@example.nl"
    assert complaint.reference in message["Subject"]
