"""The complaints mailbox over IMAP (imapclient), behind the small interface the poller needs.

A message is fetched with BODY.PEEK[] so that reading it does not mark it
read; only after it was imported (or set aside) is it flagged \\Seen — and
moved to a folder, when one is configured. A message that failed stays
unseen and is fetched again by the next poll.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from imapclient import IMAPClient
from imapclient.imapclient import SEEN

FETCH_BATCH = 50


@dataclass(frozen=True)
class FetchedMessage:
    uid: int
    raw: bytes
    # When the mail server received it (IMAP INTERNALDATE): the legal moment of receipt.
    received_at: dt.datetime | None


class Mailbox(Protocol):
    """What the poller needs of a mailbox; IMAP here, anything that yields raw messages elsewhere."""

    def unprocessed(self) -> Iterator[FetchedMessage]: ...

    def mark_processed(self, uid: int) -> None: ...


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    ssl: bool = True
    processed_folder: str = ""
    timeout: float = 30.0

    @classmethod
    def from_settings(cls) -> ImapSettings | None:
        """The mailbox of the settings (MAILBOX_*), or None when no mailbox is configured."""
        if not settings.MAILBOX_HOST:
            return None
        return cls(
            host=settings.MAILBOX_HOST,
            port=settings.MAILBOX_PORT,
            user=settings.MAILBOX_USER,
            password=settings.MAILBOX_PASSWORD,
            folder=settings.MAILBOX_FOLDER,
            ssl=settings.MAILBOX_SSL,
            processed_folder=settings.MAILBOX_PROCESSED_FOLDER,
        )


class ImapMailbox:
    """A logged-in IMAP session on one folder; use it as a context manager."""

    def __init__(self, config: ImapSettings) -> None:
        self.config = config
        self._client: IMAPClient | None = None

    def __enter__(self) -> ImapMailbox:
        client = IMAPClient(
            self.config.host, port=self.config.port, ssl=self.config.ssl, timeout=self.config.timeout
        )
        # Aware datetimes for INTERNALDATE, not the server's wall clock.
        client.normalise_times = False
        try:
            client.login(self.config.user, self.config.password)
            client.select_folder(self.config.folder)
            if self.config.processed_folder and not client.folder_exists(self.config.processed_folder):
                client.create_folder(self.config.processed_folder)
        except Exception:
            client.shutdown()
            raise
        self._client = client
        return self

    def __exit__(self, *exc_info) -> None:
        if self._client is not None:
            try:
                self._client.logout()
            except Exception:
                self._client.shutdown()
            self._client = None

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            raise RuntimeError("Use ImapMailbox as a context manager.")
        return self._client

    def unprocessed(self) -> Iterator[FetchedMessage]:
        uids = sorted(self.client.search(["UNSEEN"]))
        for start in range(0, len(uids), FETCH_BATCH):
            batch = uids[start : start + FETCH_BATCH]
            fetched = self.client.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"])
            for uid in batch:
                data = fetched.get(uid)
                if not data or b"BODY[]" not in data:
                    continue
                received = data.get(b"INTERNALDATE")
                if isinstance(received, dt.datetime) and received.tzinfo is None:
                    received = received.replace(tzinfo=dt.UTC)
                yield FetchedMessage(uid=uid, raw=data[b"BODY[]"], received_at=received)

    def mark_processed(self, uid: int) -> None:
        self.client.add_flags([uid], [SEEN])
        if self.config.processed_folder:
            self.client.move([uid], self.config.processed_folder)
