"""The coordinator's view of the complaints mailbox: what did not become a complaint, and why.

Thin: gehoord.mailbox.services imports and dismisses; these views show and ask.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gehoord.accounts.access import coordinator_required
from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import record as audit
from gehoord.cases.selectors import visible_complaints
from gehoord.mailbox import services
from gehoord.mailbox.forms import DismissForm, EmlUploadForm
from gehoord.mailbox.models import InboundMessage, MessageOutcome, MessageSource
from gehoord.mailbox.selectors import messages_not_imported

RECENT = 50


def _render(request: HttpRequest, *, upload_form=None, status: int = 200) -> HttpResponse:
    failed = messages_not_imported()
    set_aside = InboundMessage.objects.filter(
        outcome__in=[MessageOutcome.AUTOMATIC, MessageOutcome.SET_ASIDE, MessageOutcome.DISMISSED]
    ).order_by("-last_attempt_at")[:RECENT]
    visible = visible_complaints(request.user)
    imported = (
        InboundMessage.objects.filter(outcome__in=[MessageOutcome.NEW_COMPLAINT, MessageOutcome.ADDED])
        # Awb 9:7: a complaint about the coordinator's own conduct stays out of sight here too.
        .filter(complaint__in=visible)
        .select_related("complaint")
        .order_by("-last_attempt_at")[:RECENT]
    )
    return render(
        request,
        "mailbox/messages.html",
        {
            "failed": failed,
            "set_aside": set_aside,
            "imported": imported,
            "upload_form": upload_form or EmlUploadForm(),
            "dismiss_form": DismissForm(),
        },
        status=status,
    )


@coordinator_required
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    # Senders' addresses and subjects, and the files mail went to: a read of personal data.
    audit(request, AuditAction.LIST, note="postvak")
    return _render(request)


@coordinator_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    form = EmlUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, upload_form=form, status=400)
    row = services.import_message(
        form.cleaned_data["eml"].read(), source=MessageSource.UPLOAD, actor=request.user
    )
    if row.outcome == MessageOutcome.NEW_COMPLAINT:
        messages.success(
            request,
            _("De e-mail is ingelezen als klacht %(reference)s.") % {"reference": row.complaint.reference},
        )
        return redirect("cases:detail", row.complaint.reference)
    if row.outcome == MessageOutcome.ADDED:
        messages.success(
            request,
            _("De e-mail is toegevoegd aan klacht %(reference)s.") % {"reference": row.complaint.reference},
        )
        return redirect("cases:detail", row.complaint.reference)
    if row.outcome == MessageOutcome.AUTOMATIC:
        messages.warning(
            request,
            _("Dit is een automatisch bericht (%(reason)s). Het is apart gezet, niet als klacht ingelezen.")
            % {"reason": row.reason},
        )
    elif row.outcome == MessageOutcome.SET_ASIDE:
        messages.warning(
            request,
            _("Deze e-mail is apart gezet: %(reason)s") % {"reason": row.reason},
        )
    else:
        form.add_error("eml", _("Deze e-mail kon niet worden ingelezen: %(reason)s") % {"reason": row.reason})
        return _render(request, upload_form=form, status=400)
    return redirect("mailbox:list")


@coordinator_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=pk, outcome=MessageOutcome.FAILED)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect("mailbox:list")
    services.dismiss(message, actor=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Het bericht is apart gezet. Het wordt niet meer opgehaald."))
    return redirect("mailbox:list")
