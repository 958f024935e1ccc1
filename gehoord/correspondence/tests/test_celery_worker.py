"""The Celery path for real: a worker process on the machine's Redis delivers a letter from PostgreSQL.

The test queues an acknowledgment (committed, as in production), sends the
delivery task to Redis, and a real ``celery worker`` process — its own Django,
its own database connection — renders the PDF, sends the e-mail (to a file
backend) and marks the letter sent. ``make test`` starts Redis when it is down
(scripts/ensure-redis.sh); without it this test fails, it never skips.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from gehoord.cases.tests import factories
from gehoord.celery import app as celery_app
from gehoord.correspondence import services
from gehoord.correspondence.constants import LetterStatus
from gehoord.correspondence.models import Letter
from gehoord.correspondence.tasks import deliver_letter

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[3]


def _database_url() -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


@pytest.fixture
def worker(tmp_path):
    """A real Celery worker on Redis, on the test database, sending e-mail to files in `tmp_path`."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gehoord.test_settings",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # django-environ drops the first slash of a filemail path: four slashes make it absolute.
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "gehoord", "worker", "--pool=solo", "--concurrency=1",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO", "-n", f"test-{os.getpid()}@%h",
    ]  # fmt: skip
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield mail_dir, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_real_worker_on_redis_delivers_the_letter(worker, monkeypatch, tmp_path, settings):
    mail_dir, log = worker
    settings.MEDIA_ROOT = str(tmp_path / "media")  # the worker stores the PDF where this process can read it
    # Stored and committed first, as the intake does; the task goes to Redis explicitly below.
    monkeypatch.setattr(services, "_schedule", lambda letter: None)
    complaint = factories.make_complaint(complainant=factories.ComplainantFactory(email="klager@example.org"))
    letter = services.queue_acknowledgment(complaint)
    assert letter.status == LetterStatus.QUEUED

    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    with celery_app.connection_for_write(BROKER) as broker:
        deliver_letter.apply_async(args=[letter.pk], connection=broker)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        letter = Letter.objects.get(pk=letter.pk)
        if letter.status == LetterStatus.SENT:
            break
        time.sleep(0.5)
    assert letter.status == LetterStatus.SENT, log.read_text()[-3000:]
    assert letter.pdf.name
    [message] = list(mail_dir.iterdir())
    content = message.read_text()
    assert "To: klager@example.org" in content
    assert f"ontvangstbevestiging-{complaint.reference}.pdf" in content
    assert "deliver_letter" in log.read_text()
