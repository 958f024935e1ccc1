"""A complaint's attachments as they travel by e-mail: under neutral file names.

Used by the copy for the person complained about (Awb 9:9: the complaint and
its attachments) and by the internal message that forwards a document that is
not a complaint (Awb 2:3). An original file name may hold personal data (a
name, an address), so the files go as "bijlage-1.pdf", "bijlage-2.jpg", ...
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint

Attachment = tuple[str, bytes, str]
"""(neutral file name, content, MIME type)"""


def complaint_attachments(complaint: Complaint) -> list[Attachment]:
    """The complaint's attachments in the order they came in."""
    files = []
    for number, attachment in enumerate(complaint.attachments.order_by("uploaded_at", "pk"), start=1):
        suffix = PurePath(attachment.original_name).suffix.lower()
        if not suffix[1:].isalnum() or len(suffix) > 10:
            suffix = ""
        with attachment.file.open("rb") as stored:
            content = stored.read()
        files.append(
            (f"bijlage-{number}{suffix}", content, attachment.content_type or "application/octet-stream")
        )
    return files
