"""Text from outside: HTML that mail programs and social platforms send, made safe and readable."""

from __future__ import annotations

import html
import re

import nh3


def html_to_text(markup: str) -> str:
    """The readable text of HTML: sanitised by nh3 (scripts and styles dropped), tags removed."""
    cleaned = nh3.clean(markup, tags={"p", "br", "div", "li", "tr"}, attributes={})
    cleaned = re.sub(r"<br\s*/?>|</(p|div|li|tr)>", "\n", cleaned, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", "", cleaned))
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()
