"""Staff forms about letters."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.core.forms import DATE_INPUT_FORMATS, DateInput


class MissingElementsForm(forms.Form):
    """Awb 9:4: what a written complaint lacks, one element a line, and the term to supply it."""

    missing = forms.CharField(
        label=_("Wat ontbreekt er?"),
        help_text=_(
            "Eén onderdeel per regel, in woorden die de klager begrijpt, bijvoorbeeld 'uw adres'. Om een "
            "handtekening vraagt u alleen bij een klacht per brief of fax (Awb 9:4)."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    respond_by = forms.DateField(
        label=_("Aanvullen uiterlijk"),
        required=False,
        help_text=_("Leeg: twee weken na vandaag."),
        widget=DateInput,
        input_formats=DATE_INPUT_FORMATS,
    )

    def clean_missing(self) -> list[str]:
        items = [line.strip(" -•\t") for line in self.cleaned_data["missing"].splitlines()]
        items = [item for item in items if item]
        if not items:
            raise forms.ValidationError(_("Noem wat er ontbreekt aan de klacht."))
        return items

    def clean_respond_by(self) -> dt.date | None:
        respond_by = self.cleaned_data.get("respond_by")
        if respond_by is not None and respond_by <= timezone.localdate():
            raise forms.ValidationError(_("Kies een datum na vandaag."))
        return respond_by
