"""Forms of the file page for the subject line and the complaint parts (their services: subject, parts)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.cases.forms import FileForm
from gehoord.cases.models import Complaint


class TitleForm(FileForm):
    title = forms.CharField(
        label=_("Onderwerp"),
        max_length=Complaint._meta.get_field("title").max_length,
        help_text=_("Een korte titel voor de lijst; de klager ziet hem niet."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = self.complaint.title


class AddPartForm(forms.Form):
    description = forms.CharField(
        label=_("Tekst van het nieuwe onderdeel"),
        help_text=_("Zo komt het in de beslissing: in neutrale woorden, wat de klager verwijt."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RewordPartForm(forms.Form):
    part = forms.IntegerField(widget=forms.HiddenInput)
    description = forms.CharField(
        label=_("Nieuwe tekst"),
        help_text=_("De beslissing citeert deze tekst. De vorige tekst blijft in de geschiedenis."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SplitPartForm(forms.Form):
    part = forms.IntegerField(widget=forms.HiddenInput)
    first_text = forms.CharField(label=_("Eerste deel"), widget=forms.Textarea(attrs={"rows": 3}))
    second_text = forms.CharField(
        label=_("Tweede deel"),
        help_text=_("Wordt een nieuw onderdeel, direct na het eerste."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
