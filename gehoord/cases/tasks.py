"""Background work of the complaint file: telling staff at once about new information.

With a broker a failed e-mail is retried by the task itself, with an
exponential backoff. In-process (``CELERY_TASK_ALWAYS_EAGER``, as in ``make
run`` and the tests) it makes one attempt and never raises: the citizen's
addition is already committed, and their request must not wait for or fail
with the mail server. The inbox marks the file "nieuwe informatie" either way.
"""

from __future__ import annotations

import logging

from celery import shared_task

from gehoord.cases import notices

logger = logging.getLogger(__name__)

# What a mail server or the network throws; smtplib.SMTPException is an OSError.
RETRYABLE_ERRORS = (OSError,)
MAX_RETRIES = 8
FIRST_RETRY_SECONDS = 60
LONGEST_RETRY_SECONDS = 60 * 60


def retry_countdown(retries: int) -> int:
    """Seconds before retry number `retries` + 1: 1, 2, 4, ... minutes, at most an hour."""
    return min(FIRST_RETRY_SECONDS * 2**retries, LONGEST_RETRY_SECONDS)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, ignore_result=True)
def send_new_information_notice(self, complaint_id: int, source: str) -> int:
    """E-mail the handler (or the coordinators) that the complainant added to the file."""
    try:
        return notices.send_new_information_notice(complaint_id, source)
    except RETRYABLE_ERRORS as exc:
        if self.request.is_eager:
            logger.warning(
                "The new-information e-mail for complaint %s was not sent; the inbox still marks it.",
                complaint_id,
            )
            return 0
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
