"""Plain text in which nothing can become a link ('stuur door'), and ordinary Dutch that stays as it is."""

import pytest

from gehoord.core.text import without_links

GONE = "[weg]"


@pytest.mark.parametrize(
    "text",
    [
        "https://evil.example/login",
        "HTTP://EVIL.EXAMPLE",
        "ftp://10.0.0.1/x",
        "www.evil.example",
        "evil.example/login?x=1",
        "gemeente-loket.nl",
        "ëvil.nl",
        "evil\uff0enl",  # a full-width dot
        "http\u200bs://evil.nl",  # a zero-width space inside
        "hulp@evil.nl",
        "mailto:hulp@evil.nl",
        "javascript:alert(1)",
        "tel:+31612345678",
        "10.0.0.1/login",
    ],
)
def test_every_address_goes(text):
    assert without_links(f"Kijk: {text} nu", GONE) == f"Kijk: {GONE} nu"


@pytest.mark.parametrize(
    "text",
    [
        "Dat is 3.5 keer zo duur, z.s.m. graag.",
        "o.a. de stoep, bijv. om 12.30 uur",
        "Bel 06-12345678",
        "Zie: de brief",
    ],
)
def test_ordinary_text_stays(text):
    assert without_links(text, GONE) == text
