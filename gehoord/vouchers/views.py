"""The coordinator's flower vouchers: what is due, the batches to order, and their lists.

Thin: gehoord.vouchers.services holds the workflow.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gehoord.accounts.access import coordinator_required
from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import record as audit
from gehoord.core.errors import DomainError
from gehoord.core.exports import Sheet, csv_response, xlsx_response
from gehoord.vouchers import services
from gehoord.vouchers.forms import DateForm, NotApplicableForm
from gehoord.vouchers.models import VoucherBatch, VoucherStatus


def _overview(request: HttpRequest, *, bound: dict | None = None, status: int = 200) -> HttpResponse:
    due = list(services.due_for_batch(request.user))
    # One grouped query for the counts per status, of the vouchers the user may see.
    counts = dict(
        services.vouchers_for(request.user).order_by().values_list("status").annotate(n=Count("pk"))
    )
    return render(
        request,
        "vouchers/overview.html",
        {
            "with_address": [voucher for voucher in due if services.has_postal_address(voucher)],
            "without_address": [voucher for voucher in due if not services.has_postal_address(voucher)],
            "batches": VoucherBatch.objects.select_related("created_by").order_by("-created_at")[:20],
            "counts": {status.value: counts.get(status.value, 0) for status in VoucherStatus},
            "bound": bound or {},
            "not_applicable_form": NotApplicableForm(),
        },
        status=status,
    )


@coordinator_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request)


@coordinator_required
@require_POST
def new_batch(request: HttpRequest) -> HttpResponse:
    try:
        batch = services.create_batch(actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("vouchers:overview")
    messages.success(request, _("De bestelling is klaargezet. Download de lijst en bestel de bonnen."))
    return redirect("vouchers:batch", batch.pk)


@coordinator_required
@require_POST
def not_applicable(request: HttpRequest, pk: int) -> HttpResponse:
    voucher = get_object_or_404(services.vouchers_for(request.user), pk=pk)
    form = NotApplicableForm(request.POST)
    if form.is_valid():
        try:
            services.mark_not_applicable(voucher, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("De bon voor %(reference)s vervalt.") % {"reference": voucher.complaint.reference}
            )
            return redirect("vouchers:overview")
    else:
        messages.error(request, form.errors.get("reason", [_("Controleer de gegevens.")])[0])
    return _overview(request, bound={voucher.pk: form}, status=400)


def _batch_page(request: HttpRequest, batch: VoucherBatch, *, form=None, status: int = 200) -> HttpResponse:
    return render(
        request,
        "vouchers/batch.html",
        {
            "batch": batch,
            "rows": services.batch_rows(batch, request.user),
            "columns": services.EXPORT_COLUMNS,
            "date_form": form or DateForm(initial={"on": timezone.localdate()}),
        },
        status=status,
    )


@coordinator_required
@require_GET
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_page(request, get_object_or_404(VoucherBatch, pk=pk))


@coordinator_required
@require_POST
def batch_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    batch = get_object_or_404(VoucherBatch, pk=pk)
    form = DateForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch, form=form, status=400)
    action = {"besteld": services.mark_ordered, "verstuurd": services.mark_sent}.get(step)
    if action is None:
        raise PermissionDenied
    try:
        action(batch, on=form.cleaned_data["on"], actor=request.user)
    except DomainError as error:
        form.add_error("on", error.message)
        return _batch_page(request, batch, form=form, status=409)
    messages.success(request, _("De bestelling is bijgewerkt."))
    return redirect("vouchers:batch", batch.pk)


@coordinator_required
@require_GET
def batch_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    batch = get_object_or_404(VoucherBatch, pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise PermissionDenied
    header = [str(column) for column in services.EXPORT_COLUMNS]
    rows = services.batch_rows(batch, request.user)
    # Names and addresses of complainants leave the system: one entry for the list.
    audit(request, AuditAction.EXPORT, obj=batch, note=f"bloemenbonnen {fmt} ({len(rows)} rijen)")
    filename = f"bloemenbonnen-{batch.created_at:%Y-%m-%d}-{batch.pk}"
    if fmt == "csv":
        return csv_response(filename, header, rows)
    # The value as a number, so that the spreadsheet can add it up.
    rows = [[*row[:5], float(row[5]), *row[6:]] for row in rows]
    return xlsx_response(filename, [Sheet(_("Bloemenbonnen"), [header, *rows])])
