"""Checks on files citizens upload: size, count, and the real type read from the content."""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
        checked.append(CheckedFile(file=file, content_type=content_type))
    if errors:
        raise ValidationError(errors)
    return checked
