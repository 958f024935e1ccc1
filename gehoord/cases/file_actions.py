"""The forms on a complaint's file page, each with the service call it makes.

:data:`ACTIONS` holds the file's own actions (cases' services and the
lifecycle) and those an app above cases adds with :func:`register_file_action`
from its AppConfig.ready (the learning review and improvement measures,
``gehoord.learning``), so cases imports none of those apps. The file page
(:mod:`gehoord.cases.views`) shows and handles every action here alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gehoord.cases import file_forms, lifecycle, parts, services, subject
from gehoord.cases import forms as case_forms
from gehoord.cases.models import Complaint, Hearing
from gehoord.core.errors import DomainError


@dataclass(frozen=True)
class Action:
    """A form on the file page and the service call it makes.

    The key in :data:`ACTIONS` is the action's name in
    :data:`gehoord.cases.lifecycle.ACTION_STATUSES`: the page shows the form
    only when ``lifecycle.allowed_actions`` lists it, and the service refuses it
    otherwise (a 409 with the lifecycle's message, whatever was posted).
    `per_file` forms are built with the complaint (its employees, its terms);
    `per_row` forms appear once per part or hearing, with the row's id in the
    prefix.
    """

    form: type[forms.Form]
    perform: Callable[[Complaint, dict, object], object]
    done: str | Promise
    per_file: bool = False
    per_row: bool = False


def _judge_part(complaint: Complaint, data: dict, actor) -> object:
    part = complaint.parts.filter(pk=data["part"]).first()
    if part is None:
        raise DomainError(_("Dit klachtonderdeel hoort niet bij deze klacht."))
    return services.judge_part(
        part, judgement=data["judgement"], reasoning=data["reasoning"], norms=data["norms"], actor=actor
    )


def _part(complaint: Complaint, data: dict):
    part = complaint.parts.filter(pk=data["part"]).first()
    if part is None:
        raise DomainError(_("Dit klachtonderdeel hoort niet bij deze klacht."))
    return part


def _hearing(complaint: Complaint, data: dict) -> Hearing:
    hearing = complaint.hearings.select_related("complaint", "employee").filter(pk=data["hearing"]).first()
    if hearing is None:
        raise DomainError(_("Deze uitnodiging om te horen hoort niet bij deze klacht."))
    return hearing


def _hearing_response(complaint: Complaint, data: dict, actor) -> object:
    return services.record_hearing_response(
        _hearing(complaint, data), response=data["response"], on=data["on"], how=data["how"], actor=actor
    )


def _hearing_report(complaint: Complaint, data: dict, actor) -> object:
    return services.record_hearing_report(
        _hearing(complaint, data),
        report=data["report"],
        held_on=data["held_on"],
        attended=not data["did_not_come"],
        actor=actor,
    )


def _skip_hearing(complaint: Complaint, data: dict, actor) -> object:
    return lifecycle.record_hearing_skipped(
        complaint,
        reason=data["reason"],
        explanation=data["explanation"],
        waived_on=data["waived_on"],
        waived_how=data["waived_how"],
        actor=actor,
    )


# The confirmations are lazy: shown in the language of the request that posts the form.
ACTIONS: dict[str, Action] = {
    "assign": Action(
        case_forms.AssignHandlerForm,
        lambda c, d, a: lifecycle.assign_handler(c, d["handler"], actor=a),
        gettext_lazy("Behandelaar toegewezen."),
    ),
    "note": Action(
        case_forms.NoteForm,
        lambda c, d, a: services.add_note(c, text=d["text"], actor=a),
        gettext_lazy("Notitie opgeslagen."),
    ),
    "contact": Action(
        case_forms.ContactForm,
        lambda c, d, a: services.record_contact(c, actor=a, **d),
        gettext_lazy("Contact vastgelegd."),
    ),
    "competent_organ": Action(
        case_forms.CompetentOrganForm,
        lambda c, d, a: services.set_competent_organ(c, organ=d["organ"], actor=a),
        gettext_lazy("Bevoegd bestuursorgaan vastgelegd."),
        per_file=True,
    ),
    "about_failure_to_decide": Action(
        case_forms.FailureToDecideForm,
        lambda c, d, a: services.set_about_failure_to_decide(c, value=d["value"], actor=a),
        gettext_lazy("Vastgelegd of de klacht over niet tijdig beslissen gaat."),
        per_file=True,
    ),
    "representative": Action(
        case_forms.AuthorisationForm,
        lambda c, d, a: services.record_authorisation(
            c, kind=d["kind"], on=d["on"], copy_to_complainant=d["copy_to_complainant"], actor=a
        ),
        gettext_lazy("Machtiging vastgelegd."),
        per_file=True,
    ),
    "committee": Action(
        case_forms.CommitteeForm,
        lambda c, d, a: lifecycle.set_committee(c, committee=d["committee"], actor=a),
        gettext_lazy("Vastgelegd of de adviescommissie de klacht behandelt."),
        per_file=True,
    ),
    "waive_copy": Action(
        case_forms.WaiveCopyForm,
        lambda c, d, a: services.waive_copy(
            c, reason=d["reason"], employee=d.get("employee"), explanation=d["explanation"], actor=a
        ),
        gettext_lazy("Reden vastgelegd waarom er geen kopie per e-mail gaat."),
        per_file=True,
    ),
    "hearing_response": Action(
        case_forms.HearingResponseForm,
        _hearing_response,
        gettext_lazy("Antwoord op de uitnodiging vastgelegd."),
        per_row=True,
    ),
    "hearing_report": Action(
        case_forms.HearingReportForm, _hearing_report, gettext_lazy("Hoorverslag opgeslagen."), per_row=True
    ),
    "skip_hearing": Action(
        case_forms.SkipHearingForm, _skip_hearing, gettext_lazy("Vastgelegd waarom niet wordt gehoord.")
    ),
    "postpone": Action(
        case_forms.PostponeForm,
        lambda c, d, a: lifecycle.postpone_decision(c, weeks=d["weeks"], reason=d["reason"], actor=a),
        gettext_lazy("Beslissing verdaagd."),
        per_file=True,
    ),
    "extend_with_consent": Action(
        case_forms.ExtensionConsentForm,
        lambda c, d, a: lifecycle.record_extension_consent(
            c, until=d["until"], consent_on=d["consent_on"], how=d["how"], actor=a
        ),
        gettext_lazy("Uitstel met instemming van de klager vastgelegd."),
    ),
    "findings": Action(
        case_forms.FindingsForm,
        lambda c, d, a: services.record_findings(
            c, findings=d["findings"], conclusions=d["conclusions"], signatory=d["signatory"], actor=a
        ),
        gettext_lazy("Bevindingen opgeslagen."),
    ),
    "judge_part": Action(
        case_forms.JudgePartForm, _judge_part, gettext_lazy("Oordeel opgeslagen."), per_row=True
    ),
    "ombudsman": Action(
        case_forms.OmbudsmanForm,
        lambda c, d, a: services.record_ombudsman(c, on=d["on"], ended_on=d["ended_on"], actor=a),
        gettext_lazy("Gegevens over de ombudsman vastgelegd."),
        per_file=True,
    ),
    "edit_title": Action(
        file_forms.TitleForm,
        lambda c, d, a: subject.set_title(c, title=d["title"], actor=a),
        gettext_lazy("Onderwerp gewijzigd."),
        per_file=True,
    ),
    "add_part": Action(
        file_forms.AddPartForm,
        lambda c, d, a: parts.add_part(c, description=d["description"], actor=a),
        gettext_lazy("Klachtonderdeel toegevoegd."),
    ),
    "reword_part": Action(
        file_forms.RewordPartForm,
        lambda c, d, a: parts.reword_part(_part(c, d), description=d["description"], actor=a),
        gettext_lazy("Klachtonderdeel anders verwoord."),
        per_row=True,
    ),
    "split_part": Action(
        file_forms.SplitPartForm,
        lambda c, d, a: parts.split_part(_part(c, d), d["first_text"], d["second_text"], actor=a),
        gettext_lazy("Klachtonderdeel gesplitst."),
        per_row=True,
    ),
    # learning_review and propose_measure: gehoord.learning registers them (register_file_action).
}


def register_file_action(name: str, action: Action) -> Action:
    """Add another app's form to the file page, under its name in lifecycle.ACTION_STATUSES.

    The lifecycle still decides when it is shown and allowed. Registering the
    same action again changes nothing; another action under a taken name is a
    programming error.
    """
    if name not in lifecycle.ACTION_STATUSES:
        raise KeyError(f"Unknown action {name!r}: add it to lifecycle.ACTION_STATUSES.")
    if ACTIONS.setdefault(name, action) != action:
        raise ValueError(f"The file page already has an action {name!r}.")
    return action
