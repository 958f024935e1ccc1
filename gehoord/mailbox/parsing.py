"""Reading an e-mail: who sent it, what it says, its attachments, and whether a person wrote it.

Pure functions over the raw bytes of a message (RFC 5322), using the standard
library's parser with the modern policy. HTML bodies are sanitised with nh3
before anything of them is used: the complaint keeps their text only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.utils.translation import gettext as _

from gehoord.core.text import html_to_text

REFERENCE = re.compile(r"\bK-(\d{4})-(\d{5})\b")
# Local parts that only machines send from.
_MACHINE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)$", re.IGNORECASE)
# Subjects of out-of-office replies and delivery reports, in Dutch and English.
_AUTO_SUBJECTS = re.compile(
    r"^\s*(automatisch antwoord|afwezig|out of office|automatic reply|auto(matic)?[- ]?reply|"
    r"undeliverable|undelivered mail|delivery status notification|mail delivery failed|"
    r"onbestelbaar|niet bezorgd)",
    re.IGNORECASE,
)
# What a complaint keeps of one message at most; a mail of many megabytes is an attachment, not a description.
MAX_TEXT_LENGTH = 20_000


# method=result pairs in an Authentication-Results header (RFC 8601), e.g. "dmarc=fail (p=reject)".
_AUTH_RESULT = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)


# What a DMARC result (RFC 7489) means for the file: the sender's domain vouches for it, or refuses it.
_VERDICTS = dict(zip(("pass", "fail"), ("verified", "failed"), strict=True))


@dataclass(frozen=True)
class Authentication:
    """What the receiving mail server found out about the sender (SPF, DKIM, DMARC), as it wrote it.

    Only the Authentication-Results header of our own server counts: the
    topmost one, or the one whose authserv-id is ``MAILBOX_AUTHSERV_ID`` when
    that is set. Headers further down were written by servers on the way (or
    by the sender) and prove nothing.
    """

    spf: str = ""
    dkim: str = ""
    dmarc: str = ""

    @property
    def failed(self) -> bool:
        """The sender's domain says this message was not sent by it (DMARC fail)."""
        return self.dmarc == "fail"

    @property
    def verdict(self) -> str:
        """ "verified" (DMARC pass), "failed" (DMARC fail) or "unknown" (no or no usable result)."""
        return _VERDICTS.get(self.dmarc, "unknown")

    @property
    def summary(self) -> str:
        return ", ".join(f"{name}={value}" for name, value in self.__dict__.items() if value) or "-"


def authentication_of(message: EmailMessage, authserv_id: str = "") -> Authentication:
    """The results our receiving server wrote in the message's Authentication-Results header.

    Never raises: a header that cannot be read proves nothing, so it gives the
    "unknown" verdict, as no header does.
    """
    try:
        headers = [str(header) for header in message.get_all("Authentication-Results") or []]
    except (ValueError, LookupError, UnicodeError, IndexError):
        return Authentication()
    for text in headers:
        server_part, _separator, results_part = text.partition(";")
        words = server_part.split()
        server = words[0].lower() if words else ""
        if authserv_id and server != authserv_id.lower():
            continue
        results: dict[str, str] = {}
        for method, result in _AUTH_RESULT.findall(results_part):
            # The first result per method counts (a header may list several DKIM signatures).
            results.setdefault(method.lower(), result.lower())
        return Authentication(**results)
    return Authentication()


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NUL_AND_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _one_line(value: str) -> str:
    """A header value as it may be stored and shown: no control characters (a NUL breaks PostgreSQL)."""
    return _CONTROL.sub("", value)


def _text(value: str) -> str:
    """Body text without control characters other than tabs and line breaks."""
    return _NUL_AND_CONTROL_BUT_LAYOUT.sub("", value)


class MalformedMessage(ValueError):
    """The message cannot be turned into a complaint: it says why, in Dutch, for the coordinator."""


@dataclass(frozen=True)
class MailAttachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str
    sender_email: str
    sender_name: str
    subject: str
    sent_at: dt.datetime | None
    text: str
    attachments: list[MailAttachment] = field(default_factory=list)
    # Why this message was written by a machine (an auto-reply, a bounce), or "" for a person.
    automatic: str = ""
    authentication: Authentication = field(default_factory=Authentication)

    @property
    def references(self) -> list[str]:
        """Complaint references in the subject first, then in the text ("K-2026-00042")."""
        found = [f"K-{year}-{number}" for year, number in REFERENCE.findall(f"{self.subject}\n{self.text}")]
        return list(dict.fromkeys(found))


def message_id_of(raw: bytes) -> str:
    """The Message-ID, or a stable stand-in from the content for a message without one."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
        value = str(message.get("Message-ID", "") or "").strip()
    except Exception:
        value = ""
    return value[:300] if value else "<sha256:" + hashlib.sha256(raw).hexdigest() + ">"


def sender_and_subject(raw: bytes) -> tuple[str, str]:
    """From and Subject as far as they can be read, for the record of a message that failed."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
        return (
            _one_line(str(message.get("From", "") or ""))[:320],
            _one_line(str(message.get("Subject", "") or ""))[:200],
        )
    except Exception:
        return "", ""


def _automatic(message: EmailMessage, sender_email: str, subject: str) -> str:
    auto_submitted = str(message.get("Auto-Submitted", "") or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    for header in ("X-Autoreply", "X-Autorespond"):
        if message.get(header) is not None:
            return f"{header}: {message.get(header)}"
    precedence = str(message.get("Precedence", "") or "").strip().lower()
    if precedence in {"auto_reply", "bulk", "junk", "list"}:
        return f"Precedence: {precedence}"
    if message.get_content_type() == "multipart/report":
        return "delivery report (multipart/report)"
    local_part = sender_email.split("@", 1)[0]
    if _MACHINE_SENDERS.match(local_part):
        return f"sender {sender_email}"
    if str(message.get("Return-Path", "")).strip() == "<>":
        return "empty Return-Path (a bounce)"
    if _AUTO_SUBJECTS.match(subject):
        return f"subject '{subject[:80]}'"
    return ""


def _sender(message: EmailMessage) -> tuple[str, str]:
    header = message.get("From")
    addresses: tuple[Address, ...] = getattr(header, "addresses", ()) if header is not None else ()
    for address in addresses:
        if address.addr_spec and "@" in address.addr_spec:
            return _one_line(address.addr_spec).strip().lower(), _one_line(address.display_name or "").strip()
    raise MalformedMessage(
        _("Het bericht heeft geen geldig afzenderadres (From); de klager is niet te bereiken.")
    )


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError) as error:
        raise MalformedMessage(
            _("De tekst van het bericht is niet te lezen (%(error)s).") % {"error": type(error).__name__}
        ) from error
    if part.get_content_type() == "text/html":
        content = html_to_text(content)
    return _text(content.replace("\r\n", "\n")).strip()[:MAX_TEXT_LENGTH]


def _attachments(message: EmailMessage) -> list[MailAttachment]:
    found = []
    for part in message.iter_attachments():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not payload:
            continue
        try:
            filename = (part.get_filename() or "").strip()
        except (ValueError, LookupError, UnicodeError):  # an undecodable name is no reason to lose the file
            filename = ""
        # No control characters (a NUL breaks PostgreSQL): the name is shown and stored.
        filename = _one_line(filename) or f"bijlage-{len(found) + 1}"
        found.append(MailAttachment(filename[:200], part.get_content_type(), payload))
    return found


def parse(raw: bytes) -> ParsedMessage:
    """The parts of a message a complaint needs; :class:`MalformedMessage` when it cannot be one."""
    if not raw or not raw.strip():
        raise MalformedMessage(_("Het bericht is leeg."))
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if message.defects and not message.keys():
        raise MalformedMessage(_("Het bericht heeft geen kopregels; het is geen e-mail."))
    try:
        subject = _one_line(str(message.get("Subject", "") or "")).strip()
    except (ValueError, IndexError) as error:
        raise MalformedMessage(_("De onderwerpregel is niet te lezen.")) from error
    sender_email, sender_name = _sender(message)
    sent_at = None
    if message.get("Date"):
        try:
            sent_at = parsedate_to_datetime(str(message["Date"]))
        except (TypeError, ValueError):
            sent_at = None
        if sent_at is not None and sent_at.tzinfo is None:
            sent_at = sent_at.replace(tzinfo=dt.UTC)
    return ParsedMessage(
        message_id=message_id_of(raw),
        sender_email=sender_email,
        sender_name=sender_name,
        subject=subject[:200],
        sent_at=sent_at,
        text=_body_text(message),
        attachments=_attachments(message),
        automatic=_automatic(message, sender_email, subject),
        authentication=authentication_of(message, getattr(settings, "MAILBOX_AUTHSERV_ID", "")),
    )
