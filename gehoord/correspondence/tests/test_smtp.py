"""Delivery through Django's SMTP backend to a real SMTP server (aiosmtpd) that goes away and comes back."""

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller

from gehoord.cases.tests.factories import ComplainantFactory, make_complaint
from gehoord.correspondence import services
from gehoord.correspondence.constants import LetterStatus

pytestmark = pytest.mark.django_db


class Sink:
    """An SMTP handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    # aiosmtpd cannot listen on port 0: ask the OS for a free port first.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(settings) -> Iterator[Sink]:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_PORT = port
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings


@pytest.fixture
def letter():
    complaint = make_complaint(complainant=ComplainantFactory.build(email="klager@example.nl"))
    return services.queue_acknowledgment(complaint)  # not committed: no task has run yet


def received(sink: Sink) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(e.content, policy=email.policy.default) for e in sink.envelopes]


def test_the_letter_reaches_a_real_smtp_server_with_its_pdf(smtp_settings, letter):
    with smtp_server(smtp_settings) as sink:
        services.deliver(letter.pk)

    [envelope] = sink.envelopes
    assert envelope.rcpt_tos == ["klager@example.nl"]
    [message] = received(sink)
    assert message["Subject"] == letter.subject
    assert message["Auto-Submitted"] == "auto-generated"
    assert "/klacht/status/" in message.get_body(preferencelist=("plain",)).get_content()
    [attachment] = message.iter_attachments()
    assert attachment.get_filename() == f"ontvangstbevestiging-{letter.complaint.reference}.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT


def test_when_the_server_is_down_the_letter_is_retried_on_the_next_one(smtp_settings, letter):
    with smtp_server(smtp_settings):
        pass  # the server is gone; its port refuses connections

    with pytest.raises(OSError):
        services.deliver(letter.pk)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.QUEUED
    assert letter.attempts == 1
    assert letter.last_error.startswith("ConnectionRefusedError")

    with smtp_server(smtp_settings) as sink:
        assert services.deliver_due_letters(now=letter.next_attempt_at) == 1
        assert services.deliver_due_letters(now=letter.next_attempt_at) == 0

    assert len(sink.envelopes) == 1
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.attempts == 2
