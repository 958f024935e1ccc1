from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.core.forms import DATE_INPUT_FORMATS, DateInput
from gehoord.vouchers.models import NotApplicableReason


class NotApplicableForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom niet?"),
        choices=NotApplicableReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waarom de bon niet van toepassing is.")},
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=500)


class DateForm(forms.Form):
    on = forms.DateField(
        label=_("Datum"),
        help_text=_("Bijvoorbeeld 02-12-2026."),
        widget=DateInput,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Vul de datum in."),
            "invalid": _("Schrijf de datum als dag-maand-jaar, bijvoorbeeld 02-12-2026."),
        },
    )

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return on
