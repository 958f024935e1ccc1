"""Beat runs once, even when two nodes start it: real `celery beat` processes on the machine's Redis.

The first beat takes the lock (celery-redbeat) and sends; the second waits. When the first dies
without a word (SIGKILL: no release), the second takes over once the lock has run out. A short lock
(6 s) and loop (1 s) keep the test quick; production uses 60 s and 10 s (see settings.py). ``make
test`` starts Redis when it is down; without it this test fails, it never skips.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

pytestmark = pytest.mark.postgresql

BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[3]
ACQUIRED = "beat: Acquired lock"


def start_beat(tmp_path: Path, name: str, prefix: str) -> tuple[subprocess.Popen, Path]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gehoord.test_settings",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_REDBEAT_KEY_PREFIX": prefix,
        "CELERY_REDBEAT_LOCK_TIMEOUT": "6",
        "CELERY_BEAT_MAX_LOOP_INTERVAL": "1",
    }
    log = tmp_path / f"{name}.log"
    command = [
        sys.executable, "-m", "celery", "-A", "gehoord", "beat", "--loglevel=INFO",
        "--schedule", str(tmp_path / f"{name}-schedule"),
    ]  # fmt: skip
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    return process, log


def wait_for(log: Path, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return True
        time.sleep(0.2)
    return False


def test_two_beats_one_sends_and_the_other_takes_over_when_it_dies(tmp_path):
    prefix = f"gehoord-test-beat-{os.getpid()}"
    broker = redis.Redis.from_url(BROKER)
    first, first_log = start_beat(tmp_path, "first", prefix)
    second = None
    try:
        assert wait_for(first_log, ACQUIRED, 60), first_log.read_text()[-3000:]
        assert broker.exists(f"{prefix}:lock")
        second, second_log = start_beat(tmp_path, "second", prefix)
        # The second is up (it says it is starting) but holds no lock while the first lives.
        assert wait_for(second_log, "beat: Starting...", 60), second_log.read_text()[-3000:]
        time.sleep(8)  # longer than the lock's 6 s: the first keeps extending it
        assert ACQUIRED not in second_log.read_text(), second_log.read_text()[-3000:]

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        # Within the lock's timeout (6 s) and a loop, the second beat holds the lock and sends.
        assert wait_for(second_log, ACQUIRED, 30), second_log.read_text()[-3000:]
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        for key in broker.scan_iter(f"{prefix}*"):
            broker.delete(key)
