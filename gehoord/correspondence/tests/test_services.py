"""Queueing and delivering letters: sent once, after the commit, and retried until sent."""

import contextlib
import datetime as dt
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from gehoord.cases.constants import EventKind
from gehoord.cases.tests.factories import ComplainantFactory, make_complaint
from gehoord.correspondence import letters, services
from gehoord.correspondence.constants import Delivery, LetterKind, LetterStatus
from gehoord.correspondence.models import Letter
from gehoord.correspondence.selectors import letters_not_sent
from gehoord.correspondence.tests import backends

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    """Register a complaint and queue its acknowledgment the way intake does: in one transaction."""

    def register(**complainant):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            complaint = make_complaint(complainant=ComplainantFactory.build(**complainant))
            letter = services.queue_acknowledgment(complaint)
        letter.refresh_from_db()
        complaint.refresh_from_db()
        return complaint, letter

    return register


def letter_events(complaint):
    return list(complaint.events.filter(kind=EventKind.LETTER))


def test_acknowledgment_is_emailed_with_the_pdf_after_the_commit(register, mailoutbox):
    complaint, letter = register(email="klager@example.nl")

    assert letter.kind == LetterKind.ACKNOWLEDGMENT
    assert letter.delivery == Delivery.EMAIL
    assert letter.status == LetterStatus.SENT
    assert letter.sent_at is not None
    assert letter.attempts == 1
    assert letter.pdf.name.startswith(f"letters/{letter.created_at.year}/")
    assert complaint.reference not in letter.pdf.name

    [message] = mailoutbox
    assert message.to == ["klager@example.nl"]
    assert message.subject == f"Ontvangstbevestiging van uw klacht {complaint.reference}"
    assert letters.email_body(letter) == message.body
    assert "/klacht/status/" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name == f"ontvangstbevestiging-{complaint.reference}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")

    assert complaint.acknowledged_at == letter.sent_at
    [event] = letter_events(complaint)
    assert event.summary == "Ontvangstbevestiging verzonden per e-mail"
    assert event.data == {"letter": letter.pk, "kind": "acknowledgment", "delivery": "email"}


def test_nothing_is_sent_when_the_complaint_is_rolled_back(django_capture_on_commit_callbacks, mailoutbox):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        services.queue_acknowledgment(make_complaint())
        raise RuntimeError("the request failed after queueing")

    assert callbacks == []
    assert not Letter.objects.exists()
    assert mailoutbox == []


def test_without_email_address_the_letter_waits_to_be_printed(register, mailoutbox):
    complaint, letter = register(email="")

    assert letter.delivery == Delivery.POST
    assert letter.status == LetterStatus.TO_PRINT
    assert mailoutbox == []
    assert complaint.acknowledged_at is None
    assert list(letters_not_sent()) == [letter]
    assert services.deliver(letter.pk).status == LetterStatus.TO_PRINT  # deliver leaves post alone

    printed = services.mark_printed(letter)

    complaint.refresh_from_db()
    assert printed.status == LetterStatus.PRINTED
    assert complaint.acknowledged_at == printed.sent_at
    assert [e.summary for e in letter_events(complaint)] == ["Ontvangstbevestiging verzonden per post"]
    assert list(letters_not_sent()) == []


def test_a_complaint_is_acknowledged_once(register, mailoutbox):
    complaint, letter = register(email="klager@example.nl")

    assert services.queue_acknowledgment(complaint) == letter
    assert Letter.objects.count() == 1
    assert len(mailoutbox) == 1


def test_delivering_twice_sends_once(register, mailoutbox):
    complaint, letter = register(email="klager@example.nl")

    again = services.deliver(letter.pk)

    assert again.status == LetterStatus.SENT
    assert again.attempts == 1
    assert len(mailoutbox) == 1
    assert len(letter_events(complaint)) == 1


def test_a_mail_failure_keeps_the_letter_queued_for_a_retry(register, settings, mailoutbox):
    settings.EMAIL_BACKEND = backends.DISCONNECTED
    before = timezone.now()

    complaint, letter = register(email="klager@example.nl")  # no exception reaches the caller

    assert complaint.pk is not None
    assert letter.status == LetterStatus.QUEUED
    assert letter.attempts == 1
    assert letter.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert letter.next_attempt_at > before
    assert letter.pdf  # rendered and kept for the retry
    assert complaint.acknowledged_at is None
    assert letter_events(complaint) == []
    assert list(letters_not_sent()) == [letter]

    # The mail server is back; the safety net sends it, exactly once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with mock.patch.object(letters, "render_pdf", side_effect=AssertionError("rendered twice")):
        assert services.deliver_due_letters(now=letter.next_attempt_at) == 1
    assert services.deliver_due_letters(now=letter.next_attempt_at + dt.timedelta(hours=2)) == 0

    letter.refresh_from_db()
    complaint.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.attempts == 2
    assert letter.last_error == ""
    assert len(mailoutbox) == 1
    assert complaint.acknowledged_at == letter.sent_at
    assert len(letter_events(complaint)) == 1


def test_deliver_records_the_failure_before_raising(register, settings):
    _complaint, letter = register(email="klager@example.nl")
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.QUEUED)
    settings.EMAIL_BACKEND = backends.DISCONNECTED

    with pytest.raises(OSError, match="Connection unexpectedly closed"):
        services.deliver(letter.pk)

    letter.refresh_from_db()
    assert letter.attempts == 2
    assert letter.status == LetterStatus.QUEUED


def test_the_error_stored_holds_no_email_address(register, settings):
    settings.EMAIL_BACKEND = backends.REFUSED

    _complaint, letter = register(email="Klager@Example.nl")

    assert letter.last_error.startswith("SMTPRecipientsRefused: ")
    assert "<ontvanger>" in letter.last_error
    assert "example.nl" not in letter.last_error.lower()


def test_backoff_is_exponential_and_capped_at_an_hour():
    delays = [services.retry_delay(n) for n in range(1, 10)]

    assert delays[:4] == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert max(delays) == dt.timedelta(hours=1)
    assert delays == sorted(delays)


def test_the_backoff_follows_the_retry_settings(settings):
    settings.LETTER_RETRY_BASE_SECONDS = 5
    settings.LETTER_RETRY_CAP_SECONDS = 30

    delays = [services.retry_delay(n).total_seconds() for n in range(1, 6)]

    assert delays == [5, 10, 20, 30, 30]


def test_due_letters_are_failed_ones_whose_time_came_and_ones_whose_task_got_lost():
    now = timezone.now()

    def queued(**fields):
        # The test's transaction never commits here, so no task runs: the letters stay queued.
        letter = services.queue_acknowledgment(make_complaint(complainant=ComplainantFactory.build()))
        Letter.objects.filter(pk=letter.pk).update(**fields)
        return letter

    fresh = queued(created_at=now, next_attempt_at=None, attempts=0)
    lost = queued(created_at=now - dt.timedelta(minutes=5), next_attempt_at=None, attempts=0)
    retry_due = queued(next_attempt_at=now - dt.timedelta(seconds=1), attempts=1)
    retry_later = queued(next_attempt_at=now + dt.timedelta(minutes=4), attempts=3)
    printed = services.queue_acknowledgment(make_complaint(complainant=ComplainantFactory.build(email="")))

    due = set(services.due_letters(now).values_list("pk", flat=True))

    assert due == {lost.pk, retry_due.pk}
    assert fresh.pk not in due and retry_later.pk not in due and printed.pk not in due


def test_a_duplicate_task_does_not_make_a_second_attempt(register, settings, mailoutbox):
    settings.EMAIL_BACKEND = backends.DISCONNECTED
    _complaint, letter = register(email="klager@example.nl")  # attempt 1 failed
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    # A task scheduled before attempt 1 (expected 0 attempts) arrives late: it is stale.
    stale = services.deliver(letter.pk, expected_attempts=0)

    assert stale.status == LetterStatus.QUEUED
    assert stale.attempts == 1
    assert mailoutbox == []
    assert services.deliver(letter.pk, expected_attempts=1).status == LetterStatus.SENT
