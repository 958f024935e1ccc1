"""Text from outside: HTML that mail programs and social platforms send, made safe and readable."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3


def html_to_text(markup: str) -> str:
    """The readable text of HTML: sanitised by nh3 (scripts and styles dropped), tags removed."""
    cleaned = nh3.clean(markup, tags={"p", "br", "div", "li", "tr"}, attributes={})
    cleaned = re.sub(r"<br\s*/?>|</(p|div|li|tr)>", "\n", cleaned, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", "", cleaned))
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()


# What a mail program may turn into a link in plain text: an address with a scheme, a www. or bare
# domain name (with or without a path), an IP address, an e-mail address. A missing space after a
# full stop ("ging.Daarna") looks like a domain too and goes with them: a small loss in a short note.
_LINK = re.compile(
    r"""
    \b[a-z][a-z0-9+.\-]*://\S*                                   # https://…, ftp://…
    | \b(?:mailto|tel|sms|callto|javascript|data|file|xmpp|magnet|whatsapp|skype):\S+
    | [\w.+\-]+@[^\W_](?:[\w\-]*[^\W_])?(?:\.[^\W_](?:[\w\-]*[^\W_])?)+   # e-mail address
    | \bwww\.\S+
    | \b(?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}\b(?:[/:?\#]\S*)?  # domain.tld/path
    | \b\d{1,3}(?:\.\d{1,3}){3}\b(?:[/:?\#]\S*)?                 # 10.0.0.1/login
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Control and format characters (zero-width spaces, direction overrides) hide or split a link.
_HIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def without_links(text: str, replacement: str) -> str:
    """Plain text in which nothing can become a link: every address is replaced by `replacement`.

    Normalised first (NFKC), so a full-width dot or slash cannot hide an address from the pattern
    while a mail program still reads it as one.
    """
    normal = _HIDDEN.sub("", unicodedata.normalize("NFKC", text))
    return _LINK.sub(replacement, normal)


TITLE_LENGTH = 80


def short_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """A subject line from free text: its first non-empty line, cut at a word boundary with "…".

    The inbox shows it as the complaint's subject; staff may reword it (Complaint.title).
    """
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    line = re.sub(r"\s+", " ", line)
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:-") + "…"
