"""A complaint's attachments as they travel by e-mail: under neutral file names.

Used by the copy for the person complained about (Awb 9:9: the complaint and
its attachments) and by the internal message that forwards a document that is
not a complaint (Awb 2:3). An original file name may hold personal data (a
name, an address), so the files go as "bijlage-1.pdf", "bijlage-2.jpg", ...,
with the extension of the type read from the content (never the sender's).
Only files the attachment policy allows go out: a file stored before the
policy, or one that is not what it claims, stays on the file and is not sent
to an employee.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gehoord.cases.attachment_policy import EXTENSIONS, forwardable

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint

Attachment = tuple[str, bytes, str]
"""(neutral file name, content, MIME type)"""


def complaint_attachments(complaint: Complaint) -> list[Attachment]:
    """The complaint's attachments in the order they came in."""
    files = []
    for attachment in complaint.attachments.order_by("uploaded_at", "pk"):
        with attachment.file.open("rb") as stored:
            content = stored.read()
        content_type = forwardable(content)
        if content_type is None:
            continue
        files.append((f"bijlage-{len(files) + 1}{EXTENSIONS[content_type]}", content, content_type))
    return files
