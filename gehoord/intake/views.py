"""The citizen's pages: the complaints page, triage, the form, confirmation, the status link, stuur door.

All of them work without JavaScript. Views only translate HTTP to the
services in gehoord.intake.services and back.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import record as audit
from gehoord.cases.attachment_policy import MAX_FILES
from gehoord.cases.models import Complaint
from gehoord.cases.status_link import complaint_for_status_link, status_path
from gehoord.core.colours import darken
from gehoord.core.errors import DomainError
from gehoord.core.ratelimits import limited
from gehoord.correspondence import letters
from gehoord.correspondence import services as letter_services
from gehoord.correspondence.selectors import letters_received_by_complainant
from gehoord.intake import forwarding, pending_uploads, services
from gehoord.intake.forms import (
    COMPLAINT_CHOICE,
    AddInformationForm,
    ComplaintForm,
    ForwardForm,
    TriageForm,
    WithdrawForm,
)
from gehoord.intake.models import TriageDestination
from gehoord.intake.public_status import public_status
from gehoord.intake.tasks import send_forwarded_page
from gehoord.intake.tokens import new_form_token, read_form_token
from gehoord.organisation.models import Municipality

SESSION_KEY = "gehoord_intake_complaint"
SENT_AGAIN_KEY = "gehoord_complaint_sent_again"
SHOW_LINK_KEY = "gehoord_complaint_show_link"


@limited("triage")
def start(request: HttpRequest) -> HttpResponse:
    """'Klachten? Vertel het de gemeente!': what a complaint is, how it is handled, and the triage."""
    form = TriageForm(request.GET or None)
    if request.GET and form.is_valid():
        topic = form.cleaned_data["topic"]
        if topic == COMPLAINT_CHOICE:
            return redirect("intake:form")
        return redirect("intake:elsewhere", slug=topic)
    return render(request, "intake/start.html", {"form": form})


@limited("triage")
def elsewhere(request: HttpRequest, slug: str) -> HttpResponse:
    destination = get_object_or_404(TriageDestination, slug=slug, is_active=True)
    return render(request, "intake/elsewhere.html", {"destination": destination})


@require_http_methods(["GET", "POST"])
@limited("form", method="GET")
@limited("form_post", method="POST")
def complaint_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_form(request, ComplaintForm(), new_form_token())
    token = read_form_token(request.POST.get("form_token", ""))
    form = ComplaintForm(request.POST, request.FILES, kept_uploads=pending_uploads.kept(token or ""))
    if token is None:
        form.is_valid()  # show the person's own input back, with field errors if any
        form.add_error(
            None,
            _("Het formulier is verlopen of beschadigd. Controleer uw gegevens en verstuur het opnieuw."),
        )
        return _render_form(request, form, new_form_token(), status=400)
    valid = form.is_valid()
    removed = [upload for upload in form.kept_uploads if upload.pk in form.removed_upload_ids()]
    pending_uploads.remove(removed)
    if not valid:
        # The files the policy took are kept (not a bot's: the honeypot was filled in), so the
        # person need not choose them again; the page lists them.
        if "fax_number" not in form.errors:
            pending_uploads.keep(token, form.accepted_uploads)
        return _render_form(request, form, request.POST["form_token"], status=400, kept_under=token)
    kept = form.still_kept()
    kept_files = pending_uploads.as_checked_files(kept)
    try:
        submission = services.submit_web_complaint(
            token=token, data=form.cleaned_data, files=[*kept_files, *form.cleaned_data["attachments"]]
        )
    finally:
        pending_uploads.close(kept_files)
    pending_uploads.remove(kept)
    # Sent again (the Back button, a second tab): the page says this is the complaint already made.
    # Its status link is shown only to the browser that sent it first (the same session): someone
    # else who sends the same text with the same name and address learns nothing more than that.
    seen_before = request.session.get(SESSION_KEY) == submission.complaint.pk
    request.session[SENT_AGAIN_KEY] = not submission.created
    request.session[SHOW_LINK_KEY] = submission.created or seen_before
    request.session[SESSION_KEY] = submission.complaint.pk
    return redirect("intake:received")


def _render_form(
    request: HttpRequest, form: ComplaintForm, signed_token: str, status: int = 200, kept_under: str = ""
) -> HttpResponse:
    """The form; `kept_under` is the form token's random part, under which earlier files were kept."""
    kept = pending_uploads.kept(kept_under)
    if kept:
        # The files already added are listed above the file input; this one adds to them.
        form.fields["attachments"].label = form["attachments"].label = _("Nog een bestand toevoegen")
    return render(
        request,
        "intake/form.html",
        {
            "form": form,
            "form_token": signed_token,
            "kept_uploads": kept,
            "room": max(MAX_FILES - len(kept), 0),
            "max_files": MAX_FILES,
        },
        status=status,
    )


def received(request: HttpRequest) -> HttpResponse:
    complaint_id = request.session.get(SESSION_KEY)
    complaint = Complaint.objects.filter(pk=complaint_id).select_related("complainant").first()
    if complaint is None:
        return redirect("intake:start")
    return render(
        request,
        "intake/received.html",
        {
            "complaint": complaint,
            "status_path": status_path(complaint),
            "status": public_status(complaint),
            "sent_again": request.session.get(SENT_AGAIN_KEY, False),
            "show_link": request.session.get(SHOW_LINK_KEY, True),
        },
    )


def _complaint_from_link(reference: str, secret: str) -> Complaint:
    complaint = complaint_for_status_link(reference, secret)
    if complaint is None:
        raise Http404(_("Deze link is niet (meer) geldig."))
    return complaint


@limited("status_link")
@limited("status_post", method="POST")
def status(request: HttpRequest, reference: str, secret: str) -> HttpResponse:
    complaint = _complaint_from_link(reference, secret)
    add_form = AddInformationForm()
    if request.method == "POST":
        add_form = AddInformationForm(request.POST, request.FILES)
        if add_form.is_valid():
            try:
                services.add_complainant_information(
                    complaint, text=add_form.cleaned_data["text"], files=add_form.cleaned_data["attachments"]
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Bedankt. Uw aanvulling is toegevoegd aan uw klacht."))
            return redirect(request.path)
    # The citizen (or whoever holds the link) saw the file's status: in the trail, without the secret.
    audit(request, AuditAction.VIEW, complaint=complaint, note="statuslink")
    return render(
        request,
        "intake/status.html",
        {
            "complaint": complaint,
            "status": public_status(complaint),
            "add_form": add_form,
            "secret": secret,
            "private_page": True,
        },
        status=400 if add_form.errors else 200,
    )


@limited("status_link")
@require_GET
def status_letter(request: HttpRequest, reference: str, secret: str, pk: int) -> HttpResponse:
    """A letter the complainant's side received, as PDF: only through this complaint's own link.

    Any other letter (another complaint's, one to an employee, one not yet sent) is
    a 404, just like a wrong secret: the link tells nothing about what exists.
    """
    complaint = _complaint_from_link(reference, secret)
    letter = letters_received_by_complainant(complaint).filter(pk=pk).first()
    if letter is None:
        raise Http404(_("Deze brief bestaat niet of hoort niet bij deze klacht."))
    content = letter_services.letter_pdf(letter)
    audit(request, AuditAction.DOWNLOAD, complaint=complaint, obj=letter, note="statuslink: brief")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letters.attachment_name(letter)}"'
    # Personal data: no shared or browser cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@limited("status_link")
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, reference: str, secret: str) -> HttpResponse:
    complaint = _complaint_from_link(reference, secret)
    # An empty POST is a submission too (with errors), not the blank form again.
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_by_complainant(complaint, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Uw klacht is ingetrokken."))
        return redirect("intake:status", reference=reference, secret=secret)
    audit(request, AuditAction.VIEW, complaint=complaint, note="statuslink: intrekken")
    return render(
        request,
        "intake/withdraw.html",
        {"complaint": complaint, "form": form, "secret": secret, "private_page": True},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@limited("forward", method="POST")
def forward(request: HttpRequest) -> HttpResponse:
    """'Stuur door': send the complaints page to someone by e-mail."""
    form = ForwardForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        send_forwarded_page.delay(form.cleaned_data["recipient"], form.cleaned_data["message"])
        return redirect("intake:forwarded")
    return render(
        request,
        "intake/forward.html",
        {"form": form, "page_title": forwarding.PAGE_TITLE, "page_url": forwarding.page_url()},
        status=400 if form.errors else 200,
    )


def forwarded(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/forwarded.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/accessibility.html")


@cache_control(max_age=300, public=True)
def theme_css(request: HttpRequest) -> HttpResponse:
    """The municipality's colours as design-token overrides (validated hex colours only)."""
    municipality = Municipality.load()
    css = render(
        request,
        "intake/theme.css",
        {
            "primary": municipality.primary_colour,
            "primary_hover": darken(municipality.primary_colour),
            "link": municipality.link_colour,
            "link_hover": darken(municipality.link_colour),
        },
        content_type="text/css",
    )
    return css


@cache_control(max_age=3600, public=True)
def logo(request: HttpRequest) -> FileResponse:
    municipality = Municipality.load()
    if not municipality.logo:
        raise Http404
    return FileResponse(municipality.logo.open("rb"))
