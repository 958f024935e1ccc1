"""Texts that know their language: translated defaults, marked Dutch, and the option widgets."""

import pytest
from django.utils import translation

from gehoord.core.languages import (
    LanguageMarkedRadioSelect,
    Localised,
    dutch,
    language_of,
    marked,
    translated_or_dutch,
)


@pytest.mark.parametrize(
    ("language", "value", "html"),
    [
        ("en", dutch("Stadhuis & kamer 4"), '<span lang="nl">Stadhuis &amp; kamer 4</span>'),
        ("nl", dutch("Stadhuis & kamer 4"), "Stadhuis &amp; kamer 4"),
        ("en", Localised("Civil Affairs", "en"), "Civil Affairs"),
        ("en", "a plain <text>", "a plain &lt;text&gt;"),
    ],
)
def test_marked_adds_lang_only_when_the_text_is_not_in_the_pages_language(language, value, html):
    with translation.override(language):
        assert marked(value) == html


def test_a_translated_default_is_english_and_an_own_text_stays_marked_dutch():
    with translation.override("en"):
        known = translated_or_dutch("Klachten")  # in the catalogue
        own = translated_or_dutch("Grofvuil ophalen op dinsdag")  # a municipality's own text
    assert (known.lang, own.lang) == ("en", "nl")
    assert known != "Klachten" and own == "Grofvuil ophalen op dinsdag"


def test_a_radio_option_in_another_language_carries_lang():
    widget = LanguageMarkedRadioSelect(choices=[("a", dutch("Grofvuil")), ("b", Localised("Other", "en"))])
    with translation.override("en"):
        html = widget.render("topic", None)
    assert html.count('lang="nl"') == 1


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("De medewerker van het klantcontactcentrum beloofde dat ik teruggebeld zou worden.", "nl"),
        ("Eindelijk teruggebeld worden.", "nl"),
        ("Excuses, OK.", ""),  # no telling word: no lang attribute rather than a wrong one
        ("The clerk at the desk sent me away without any explanation.", "en"),
        ("", ""),
    ],
)
def test_the_language_of_what_someone_wrote(text, language):
    assert language_of(text) == language
