"""The complainant's data (:func:`gehoord.privacy.services.export_complainant`) as JSON, PDF and ZIP."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from typing import Any

from django.template.loader import render_to_string

from gehoord.cases.models import Complainant
from gehoord.organisation.models import Municipality
from gehoord.privacy.services import stored_files

logger = logging.getLogger(__name__)

JSON_NAME = "gegevens.json"
PDF_NAME = "gegevens.pdf"


def render_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def render_html(data: dict[str, Any]) -> str:
    """The export as one HTML document (``<html lang="nl">`` with a title), ready for WeasyPrint."""
    return render_to_string("privacy/export_pdf.html", {"data": data, "municipality": Municipality.load()})


def render_pdf(data: dict[str, Any]) -> bytes:
    """The export as a tagged PDF/UA-1 document, like the letters and the annual report."""
    # WeasyPrint takes a while to import; only processes that render PDFs pay for it.
    from gehoord.core.pdf import html_to_pdf

    return html_to_pdf(render_html(data))


def render_zip(complainant: Complainant, data: dict[str, Any]) -> bytes:
    """The JSON, the PDF, and every stored file (attachments, letter PDFs), under the names the export lists."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, render_json(data))
        archive.writestr(PDF_NAME, render_pdf(data))
        for complaint in complainant.complaints.order_by("received_at", "pk"):
            for name, file in stored_files(complaint):
                try:
                    with file.open("rb") as handle:
                        archive.writestr(name, handle.read())
                except OSError:
                    # Listed in the JSON and PDF all the same; the storage name is a random token.
                    logger.warning("Stored file %s missing from the export", file.name)
    return buffer.getvalue()
