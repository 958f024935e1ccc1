from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.cases.constants import ContactChannel

MAX_CSV_SIZE = 5 * 1024 * 1024


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Hoe nam u contact op?"), choices=ContactChannel.choices, initial=ContactChannel.SOCIAL_MEDIA
    )
    message = forms.CharField(
        label=_("Wat stuurde of zei u?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op wat u de schrijver stuurde of zei.")},
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom is er geen actie nodig?"),
        max_length=500,
        error_messages={"required": _("Schrijf op waarom er geen actie nodig is.")},
    )


class ConvertForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam of voorletters"), max_length=120, required=False)
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=120,
        error_messages={"required": _("Vul de achternaam van de klager in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=40, required=False)
    description = forms.CharField(
        label=_("Omschrijving van de klacht"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Beschrijf waarover de klacht gaat.")},
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("email") or cleaned.get("phone")):
            self.add_error(
                "email", _("Vul een e-mailadres of telefoonnummer in, zodat wij de klager kunnen bereiken.")
            )
        return cleaned


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Met een kopregel: platform, post_id, author_handle, author_name, url, text, posted_at. "
            "Gescheiden door komma's of puntkomma's, opgeslagen als UTF-8."
        ),
        error_messages={"required": _("Kies het CSV-bestand met signalen.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_SIZE:
            raise forms.ValidationError(
                _("Het bestand is groter dan 5 MB. Splits het in kleinere bestanden.")
            )
        return upload
