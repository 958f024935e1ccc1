import pytest
from imapclient import IMAPClient

from gehoord.core.testing.imap_server import running_imap_server
from gehoord.mailbox.imap import ImapMailbox, ImapSettings


@pytest.fixture(scope="session")
def imap_server():
    """One real Dovecot for the session; each test empties its folders first."""
    with running_imap_server() as server:
        yield server


class Inbox:
    """The test's side of the mailbox: deliver messages (IMAP APPEND) and look at their flags."""

    def __init__(self, server) -> None:
        self.server = server
        self.config = ImapSettings(
            host=server.host, port=server.port, user=server.user, password=server.password, ssl=False
        )
        self.client = IMAPClient(server.host, port=server.port, ssl=False)
        self.client.login(server.user, server.password)

    def deliver(self, raw: bytes | str, folder: str = "INBOX") -> None:
        self.client.append(folder, raw.encode() if isinstance(raw, str) else raw)

    def unseen(self, folder: str = "INBOX") -> list[int]:
        self.client.select_folder(folder)
        return self.client.search(["UNSEEN"])

    def count(self, folder: str = "INBOX") -> int:
        return self.client.select_folder(folder)[b"EXISTS"]

    def empty(self) -> None:
        for folder in [name for _flags, _sep, name in self.client.list_folders()]:
            self.client.select_folder(folder)
            messages = self.client.search(["ALL"])
            if messages:
                self.client.delete_messages(messages)
                self.client.expunge()

    def poll(self):
        from gehoord.mailbox import services

        with ImapMailbox(self.config) as mailbox:
            return services.poll(mailbox)


@pytest.fixture
def inbox(imap_server):
    inbox = Inbox(imap_server)
    inbox.empty()
    yield inbox
    inbox.client.logout()
