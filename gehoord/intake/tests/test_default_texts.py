"""The texts Gehoord ships in the database are in the translation catalogue's source list."""

import importlib

from gehoord.intake.triage_texts import DEFAULT_TRIAGE_TEXTS
from gehoord.surveys.question_texts import DEFAULT_QUESTION_TEXTS


def test_every_default_triage_text_is_listed_for_translation():
    migration = importlib.import_module("gehoord.intake.migrations.0002_default_destinations")
    for _slug, option, title, explanation, _url, link_text in migration.DESTINATIONS:
        for text in (option, title, explanation, link_text):
            assert text in DEFAULT_TRIAGE_TEXTS, text


def test_every_default_survey_text_is_listed_for_translation():
    migration = importlib.import_module("gehoord.surveys.migrations.0002_default_questions")
    for text, _kind, _topic, _required, help_text, options in migration.DEFAULT_QUESTIONS:
        for value in (text, help_text, *options.splitlines()):
            if value:
                assert value in DEFAULT_QUESTION_TEXTS, value
