"""A Celery worker killed in the middle of a task: the task stays on Redis and a fresh worker does it, once.

Late acknowledgment (``CELERY_TASK_ACKS_LATE``) for real: a worker process on
Redis (db 12) starts delivering an acknowledgment letter — PDF rendered, the
letter's row locked, the SMTP conversation begun — and is killed with SIGKILL
while the (real, local) SMTP server holds it at RCPT. Nothing of the
half-done attempt is left in the database; the task is still unacknowledged
on Redis; after the visibility timeout (3 s here, CELERY_VISIBILITY_TIMEOUT) a
fresh worker gets it again and sends the letter: one e-mail, one attempt.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from django.db import connection

from gehoord.cases.tests import factories
from gehoord.celery import app as celery_app
from gehoord.correspondence import services
from gehoord.correspondence.constants import LetterStatus
from gehoord.correspondence.tasks import deliver_letter

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BROKER = os.environ.get("CELERY_LOST_WORKER_BROKER_URL", "redis://127.0.0.1:6379/12")
VISIBILITY_TIMEOUT = 3
ROOT = Path(__file__).resolve().parents[3]


class StallingSmtp:
    """Holds the first conversation at RCPT until released; accepts every later message."""

    def __init__(self) -> None:
        self.rcpt_calls = 0
        self.messages: list[bytes] = []
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        self.rcpt_calls += 1
        if self.rcpt_calls == 1:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Try again later"  # the sender is gone by now
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(envelope.content)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


def _start_worker(name: str, smtp_port: int, tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gehoord.test_settings",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "gehoord", "worker", "--pool=solo", "--concurrency=1",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}-{os.getpid()}@%h",
    ]  # fmt: skip
    log = tmp_path / f"{name}.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    return process, log


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def broker():
    client = redis.Redis.from_url(BROKER)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def smtp():
    handler = StallingSmtp()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    handler.release.set()
    controller.stop()


def test_a_worker_killed_mid_task_leaves_the_task_to_a_fresh_worker_which_sends_once(
    broker, smtp, monkeypatch, tmp_path, settings
):
    handler, smtp_port = smtp
    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(services, "_schedule", lambda letter: None)  # the task goes to Redis below
    complaint = factories.make_complaint(complainant=factories.ComplainantFactory(email="klager@example.org"))
    letter = services.queue_acknowledgment(complaint)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    with celery_app.connection_for_write(BROKER) as connection_:
        deliver_letter.apply_async(args=[letter.pk], connection=connection_)

    first, first_log = _start_worker("doomed", smtp_port, tmp_path)
    try:
        assert handler.stalled.wait(60), first_log.read_text()[-3000:]
        # Mid-task: the worker has the letter's row locked and is talking to the mail server.
        os.kill(first.pid, signal.SIGKILL)
        assert first.wait(timeout=10) == -signal.SIGKILL
    finally:
        _stop(first)
    handler.release.set()

    letter.refresh_from_db()
    assert (letter.status, letter.attempts, letter.last_error) == (LetterStatus.QUEUED, 0, "")
    assert handler.messages == []
    # Not acknowledged: the message waits on Redis for the visibility timeout.
    assert broker.hlen("unacked") == 1
    assert broker.llen("celery") == 0

    time.sleep(VISIBILITY_TIMEOUT + 1)
    second, second_log = _start_worker("fresh", smtp_port, tmp_path)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            letter.refresh_from_db()
            if letter.status == LetterStatus.SENT:
                break
            time.sleep(0.3)
        assert letter.status == LetterStatus.SENT, second_log.read_text()[-3000:]
        time.sleep(1)  # anything sent twice would arrive now
    finally:
        _stop(second)

    assert len(handler.messages) == 1
    assert b"To: klager@example.org" in handler.messages[0]
    assert letter.attempts == 1
    assert broker.hlen("unacked") == 0
    assert broker.llen("celery") == 0
