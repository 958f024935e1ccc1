"""Structured logs: one JSON object per line with the request id, and no personal data in it."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from gehoord.core import logs

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def log_lines():
    """What the root logger writes through the production handler (JSON formatter and request filter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.RequestContextFilter())
    handler.setFormatter(logs.JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


@pytest.mark.django_db
def test_a_log_line_is_json_with_the_fields_and_the_request_id(client, log_lines):
    response = client.get("/bestaat-niet/?email=klager@example.org", HTTP_X_REQUEST_ID="proxy-id-0001")

    assert response.status_code == 404
    [line] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert list(line)[:4] == ["timestamp", "level", "logger", "message"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /bestaat-niet/"
    assert line["timestamp"].endswith("+00:00")
    assert line["request_id"] == "proxy-id-0001" == response["X-Request-ID"]
    assert "request" not in line  # Django attaches the request; its text holds the query string
    assert "klager@example.org" not in json.dumps(log_lines())


def test_outside_a_request_there_is_no_request_id(log_lines):
    logging.getLogger("gehoord.test").info("Een regel", extra={"letters": 3})

    [line] = log_lines()
    assert line["message"] == "Een regel"
    assert line["letters"] == 3
    assert "request_id" not in line


def test_an_exception_is_one_line_with_its_traceback(log_lines):
    try:
        raise ValueError("kapot")
    except ValueError:
        logging.getLogger("gehoord.test").exception("Het ging mis")

    [line] = log_lines()
    assert line["level"] == "ERROR"
    assert "ValueError: kapot" in line["exc_info"]


def test_the_secrets_of_personal_links_are_blanked():
    status = reverse("intake:status", args=["K-2026-00042", "geheim-status-token"])
    survey = reverse("surveys:answer", args=[7, "geheim-enquete"])
    text = logs.redact_path(f"Not Found: {status} and {survey}intrekken/")

    assert "geheim" not in text
    assert "/klacht/status/K-2026-00042/[redacted]/" in text
    assert "/e/7/[redacted]/" in text


def test_gunicorns_access_line_has_fields_and_no_query_string_address_or_agent():
    atoms = {
        "m": "GET",
        "U": "/klacht/status/K-2026-00042/geheim/",
        "q": "email=klager@example.org",
        "s": "200",
        "B": 512,
        "D": 12345,
        "M": 12,
        "h": "203.0.113.9",
        "a": "Mozilla/5.0",
        "{x-request-id}o": "abc123def456",
    }
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, logs.ACCESS_LOG_FORMAT, (), None)
    record.args = atoms  # gunicorn passes its atoms mapping as the arguments
    logs.RequestContextFilter().filter(record)

    line = json.loads(logs.AccessJsonFormatter().format(record))

    assert line["message"] == "GET /klacht/status/K-2026-00042/[redacted]/ 200"
    assert line["method"] == "GET"
    assert line["path"] == "/klacht/status/K-2026-00042/[redacted]/"
    assert line["status"] == 200
    assert line["duration_ms"] == 12.345
    assert line["request_id"] == "abc123def456"
    assert not {"203.0.113.9", "Mozilla/5.0", "klager@example.org"} & set(map(str, line.values()))


def test_the_text_format_has_the_request_id():
    record = logging.LogRecord("gehoord.test", logging.INFO, __file__, 1, "Hallo", (), None)
    token = logs.request_id.set("abcdef123456")
    try:
        logs.RequestContextFilter().filter(record)
    finally:
        logs.request_id.reset(token)

    assert logs.TextFormatter().format(record).endswith("INFO gehoord.test [abcdef123456] Hallo")


def settings_value(name: str, **env_overrides: str) -> subprocess.CompletedProcess:
    skipped = {"DEBUG", "LOG_FORMAT", "LOG_STREAM", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    env.update({"SECRET_KEY": "x", "CACHE_URL": "locmemcache://", **env_overrides})
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    env["DJANGO_SETTINGS_MODULE"] = "gehoord.settings"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_json_in_production_and_text_in_development():
    assert settings_value("LOG_FORMAT", DEBUG="false").stdout.strip() == "json"
    assert settings_value("LOG_FORMAT", DEBUG="true").stdout.strip() == "text"
    assert settings_value("LOG_FORMAT", DEBUG="true", LOG_FORMAT="json").stdout.strip() == "json"


def test_commands_log_to_stderr_so_their_output_stays_clean():
    # gunicorn.conf.py and gehoord/celery.py switch their processes to stdout.
    result = settings_value("LOG_STREAM", DEBUG="false")

    assert result.stdout.strip() == "stderr"  # and nothing else: django.setup() logged to stderr
    assert '"logger": "axes.apps"' in result.stderr


def test_an_unknown_log_format_refuses_to_start():
    result = settings_value("LOG_FORMAT", LOG_FORMAT="xml")

    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr


def test_the_configuration_keeps_the_quiet_libraries_quiet():
    config = logs.logging_config(log_format="json", level="debug", stream="stderr")

    assert config["root"]["level"] == "DEBUG"
    assert config["loggers"]["weasyprint"]["level"] == "WARNING"
    assert config["loggers"]["fontTools"]["level"] == "WARNING"
    assert config["handlers"]["console"]["stream"] == "ext://sys.stderr"
    assert logs.logging_config(log_format="text", level="INFO")["handlers"]["access"]["stream"] == (
        "ext://sys.stdout"
    )
