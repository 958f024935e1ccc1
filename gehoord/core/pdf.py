"""HTML to PDF (letters, the annual report, the privacy export), fetching nothing but Gehoord's own static files.

A PDF is made from text that others wrote: letter templates, placeholder
values, a complainant's words. WeasyPrint's default fetcher would open any
``file:``, ``http(s):`` or ``ftp:`` address in it, from the worker's network
and file system. The fetcher here resolves only addresses under the static
URL (``/static/...``) through Django's staticfiles finders and storage, and
refuses everything else without opening it; a refused image or stylesheet is
left out and the PDF still renders.

WeasyPrint takes a while to import: import this module inside the function
that renders, so only processes that make PDFs pay for it.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Tagged PDF, so screen readers can read what we send.
PDF_VARIANT = "pdf/ua-1"


def static_base_url() -> str:
    """Where relative addresses in a PDF's HTML resolve: the static URL of this installation."""
    return urljoin(settings.SITE_URL.rstrip("/") + "/", settings.STATIC_URL)


def static_file_name(url: str) -> str | None:
    """The static file an address names (``gehoord/gehoord.css``), or None when it names none of ours."""
    base, target = urlsplit(static_base_url()), urlsplit(url)
    same_place = (target.scheme.lower(), target.netloc.lower()) == (base.scheme.lower(), base.netloc.lower())
    if not same_place or not target.path.startswith(base.path):
        return None
    name = unquote(target.path[len(base.path) :])
    # No way out of the static files: no "..", no absolute path, no backslash or NUL for another OS's idea of one.
    if not name or "\\" in name or "\x00" in name or posixpath.normpath(name) != name or name.startswith("/"):
        return None
    if any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return name


def read_static_file(name: str) -> bytes | None:
    """A static file's content from the finders (development) or the collected storage (production)."""
    try:
        path = finders.find(name)
        if path:
            with open(path, "rb") as file:
                return file.read()
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as file:
                return file.read()
    except (SuspiciousFileOperation, OSError, ValueError):
        return None
    return None


class StaticFilesOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher for Gehoord: our static files, and nothing else; no request ever leaves."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        name = static_file_name(url)
        content = read_static_file(name) if name else None
        if content is None:
            # The address may come from anyone's text: logged shortened, never opened.
            logger.warning("PDF resource refused (not one of Gehoord's static files): %.200s", url)
            raise ValueError("Only Gehoord's own static files are used in a PDF.")
        mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, content, {"Content-Type": mime_type})


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 document of an HTML document; relative addresses resolve to the static files."""
    return HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesOnlyFetcher()).write_pdf(
        pdf_variant=PDF_VARIANT
    )
