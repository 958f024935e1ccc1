"""The delivery task: retries through the broker, but never loops or raises in-process."""

import smtplib
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core.management import call_command
from django.utils import timezone

from gehoord.cases.tests.factories import ComplainantFactory, make_complaint
from gehoord.correspondence import services
from gehoord.correspondence.constants import LetterStatus
from gehoord.correspondence.models import Letter
from gehoord.correspondence.schedule import BEAT_SCHEDULE
from gehoord.correspondence.tasks import deliver_due_letters_task, deliver_letter
from gehoord.correspondence.tests import backends

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_letter():
    """A queued e-mail letter whose task has not run (the test's transaction never commits)."""
    complaint = make_complaint(complainant=ComplainantFactory.build(email="klager@example.nl"))
    return services.queue_acknowledgment(complaint)


@pytest.fixture
def in_a_worker():
    """Run the task as a worker would (not eager), catching what it sends to the broker."""
    deliver_letter.push_request(id="task-1", called_directly=False, is_eager=False, retries=0)
    with mock.patch.object(deliver_letter, "apply_async") as broker:
        yield broker
    deliver_letter.pop_request()


def test_in_process_a_failure_neither_raises_nor_loops(queued_letter, settings, mailoutbox):
    settings.EMAIL_BACKEND = backends.DISCONNECTED

    result = deliver_letter.apply(args=[queued_letter.pk, 0], throw=True)

    assert result.get() == "queued"
    queued_letter.refresh_from_db()
    assert queued_letter.status == LetterStatus.QUEUED
    assert queued_letter.attempts == 1  # one attempt, no eager retry loop
    assert mailoutbox == []


def test_in_process_a_bug_is_logged_not_raised(queued_letter, caplog):
    with mock.patch.object(services, "_send_email", side_effect=KeyError("template bug")):
        result = deliver_letter.apply(args=[queued_letter.pk, 0], throw=True)

    assert result.get() == "queued"
    assert "could not be delivered" in caplog.text
    queued_letter.refresh_from_db()
    assert queued_letter.last_error == "KeyError: 'template bug'"


def test_in_a_worker_a_mail_failure_is_retried_with_the_letters_backoff(queued_letter, settings, in_a_worker):
    settings.EMAIL_BACKEND = backends.DISCONNECTED

    with pytest.raises(Retry) as retry:
        deliver_letter.run(queued_letter.pk, 0)

    queued_letter.refresh_from_db()
    assert isinstance(retry.value.exc, smtplib.SMTPServerDisconnected)
    assert 55 <= retry.value.when <= 60  # first retry after a minute
    [call] = in_a_worker.call_args_list
    assert call.args == ((queued_letter.pk,), {"expected_attempts": 1})
    assert call.kwargs["countdown"] == retry.value.when
    assert queued_letter.attempts == 1


def test_in_a_worker_a_bug_fails_the_task_and_leaves_the_letter_queued(queued_letter, in_a_worker):
    with (
        mock.patch.object(services, "_send_email", side_effect=KeyError("template bug")),
        pytest.raises(KeyError),
    ):
        deliver_letter.run(queued_letter.pk, 0)

    assert not in_a_worker.called
    queued_letter.refresh_from_db()
    assert queued_letter.status == LetterStatus.QUEUED
    assert queued_letter.next_attempt_at > timezone.now()


def test_in_a_worker_success_returns_the_status(queued_letter, in_a_worker, mailoutbox):
    assert deliver_letter.run(queued_letter.pk, 0) == LetterStatus.SENT
    assert len(mailoutbox) == 1


def test_beat_entry_names_the_task_and_the_task_requeues_due_letters(queued_letter, mailoutbox):
    [entry] = BEAT_SCHEDULE.values()
    assert entry["task"] == deliver_due_letters_task.name
    Letter.objects.filter(pk=queued_letter.pk).update(next_attempt_at=timezone.now())

    assert deliver_due_letters_task.apply(throw=True).get() == 1
    assert len(mailoutbox) == 1


def test_send_pending_letters_command(queued_letter, mailoutbox, capsys):
    Letter.objects.filter(pk=queued_letter.pk).update(next_attempt_at=timezone.now())

    call_command("send_pending_letters")

    assert "1 letter(s)" in capsys.readouterr().out
    queued_letter.refresh_from_db()
    assert queued_letter.status == LetterStatus.SENT
