"""Forms of the complaint file screens. They validate input; services do the work."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases.constants import (
    ContactChannel,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Rung,
)
from gehoord.cases.models import ConductNorm
from gehoord.clock.terms import MAX_POSTPONEMENT_WEEKS


class DateInput(forms.DateInput):
    input_type = "date"


REASON_LABEL = _("Toelichting")


def _reason(required: bool = False, label=REASON_LABEL) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}))


class TimeInput(forms.TimeInput):
    input_type = "time"


class TransitionForm(forms.Form):
    """The parameters of one lifecycle step; the fields depend on the step."""

    def __init__(self, *args, transition: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(self.fields_for(transition))

    def clean_hearing_time(self) -> str:
        """The time of the hearing as "HH:MM" (the step's parameters stay plain JSON for the letter)."""
        value = self.cleaned_data.get("hearing_time")
        return value.strftime("%H:%M") if value else ""

    @staticmethod
    def fields_for(transition: str) -> dict[str, forms.Field]:
        if transition == "refer":
            return {
                "destination": forms.CharField(
                    label=_("Doorverwezen naar"),
                    help_text=_("Bijvoorbeeld: melding openbare ruimte, bezwaarschriftencommissie."),
                ),
                "reason": _reason(),
            }
        if transition == "not_handle":
            return {
                "ground": forms.ChoiceField(label=_("Wettelijke grond"), choices=NotHandledGround.choices),
                "reason": _reason(required=True),
            }
        if transition == "resolve_informally":
            return {
                "solution": forms.CharField(
                    label=_("Afgesproken oplossing"), widget=forms.Textarea(attrs={"rows": 3})
                ),
                "rung": forms.ChoiceField(
                    label=_("Opgelost door"),
                    choices=[
                        (Rung.EMPLOYEE.value, Rung.EMPLOYEE.label),
                        (Rung.HANDLER.value, Rung.HANDLER.label),
                    ],
                ),
            }
        if transition == "schedule_hearing":
            # Only the date is required (the lifecycle guard); the invitation (Awb 9:10)
            # gives the time and the place when they are known.
            return {
                "hearing_on": forms.DateField(label=_("Datum hoorzitting"), widget=DateInput),
                "hearing_time": forms.TimeField(
                    label=_("Tijd hoorzitting"),
                    required=False,
                    widget=TimeInput(format="%H:%M"),
                    input_formats=["%H:%M", "%H.%M"],
                ),
                "hearing_location": forms.CharField(
                    label=_("Plaats hoorzitting"),
                    required=False,
                    max_length=200,
                    help_text=_("Bijvoorbeeld: gemeentehuis, spreekkamer 2. Staat in de uitnodiging."),
                ),
            }
        if transition == "withdraw":
            return {"reason": _reason(required=True, label=_("Reden van intrekking"))}
        return {"reason": _reason()}


class AssignHandlerForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Behandelaar"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = User.objects.filter(
            is_active=True, groups__name__in=[Role.HANDLER, Role.COORDINATOR]
        ).distinct()


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}))


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_("Kanaal"), choices=ContactChannel.choices)
    at = forms.DateTimeField(
        label=_("Wanneer"),
        help_text=_("Leeg laten voor nu."),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    content = forms.CharField(label=_("Inhoud"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    successful = forms.BooleanField(label=_("Contact gelukt"), required=False, initial=True)
    confidential = forms.BooleanField(label=_("Vertrouwelijk"), required=False)


class PostponeForm(forms.Form):
    weeks = forms.IntegerField(label=_("Aantal weken"), min_value=1, max_value=MAX_POSTPONEMENT_WEEKS)
    reason = _reason(required=True, label=_("Reden van verdaging"))


class SkipHearingForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reden om niet te horen"), choices=HearingSkipReason.choices)


class HearingReportForm(forms.Form):
    held_on = forms.DateField(label=_("Gehouden op"), widget=DateInput)
    report = forms.CharField(label=_("Hoorverslag"), widget=forms.Textarea(attrs={"rows": 5}))


class FindingsForm(forms.Form):
    findings = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea(attrs={"rows": 5}))
    conclusions = forms.CharField(
        label=_("Conclusies"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    signatory = forms.ModelChoiceField(
        label=_("Ondertekenaar van de beslissing"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("De klachtencoördinator"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = User.objects.filter(
            is_active=True, groups__name__in=[Role.COORDINATOR, Role.DEPARTMENT_HEAD]
        ).distinct()


class JudgePartForm(forms.Form):
    part = forms.IntegerField(widget=forms.HiddenInput)
    judgement = forms.ChoiceField(label=_("Oordeel"), choices=Judgement.choices)
    reasoning = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}))
    norms = forms.ModelMultipleChoiceField(
        label=_("Geschonden behoorlijkheidsnormen"),
        queryset=ConductNorm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class LearningReviewForm(forms.Form):
    improvement_possible = forms.TypedChoiceField(
        label=_("Was er iets te verbeteren?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}))
    norms = forms.ModelMultipleChoiceField(
        label=_("Behoorlijkheidsnormen die speelden"),
        queryset=ConductNorm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lesson_for_complainant = forms.CharField(
        label=_("Wat de klager hoort over wat we leerden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
