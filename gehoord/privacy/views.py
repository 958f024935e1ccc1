"""The coordinator's privacy screens: a complainant's data on request (AVG), erasing them, and the
files kept permanently that are to be transferred to the archive.

Thin: gehoord.privacy.services gathers and erases, gehoord.privacy.exports renders.
Coordinator only: a complainant's whole file leaves the system through these.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gehoord.accounts.access import coordinator_required
from gehoord.audit.services import audited_export
from gehoord.cases import selectors
from gehoord.cases.models import Complaint
from gehoord.core.errors import DomainError
from gehoord.core.exports import csv_response
from gehoord.core.params import page_number
from gehoord.privacy import exports, retention, services
from gehoord.privacy.forms import ErasureForm

PAGE_SIZE = 50

CONTENT_TYPES = {
    "json": "application/json",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


def _complaint_or_404(request: HttpRequest, reference: str) -> Complaint:
    try:
        return selectors.complaint_file(request.user, reference)
    except Complaint.DoesNotExist as exc:
        raise Http404(_("Deze klacht bestaat niet of u heeft er geen toegang toe.")) from exc


def _context(complaint: Complaint) -> dict:
    others = (
        complaint.complainant.complaints.exclude(pk=complaint.pk)
        .select_related("personal_data_erasure")
        .order_by("received_at")
    )
    return {
        "complaint": complaint,
        "complainant": complaint.complainant,
        "erasure": getattr(complaint, "personal_data_erasure", None),
        "other_complaints": others,
        "retention": retention.retention_of(complaint),
        "may_erase": services.may_erase(complaint),
    }


@coordinator_required
@require_GET
def complainant_data(request: HttpRequest, reference: str) -> HttpResponse:
    """What the system holds about the complainant of this complaint, the downloads, and the retention."""
    complaint = _complaint_or_404(request, reference)
    return render(request, "privacy/complainant_data.html", _context(complaint))


@coordinator_required
@require_GET
def export_download(request: HttpRequest, reference: str, fmt: str) -> HttpResponse:
    """All data about the complainant as JSON, PDF, or a ZIP with both and the stored files."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    complaint = _complaint_or_404(request, reference)
    complainant = complaint.complainant
    data = services.export_complainant(complainant)
    if fmt == "json":
        content = exports.render_json(data)
    elif fmt == "pdf":
        content = exports.render_pdf(data)
    else:
        content = exports.render_zip(complainant, data)
    services.record_export(complaint, fmt=fmt, actor=request.user)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"avg-gegevens-{complaint.reference}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@coordinator_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, reference: str) -> HttpResponse:
    """Erase the personal data of this complaint: a reason and a confirmation, then the same service as the retention job."""
    complaint = _complaint_or_404(request, reference)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.erase_complainant_data(complaint, form.cleaned_data["reason"], request.user)
            except DomainError as error:
                messages.error(request, error.message)
                status = 409
            else:
                messages.success(request, _("De persoonsgegevens van deze klacht zijn verwijderd."))
                return redirect("cases:detail", complaint.reference)
        else:
            status = 400
    return render(request, "privacy/erase.html", {**_context(complaint), "form": form}, status=status)


@coordinator_required
@require_GET
def transfer_list(request: HttpRequest) -> HttpResponse:
    """The files kept permanently (Selectielijst 2020, 13), to be transferred to the archive; CSV on request."""
    complaints = retention.marked_for_transfer(selectors.visible_complaints(request.user))
    today = timezone.localdate()
    if request.GET.get("formaat") == "csv":
        header = [_("Kenmerk"), _("Afgesloten op"), _("Status"), _("Uitkomst")]
        rows = (
            [
                complaint.reference,
                f"{timezone.localtime(complaint.closed_at):%d-%m-%Y}",
                complaint.get_status_display(),
                complaint.get_outcome_display(),
            ]
            for complaint in complaints.iterator(chunk_size=2000)
        )
        rows = audited_export(request, rows, note="over te brengen naar het archief csv")
        return csv_response(f"over-te-brengen-{today:%Y-%m-%d}", header, rows)
    page = Paginator(complaints, PAGE_SIZE).get_page(page_number(request.GET.get("pagina")))
    return render(request, "privacy/transfer_list.html", {"page": page, "query": ""})
