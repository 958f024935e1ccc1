import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.core.forms import DATE_INPUT_FORMATS, DateInput
from gehoord.organisation.models import Department
from gehoord.reporting.figures import EARLIEST, LATEST, Period


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("Van"),
        required=False,
        widget=DateInput,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd-mm-jjjj"),
        error_messages={"invalid": _("Schrijf de datum als dag-maand-jaar, bijvoorbeeld 01-01-2026.")},
    )
    end = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DateInput,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd-mm-jjjj"),
        error_messages={"invalid": _("Schrijf de datum als dag-maand-jaar, bijvoorbeeld 31-12-2026.")},
    )
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("Alle afdelingen"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name, value in (("start", start), ("end", end)):
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Kies een datum tussen 1900 en 2999."))
                cleaned[name] = None
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Het einde van de periode ligt vóór het begin."))
        return cleaned

    def period(self) -> Period:
        """The chosen period; by default this year up to today."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start = data.get("start") or dt.date(today.year, 1, 1)
        end = data.get("end") or max(today, start)
        return Period(start, end)

    def chosen_department(self) -> Department | None:
        return self.cleaned_data.get("department") if self.is_bound and self.is_valid() else None


class ReportRequestForm(PeriodForm):
    """The period of an annual report: both ends are needed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, message in (
            ("start", _("Vul de eerste dag van de periode in.")),
            ("end", _("Vul de laatste dag van de periode in.")),
        ):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
