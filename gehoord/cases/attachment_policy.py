"""The one attachment policy: which files a complaint file takes, from every channel.

The web form, the status link, staff registration, the mailbox (IMAP and an
uploaded .eml) and the API all screen files here:

- the type is read from the content (magic numbers), never from the name or
  what the sender's program claimed; only the types in :data:`ALLOWED_TYPES`
  are taken;
- the name the file is stored and forwarded under gets the extension of that
  detected type, never the sender's (an ``.exe`` named ``invoice.pdf`` is
  refused; a PNG named ``scan.pdf`` becomes ``scan.png``);
- at most :data:`MAX_FILES` files of at most :data:`MAX_FILE_SIZE` each;
- ClamAV when configured (below).

:func:`check_uploads` refuses the whole set with a message per file (a form:
the person fixes it and sends again). :func:`screen` keeps the allowed files
and names each refused one with its reason (a channel nobody can answer, such
as an e-mail: the allowed files are imported, the refused ones noted).

With ``CLAMAV_ADDRESS`` set (``tcp://127.0.0.1:3310`` or the path of clamd's
unix socket), every file is streamed to ClamAV's daemon (the INSTREAM command,
through the clamav-client library) before anything is stored. An infected
file is refused with a message next to the field; when clamd cannot be
reached the file is refused too (fail closed) and the failure is logged, so
no file ever gets in unscanned while scanning is on.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

import filetype
from clamav_client import clamd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

logger = logging.getLogger(__name__)

MAX_FILES = settings.ATTACHMENT_MAX_FILES
MAX_FILE_SIZE_MB = settings.ATTACHMENT_MAX_MB
MAX_FILE_SIZE = MAX_FILE_SIZE_MB * 1024 * 1024

# Detected on content (magic numbers), never on the file name.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
    "image/heic": "HEIC",
    "image/tiff": "TIFF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.ms-powerpoint": "PowerPoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "OpenDocument",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument",
}
# Lazy: read in the language of the page or message it is put in, not the one at import time.
ALLOWED_DESCRIPTION = gettext_lazy(
    "PDF, foto (JPG, PNG, GIF, WEBP, HEIC, TIFF), Word, Excel, PowerPoint of OpenDocument"
)


def _upload_help_text() -> str:
    return _("Maximaal %(max)s bestanden van elk maximaal %(size)s MB: %(allowed)s.") % {
        "max": MAX_FILES,
        "size": MAX_FILE_SIZE_MB,
        "allowed": ALLOWED_DESCRIPTION,
    }


# The help text of every upload field, in the page's language when the form is shown.
UPLOAD_HELP_TEXT = lazy(_upload_help_text, str)()
# The extension each allowed type is stored and forwarded with.
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "image/tiff": ".tif",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
}


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def printable_name(name: str) -> str:
    """A sender's file name as it may be shown and stored: no control characters (a NUL breaks PostgreSQL)."""
    return _CONTROL_CHARACTERS.sub("", name or "")[:255]


def safe_name(name: str, content_type: str) -> str:
    """`name` without folders, with the extension of the detected `content_type` instead of the sender's."""
    base = PurePath(printable_name(name).replace("\\", "/")).name.strip() or "bijlage"
    stem = PurePath(base).stem.strip(" .") or "bijlage"
    return f"{stem[:200]}{EXTENSIONS.get(content_type, '')}"


@dataclass(frozen=True)
class CheckedFile:
    """A file the policy took: its detected type, and the name it is stored and forwarded under."""

    file: UploadedFile
    content_type: str

    @property
    def name(self) -> str:
        return safe_name(self.file.name or "", self.content_type)


@dataclass(frozen=True)
class RefusedFile:
    """A file the policy refused, by its name as sent, and why (a sentence for the file's timeline)."""

    name: str
    reason: str
    # The scanner could not be reached: the same file may be taken later, so a channel that can
    # try again (the mailbox) does, instead of importing without it.
    retryable: bool = False


@dataclass(frozen=True)
class Screening:
    accepted: list[CheckedFile]
    refused: list[RefusedFile]


def detect_content_type(file: UploadedFile) -> str | None:
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else None


class VirusScanError(Exception):
    """A file that may not be stored: a virus was found, or it could not be scanned."""


class VirusFound(VirusScanError):
    def __init__(self, signature: str) -> None:
        super().__init__(_("ClamAV vond %(signature)s in het bestand.") % {"signature": signature})
        self.signature = signature


class ScannerUnavailable(VirusScanError):
    def __init__(self, reason: str) -> None:
        super().__init__(_("De virusscanner is niet bereikbaar: %(reason)s") % {"reason": reason})
        self.reason = reason


def _scanner() -> clamd.ClamdNetworkSocket | None:
    address = getattr(settings, "CLAMAV_ADDRESS", "")
    if not address:
        return None
    timeout = getattr(settings, "CLAMAV_TIMEOUT", 30)
    if address.startswith("tcp://"):
        parts = urlsplit(address)
        return clamd.ClamdNetworkSocket(
            host=parts.hostname or "127.0.0.1", port=parts.port or 3310, timeout=timeout
        )
    return clamd.ClamdUnixSocket(path=address.removeprefix("unix://"), timeout=timeout)


def scanning_enabled() -> bool:
    return bool(getattr(settings, "CLAMAV_ADDRESS", ""))


def scan_for_viruses(file) -> None:
    """Stream `file` to clamd; raise :class:`VirusFound` or :class:`ScannerUnavailable`. Does nothing when off.

    The file's name is never logged: citizens name files after themselves.
    """
    scanner = _scanner()
    if scanner is None:
        return
    file.seek(0)
    try:
        result = scanner.instream(file)
    except (clamd.ClamdError, OSError) as error:
        logger.error("Virus scan failed, upload refused: %s: %s", type(error).__name__, error)
        raise ScannerUnavailable(str(error) or type(error).__name__) from error
    finally:
        file.seek(0)
    status, signature = result.get("stream", ("", None))
    if status == "FOUND":
        logger.warning("Virus scan found %s, upload refused", signature)
        raise VirusFound(signature or "?")
    if status != "OK":
        logger.error("Virus scan gave no verdict (%s %s), upload refused", status, signature)
        raise ScannerUnavailable(f"{status} {signature or ''}".strip() or "geen antwoord")


def _verdict(file: UploadedFile) -> tuple[str | None, str, bool]:
    """(detected type, "", False) for an allowed file; (None, why not, retryable) for a refused one."""
    if file.size == 0:
        return (
            None,
            _("Het bestand '%(name)s' is leeg. Kies een ander bestand.")
            % {"name": printable_name(file.name)},
            False,
        )
    if file.size > MAX_FILE_SIZE:
        return (
            None,
            _(
                "Het bestand '%(name)s' is %(size)s; dat is groter dan %(max)s MB. Verklein het of kies een ander."
            )
            % {"name": printable_name(file.name), "size": filesizeformat(file.size), "max": MAX_FILE_SIZE_MB},
            False,
        )
    content_type = detect_content_type(file)
    if content_type not in ALLOWED_TYPES:
        return (
            None,
            _("Het bestand '%(name)s' is geen toegestaan bestandstype. Toegestaan zijn: %(allowed)s.")
            % {"name": printable_name(file.name), "allowed": ALLOWED_DESCRIPTION},
            False,
        )
    if not content_matches_type(file, content_type):
        return (
            None,
            _(
                "Het bestand '%(name)s' lijkt een %(type)s-bestand, maar de inhoud klopt daar niet mee. "
                "Sla het opnieuw op als %(type)s of kies een ander bestand."
            )
            % {"name": printable_name(file.name), "type": ALLOWED_TYPES[content_type]},
            False,
        )
    try:
        scan_for_viruses(file)
    except VirusFound:
        return (
            None,
            _(
                "Het bestand '%(name)s' bevat mogelijk een virus en is niet opgeslagen. "
                "Controleer het bestand met een virusscanner of stuur het niet mee."
            )
            % {"name": printable_name(file.name)},
            False,
        )
    except ScannerUnavailable:
        return (
            None,
            _(
                "Het bestand '%(name)s' kon niet op virussen worden gecontroleerd en is daarom niet "
                "opgeslagen. Probeer het over enkele minuten opnieuw, of verstuur het formulier zonder bijlage."
            )
            % {"name": printable_name(file.name)},
            True,
        )
    return content_type, "", False


# Markup that makes a file run as a web page or script (an .hta or HTML behind an image header).
_ACTIVE_MARKUP = re.compile(rb"<\s*(script|html|hta:|svg|iframe|object|embed)\b", re.IGNORECASE)
# Images Pillow reads without a plugin; HEIC is checked by its header only.
_PILLOW_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff"})
_ZIP_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    }
)


def content_matches_type(file, content_type: str) -> bool:
    """More than the magic number: the whole file must be what its first bytes say.

    A program or web page behind a GIF or PDF header passes a magic-number
    test; it does not pass an image decoder, a PDF's end marker or a zip's
    directory. Images must not carry active markup either.
    """
    file.seek(0)
    content = file.read()
    file.seek(0)
    if content_type in _PILLOW_IMAGES:
        if _ACTIVE_MARKUP.search(content):
            return False
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
        except Exception:  # any decoder error (or a decompression bomb) means: not this image type
            return False
        return True
    if content_type == "application/pdf":
        return b"%%EOF" in content[-2048:]
    if content_type in _ZIP_TYPES:
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return archive.testzip() is None
        except Exception:  # a corrupt, encrypted or truncated archive (zlib.error, RuntimeError, ...)
            return False
    return True


def _too_many(count: int) -> str:
    return _("U kunt maximaal %(max)s bestanden meesturen; u koos er %(n)s. Laat er een paar weg.") % {
        "max": MAX_FILES,
        "n": count,
    }


def check_uploads(files: list[UploadedFile]) -> list[CheckedFile]:
    """Refuse too many, too large, empty or disguised files, with a message per file (forms)."""
    if len(files) > MAX_FILES:
        raise ValidationError(_too_many(len(files)))
    screening = screen(files)
    if screening.refused:
        raise ValidationError([refused.reason for refused in screening.refused])
    return screening.accepted


def screen(files: Iterable[UploadedFile]) -> Screening:
    """Keep the allowed files and say of each refused one why; beyond :data:`MAX_FILES` files are refused."""
    accepted: list[CheckedFile] = []
    refused: list[RefusedFile] = []
    for file in files:
        if len(accepted) >= MAX_FILES:
            refused.append(
                RefusedFile(
                    printable_name(file.name),
                    _(
                        "Het bestand '%(name)s' is niet opgeslagen: er zijn al %(max)s bestanden bij dit bericht."
                    )
                    % {"name": printable_name(file.name), "max": MAX_FILES},
                )
            )
            continue
        content_type, reason, retryable = _verdict(file)
        if content_type is None:
            refused.append(RefusedFile(printable_name(file.name), reason, retryable))
        else:
            accepted.append(CheckedFile(file=file, content_type=content_type))
    return Screening(accepted=accepted, refused=refused)


def screen_content(items: Iterable[tuple[str, bytes]]) -> Screening:
    """:func:`screen` for files that arrive as bytes (an e-mail's attachments, an API upload)."""
    return screen(SimpleUploadedFile(name or "bijlage", content) for name, content in items)


def forwardable(content: bytes) -> str | None:
    """The allowed type of stored `content`, or None: only such files go out with the 9:9 copy.

    Read again from the content, so a file stored before this policy (or by a
    channel that once took anything) is never forwarded to an employee.
    """
    kind = filetype.guess(content[:8192])
    if kind is None or kind.mime not in ALLOWED_TYPES:
        return None
    return kind.mime if content_matches_type(io.BytesIO(content), kind.mime) else None
