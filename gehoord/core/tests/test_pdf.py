"""WeasyPrint fetches only Gehoord's own static files: no file:, no http(s), no way out of /static/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from gehoord.core import pdf
from gehoord.core.testing.network import NetworkTripwire

SITE = "http://127.0.0.1:8000"  # SITE_URL of the tests
CSS = "gehoord/gehoord.css"

OUTSIDE = [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "http://169.254.169.254/latest/meta-data/",
    "https://example.org/static/gehoord/gehoord.css",  # another site's /static/
    "ftp://example.org/x.png",
    "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
    f"{SITE}/media/complaints/1/attachment.pdf",  # uploads are no static files
    f"{SITE}/static/../gehoord/settings.py",
    f"{SITE}/static/gehoord/../../manage.py",
    f"{SITE}/static/%2e%2e/%2e%2e/etc/passwd",
    f"{SITE}/static//etc/passwd",
    f"{SITE}/static/gehoord\\..\\..\\manage.py",
    f"{SITE}/static/",
]


@pytest.mark.parametrize("url", OUTSIDE)
def test_only_static_addresses_name_a_static_file(url):
    assert pdf.static_file_name(url) is None


def test_a_static_address_names_its_file():
    assert pdf.static_base_url() == f"{SITE}/static/"
    assert pdf.static_file_name(f"{SITE}/static/{CSS}?v=2#top") == CSS


@pytest.mark.parametrize("url", OUTSIDE)
def test_the_fetcher_refuses_everything_else_without_opening_it(url, monkeypatch):
    tripwire = NetworkTripwire().install(monkeypatch)
    with pytest.raises(ValueError, match="static files"):
        pdf.StaticFilesOnlyFetcher()(url)
    assert tripwire.attempts == []
    assert not [
        name for name in tripwire.files if "passwd" in name or name.endswith(("settings.py", "manage.py"))
    ]


def test_the_fetcher_serves_a_static_file():
    response = pdf.StaticFilesOnlyFetcher()(f"{SITE}/static/{CSS}")
    assert response.read() == Path(finders.find(CSS)).read_bytes()
    assert response.content_type == "text/css"


HOSTILE = """<!DOCTYPE html><html lang="nl"><head><title>Brief</title>
<link rel="stylesheet" href="https://169.254.169.254/latest/style.css">
<style>@import url("file:///etc/hostname"); p { background: url(http://127.0.0.1:6379/) }</style>
<link rel="stylesheet" href="/static/gehoord/gehoord.css">
</head><body><p>Geachte heer,</p>
<img src="file:///etc/passwd" alt="a">
<img src="http://169.254.169.254/latest/meta-data/iam/security-credentials/" alt="b">
<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/shadow"/></svg>
<object data="ftp://10.0.0.1/x"></object>
</body></html>"""


def test_a_pdf_with_hostile_addresses_renders_and_makes_no_request(monkeypatch):
    tripwire = NetworkTripwire().install(monkeypatch)
    asked: list[str] = []
    fetch = pdf.StaticFilesOnlyFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnlyFetcher, "fetch", spy)

    content = pdf.html_to_pdf(HOSTILE)

    assert content.startswith(b"%PDF")
    assert tripwire.attempts == []
    assert not [name for name in tripwire.files if name.startswith("/etc/")]
    # They all came to the fetcher, which served only the static stylesheet.
    assert "file:///etc/passwd" in asked
    assert "http://169.254.169.254/latest/meta-data/iam/security-credentials/" in asked
    assert f"{SITE}/static/gehoord/gehoord.css" in asked


def test_no_pdf_is_made_past_the_one_fetcher():
    """Every PDF goes through gehoord.core.pdf: no other module imports WeasyPrint (tests aside)."""
    root = Path(__file__).resolve().parents[2]
    importers = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or path == root / "core" / "pdf.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(name.split(".")[0] == "weasyprint" for name in names):
                importers.append(str(path.relative_to(root)))
    assert importers == []
