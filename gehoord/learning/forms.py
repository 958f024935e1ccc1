from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.accounts.models import User
from gehoord.cases.models import ConductNorm
from gehoord.core.forms import DATE_INPUT_FORMATS, DateInput
from gehoord.learning.models import MeasureStatus
from gehoord.organisation.models import Department


class MeasureForm(forms.Form):
    description = forms.CharField(
        label=_("Maatregel"),
        help_text=_("Wat gaat er anders, zodat dit niet opnieuw gebeurt?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf de maatregel: wat gaat er anders?")},
    )
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=Department.objects.filter(is_active=True),
        error_messages={"required": _("Kies de afdeling die de maatregel uitvoert.")},
    )
    responsible = forms.ModelChoiceField(
        label=_("Verantwoordelijke"),
        queryset=User.objects.filter(is_active=True).order_by("first_name", "last_name"),
        error_messages={"required": _("Kies wie verantwoordelijk is voor de maatregel.")},
    )
    due_date = forms.DateField(
        label=_("Klaar op"),
        help_text=_("Bijvoorbeeld 31-03-2027."),
        widget=DateInput,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Geef de datum waarop de maatregel klaar moet zijn."),
            "invalid": _("Schrijf de datum als dag-maand-jaar, bijvoorbeeld 31-03-2027."),
        },
    )

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in het verleden. Kies een datum vanaf vandaag."))
        return due_date


class NewMeasureForm(MeasureForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (MeasureStatus.PROPOSED, MeasureStatus.PROPOSED.label),
            (MeasureStatus.AGREED, MeasureStatus.AGREED.label),
        ],
        initial=MeasureStatus.PROPOSED,
        widget=forms.RadioSelect,
    )


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label=_("Nieuwe status"), choices=MeasureStatus.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Toelichting of evaluatie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bij 'Geëvalueerd': heeft de maatregel gewerkt?"),
    )

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        order = list(MeasureStatus.values)
        self.fields["to"].choices = [
            (value, label)
            for value, label in MeasureStatus.choices
            if order.index(value) > order.index(current)
        ]


class LinkComplaintForm(forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk van de klacht"),
        help_text=_("Bijvoorbeeld K-2026-00042."),
        max_length=16,
        error_messages={"required": _("Vul het kenmerk van de klacht in, bijvoorbeeld K-2026-00042.")},
    )


class MeasureFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *MeasureStatus.choices]
    )
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("Alle afdelingen"),
    )
    overdue = forms.BooleanField(label=_("Alleen te laat"), required=False)
    mine = forms.BooleanField(label=_("Alleen mijn maatregelen"), required=False)


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
