"""E-mail backends that misbehave, for the failure paths."""

import smtplib
import threading
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

DISCONNECTED = "gehoord.correspondence.tests.backends.DisconnectedBackend"
REFUSED = "gehoord.correspondence.tests.backends.RecipientRefusedBackend"
SLOW = "gehoord.correspondence.tests.backends.SlowBackend"


class DisconnectedBackend(BaseEmailBackend):
    """A mail server that hangs up."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RecipientRefusedBackend(BaseEmailBackend):
    """A mail server that refuses the address; its error message names the address."""

    def send_messages(self, messages):
        recipients = {address: (550, b"5.1.1 mailbox unavailable") for m in messages for address in m.to}
        raise smtplib.SMTPRecipientsRefused(recipients)


class SlowBackend(LocmemBackend):
    """locmem, but slow enough for two workers to overlap."""

    lock = threading.Lock()

    def send_messages(self, messages):
        time.sleep(0.5)
        with self.lock:
            count = super().send_messages(messages)
        return count
