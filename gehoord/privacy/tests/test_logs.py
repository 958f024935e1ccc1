"""No personal data in the logs: a public submission and the staff screens, logged at DEBUG."""

import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

from gehoord.accounts.testing import login_staff
from gehoord.cases.models import Complaint
from gehoord.intake.tests.helpers import valid_form_data

pytestmark = pytest.mark.django_db

NAME = ("Quirina", "Vlasbloemsma")
EMAIL = "quirina.vlasbloem@example.org"
PHONE = "0612398745"


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
        self.lines.append(repr(record.__dict__))


@pytest.fixture
def captured():
    handler = Everything()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    loggers = [
        logging.getLogger(name) for name in ("django", "django.request", "django.db.backends", "gehoord")
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(previous)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def test_no_name_email_or_phone_in_any_log_record(
    client, coordinator, captured, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.DEBUG = False  # as in production: no SQL logging, which would hold everything
    cache.clear()
    # With the callbacks after the commit: the acknowledgment is rendered and e-mailed (eager Celery).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/klacht/formulier/",
            valid_form_data(first_name=NAME[0], last_name=NAME[1], email=EMAIL, phone=PHONE),
        )
    assert [message.to for message in mailoutbox] == [[EMAIL]]
    assert response.status_code in (200, 302)
    complaint = Complaint.objects.get(complainant__email=EMAIL)
    login_staff(client, coordinator)
    for url in (
        reverse("cases:list") + f"?q={NAME[1]}",
        reverse("cases:detail", args=[complaint.reference]),
        reverse("privacy:complainant_data", args=[complaint.reference]),
        reverse("privacy:export", args=[complaint.reference, "json"]),
        reverse("cases:detail", args=["K-1999-99999"]),  # a 404 is logged
    ):
        client.get(url)
    assert captured.lines, "nothing was logged: the capture does not work"
    text = "\n".join(captured.lines)
    assert "Task gehoord.correspondence.tasks.deliver_letter" in text  # the e-mail path was logged too
    for secret in (*NAME, EMAIL, PHONE):
        assert secret not in text


def _celery_failure_record() -> logging.LogRecord:
    """A record shaped like Celery's "task failed" line (celery.app.trace), with the task's arguments."""
    context = {
        "id": "abc",
        "name": "gehoord.intake.tasks.send_forwarded_page",
        "exc": f"SMTPRecipientsRefused({{'{EMAIL}': (550, b'no such user')}})",
        "args": repr((EMAIL, " ".join(NAME), "Kijk eens", "https://gemeente.example/klacht/")),
        "kwargs": "{}",
        "description": "raised unexpected",
    }
    record = logging.LogRecord(
        "celery.app.trace", logging.ERROR, __file__, 1, "Task %(name)s[%(id)s] %(description)s: %(exc)s",
        (context,), None,
    )  # fmt: skip
    record.data = context
    return record


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_celery_task_arguments_and_e_mail_addresses_are_never_written(log_format):
    from gehoord.core import logs

    record = _celery_failure_record()
    assert logs.PersonalDataFilter().filter(record)
    formatter = logs.JsonFormatter() if log_format == "json" else logs.TextFormatter()
    line = formatter.format(record)
    for secret in (*NAME, EMAIL):
        assert secret not in line
    assert "send_forwarded_page" in line and logs.REDACTED_EMAIL in line


def test_the_configured_handlers_carry_the_filter():
    from gehoord.core import logs

    config = logs.logging_config(log_format="json", level="DEBUG")
    assert all("personal_data" in handler["filters"] for handler in config["handlers"].values())
    assert "celery@worker-1" in logs.redact("celery@worker-1 ready")  # a worker's name is no address
