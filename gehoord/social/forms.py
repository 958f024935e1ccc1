from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.cases.constants import ContactChannel
from gehoord.intake import reachability

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
        max_length=254,  # the stored column (RFC 5321); the form field would allow 320
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=40, required=False)
    street_address = forms.CharField(label=_("Straat en huisnummer"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Woonplaats"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Omschrijving van de klacht"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Beschrijf waarover de klacht gaat.")},
    )

    def clean(self):
        cleaned = super().clean()
        # The one rule of every channel (Awb 9:4): a name and one way to reach the person.
        for name, message in reachability.problems(cleaned).items():
            if name not in self.errors:
                self.add_error(name, message)
        if cleaned.get("postal_code") and "postal_code" not in self.errors:
            cleaned["postal_code"] = reachability.normalised_postal_code(cleaned["postal_code"])
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
