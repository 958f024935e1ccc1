"""Checks on files citizens upload: size, count, the real type read from the content, and viruses.

With ``CLAMAV_ADDRESS`` set (``tcp://127.0.0.1:3310`` or the path of clamd's
unix socket), every file is streamed to ClamAV's daemon (the INSTREAM command,
through the clamav-client library) before anything is stored. An infected
file is refused with a message next to the field; when clamd cannot be
reached the file is refused too (fail closed) and the failure is logged, so
no file ever gets in unscanned while scanning is on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import filetype
from clamav_client import clamd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024  # 10 MB

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
ALLOWED_DESCRIPTION = "PDF, foto (JPG, PNG, GIF, WEBP, HEIC, TIFF), Word, Excel, PowerPoint of OpenDocument"


@dataclass(frozen=True)
class CheckedFile:
    file: UploadedFile
    content_type: str


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


def check_uploads(files: list[UploadedFile]) -> list[CheckedFile]:
    """Refuse too many, too large, empty or disguised files, with a message per file."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            _("U kunt maximaal %(max)s bestanden meesturen; u koos er %(n)s. Laat er een paar weg.")
            % {"max": MAX_FILES, "n": len(files)}
        )
    checked, errors = [], []
    for file in files:
        if file.size == 0:
            errors.append(_("Het bestand '%(name)s' is leeg. Kies een ander bestand.") % {"name": file.name})
            continue
        if file.size > MAX_FILE_SIZE:
            errors.append(
                _(
                    "Het bestand '%(name)s' is %(size)s; dat is groter dan 10 MB. Verklein het of kies een ander."
                )
                % {"name": file.name, "size": filesizeformat(file.size)}
            )
            continue
        content_type = detect_content_type(file)
        if content_type not in ALLOWED_TYPES:
            errors.append(
                _("Het bestand '%(name)s' is geen toegestaan bestandstype. Toegestaan zijn: %(allowed)s.")
                % {"name": file.name, "allowed": ALLOWED_DESCRIPTION}
            )
            continue
        try:
            scan_for_viruses(file)
        except VirusFound:
            errors.append(
                _(
                    "Het bestand '%(name)s' bevat mogelijk een virus en is niet opgeslagen. "
                    "Controleer het bestand met een virusscanner of stuur het niet mee."
                )
                % {"name": file.name}
            )
            continue
        except ScannerUnavailable:
            errors.append(
                _(
                    "Het bestand '%(name)s' kon niet op virussen worden gecontroleerd en is daarom niet "
                    "opgeslagen. Probeer het over enkele minuten opnieuw, of verstuur het formulier zonder bijlage."
                )
                % {"name": file.name}
            )
            continue
        checked.append(CheckedFile(file=file, content_type=content_type))
    if errors:
        raise ValidationError(errors)
    return checked
