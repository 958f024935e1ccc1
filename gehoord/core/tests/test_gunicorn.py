"""gunicorn.conf.py for real: a gunicorn process with two workers serves /health/ and /metrics.

It runs on a throwaway SQLite file (``/health/`` only asks the database for
``SELECT 1``), so it needs no migrated database and runs in both passes of
``make test``. It checks what production relies on: the app answers, the
access log is JSON with the request id, and ``/metrics`` sums the workers'
files in ``PROMETHEUS_MULTIPROC_DIR``.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers={"Host": "localhost", **headers})  # noqa: S310 (local http)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read().decode()


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    metrics_dir = tmp_path / "prometheus"
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "DEBUG",
            "LOG_FORMAT",
            "LOG_STREAM",
            "METRICS_TOKEN",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    env.update(
        SECRET_KEY="gunicorn-test-not-secret",
        CACHE_URL="locmemcache://",
        ALLOWED_HOSTS="localhost",
        DATABASE_URL=f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        WEB_CONCURRENCY="2",
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
    )
    log, errors = tmp_path / "gunicorn.log", tmp_path / "gunicorn.stderr"
    with log.open("w") as output, errors.open("w") as error_output:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "gehoord.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=error_output,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(f"{base}/health/")
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"gunicorn did not start:\n{log.read_text()[-2000:]}{errors.read_text()[-2000:]}"
                    )
                time.sleep(0.3)
        yield base, log, metrics_dir
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_gunicorn_serves_health_with_json_access_logs_and_summed_metrics(gunicorn):
    base, log, metrics_dir = gunicorn

    status, headers, body = get(f"{base}/health/", **{"X-Request-ID": "gunicorn-test-0001"})
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    assert headers["X-Request-ID"] == "gunicorn-test-0001"
    for _ in range(5):
        get(f"{base}/health/?email=klager@example.org")

    status, _, page = get(f"{base}/metrics")
    assert status == 200
    ok_responses = next(
        sample.value
        for family in text_string_to_metric_families(page)
        for sample in family.samples
        if sample.name == "django_http_responses_total_by_status_total" and sample.labels == {"status": "200"}
    )
    assert ok_responses >= 7  # the start-up probe and six more, whichever worker answered them
    assert "gehoord_domain_metrics_up" in page  # counted at scrape time (0 here: nothing is migrated)
    assert list(metrics_dir.glob("*.db"))  # the workers wrote their metrics to the shared directory

    time.sleep(0.5)  # the access line follows the response
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert lines, log.read_text()[-3000:]
    assert {"timestamp", "level", "logger", "message"} <= set(lines[0])
    # On stdout: gunicorn's own lines, the access log and the app's (the workers' Django) alike.
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)
    assert any(line["logger"] == "axes.apps" for line in lines)
    [access] = [line for line in lines if line.get("request_id") == "gunicorn-test-0001"]
    assert access["logger"] == "gunicorn.access"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/health/", 200)
    assert "klager@example.org" not in log.read_text()
