"""Two workers delivering the same letter at once send it once (PostgreSQL row locks)."""

import threading
from unittest import mock

import pytest
from django.db import connection

from gehoord.cases.tests.factories import ComplainantFactory, make_complaint
from gehoord.correspondence import services
from gehoord.correspondence.constants import LetterStatus
from gehoord.correspondence.tasks import deliver_letter
from gehoord.correspondence.tests import backends


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_send_once(settings, mailoutbox):
    settings.EMAIL_BACKEND = backends.SLOW
    complaint = make_complaint(complainant=ComplainantFactory.build(email="klager@example.nl"))
    with mock.patch.object(deliver_letter, "delay"):  # the task would run at once (autocommit)
        letter = services.queue_acknowledgment(complaint)

    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            start.wait()
            services.deliver(letter.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(mailoutbox) == 1
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.attempts == 1
