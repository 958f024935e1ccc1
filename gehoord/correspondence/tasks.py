"""Celery tasks that deliver letters.

With a broker, a failed e-mail is retried by the task itself, with the
letter's exponential backoff. In-process (``CELERY_TASK_ALWAYS_EAGER``, as in
``make run`` and the tests) the task never retries and never raises: the
web request that stored the complaint must not wait for, loop on, or fail
with the mail server. The letter stays queued, and
:func:`~gehoord.correspondence.services.deliver_due_letters` (beat, or the
``send_pending_letters`` command) sends it later.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from gehoord.correspondence import services
from gehoord.correspondence.models import Letter
from gehoord.correspondence.schedule import BEAT_SCHEDULE

__all__ = ["BEAT_SCHEDULE", "deliver_due_letters_task", "deliver_letter"]

logger = logging.getLogger(__name__)

# What a mail server or the network throws; smtplib.SMTPException is an OSError.
RETRYABLE_ERRORS = (OSError,)


@shared_task(bind=True, acks_late=True, max_retries=None, ignore_result=True)
def deliver_letter(self, letter_id: int, expected_attempts: int | None = None) -> str:
    """Deliver one letter; returns the letter's status afterwards."""
    try:
        letter = services.deliver(letter_id, expected_attempts=expected_attempts)
    except RETRYABLE_ERRORS as exc:
        if self.request.is_eager:
            logger.warning("Letter %s stays queued; it is retried by deliver_due_letters.", letter_id)
            return "queued"
        letter = Letter.objects.get(pk=letter_id)
        countdown = _countdown(letter)
        raise self.retry(
            exc=exc,
            args=[letter_id],
            kwargs={"expected_attempts": letter.attempts},
            countdown=countdown,
        ) from exc
    except Exception:
        if self.request.is_eager:
            # A bug (a template, say) must not turn into a server error for the
            # citizen whose complaint was stored: log it, the letter stays queued.
            logger.exception("Letter %s could not be delivered.", letter_id)
            return "queued"
        # Not worth retrying at once; the letter stays queued with its
        # next_attempt_at, so the safety net tries it again later.
        raise
    return letter.status


def _countdown(letter: Letter) -> float:
    if letter.next_attempt_at is None:
        return services.retry_delay(letter.attempts).total_seconds()
    return max((letter.next_attempt_at - timezone.now()).total_seconds(), 0.0)


@shared_task(ignore_result=True)
def deliver_due_letters_task() -> int:
    """Beat: requeue letters whose retry is due or whose task was lost."""
    return services.deliver_due_letters()
