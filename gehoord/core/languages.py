"""Texts that know their language, so no Dutch is left unmarked on an English page.

The interface is translated with gettext, but some texts come from the
database: a department's name, the triage options, the municipality's and the
ombudsman's name, a letter's stored summary. Such a text is a
:class:`Localised` string: a ``str`` that also carries the language it is in.
Templates (the ``localised`` filter of the ``languages`` tag library) and the
choice widgets below mark it with ``lang`` when that differs from the page's
language (WCAG 3.1.2, language of parts).
"""

from __future__ import annotations

import re

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

SOURCE_LANGUAGE = "nl"


class Localised(str):
    """A text and the language it is written in."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Localised:
        value = super().__new__(cls, text)
        value.lang = lang
        return value


def active_language() -> str:
    return (get_language() or SOURCE_LANGUAGE).split("-")[0]


def foreign_language(value: object) -> str:
    """The language of `value` when it is not the page's language, else ""."""
    lang = getattr(value, "lang", "")
    return lang if lang and lang != active_language() else ""


def dutch(text: str) -> Localised:
    """A text that is Dutch whatever language the page is in (a name, what someone wrote)."""
    return Localised(text, SOURCE_LANGUAGE)


def translated_or_dutch(text: str) -> Localised:
    """A stored Dutch text in the page's language when the catalogue translates it, else in Dutch.

    Meant for defaults shipped with Gehoord and kept in the database (the triage
    options, the ombudsman's name): while a municipality keeps the default it is
    translated; once it writes its own, that text stays Dutch and is marked so.
    """
    if not text:
        return Localised("", active_language())
    translated = gettext(str(text))
    if translated != text:
        return Localised(translated, active_language())
    return Localised(text, SOURCE_LANGUAGE)


# Words frequent in one of the two languages and (nearly) absent from the other.
_DUTCH_WORDS = frozenset(
    {
        "de",
        "het",
        "een",
        "en",
        "van",
        "ik",
        "je",
        "u",
        "uw",
        "wij",
        "we",
        "niet",
        "dat",
        "die",
        "er",
        "is",
        "op",
        "naar",
        "voor",
        "met",
        "zijn",
        "heeft",
        "ben",
        "was",
        "werd",
        "maar",
        "ook",
        "nog",
        "geen",
        "wel",
        "dan",
        "als",
        "bij",
        "om",
        "te",
        "mij",
        "mijn",
        "ze",
        "zij",
        "hij",
        "worden",
        "wordt",
        "graag",
        "heb",
        "kan",
        "wil",
        "moet",
        "zou",
    }
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "i",
        "you",
        "your",
        "we",
        "not",
        "that",
        "this",
        "there",
        "is",
        "on",
        "to",
        "for",
        "with",
        "are",
        "has",
        "have",
        "am",
        "was",
        "were",
        "but",
        "also",
        "still",
        "no",
        "then",
        "if",
        "at",
        "me",
        "my",
        "they",
        "she",
        "he",
        "it",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def language_of(text: str) -> str:
    """ "nl" or "en" for what someone wrote in their own words, "" when it cannot be told.

    What a citizen writes is stored without its language; on a page in the other
    language it is marked with the language it reads as, by its common words.
    """
    words = [word.lower() for word in _WORD.findall(text or "")]
    dutch_count = sum(word in _DUTCH_WORDS for word in words)
    english_count = sum(word in _ENGLISH_WORDS for word in words)
    if dutch_count > english_count:
        return "nl"
    if english_count > dutch_count:
        return "en"
    return ""


def marked(value: object) -> SafeString:
    """`value` escaped, inside ``<span lang="..">`` when it is in another language than the page."""
    lang = foreign_language(value)
    if lang:
        return format_html('<span lang="{}">{}</span>', lang, value)
    return conditional_escape(value)


def localised_filter(value: object) -> SafeString:
    if value is None or value == "":
        return SafeString("")
    return marked(value if isinstance(value, Localised) else translated_or_dutch(str(value)))


class LanguageMarkedChoices:
    """A choice widget that gives an option the ``lang`` of its label when that is not the page's language.

    For a <select> this is the only way: an <option> holds text only, no <span>.
    """

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        lang = foreign_language(label)
        if lang:
            option["attrs"] = {**option["attrs"], "lang": lang}
        return option


class LanguageMarkedSelect(LanguageMarkedChoices, forms.Select):
    pass


class LanguageMarkedRadioSelect(LanguageMarkedChoices, forms.RadioSelect):
    pass
