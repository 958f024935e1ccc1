"""Dutch first, English as a full second language."""

import subprocess
from pathlib import Path

from django.urls import reverse

PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_is_complete():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr
    assert "translated" in statistics
    assert "untranslated" not in statistics and "fuzzy" not in statistics, statistics


def test_pages_are_dutch_by_default_and_english_on_request(client, db):
    # Dutch even for a browser that prefers English: only the switch changes it.
    dutch = client.get(reverse("home"), follow=True, HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert 'lang="nl"' in dutch and "Klachten? Vertel het de gemeente!" in dutch

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("home"), follow=True).content.decode()
    assert 'lang="en"' in english
    assert "Klachten? Vertel het de gemeente!" not in english
