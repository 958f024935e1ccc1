"""The coordinator's signals queue: read, contact the writer, set aside, or turn into a complaint.

Thin: the forms validate, gehoord.social.services decides and stores.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gehoord.accounts.access import coordinator_required
from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import audited_export, describe_query
from gehoord.audit.services import record as audit
from gehoord.cases.models import Complainant
from gehoord.core.errors import DomainError
from gehoord.core.exports import csv_response
from gehoord.core.params import page_number
from gehoord.social import selectors, services
from gehoord.social.adapters import CsvFileAdapter, InvalidSignals
from gehoord.social.forms import ContactForm, ConvertForm, CsvImportForm, DismissForm
from gehoord.social.models import SocialSignal

PAGE_SIZE = 25


def _queue(
    request: HttpRequest, *, import_form=None, import_problems=None, status: int = 200
) -> HttpResponse:
    current = request.GET.get("status", "open")
    if current not in selectors.STATUS_FILTERS:
        current = "open"
    if request.GET.get("formaat") == "csv":
        return _queue_csv(request, selectors.signal_queue(request.user, current))
    # The queue shows writers' names and posts: a read of personal data (the CSV is an export instead).
    audit(request, AuditAction.LIST, note=f"signalen {describe_query(request.GET)}".strip())
    page = Paginator(selectors.signal_queue(request.user, current), PAGE_SIZE).get_page(
        page_number(request.GET.get("pagina"))
    )
    return render(
        request,
        "social/queue.html",
        {
            "page": page,
            "current": current,
            "counts": selectors.status_counts(request.user),
            "median_response": selectors.median_time_to_first_response(request.user),
            "import_form": import_form or CsvImportForm(),
            "import_problems": import_problems or [],
        },
        status=status,
    )


def _queue_csv(request: HttpRequest, signals) -> HttpResponse:
    header = [
        _("Platform"), _("Schrijver"), _("Link"), _("Tekst"), _("Geplaatst"), _("Status"),
        _("Eerste reactie"), _("Klacht"),
    ]  # fmt: skip
    rows = (
        [
            signal.get_platform_display(),
            signal.author_handle,
            signal.url,
            signal.text,
            f"{timezone.localtime(signal.posted_at):%d-%m-%Y %H:%M}",
            signal.get_status_display(),
            f"{timezone.localtime(signal.first_response_at):%d-%m-%Y %H:%M}"
            if signal.first_response_at
            else "",
            signal.complaint.reference if signal.complaint else "",
        ]
        for signal in signals
    )
    rows = audited_export(request, rows, note=f"signalen csv {describe_query(request.GET)}")
    return csv_response(f"signalen-{timezone.localdate():%Y-%m-%d}", header, rows)


@coordinator_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    return _queue(request)


@coordinator_required
@require_POST
def import_csv(request: HttpRequest) -> HttpResponse:
    form = CsvImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _queue(request, import_form=form, status=400)
    try:
        result = services.ingest(CsvFileAdapter(form.cleaned_data["file"].read()))
    except InvalidSignals as invalid:
        form.add_error("file", _("Niets is ingelezen. Verbeter het bestand en probeer het opnieuw."))
        return _queue(request, import_form=form, import_problems=invalid.problems, status=400)
    messages.success(
        request,
        _("%(created)s nieuwe signalen ingelezen; %(duplicates)s stonden er al.")
        % {"created": result.created, "duplicates": result.duplicates},
    )
    return redirect("social:queue")


def _detail(
    request: HttpRequest, signal: SocialSignal, *, forms=None, error: str = "", status: int = 200
) -> HttpResponse:
    forms = forms or {}
    return render(
        request,
        "social/detail.html",
        {
            "signal": signal,
            "error": error,
            "actions": signal.actions.select_related("actor"),
            "is_open": signal.status in ("new", "contacted"),
            "contact_form": forms.get("contact") or ContactForm(),
            "dismiss_form": forms.get("dismiss") or DismissForm(),
            "convert_form": forms.get("convert") or ConvertForm(initial=services.conversion_initial(signal)),
        },
        status=status,
    )


@coordinator_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = services.mark_read(
        get_object_or_404(selectors.signals_for(request.user), pk=pk), actor=request.user
    )
    audit(request, AuditAction.VIEW, complaint=signal.complaint, obj=signal, note="signaal")
    return _detail(request, signal)


@coordinator_required
@require_http_methods(["POST"])
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    signal = get_object_or_404(selectors.signals_for(request.user), pk=pk)
    form_class = {"contact": ContactForm, "dismiss": DismissForm, "convert": ConvertForm}.get(action)
    if form_class is None:
        raise PermissionDenied
    form = form_class(request.POST, prefix=None)
    if not form.is_valid():
        return _detail(request, signal, forms={action: form}, status=400)
    data = form.cleaned_data
    try:
        if action == "contact":
            services.contact_writer(
                signal, actor=request.user, channel=data["channel"], message=data["message"]
            )
            messages.success(request, _("Het contact met de schrijver is vastgelegd."))
        elif action == "dismiss":
            services.dismiss(signal, actor=request.user, reason=data["reason"])
            messages.success(request, _("Het signaal is afgehandeld: geen actie nodig."))
        else:
            complaint = services.convert_to_complaint(
                signal,
                actor=request.user,
                complainant=Complainant(
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                    street_address=data["street_address"],
                    postal_code=data["postal_code"],
                    city=data["city"],
                ),
                description=data["description"],
            )
            messages.success(
                request, _("Klacht %(reference)s is aangemaakt.") % {"reference": complaint.reference}
            )
            return redirect("cases:detail", complaint.reference)
    except DomainError as error:
        signal.refresh_from_db()
        return _detail(request, signal, forms={action: form}, error=error.message, status=400)
    return redirect("social:detail", signal.pk)
