"""Forms of the complaint file screens. They validate input; services do the work."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases import selectors
from gehoord.cases.constants import (
    AuthorisationKind,
    CompetentOrgan,
    ContactChannel,
    CopyWaiverReason,
    HearingResponse,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    RetentionResult,
    Rung,
)
from gehoord.cases.models import Complaint, ConductNorm
from gehoord.clock.terms import MAX_POSTPONEMENT_WEEKS
from gehoord.core.forms import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, DateInput, DateTimeInput, TimeInput
from gehoord.organisation.constants import DocumentKind
from gehoord.organisation.models import Municipality

REASON_LABEL = _("Toelichting")


def _reason(required: bool = False, label=REASON_LABEL, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": 3})
    )


def _date(label, *, required: bool = True, help_text="") -> forms.DateField:
    """A date field with a plain Dutch message for a value that is no date (screen and API alike)."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "invalid": _("Geef een bestaande datum als jjjj-mm-dd, bijvoorbeeld 2026-03-30."),
        },
    )


def _text(label, *, required: bool = True, help_text="", max_length: int = 200) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=max_length)


def _hearing_respond_by_help() -> str:
    weeks = Municipality.load().hearing_response_weeks
    return ngettext(
        "Leeg laten: %(weeks)s week na vandaag (instelling van de gemeente), maar niet later dan de dag van "
        "de hoorzitting. De termijn staat in de uitnodiging; is die verstreken zonder antwoord, dan kan "
        "horen achterwege blijven (Awb 9:10 lid 2 onder c).",
        "Leeg laten: %(weeks)s weken na vandaag (instelling van de gemeente), maar niet later dan de dag van "
        "de hoorzitting. De termijn staat in de uitnodiging; is die verstreken zonder antwoord, dan kan "
        "horen achterwege blijven (Awb 9:10 lid 2 onder c).",
        weeks,
    ) % {"weeks": weeks}


# Awb 9:8 lid 1 onder b is checked against the date of the conduct; the form says so beforehand.
NOT_HANDLE_HELP = _(
    "Onder b (langer dan een jaar geleden): de datum van de gedraging op het dossier moet meer dan een jaar "
    "vóór de ontvangst van de klacht liggen. Is die datum niet bekend, licht dan hier toe waaruit blijkt dat "
    "het langer dan een jaar geleden is. Onder c en d kunnen niet bij een klacht over niet tijdig beslissen."
)

# Selectielijst gemeenten 2020, 13: the results a handler chooses on closing (the others follow from the route).
CLOSING_RETENTION = [
    (result.value, result.label)
    for result in (RetentionResult.HANDLED, RetentionResult.FINANCIAL, RetentionResult.PERMANENT)
]


class TransitionForm(forms.Form):
    """The parameters of one lifecycle step; the fields depend on the step."""

    def __init__(self, *args, transition: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(self.fields_for(transition))

    @classmethod
    def from_params(cls, params: dict[str, str], *, transition: str) -> TransitionForm:
        """The form for parameters a connected system sent (the API).

        A yes/no parameter left out gets the value the screen's box starts
        with (inviting the employees is on unless a system says "false"): on a
        screen an unticked box sends nothing, in the API nothing means "default".
        """
        data = dict(params)
        for name, field in cls.fields_for(transition).items():
            if isinstance(field, forms.BooleanField) and name not in data and field.initial:
                data[name] = "true"
        return cls(data, transition=transition)

    def clean_hearing_time(self) -> str:
        """The time of the hearing as "HH:MM" (the step's parameters stay plain JSON for the letter)."""
        value = self.cleaned_data.get("hearing_time")
        return value.strftime("%H:%M") if value else ""

    @staticmethod
    def fields_for(transition: str) -> dict[str, forms.Field]:
        if transition == "refer":
            return {
                "destination": forms.CharField(
                    label=_("Doorverwezen naar"),
                    help_text=_("Bijvoorbeeld: melding openbare ruimte, bezwaarschriftencommissie."),
                ),
                "reason": _reason(),
            }
        if transition == "forward":
            # Awb 2:3, 6:15: the destination per kind is a setting; the sender hears where it went.
            return {
                "document_kind": forms.ChoiceField(
                    label=_("Wat voor stuk is het?"),
                    choices=DocumentKind.choices,
                    widget=forms.RadioSelect,
                    help_text=_(
                        "Het stuk gaat naar het doorzendadres voor deze soort (beheer). De afzender hoort "
                        "waarheen, en dat de datum van ontvangst blijft gelden."
                    ),
                ),
                "reason": _reason(),
            }
        if transition == "not_handle":
            return {
                "ground": forms.ChoiceField(
                    label=_("Wettelijke grond (Awb 9:8)"),
                    choices=NotHandledGround.choices,
                    widget=forms.RadioSelect,
                ),
                "reason": _reason(help_text=NOT_HANDLE_HELP),
            }
        if transition == "resolve_informally":
            return {
                "solution": forms.CharField(
                    label=_("Afgesproken oplossing"), widget=forms.Textarea(attrs={"rows": 3})
                ),
                "rung": forms.ChoiceField(
                    label=_("Opgelost door"),
                    choices=[
                        (Rung.EMPLOYEE.value, Rung.EMPLOYEE.label),
                        (Rung.HANDLER.value, Rung.HANDLER.label),
                    ],
                ),
                # Awb 9:5: the formal duties lapse only when the complainant's satisfaction can be shown.
                "satisfied_on": _date(
                    _("Klager tevreden verklaard op"),
                    help_text=_("De dag waarop de klager liet weten tevreden te zijn (Awb 9:5)."),
                ),
                "satisfied_how": _text(
                    _("Hoe bleek dat de klager tevreden is?"),
                    help_text=_("Bijvoorbeeld: telefonisch, of per e-mail van de klager."),
                ),
            }
        if transition == "reopen_formal":
            return {
                "requested_on": _date(
                    _("Klager vroeg om formele behandeling op"),
                    help_text=_(
                        "Dat kan tot en met de datum in de bevestigingsbrief van de informele oplossing."
                    ),
                ),
                "how": _text(_("Hoe vroeg de klager erom?"), help_text=_("Bijvoorbeeld: telefonisch.")),
                "reason": _reason(),
            }
        if transition == "schedule_hearing":
            # Only the date is required (the lifecycle guard); the invitation (Awb 9:10)
            # gives the time and the place when they are known.
            return {
                "hearing_on": _date(_("Datum hoorzitting")),
                "hearing_time": forms.TimeField(
                    label=_("Tijd hoorzitting"),
                    required=False,
                    widget=TimeInput,
                    input_formats=["%H:%M", "%H.%M"],
                ),
                "hearing_location": forms.CharField(
                    label=_("Plaats hoorzitting"),
                    required=False,
                    max_length=200,
                    help_text=_("Bijvoorbeeld: gemeentehuis, spreekkamer 2. Staat in de uitnodiging."),
                ),
                # Lazy: the municipality's setting is read when the form is shown, not when it is built.
                "respond_by": _date(
                    _("Reageren uiterlijk"), required=False, help_text=lazy(_hearing_respond_by_help, str)()
                ),
                "invite_employees": forms.BooleanField(
                    label=_("Ook de betrokken medewerker(s) uitnodigen (Awb 9:10 lid 1)"),
                    required=False,
                    initial=True,
                    help_text=_(
                        "Ook de persoon over wie geklaagd wordt, krijgt de gelegenheid gehoord te worden."
                    ),
                ),
            }
        if transition == "close":
            return {
                "retention": forms.ChoiceField(
                    label=_("Resultaat voor de bewaartermijn (selectielijst)"),
                    choices=CLOSING_RETENTION,
                    initial=RetentionResult.HANDLED,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=_(
                        "Is de klager naar de ombudsman gegaan, dan geldt 10 jaar na het einde van diens "
                        "behandeling, tenzij het dossier blijvend wordt bewaard."
                    ),
                ),
                "reason": _reason(),
            }
        if transition == "handle_as_signal":
            return {
                "reason": _reason(
                    help_text=_(
                        "Wat er met het signaal gebeurt: de klacht is anoniem en krijgt geen formele behandeling."
                    )
                )
            }
        if transition == "withdraw":
            return {"reason": _reason(required=True, label=_("Reden van intrekking"))}
        return {"reason": _reason()}


class AssignHandlerForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Behandelaar"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = selectors.active_handlers()


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}))


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_("Kanaal"), choices=ContactChannel.choices)
    at = forms.DateTimeField(
        label=_("Wanneer"),
        help_text=_("Leeg laten voor nu."),
        required=False,
        widget=DateTimeInput,
        input_formats=DATETIME_INPUT_FORMATS,
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    content = forms.CharField(label=_("Inhoud"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    successful = forms.BooleanField(label=_("Contact gelukt"), required=False, initial=True)
    confidential = forms.BooleanField(label=_("Vertrouwelijk"), required=False)


class FileForm(forms.Form):
    """A form on the complaint file that depends on the file (its employees, its terms, its values)."""

    def __init__(self, *args, complaint: Complaint, **kwargs) -> None:
        self.complaint = complaint
        super().__init__(*args, **kwargs)


class PostponeForm(FileForm):
    """Awb 9:11 lid 2: postpone, in one or more steps, by at most 4 weeks in total."""

    weeks = forms.IntegerField(label=_("Aantal weken"), min_value=1, max_value=MAX_POSTPONEMENT_WEEKS)
    reason = _reason(required=True, label=_("Reden van verdaging"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.weeks_left = max(MAX_POSTPONEMENT_WEEKS - self.complaint.postponement_weeks, 0)
        field = self.fields["weeks"]
        field.max_value = max(self.weeks_left, 1)
        field.validators = [MinValueValidator(1), MaxValueValidator(field.max_value)]
        field.widget.attrs.update(min=1, max=field.max_value)
        field.help_text = ngettext(
            "Nog %(n)s week mogelijk: samen ten hoogste %(max)s weken (Awb 9:11 lid 2). De klager en de "
            "betrokken medewerker(s) krijgen een brief.",
            "Nog 1 tot en met %(n)s weken mogelijk: samen ten hoogste %(max)s weken (Awb 9:11 lid 2). De "
            "klager en de betrokken medewerker(s) krijgen een brief.",
            self.weeks_left,
        ) % {"n": self.weeks_left, "max": MAX_POSTPONEMENT_WEEKS}


class ExtensionConsentForm(forms.Form):
    """Awb 9:11 lid 3: further delay only as far as the complainant consented in writing."""

    until = _date(_("Nieuwe beslisdatum"), help_text=_("De datum waarmee de klager instemde."))
    consent_on = _date(_("Klager stemde in op"))
    how = _text(
        _("Hoe stemde de klager schriftelijk in?"),
        help_text=_("Bijvoorbeeld: per e-mail van 3 maart, of brief van 4 maart."),
    )


class SkipHearingForm(forms.Form):
    """Awb 9:10 lid 2: hearing the complainant is left out on one of three grounds only."""

    reason = forms.ChoiceField(
        label=_("Reden om de klager niet te horen"),
        choices=HearingSkipReason.choices,
        widget=forms.RadioSelect,
    )
    explanation = _reason(
        label=_("Motivering"),
        help_text=_(
            "Verplicht bij onder a: waarom de klacht kennelijk ongegrond is. Staat in de beslissing."
        ),
    )
    waived_on = _date(
        _("Klager zag af van horen op"),
        required=False,
        help_text=_("Bij onder b, tenzij het antwoord op de uitnodiging al is vastgelegd."),
    )
    waived_how = _text(
        _("Hoe zag de klager af van horen?"),
        required=False,
        help_text=_("Bij onder b, bijvoorbeeld: telefonisch, of per e-mail."),
    )


class HearingRowForm(forms.Form):
    """A form about one party's hearing (a Hearing row); the row is named in a hidden field."""

    hearing = forms.IntegerField(widget=forms.HiddenInput)


class HearingResponseForm(HearingRowForm):
    response = forms.ChoiceField(
        label=_("Antwoord"), choices=HearingResponse.choices, widget=forms.RadioSelect
    )
    on = _date(_("Geantwoord op"))
    how = _text(_("Hoe kwam het antwoord?"), help_text=_("Bijvoorbeeld: telefonisch, of per e-mail."))


class HearingReportForm(HearingRowForm):
    held_on = _date(_("Gehoord op"))
    # Unticked by default: the usual report is of a hearing that took place.
    did_not_come = forms.BooleanField(
        label=_("Niet verschenen"),
        required=False,
        help_text=_("Uitgenodigd en wilde gehoord worden, maar kwam niet. De beslissing zegt dat dan."),
    )
    report = forms.CharField(
        label=_("Hoorverslag (Awb 9:10 lid 3)"), widget=forms.Textarea(attrs={"rows": 5})
    )


class WaiveCopyForm(FileForm):
    """Awb 9:9: why an employee complained about gets no copy by e-mail, or that there is nobody to copy."""

    reason = forms.ChoiceField(label=_("Reden"), choices=CopyWaiverReason.choices, widget=forms.RadioSelect)
    employee = forms.ModelChoiceField(
        label=_("Voor medewerker"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Kies de medewerker"),
    )
    explanation = _reason()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        involved = self.complaint.employees_involved.order_by("first_name", "last_name")
        if involved.exists():
            self.fields["employee"].queryset = involved
            self.fields["employee"].help_text = _("Bij 'niet meer in dienst' en 'op papier overhandigd'.")
            self.fields["reason"].choices = [
                choice for choice in CopyWaiverReason.choices if choice[0] != CopyWaiverReason.NO_PERSON
            ]
        else:
            # No employee on the file: the only reason left is that there is nobody identifiable.
            del self.fields["employee"]
            self.fields["reason"].choices = [
                (CopyWaiverReason.NO_PERSON.value, CopyWaiverReason.NO_PERSON.label)
            ]


class CommitteeForm(FileForm):
    """Afdeling 9.1.3: whether the advisory committee handles this complaint (then 10 weeks, Awb 9:11 lid 1)."""

    committee = forms.BooleanField(
        label=_("De klachtadviescommissie behandelt deze klacht"),
        required=False,
        help_text=_("Dan is de beslistermijn 10 weken in plaats van 6 (Awb 9:11 lid 1)."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].initial = self.complaint.committee


class CompetentOrganForm(FileForm):
    organ = forms.ChoiceField(
        label=_("Bevoegd bestuursorgaan"),
        choices=CompetentOrgan.choices,
        widget=forms.RadioSelect,
        help_text=_("Het orgaan waaraan de gedraging wordt toegerekend; het beslist en ondertekent."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organ"].initial = self.complaint.competent_organ


class FailureToDecideForm(FileForm):
    value = forms.BooleanField(
        label=_("De klacht gaat over niet tijdig beslissen"),
        required=False,
        help_text=_(
            "Dan kan de klacht niet op grond van bezwaar of beroep (Awb 9:8 lid 1 onder c en d) buiten "
            "behandeling blijven."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].initial = self.complaint.about_failure_to_decide


class AuthorisationForm(FileForm):
    """Awb 2:1 lid 2: the representative's authorisation; then letters go to the representative."""

    kind = forms.ChoiceField(
        label=_("Machtiging blijkt uit"), choices=AuthorisationKind.choices, widget=forms.RadioSelect
    )
    on = _date(_("Datum van de machtiging"))
    copy_to_complainant = forms.BooleanField(
        label=_("De klager krijgt een kopie van de brieven"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        representative = self.complaint.representative
        if representative is not None:
            self.fields["kind"].initial = representative.authorisation_kind or None
            self.fields["on"].initial = representative.authorised_on
            self.fields["copy_to_complainant"].initial = representative.copy_to_complainant


class OmbudsmanForm(FileForm):
    """Awb 9:17 ff., 9:24: the complainant went to the ombudsman; when its handling ended."""

    on = _date(_("Naar de ombudsman op"))
    ended_on = _date(
        _("Behandeling door de ombudsman beëindigd op"),
        required=False,
        help_text=_("Kan ook later worden aangevuld. De bewaartermijn van 10 jaar telt vanaf deze datum."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = self.complaint.ombudsman_on
        self.fields["ended_on"].initial = self.complaint.ombudsman_ended_on


class FindingsForm(forms.Form):
    findings = forms.CharField(label=_("Bevindingen"), widget=forms.Textarea(attrs={"rows": 5}))
    conclusions = forms.CharField(
        label=_("Conclusies"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    signatory = forms.ModelChoiceField(
        label=_("Ondertekenaar van de beslissing"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("De klachtencoördinator"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = User.objects.filter(
            is_active=True, groups__name__in=[Role.COORDINATOR, Role.DEPARTMENT_HEAD]
        ).distinct()


class JudgePartForm(forms.Form):
    part = forms.IntegerField(widget=forms.HiddenInput)
    # No judgement is preselected: an unjudged part must not look founded (Awb 9:12).
    judgement = forms.ChoiceField(
        label=_("Oordeel"), choices=[("", _("Kies een oordeel")), *Judgement.choices]
    )
    reasoning = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}))
    norms = forms.ModelMultipleChoiceField(
        label=_("Geschonden behoorlijkheidsnormen"),
        queryset=ConductNorm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
