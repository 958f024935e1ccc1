"""The survey form, built from the active questions the admin configured."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.core.forms import DATE_INPUT_FORMATS, DateInput
from gehoord.core.languages import LanguageMarkedRadioSelect, marked, translated_or_dutch
from gehoord.surveys.models import Question, QuestionKind
from gehoord.surveys.services import Answer

SCALE_CHOICES = [
    ("1", _("1 — heel slecht")),
    ("2", _("2 — slecht")),
    ("3", _("3 — niet goed, niet slecht")),
    ("4", _("4 — goed")),
    ("5", _("5 — heel goed")),
]
YES_NO_CHOICES = [("ja", _("Ja")), ("nee", _("Nee"))]
MAX_OPEN_ANSWER = 2000


def _field(question: Question) -> forms.Field:
    required_message = _("Kies een antwoord bij deze vraag.")
    # The default questions are translated; a municipality's own stay Dutch, marked lang="nl".
    common = {
        "label": marked(translated_or_dutch(question.text)),
        "help_text": marked(translated_or_dutch(question.help_text)) if question.help_text else "",
        "required": question.required,
    }
    if question.kind == QuestionKind.SCALE:
        return forms.ChoiceField(
            choices=SCALE_CHOICES,
            widget=forms.RadioSelect,
            error_messages={"required": required_message},
            **common,
        )
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=YES_NO_CHOICES,
            widget=forms.RadioSelect,
            error_messages={"required": required_message},
            **common,
        )
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[(option, translated_or_dutch(option)) for option in question.options],
            widget=LanguageMarkedRadioSelect,
            error_messages={"required": required_message, "invalid_choice": _("Kies een van de opties.")},
            **common,
        )
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_OPEN_ANSWER,
        error_messages={
            "required": _("Vul hier uw antwoord in."),
            "max_length": _("Uw antwoord is te lang: gebruik hoogstens 2000 tekens."),
        },
        **common,
    )


class SurveyForm(forms.Form):
    def __init__(self, *args, questions: list[Question], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = _field(question)

    def answers(self) -> list[Answer]:
        result = []
        for question in self.questions:
            raw = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == QuestionKind.SCALE:
                value = int(raw) if raw else None
            elif question.kind == QuestionKind.YES_NO:
                value = {"ja": True, "nee": False}.get(raw)
            else:
                value = raw
            result.append(Answer(question, value))
        return result


class ResultsFilterForm(forms.Form):
    start = forms.DateField(
        label=_("Van"),
        required=False,
        widget=DateInput,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd-mm-jjjj"),
    )
    end = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DateInput,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd-mm-jjjj"),
    )
