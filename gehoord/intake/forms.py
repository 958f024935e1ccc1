"""The public complaint form and its siblings. Every message says what is wrong and how to fix it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.cases.attachment_policy import (
    MAX_FILES,
    UPLOAD_HELP_TEXT,
    CheckedFile,
    check_uploads,
    printable_name,
    screen,
)
from gehoord.cases.constants import ContactPreference
from gehoord.core.date_parts import DatePartsField
from gehoord.core.form_errors import field_anchor
from gehoord.core.languages import LanguageMarkedRadioSelect, LanguageMarkedSelect, translated_or_dutch
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


class KeptFilesField(MultipleFileField):
    """The public form's new files, unscreened: the form screens them against the room its kept files leave."""

    def clean(self, data, initial=None) -> list:
        return [f for f in (data if isinstance(data, list | tuple) else [data]) if f]


HOUSE_NUMBER = re.compile(r"^\d{1,5}\b")
# The parts of an address, in the order the form asks them, as named in an error ("vul ook uw ... in").
ADDRESS_PARTS = {
    "street": _("straat"),
    "house_number": _("huisnummer"),
    "postal_code": _("postcode"),
    "city": _("woonplaats"),
}
# Rules over more than one field, explained and shown once at their group (a fieldset), never as a
# "required" error on a field marked "(niet verplicht)". Group -> the field the group starts before.
GROUP_STARTS = {
    "reach": "email",
    "address": "street",
    "involved": "department",
    "representative": "representative_name",
}
_GROUP_CODE = "group:"


def _named_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {_('en')} {names[-1]}"


class ComplaintForm(ContactDetailsCleaning, forms.Form):
    """The citizen's complaint. The address is asked in parts and passed on as one `street_address`.

    Errors of a rule over several fields (one way to reach you, a complete
    address, who the complaint is about, the gemachtigde's name) are *group
    errors*: non-field errors with the code ``group:<name>``, shown at the
    group's fieldset and linked from the error summary (:meth:`error_summary_items`).
    """

    # About you
    first_name = forms.CharField(
        label=_("Voornaam of voorletters"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "class": "gh-width-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=120,
        error_messages=_required(_("Vul uw achternaam in.")),
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "class": "gh-width-name"}),
    )
    email = forms.EmailField(
        max_length=254,  # the stored column (RFC 5321); the form field would allow 320
        label=_("E-mailadres"),
        required=False,
        help_text=_("Hierop ontvangt u de ontvangstbevestiging en de link om uw klacht te volgen."),
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "class": "gh-width-email", "spellcheck": "false"}
        ),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "class": "gh-width-phone"}),
    )
    street = forms.CharField(
        label=_("Straat"),
        max_length=160,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1", "class": "gh-width-street"}),
    )
    house_number = forms.CharField(
        label=_("Huisnummer"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "gh-width-house-number"}),
    )
    house_number_addition = forms.CharField(
        label=_("Toevoeging"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-addition"}),
    )
    postal_code = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "gh-width-postcode"}),
    )
    city = forms.CharField(
        label=_("Woonplaats"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2", "class": "gh-width-city"}),
    )
    # The complaint
    description = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=_(
            "Beschrijf wat de gemeente of een medewerker deed of naliet, en waarom u daar ontevreden over bent."
        ),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "class": "gh-width-full"}),
        error_messages=_required(_("Beschrijf wat er is gebeurd. Dat mag in uw eigen woorden.")),
    )
    conduct_date = DatePartsField(
        label=_("Wanneer gebeurde het?"),
        help_text=_(
            "Bijvoorbeeld 15 3 2026. Weet u de precieze datum niet? Vul dan de dag in die er het dichtst bij ligt."
        ),
        error_messages={
            "required": _("Vul de datum in waarop het gebeurde, of de dag die er het dichtst bij ligt."),
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
        widget=LanguageMarkedSelect(attrs={"class": "gh-width-long"}),
    )
    involved_description = forms.CharField(
        label=_("Over wie gaat het?"),
        help_text=_(
            "De naam of functie van de medewerker, als u die weet. Bijvoorbeeld: de medewerker aan de balie."
        ),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-long"}),
    )
    desired_outcome = forms.CharField(
        label=_("Wat zou u graag willen?"),
        help_text=_("Bijvoorbeeld: excuses, uitleg, of dat iets wordt hersteld."),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "gh-width-full"}),
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
        widget=forms.TextInput(attrs={"class": "gh-width-long"}),
    )
    # On behalf of someone else
    on_behalf = forms.BooleanField(
        label=_("Ik dien deze klacht in namens iemand anders (als gemachtigde)"), required=False
    )
    representative_name = forms.CharField(
        label=_("Uw naam (gemachtigde)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "gh-width-name"}),
    )
    representative_organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization", "class": "gh-width-name"}),
    )
    representative_email = forms.EmailField(
        max_length=254,  # the stored column (RFC 5321); the form field would allow 320
        label=_("Uw e-mailadres (gemachtigde)"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"class": "gh-width-email", "spellcheck": "false"}),
    )
    representative_phone = forms.CharField(
        label=_("Uw telefoonnummer (gemachtigde)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "class": "gh-width-phone"}),
    )
    attachments = KeptFilesField(
        label=_("Bijlagen"),
        required=False,
        help_text=UPLOAD_HELP_TEXT,
    )
    # Honeypot: hidden from people (CSS display:none), irresistible to form-filling bots.
    fax_number = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, kept_uploads: Sequence[Any] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        # Files added on an earlier try, kept under the form token (gehoord.intake.pending_uploads).
        self.kept_uploads = list(kept_uploads)
        # The new files the attachment policy took, kept even when the form has errors elsewhere.
        self.accepted_uploads: list[CheckedFile] = []
        self._group_hrefs: dict[str, str] = {}

    # --- files ---------------------------------------------------------------------------

    def removed_upload_ids(self) -> set[int]:
        """The kept files the person ticked to remove."""
        if not self.is_bound:
            return set()
        getlist = getattr(self.data, "getlist", None)
        values = getlist("remove_upload") if getlist else self.data.get("remove_upload", [])
        return {int(value) for value in values if str(value).isdigit()}

    def still_kept(self) -> list[Any]:
        removed = self.removed_upload_ids()
        return [upload for upload in self.kept_uploads if upload.pk not in removed]

    def clean_attachments(self) -> list[CheckedFile]:
        new = self.cleaned_data["attachments"]
        room = max(MAX_FILES - len(self.still_kept()), 0)
        screening = screen(new[:room])
        self.accepted_uploads = screening.accepted
        refused = [refused.reason for refused in screening.refused]
        refused += [
            _("Het bestand '%(name)s' is niet toegevoegd: u kunt maximaal %(max)s bestanden meesturen.")
            % {"name": printable_name(file.name), "max": MAX_FILES}
            for file in new[room:]
        ]
        if refused:
            raise ValidationError(refused)
        return screening.accepted

    # --- fields --------------------------------------------------------------------------

    def clean_conduct_date(self) -> dt.date:
        value = self.cleaned_data["conduct_date"]
        if value > timezone.localdate():
            raise ValidationError(_("Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde."))
        return value

    def clean_house_number(self) -> str:
        value = self.cleaned_data["house_number"].strip()
        if value and not HOUSE_NUMBER.match(value):
            raise ValidationError(
                _(
                    "Vul het huisnummer in met cijfers, zoals 12. Een letter of toevoeging kan bij 'Toevoeging'."
                )
            )
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

    # --- rules over several fields -------------------------------------------------------

    def add_group_error(self, group: str, message: str, *, href: str) -> None:
        """An error of the rule of `group`, shown at its fieldset; the summary links to `href`."""
        if group not in self.group_errors:
            self.add_error(None, ValidationError(message, code=_GROUP_CODE + group))
            self._group_hrefs[group] = href

    @property
    def group_errors(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for error in self.errors.as_data().get(NON_FIELD_ERRORS, []) if self._errors is not None else []:
            if (error.code or "").startswith(_GROUP_CODE):
                found.setdefault(error.code.removeprefix(_GROUP_CODE), []).extend(error.messages)
        return found

    def error_summary_items(self) -> list[tuple[str, str]]:
        """(link, text) for the error summary, in the order of the page; a group's error before its fields."""
        groups = self.group_errors
        items = [
            ("", message)
            for error in self.errors.as_data().get(NON_FIELD_ERRORS, [])
            if not (error.code or "").startswith(_GROUP_CODE)
            for message in error.messages
        ]
        for field in self:
            for group, start in GROUP_STARTS.items():
                if start == field.name:
                    items += [
                        (self._group_hrefs.get(group, f"#{group}-group"), message)
                        for message in groups.get(group, [])
                    ]
            items += [(field_anchor(field), f"{field.label}: {error}") for error in field.errors]
        return items

    def _street_address(self, data: dict) -> str:
        """The address line the rest of Gehoord knows: street, house number and addition in one."""
        parts = (data.get("street", ""), data.get("house_number", ""), data.get("house_number_addition", ""))
        return " ".join(part.strip() for part in parts if part and part.strip())

    def _clean_address(self, data: dict) -> None:
        """All of the address or none of it; its format errors stay at their own field."""
        typed = {name: str(self.data.get(self.add_prefix(name), "")).strip() for name in ADDRESS_PARTS}
        typed["house_number_addition"] = str(
            self.data.get(self.add_prefix("house_number_addition"), "")
        ).strip()
        if not any(typed.values()):
            return
        missing = [name for name in ADDRESS_PARTS if not typed[name]]
        if missing:
            self.add_group_error(
                "address",
                _("Uw adres is niet compleet: vul ook uw %(missing)s in. Of maak de adresvelden leeg.")
                % {"missing": _named_list([str(ADDRESS_PARTS[name]) for name in missing])},
                href=f"#{self[missing[0]].auto_id}",
            )

    def clean(self) -> dict:
        data = super().clean()
        data["street_address"] = self._street_address(data)
        self._clean_address(data)
        # The one rule of every channel (Awb 9:4): a name and one way to reach the person.
        for name, message in reachability.problems(data, citizen=True).items():
            if name == "last_name" and name not in self.errors:
                self.add_error(name, message)
            elif name == "email":
                self.add_group_error("reach", message, href=f"#{self['email'].auto_id}")
            # An incomplete or wrong address: the address group (above) or the field's own format error.
        has_address = reachability.has_postal_address(data)
        preferred = data.get("preferred_contact")
        needs = {
            ContactPreference.EMAIL: (
                "email",
                _(
                    "U koos voor contact per e-mail, maar vulde geen e-mailadres in. Vul uw e-mailadres in bij 'Uw gegevens', of kies een andere manier."
                ),
            ),
            ContactPreference.PHONE: (
                "phone",
                _(
                    "U koos voor contact per telefoon, maar vulde geen telefoonnummer in. Vul uw telefoonnummer in bij 'Uw gegevens', of kies een andere manier."
                ),
            ),
        }
        if preferred in needs:
            field, message = needs[preferred]
            if not data.get(field) and field not in self.errors:
                self.add_error("preferred_contact", message)
        if preferred == ContactPreference.LETTER and not has_address and "address" not in self.group_errors:
            self.add_error(
                "preferred_contact",
                _(
                    "U koos voor contact per brief, maar vulde geen adres in. Vul uw adres in bij 'Uw gegevens', of kies een andere manier."
                ),
            )
        if (
            not data.get("department")
            and not data.get("involved_description")
            and "department" not in self.errors
        ):
            self.add_group_error(
                "involved",
                _(
                    "Vertel over welke afdeling of medewerker uw klacht gaat. Weet u het niet? Beschrijf het dan zo goed mogelijk, bijvoorbeeld 'de medewerker aan de telefoon'."
                ),
                href=f"#{self['department'].auto_id}",
            )
        if data.get("on_behalf") and not data.get("representative_name"):
            self.add_group_error(
                "representative",
                _("U dient de klacht in namens iemand anders. Vul dan ook uw eigen naam in."),
                href=f"#{self['representative_name'].auto_id}",
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
