"""The public complaint form and its siblings. Every message says what is wrong and how to fix it."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.cases.attachment_policy import (
    UPLOAD_HELP_TEXT,
    CheckedFile,
    check_uploads,
)
from gehoord.cases.constants import ContactPreference
from gehoord.core.languages import LanguageMarkedRadioSelect, translated_or_dutch
from gehoord.intake import reachability
from gehoord.intake.models import TriageDestination
from gehoord.organisation.forms import DepartmentChoiceField
from gehoord.organisation.models import Department

PHONE = re.compile(r"^\+?[\d\s\-()]{8,20}$")
COMPLAINT_CHOICE = "klacht"
FILE_ACCEPT = (
    ".pdf,.jpg,.jpeg,.png,.gif,.webp,.heic,.tif,.tiff,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
)


def _clean_phone(value: str) -> str:
    value = value.strip()
    if value and not PHONE.match(value):
        raise ValidationError(_("Vul een geldig telefoonnummer in, zoals 06 12345678 of +31 70 123 4567."))
    return value


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class TriageForm(forms.Form):
    """'Waar gaat het over?': a complaint, or something that belongs elsewhere."""

    topic = forms.ChoiceField(
        label=_("Waar gaat uw bericht over?"),
        widget=LanguageMarkedRadioSelect,
        error_messages=_required(_("Kies waar uw bericht over gaat.")),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [
            (
                COMPLAINT_CHOICE,
                _("Ik ben ontevreden over hoe de gemeente of een medewerker mij of iemand anders behandelde"),
            ),
            # The municipality's own options; the defaults Gehoord ships with are translated (triage_texts).
            *(
                (slug, translated_or_dutch(label))
                for slug, label in TriageDestination.objects.filter(is_active=True).values_list(
                    "slug", "option_label"
                )
            ),
        ]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the whole set is checked by :func:`check_uploads`."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": FILE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[CheckedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        return check_uploads(files)


class ContactDetailsCleaning:
    """Postcode and phone numbers as citizens and staff type them, checked and normalised."""

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"]
        if not value:
            return ""
        normalised = reachability.normalised_postal_code(value)
        if normalised is None:
            raise ValidationError(_("Vul een postcode in zoals 1234 AB."))
        return normalised

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data["phone"])

    def clean_representative_phone(self) -> str:
        return _clean_phone(self.cleaned_data["representative_phone"])


class ComplaintForm(ContactDetailsCleaning, forms.Form):
    # About you
    first_name = forms.CharField(label=_("Voornaam of voorletters"), max_length=120, required=False)
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=120,
        error_messages=_required(_("Vul uw achternaam in.")),
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    street_address = forms.CharField(
        label=_("Straat en huisnummer"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("Woonplaats"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    email = forms.EmailField(
        max_length=254,  # the stored column (RFC 5321); the form field would allow 320
        label=_("E-mailadres"),
        required=False,
        help_text=_("Hierop ontvangt u de ontvangstbevestiging en de link om uw klacht te volgen."),
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    # The complaint
    description = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=_(
            "Beschrijf wat de gemeente of een medewerker deed of naliet, en waarom u daar ontevreden over bent."
        ),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=_required(_("Beschrijf wat er is gebeurd. Dat mag in uw eigen woorden.")),
    )
    conduct_date = forms.DateField(
        label=_("Wanneer gebeurde het?"),
        help_text=_("Weet u de precieze datum niet? Kies de dag die er het dichtst bij ligt."),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum in waarop het gebeurde, of de dag die er het dichtst bij ligt."),
            "invalid": _("Vul een datum in zoals 15-03-2026."),
        },
    )
    # Awb 9:8 lid 1 onder d: a complaint about failing to decide in time is handled even where a
    # beroep lies open. Optional: the coordinator can still set it.
    about_failure_to_decide = forms.BooleanField(
        label=_("Mijn klacht gaat erover dat de gemeente niet op tijd heeft beslist"),
        help_text=_("Bijvoorbeeld op uw aanvraag of uw bezwaar. Weet u het niet? Laat dit dan leeg."),
        required=False,
    )
    department = DepartmentChoiceField(
        label=_("Over welke afdeling gaat het?"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Weet ik niet"),
    )
    involved_description = forms.CharField(
        label=_("Over wie gaat het?"),
        help_text=_(
            "De naam of functie van de medewerker, als u die weet. Bijvoorbeeld: de medewerker aan de balie."
        ),
        max_length=300,
        required=False,
    )
    desired_outcome = forms.CharField(
        label=_("Wat zou u graag willen?"),
        help_text=_("Bijvoorbeeld: excuses, uitleg, of dat iets wordt hersteld."),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("Hoe wilt u dat wij contact met u opnemen?"),
        choices=ContactPreference.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies hoe wij contact met u mogen opnemen.")),
    )
    contact_times = forms.CharField(
        label=_("Wanneer bent u het best bereikbaar?"),
        help_text=_("Bijvoorbeeld: doordeweeks na 17.00 uur."),
        max_length=200,
        required=False,
    )
    # On behalf of someone else
    on_behalf = forms.BooleanField(
        label=_("Ik dien deze klacht in namens iemand anders (als gemachtigde)"), required=False
    )
    representative_name = forms.CharField(label=_("Uw naam (gemachtigde)"), max_length=200, required=False)
    representative_organisation = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    representative_email = forms.EmailField(
        max_length=254,  # the stored column (RFC 5321); the form field would allow 320
        label=_("Uw e-mailadres (gemachtigde)"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    representative_phone = forms.CharField(
        label=_("Uw telefoonnummer (gemachtigde)"), max_length=40, required=False
    )
    attachments = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=UPLOAD_HELP_TEXT,
    )
    # Honeypot: hidden from people (CSS display:none), irresistible to form-filling bots.
    fax_number = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)

    def clean_conduct_date(self) -> dt.date:
        value = self.cleaned_data["conduct_date"]
        if value > timezone.localdate():
            raise ValidationError(_("Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde."))
        return value

    def clean_description(self) -> str:
        value = self.cleaned_data["description"].strip()
        if len(value) < 10:
            raise ValidationError(
                _("Uw beschrijving is erg kort. Vertel in een paar zinnen wat er gebeurde.")
            )
        return value

    def clean_fax_number(self) -> str:
        if self.cleaned_data["fax_number"]:
            raise ValidationError(_("Dit veld moet leeg blijven."), code="honeypot")
        return ""

    def clean(self) -> dict:
        data = super().clean()
        # The one rule of every channel (Awb 9:4): a name and one way to reach the person.
        for name, message in reachability.problems(data, citizen=True).items():
            if name not in self.errors and name in self.fields:
                self.add_error(name, message)
        has_address = reachability.has_postal_address(data)
        preferred = data.get("preferred_contact")
        needs = {
            ContactPreference.EMAIL: (
                "email",
                _("U koos voor contact per e-mail. Vul dan ook uw e-mailadres in."),
            ),
            ContactPreference.PHONE: (
                "phone",
                _("U koos voor contact per telefoon. Vul dan ook uw telefoonnummer in."),
            ),
        }
        if preferred in needs:
            field, message = needs[preferred]
            if not data.get(field) and field not in self.errors:
                self.add_error(field, message)
        if preferred == ContactPreference.LETTER and not has_address and "street_address" not in self.errors:
            self.add_error("street_address", _("U koos voor contact per brief. Vul dan ook uw adres in."))
        if not data.get("department") and not data.get("involved_description"):
            self.add_error(
                "involved_description",
                _(
                    "Vertel over welke afdeling of medewerker uw klacht gaat. Weet u het niet? Beschrijf het dan zo goed mogelijk, bijvoorbeeld 'de medewerker aan de telefoon'."
                ),
            )
        if data.get("on_behalf") and not data.get("representative_name"):
            self.add_error(
                "representative_name",
                _("U dient de klacht in namens iemand anders. Vul dan ook uw eigen naam in."),
            )
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom trekt u uw klacht in?"),
        help_text=_("Dat helpt ons om te leren. U hoeft dit niet in te vullen."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Ja, ik trek mijn klacht in"),
        error_messages=_required(_("Vink aan dat u uw klacht wilt intrekken, of ga terug.")),
    )


class AddInformationForm(forms.Form):
    text = forms.CharField(
        label=_("Wat wilt u toevoegen?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachments = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=UPLOAD_HELP_TEXT,
    )

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("attachments") and not self.errors:
            self.add_error("text", _("Schrijf iets of voeg een bestand toe."))
        return data


class ForwardForm(forms.Form):
    """'Stuur door': send the public complaints page to someone (gehoord.intake.forwarding).

    No name of the sender: the e-mail says a visitor of the website sent it, and nothing the
    visitor types can make it look as if someone else (or the municipality) did.
    """

    recipient = forms.EmailField(
        max_length=254,  # the stored column (RFC 5321); the form field would allow 320
        label=_("E-mailadres van de ontvanger"),
        error_messages={
            "required": _("Vul het e-mailadres in van degene naar wie u de pagina wilt sturen."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
    )
    message = forms.CharField(
        label=_("Korte boodschap"),
        help_text=_("Maximaal 500 tekens. Links en e-mailadressen worden weggelaten."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Uw boodschap is te lang: maximaal 500 tekens. Maak hem korter.")},
    )
    fax_number = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def clean_fax_number(self) -> str:
        if self.cleaned_data["fax_number"]:
            raise ValidationError(_("Dit veld moet leeg blijven."), code="honeypot")
        return ""
