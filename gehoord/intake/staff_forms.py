"""The form an employee fills in to register a complaint received by phone, desk, letter, fax or e-mail.

The messages speak to the employee about 'de klager'; the checks on phone
numbers, postal codes and files are the public form's own.
"""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.accounts.models import User
from gehoord.cases.attachment_policy import ALLOWED_DESCRIPTION, MAX_FILE_SIZE_MB, MAX_FILES
from gehoord.cases.constants import Channel, ContactPreference
from gehoord.cases.selectors import active_handlers
from gehoord.core.forms import DateInput, TimeInput
from gehoord.intake import reachability
from gehoord.intake.forms import ContactDetailsCleaning, MultipleFileField
from gehoord.intake.registration import ACKNOWLEDGED_CHANNELS, STAFF_CHANNELS
from gehoord.organisation.models import Department

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
INVALID_EMAIL = _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")
# Whatever names the complainant or a way to reach them: left empty for an anonymous complaint.
IDENTIFYING_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "street_address",
    "postal_code",
    "city",
    "representative_name",
)


def _now_minutes() -> dt.time:
    return timezone.localtime().time().replace(second=0, microsecond=0)


class EmployeeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.department})" if obj.department_id else name


class StaffRegistrationForm(ContactDetailsCleaning, forms.Form):
    # How and when it came in
    channel = forms.ChoiceField(
        label=_("Hoe kwam de klacht binnen?"),
        choices=[(channel.value, channel.label) for channel in STAFF_CHANNELS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de klacht binnenkwam.")},
    )
    received_date = forms.DateField(
        label=_("Ontvangen op"),
        help_text=_("Een brief kan een paar dagen geleden zijn ontvangen: vul dan de dag van ontvangst in."),
        initial=timezone.localdate,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages={
            "required": _("Vul de datum in waarop de klacht binnenkwam."),
            "invalid": _("Vul een datum in zoals 15-03-2026."),
        },
    )
    received_time = forms.TimeField(
        label=_("Tijdstip van ontvangst"),
        initial=_now_minutes,
        input_formats=TIME_FORMATS,
        widget=TimeInput,
        error_messages={
            "required": _("Vul het tijdstip in waarop de klacht binnenkwam."),
            "invalid": _("Vul een tijdstip in zoals 14:30."),
        },
    )
    # The complainant. Awb 9:1: a complaint without name or address is not refused;
    # it is registered as anonymous and looked into as a signal (no formal route, no letters).
    anonymous = forms.BooleanField(
        label=_("Anoniem: naam en contactgegevens onbekend"),
        help_text=_(
            "Bijvoorbeeld een brief zonder naam en adres. Een anonieme klacht krijgt geen "
            "ontvangstbevestiging en geen formele behandeling; de klachtencoördinator bekijkt haar als "
            "signaal om van te leren."
        ),
        required=False,
    )
    first_name = forms.CharField(
        label=_("Voornaam of voorletters"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=120,
        error_messages={"required": _("Vul de achternaam van de klager in.")},
        widget=forms.TextInput(attrs={"class": "gh-width-name"}),
    )
    email = forms.EmailField(
        max_length=254,  # the stored column (RFC 5321); the form field would allow 320
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": INVALID_EMAIL},
        widget=forms.EmailInput(attrs={"class": "gh-width-email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "class": "gh-width-phone"}),
    )
    street_address = forms.CharField(
        label=_("Straat en huisnummer"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-street"}),
    )
    postal_code = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-postcode"}),
    )
    city = forms.CharField(
        label=_("Woonplaats"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-city"}),
    )
    # A representative (gemachtigde, Awb 9:1)
    representative_name = forms.CharField(
        label=_("Naam gemachtigde"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-name"}),
    )
    representative_organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-name"}),
    )
    representative_email = forms.EmailField(
        max_length=254,  # the stored column (RFC 5321); the form field would allow 320
        label=_("E-mailadres gemachtigde"),
        required=False,
        error_messages={"invalid": INVALID_EMAIL},
        widget=forms.EmailInput(attrs={"class": "gh-width-email", "spellcheck": "false"}),
    )
    representative_phone = forms.CharField(
        label=_("Telefoonnummer gemachtigde"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "class": "gh-width-phone"}),
    )
    representative_postal_address = forms.CharField(
        label=_("Postadres gemachtigde"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "gh-width-long"}),
    )
    # The complaint
    description = forms.CharField(
        label=_("Omschrijving van de gedraging"),
        help_text=_("Wat deed of naliet de gemeente of een medewerker, in de woorden van de klager."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "class": "gh-width-full"}),
        error_messages={"required": _("Beschrijf de gedraging waarover de klager klaagt.")},
    )
    conduct_date = forms.DateField(
        label=_("Datum van de gedraging"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages={"invalid": _("Vul een datum in zoals 15-03-2026.")},
    )
    about_failure_to_decide = forms.BooleanField(
        label=_("De klacht gaat over niet tijdig beslissen"),
        help_text=_(
            "Bijvoorbeeld: de gemeente beslist niet op tijd op een aanvraag of bezwaar. Zo'n klacht wordt "
            "behandeld, ook als er beroep openstaat (Awb 9:8, eerste lid, onder d)."
        ),
        required=False,
    )
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Onbekend"),
        widget=forms.Select(attrs={"class": "gh-width-long"}),
    )
    employees_involved = EmployeeChoiceField(
        label=_("Betrokken medewerkers (beklaagden)"),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om meer dan één medewerker te kiezen."),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    # Only for the coordinator (see __init__): who handles it, chosen while registering.
    handler = forms.ModelChoiceField(
        label=_("Meteen toewijzen aan"),
        help_text=_(
            "Kiest u een behandelaar, dan begint de triage meteen en krijgt die de klacht toegewezen. "
            "Leeg laten om dat later in het dossier te doen."
        ),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nog niet toewijzen"),
        widget=forms.Select(attrs={"class": "gh-width-name"}),
    )
    involved_description = forms.CharField(
        label=_("Over wie of welke afdeling, in de woorden van de klager"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-long"}),
    )
    desired_outcome = forms.CharField(
        label=_("Wat wil de klager?"),
        help_text=_("Bijvoorbeeld: excuses, uitleg, of dat iets wordt hersteld."),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "gh-width-full"}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("Voorkeur voor contact"),
        choices=[("", _("Geen voorkeur opgegeven")), *ContactPreference.choices],
        initial="",
        required=False,
        widget=forms.RadioSelect,
    )
    contact_times = forms.CharField(
        label=_("Bereikbaar op"),
        help_text=_("Bijvoorbeeld: doordeweeks na 17.00 uur."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "gh-width-long"}),
    )
    attachments = MultipleFileField(
        label=_("Scans en bijlagen"),
        required=False,
        help_text=_(
            "Bijvoorbeeld de scan van de brief of fax. Maximaal %(max)s bestanden van elk maximaal %(size)s MB: %(allowed)s."
        )
        % {"max": MAX_FILES, "size": MAX_FILE_SIZE_MB, "allowed": ALLOWED_DESCRIPTION},
    )
    # The duplicate hint: the checkbox is shown with the hint; the hidden fields
    # are written by the view (see staff_views).
    register_anyway = forms.BooleanField(label=_("Toch als nieuwe klacht registreren"), required=False)
    duplicates_seen = forms.CharField(required=False, widget=forms.HiddenInput)
    attachments_chosen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, may_assign: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if may_assign:
            self.fields["handler"].queryset = active_handlers()
        else:
            del self.fields["handler"]
        if self.is_bound and self._anonymous_ticked():
            # Nobody to name: the last name is asked for only of a known complainant.
            self.fields["last_name"].required = False
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        self.fields["employees_involved"].queryset = User.objects.filter(is_active=True).select_related(
            "department"
        )

    def _anonymous_ticked(self) -> bool:
        field = self.fields["anonymous"]
        return bool(field.widget.value_from_datadict(self.data, self.files, self.add_prefix("anonymous")))

    def clean_received_date(self) -> dt.date:
        value = self.cleaned_data["received_date"]
        if value > timezone.localdate():
            raise ValidationError(
                _("Deze datum ligt in de toekomst. Vul de dag in waarop de klacht binnenkwam.")
            )
        return value

    def clean_conduct_date(self) -> dt.date | None:
        value = self.cleaned_data["conduct_date"]
        if value and value > timezone.localdate():
            raise ValidationError(_("Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde."))
        return value

    def clean_description(self) -> str:
        return self.cleaned_data["description"].strip()

    def clean_attachments_chosen(self) -> list[str]:
        try:
            names = json.loads(self.cleaned_data["attachments_chosen"] or "[]")
        except ValueError:
            return []
        return [str(name) for name in names] if isinstance(names, list) else []

    def _error_once(self, field: str, message) -> None:
        if field not in self.errors:
            self.add_error(field, message)

    def clean(self) -> dict:
        data = super().clean()
        handler = data.get("handler")
        if handler and handler in (data.get("employees_involved") or []):
            # Awb 9:7: nobody handles a complaint about their own conduct (the lifecycle checks it again).
            self._error_once(
                "handler",
                _("%(name)s is betrokken bij de gedraging en mag de klacht niet behandelen (Awb 9:7).")
                % {"name": handler.get_full_name() or handler.username},
            )
        self._clean_received_at(data)
        if data.get("anonymous"):
            self._clean_anonymous(data)
        else:
            self._clean_reachability(data)
        if not data.get("representative_name") and any(
            data.get(f"representative_{name}")
            for name in ("organisation", "email", "phone", "postal_address")
        ):
            self._error_once(
                "representative_name",
                _("Vul de naam van de gemachtigde in, of maak de velden van de gemachtigde leeg."),
            )
        if (
            data.get("attachments_chosen")
            and not data.get("attachments")
            and "attachments" not in self.errors
        ):
            self.add_error(
                "attachments",
                _(
                    "Kies de bijlagen opnieuw: %(names)s. Een browser bewaart gekozen bestanden niet als het formulier opnieuw wordt getoond. Wilt u ze niet toevoegen? Verstuur het formulier dan nogmaals."
                )
                % {"names": ", ".join(data["attachments_chosen"])},
            )
        return data

    def _clean_received_at(self, data: dict) -> None:
        date, time = data.get("received_date"), data.get("received_time")
        if date is None or time is None:
            return
        received_at = timezone.make_aware(dt.datetime.combine(date, time))
        if received_at > timezone.now():
            self.add_error(
                "received_time",
                _("Dit tijdstip ligt in de toekomst. Vul in hoe laat de klacht binnenkwam."),
            )
            return
        data["received_at"] = received_at
        conduct_date = data.get("conduct_date")
        if conduct_date and conduct_date > date:
            self._error_once(
                "conduct_date",
                _("De gedraging ligt na de ontvangst van de klacht. Controleer beide datums."),
            )

    def _clean_anonymous(self, data: dict) -> None:
        """Anonymous means nobody to name or reach: a name or a way to reach them makes it a known complainant."""
        if any(data.get(name) for name in IDENTIFYING_FIELDS):
            self._error_once(
                "anonymous",
                _(
                    "U vinkte 'Anoniem' aan, maar vulde een naam of contactgegevens in. Maak die velden leeg, "
                    "of vink 'Anoniem' uit: dan krijgt de klager de gewone behandeling."
                ),
            )
        if data.get("preferred_contact"):
            self._error_once(
                "preferred_contact",
                _("Een anonieme klager is niet te bereiken. Kies 'Geen voorkeur opgegeven'."),
            )

    def _clean_reachability(self, data: dict) -> None:
        """Name plus one way to reach the person; a written complaint needs an address for the acknowledgment."""
        has_address = reachability.has_postal_address(data)
        channel = data.get("channel")
        if channel == Channel.EMAIL and not data.get("email"):
            self._error_once(
                "email", _("De klacht kwam per e-mail binnen. Vul het e-mailadres van de afzender in.")
            )
        elif channel in ACKNOWLEDGED_CHANNELS and not (has_address or data.get("email")):
            self._error_once(
                "street_address",
                _(
                    "Een schriftelijke klacht krijgt een schriftelijke ontvangstbevestiging. Vul het postadres of het e-mailadres van de klager in."
                ),
            )
        # The one rule of every channel (Awb 9:4), after what only this form's channels need.
        for name, message in reachability.problems(data).items():
            self._error_once(name, message)
        needs = {
            ContactPreference.EMAIL: (
                "email",
                _("De klager wil contact per e-mail. Vul het e-mailadres in."),
            ),
            ContactPreference.PHONE: (
                "phone",
                _("De klager wil contact per telefoon. Vul het telefoonnummer in."),
            ),
        }
        preferred = data.get("preferred_contact")
        if preferred in needs:
            field, message = needs[preferred]
            if not data.get(field):
                self._error_once(field, message)
        if preferred == ContactPreference.LETTER and not has_address:
            self._error_once("street_address", _("De klager wil contact per brief. Vul het adres in."))
