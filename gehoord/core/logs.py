"""Log output: one JSON object per line in production, readable text in development.

One configuration (:func:`logging_config`) serves Django's ``LOGGING``,
gunicorn's ``logconfig_dict`` and Celery, so the web server's own lines
(start-up, worker restarts, the access log) look like the application's. The
servers log to stdout; management commands to stderr, so that their own
output stays clean. Every line has
``timestamp``, ``level``, ``logger`` and ``message``, and ``request_id`` when
it was written while a request was handled (:class:`RequestContextFilter`,
fed by :class:`gehoord.core.middleware.RequestIdMiddleware`).

No personal data: nothing here logs a request body, a query string or a
header value other than the request id, and the capability secrets in the
personal status and survey links are blanked from every line
(:func:`redact_path`), and so are e-mail addresses (:func:`redact`) and the
arguments of Celery tasks (:class:`PersonalDataFilter`). This module imports no Django, so gunicorn's master
process can use it before the application is loaded.
"""

from __future__ import annotations

import contextvars
import logging
import re
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from gehoord.core.params import ascii_digits

FORMATS = ("json", "text")
STREAMS = ("stdout", "stderr")
NO_REQUEST = "-"

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("gehoord_request_id", default=NO_REQUEST)

# Paths whose segments are secrets: whoever has the link may read the complaint's status or answer
# its survey. Kept in step with gehoord/intake/urls.py and gehoord/surveys/urls.py (tests check).
_SECRET_PATHS = (
    re.compile(r"(/klacht/status/[^/\s]+/)[^/\s\"']+"),
    re.compile(r"(/e/\d+/)[^/\s\"']+"),
)
REDACTED = "[redacted]"

# Record attributes never written as fields: Django's request loggers attach the request object,
# whose text contains the query string.
_SKIPPED_ATTRS = [*RESERVED_ATTRS, "request", "taskName", "color_message"]


def redact_path(text: str) -> str:
    """`text` with the secret segment of personal status and survey links replaced."""
    for pattern in _SECRET_PATHS:
        text = pattern.sub(rf"\1{REDACTED}", text)
    return text


# An e-mail address anywhere in a line: an exception's text (SMTPRecipientsRefused names the recipient),
# a library's message. Only addresses with a dotted domain, so a Celery worker's "celery@host" stays.
_EMAIL_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
REDACTED_EMAIL = "[e-mail]"
# Celery logs a task's arguments (the recipient and sender of a forwarded page...) in the record's
# `data` when it is received, retried or fails; they are never written.
_TASK_ARGUMENT_KEYS = ("args", "kwargs")


def redact(text: str) -> str:
    """`text` without link secrets (:func:`redact_path`) and without e-mail addresses."""
    return _EMAIL_ADDRESS.sub(REDACTED_EMAIL, redact_path(text))


def _without_task_arguments(value: Any) -> Any:
    if isinstance(value, dict) and any(key in value for key in _TASK_ARGUMENT_KEYS):
        return {key: (REDACTED if key in _TASK_ARGUMENT_KEYS else item) for key, item in value.items()}
    return value


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(item) for item in value]
    return value


class PersonalDataFilter(logging.Filter):
    """Drops the task arguments Celery puts on its records, before any formatter sees them.

    Celery formats its "received", "retry" and "failed" lines from a dict of
    the task's context (record.args and the ``data`` extra), which holds the
    task's arguments; a task's arguments may be personal data.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "data"):
            record.data = _without_task_arguments(record.data)
        if isinstance(record.args, dict):
            record.args = _without_task_arguments(record.args)
        return True


class RequestContextFilter(logging.Filter):
    """Puts the id of the request being handled on every record (``-`` outside a request).

    The id is read from a context variable that
    :class:`~gehoord.core.middleware.RequestIdMiddleware` sets for the time
    it handles the request, so no function needs to pass it along.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            current = request_id.get()
            if current == NO_REQUEST:
                # Django logs a 4xx/5xx response after the middleware is done, with the request attached.
                current = getattr(getattr(record, "request", None), "request_id", NO_REQUEST)
            record.request_id = current
        return True


class JsonFormatter(_JsonFormatter):
    """``{"timestamp", "level", "logger", "message", "request_id", ...}``, one line per record.

    Extra attributes of a record (``logger.info("...", extra={...})``) become
    fields too; the timestamp is ISO 8601 in UTC.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", ["levelname", "name", "message"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "timestamp")
        kwargs.setdefault("reserved_attrs", _SKIPPED_ATTRS)
        super().__init__(**kwargs)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        log_data = super().process_log_record(log_data)
        if log_data.get("request_id", NO_REQUEST) == NO_REQUEST:
            log_data.pop("request_id", None)
        # Every field, the extras too (Celery's `data` holds the exception's text).
        log_data = {key: _redacted(value) for key, value in log_data.items()}
        # The timestamp first, for people reading the raw lines.
        return {"timestamp": log_data.pop("timestamp", None), **log_data}


class AccessJsonFormatter(JsonFormatter):
    """gunicorn's access log as fields: method, path (no query string), status, bytes, duration.

    gunicorn logs each request with its "atoms" as the record's arguments; the
    request id comes from the response's ``X-Request-ID`` header, which
    :class:`~gehoord.core.middleware.RequestIdMiddleware` sets. The client's
    address, user agent and referrer are left out on purpose.
    """

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, dict) else None
        if atoms is None:
            return
        method, path, status = atoms.get("m", "-"), redact_path(str(atoms.get("U", "-"))), atoms.get("s", "-")
        log_data["message"] = f"{method} {path} {status}"
        log_data["method"] = method
        log_data["path"] = path
        log_data["status"] = int(status) if ascii_digits(str(status)) else status
        log_data["bytes"] = atoms.get("B")
        log_data["duration_ms"] = round(atoms.get("D", 0) / 1000, 3)
        log_data["request_id"] = atoms.get("{x-request-id}o", NO_REQUEST)


class TextFormatter(logging.Formatter):
    """The development format: ``time level logger [request id] message``, secrets blanked."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        super().__init__(**kwargs)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = NO_REQUEST
        return redact(super().format(record))


# gunicorn's access lines in text form (the JSON form takes its fields from the atoms instead).
ACCESS_LOG_FORMAT = "%(m)s %(U)s %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s"


def logging_config(*, log_format: str, level: str, stream: str = "stdout") -> dict[str, Any]:
    """The ``dictConfig`` for Django's ``LOGGING`` and gunicorn's ``logconfig_dict``: one stream.

    `stream` is ``stdout`` for the servers (gunicorn, Celery worker and beat)
    and ``stderr`` for management commands, whose own output is on stdout
    (``dumpdata > file``, ``demo_code``).
    """
    if log_format not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {log_format!r}")
    if stream not in STREAMS:
        raise ValueError(f"LOG_STREAM must be one of {', '.join(STREAMS)}, not {stream!r}")
    level = level.upper()
    json_output = log_format == "json"
    handler = {
        "class": "logging.StreamHandler",
        "stream": f"ext://sys.{stream}",
        "filters": ["request_context", "personal_data"],
        "level": level,
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_context": {"()": RequestContextFilter},
            "personal_data": {"()": PersonalDataFilter},
        },
        "formatters": {
            "app": {"()": JsonFormatter if json_output else TextFormatter},
            "access": {"()": AccessJsonFormatter if json_output else TextFormatter},
        },
        "handlers": {
            "console": {**handler, "formatter": "app"},
            "access": {**handler, "formatter": "access", "level": "INFO"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own loggers write through the root handler only (Django's default config
            # also gives them a console handler of their own, which would double every line).
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
