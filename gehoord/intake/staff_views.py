"""Staff intake: an employee registers a complaint received by phone, desk, letter, fax or e-mail.

Thin: the form validates, gehoord.intake.registration decides and stores.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gehoord.accounts.access import is_coordinator
from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import record as audit
from gehoord.cases.models import Complaint
from gehoord.cases.selectors import visible_complaints
from gehoord.correspondence.constants import Delivery, LetterKind
from gehoord.intake import registration
from gehoord.intake.registration import DuplicateHint
from gehoord.intake.same_person import open_complaints_of_same_person
from gehoord.intake.staff_forms import StaffRegistrationForm
from gehoord.intake.tokens import new_form_token, read_form_token


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if not registration.may_register(request.user):
        raise PermissionDenied
    # The coordinator may assign the handler while registering (the lifecycle's rule for "assign").
    may_assign = is_coordinator(request.user)
    if request.method == "GET":
        return _render(request, StaffRegistrationForm(may_assign=may_assign), token=new_form_token())

    form = StaffRegistrationForm(request.POST, request.FILES, may_assign=may_assign)
    posted_token = request.POST.get("form_token", "")
    token = read_form_token(posted_token)
    if token is None:
        form.is_valid()  # show the employee's own input back, with field errors if any
        form.add_error(
            None,
            _("Het formulier is verlopen of beschadigd. Controleer de gegevens en verstuur het opnieuw."),
        )
        return _render(request, form, token=new_form_token(), status=400)
    if not form.is_valid():
        # Once shown, the hint stays with the form until the complaint is registered.
        hint = _hint(request, form.cleaned_data) if request.POST.get("duplicates_seen") else None
        return _render(request, form, token=posted_token, hint=hint, status=400)

    # A double click or a resubmit after success: the complaint exists already.
    complaint = registration.already_registered(token)
    if complaint is None:
        data = form.cleaned_data
        same_person = _same_person(data)
        seen = registration.duplicates_acknowledged(same_person, data["duplicates_seen"])
        if same_person and not (seen and data["register_anyway"]):
            if seen:
                form.add_error(
                    "register_anyway",
                    _(
                        "Vink 'Toch als nieuwe klacht registreren' aan als dit een nieuwe klacht is. Hoort het bij een open klacht? Voeg het dan daar toe."
                    ),
                )
            hint = _shown_hint(request, same_person)
            return _render(request, form, token=posted_token, hint=hint, status=400 if seen else 200)
        complaint = registration.register_staff_complaint(
            data=data, files=data["attachments"], actor=request.user, token=token
        )
    visible = visible_complaints(request.user).filter(pk=complaint.pk).exists()
    messages.success(request, _success_message(complaint, visible=visible))
    refused = getattr(complaint, "assignment_refused", "")
    if refused:
        messages.warning(
            request, _("De klacht is geregistreerd maar niet toegewezen: %(reason)s") % {"reason": refused}
        )
    if visible:
        return redirect(reverse("cases:detail", args=[complaint.reference]))
    # A handler sees a complaint only once it is assigned to them.
    return redirect(request.path)


def _same_person(data: dict) -> list[Complaint]:
    if data.get("anonymous"):
        return []  # nobody to recognise
    return list(
        open_complaints_of_same_person(
            email=data.get("email") or "",
            phone=data.get("phone") or "",
            last_name=data.get("last_name") or "",
            postal_code=data.get("postal_code") or "",
        )
    )


def _shown_hint(request: HttpRequest, same_person: list[Complaint]) -> DuplicateHint:
    """The "same person" warning; each open complaint it shows the employee is a read of that file."""
    hint = registration.duplicate_hint(request.user, same_person)
    for complaint in hint.visible:
        audit(request, AuditAction.VIEW, complaint=complaint, note="registratie: zelfde persoon")
    return hint


def _hint(request: HttpRequest, data: dict) -> DuplicateHint | None:
    same_person = _same_person(data)
    return _shown_hint(request, same_person) if same_person else None


def _success_message(complaint: Complaint, *, visible: bool = True) -> str:
    if getattr(complaint, "resubmitted", False):
        if not visible:
            # Awb 9:7: a complaint the employee may not see is not named to them, not even by reference.
            return _(
                "Deze klacht was al geregistreerd: dezelfde persoon, dezelfde tekst, hetzelfde kanaal. Er is "
                "geen tweede klacht gemaakt; de klachtencoördinator ziet de eerste."
            )
        return _(
            "Deze klacht was al binnen als %(reference)s: dezelfde persoon, dezelfde tekst. Er is geen tweede "
            "klacht gemaakt; de tijdlijn van %(reference)s vermeldt het."
        ) % {"reference": complaint.reference}
    message = _("Klacht %(reference)s is geregistreerd.") % {"reference": complaint.reference}
    if complaint.anonymous:
        return (
            message
            + " "
            + _(
                "Een anonieme klacht krijgt geen ontvangstbevestiging; de klachtencoördinator bekijkt haar als signaal."
            )
        )
    letter = complaint.letters.filter(kind=LetterKind.ACKNOWLEDGMENT).first()
    if complaint.channel not in registration.ACKNOWLEDGED_CHANNELS or letter is None:
        message += " " + _("Een mondelinge klacht krijgt geen schriftelijke ontvangstbevestiging.")
    elif letter.delivery == Delivery.POST:
        message += " " + _("De ontvangstbevestiging staat klaar om te printen en per post te versturen.")
    else:
        message += " " + _("De ontvangstbevestiging wordt per e-mail verstuurd.")
    return message


def _chosen_files(request: HttpRequest, form: StaffRegistrationForm) -> str:
    """The names of files chosen in this post: a browser forgets them when the form is shown again."""
    if request.method != "POST" or "attachments" in form.errors:
        return ""
    names = [file.name for file in request.FILES.getlist("attachments")]
    return json.dumps(names) if names else ""


def _render(
    request: HttpRequest,
    form: StaffRegistrationForm,
    *,
    token: str,
    hint: DuplicateHint | None = None,
    status: int = 200,
) -> HttpResponse:
    chosen = _chosen_files(request, form)
    context = {
        "form": form,
        "form_token": token,
        "hint": hint,
        "duplicates_seen": hint.digest if hint else "",
        "attachments_chosen": chosen,
        "chosen_names": json.loads(chosen) if chosen else [],
    }
    return render(request, "intake/staff/register.html", context, status=status)
