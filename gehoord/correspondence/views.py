"""Staff screens of letters: open the PDF, mark a post letter printed, retry an e-mail, ask for
missing elements, send the employee complained about a copy of the complaint.

A letter is reachable only through a complaint the user may see
(:func:`gehoord.cases.selectors.visible_complaints`): anything else is a 404,
as for the complaint file itself. Acting on a letter is for the coordinator
and the assigned handler (:func:`gehoord.cases.lifecycle.may_handle`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import record as audit
from gehoord.cases.models import Complaint
from gehoord.cases.selectors import by_reference, visible_complaints
from gehoord.core.errors import DomainError
from gehoord.correspondence import copies, letters, services
from gehoord.correspondence.constants import LetterStatus
from gehoord.correspondence.forms import MissingElementsForm
from gehoord.correspondence.models import Letter


def _letter_or_404(request: HttpRequest, pk: int) -> Letter:
    letter = (
        Letter.objects.filter(pk=pk, complaint__in=visible_complaints(request.user))
        .select_related("complaint__complainant")
        .first()
    )
    if letter is None:
        raise Http404(_("Deze brief bestaat niet of u heeft er geen toegang toe."))
    return letter


def _complaint_or_404(request: HttpRequest, reference: str) -> Complaint:
    complaint = by_reference(visible_complaints(request.user), reference)
    if complaint is None:
        raise Http404(_("Deze klacht bestaat niet of u heeft er geen toegang toe."))
    return complaint


def _back_to_file(complaint: Complaint) -> HttpResponse:
    return redirect(reverse("cases:detail", args=[complaint.reference]) + "#h-letters")


@login_required
@require_GET
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter as PDF; rendered and stored now if nobody opened it yet, never again after that."""
    letter = _letter_or_404(request, pk)
    content = services.letter_pdf(letter)
    audit(request, AuditAction.DOWNLOAD, complaint=letter.complaint, obj=letter)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letters.attachment_name(letter)}"'
    # Personal data: no shared or browser cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def mark_printed(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    try:
        printed = services.mark_printed(letter, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if printed.status == LetterStatus.PRINTED and letter.status == LetterStatus.TO_PRINT:
            messages.success(request, _("Vastgelegd: de brief is geprint en per post verstuurd."))
        else:
            messages.info(request, _("Deze brief was al verstuurd."))
    return _back_to_file(letter.complaint)


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter_or_404(request, pk)
    try:
        letter = services.retry_now(letter, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return _back_to_file(letter.complaint)
    if letter.status == LetterStatus.SENT:
        messages.success(request, _("De brief is verzonden."))
    else:
        messages.info(
            request,
            _("De brief is opnieuw aangeboden. Lukt verzenden niet, dan wordt het later opnieuw geprobeerd."),
        )
    return _back_to_file(letter.complaint)


@login_required
@require_POST
def missing_elements(request: HttpRequest, reference: str) -> HttpResponse:
    """Awb 9:4: ask the complainant for what the written complaint lacks."""
    complaint = _complaint_or_404(request, reference)
    form = MissingElementsForm(request.POST, prefix="missing_elements")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_file(complaint)
    try:
        services.queue_missing_elements(
            complaint,
            form.cleaned_data["missing"],
            request.user,
            respond_by=form.cleaned_data["respond_by"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De brief met de vraag om ontbrekende gegevens staat klaar."))
    return _back_to_file(complaint)


@login_required
@require_POST
def copy_to_involved(request: HttpRequest, reference: str) -> HttpResponse:
    """Awb 9:9: e-mail the employees complained about a copy of the complaint (again)."""
    complaint = _complaint_or_404(request, reference)
    try:
        count = copies.send_copy_to_involved(complaint, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "De kopie van de klacht is gestuurd aan %(count)s betrokken medewerker.",
                "De kopie van de klacht is gestuurd aan %(count)s betrokken medewerkers.",
                count,
            )
            % {"count": count},
        )
    return _back_to_file(complaint)
