"""The inbox's bulk bar: one POST for many complaints, answered per complaint in messages.

Thin, like the other views: the form reads the choice, :mod:`gehoord.cases.bulk`
asks the lifecycle per complaint, and the user is sent back to the inbox as
they left it (its filters, sort and page).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import record as audit
from gehoord.cases import bulk, inbox

# A primary key as a check box sends it; anything else is no complaint.
_PK = re.compile(r"\d{1,18}")


def _back_to_inbox(query: str) -> str:
    """The inbox with the filters it was left with (re-encoded: only a query string, never a URL)."""
    params = QueryDict(query[:2000], mutable=True)
    params.pop("formaat", None)
    encoded = params.urlencode()
    return reverse("cases:list") + (f"?{encoded}" if encoded else "")


@login_required
@require_POST
def complaint_bulk(request: HttpRequest) -> HttpResponse:
    back = _back_to_inbox(request.POST.get("next", ""))
    pks = [int(value) for value in request.POST.getlist("complaint") if _PK.fullmatch(value)]
    form = inbox.BulkActionForm(request.POST, steps=bulk.steps_for(request.user))
    if not pks:
        messages.error(request, _("Selecteer eerst een of meer klachten in de lijst."))
        return redirect(back)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    if data["action"] == inbox.BULK_ASSIGN:
        result = bulk.assign(request.user, pks, data["handler"])
        what = f"toewijzen aan {data['handler'].pk}"
    else:
        result = bulk.step(request.user, pks, data["step"])
        what = f"stap {data['step']}"
    # Each change is on its complaint's timeline (and audited there); this entry is the request as a whole.
    audit(
        request,
        AuditAction.CHANGE,
        note=(
            f"klachtenlijst selectie: {what}; {len(result.done)} gelukt, "
            f"{len(result.refused)} geweigerd, {result.not_found} niet gevonden"
        ),
    )
    success, refusals = bulk.summary(result)
    if success:
        messages.success(request, success)
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(back)
