"""The register of improvement measures: filter, create, move forward, link complaints.

Thin: gehoord.learning.measures holds the rules (who may, what may change).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gehoord.accounts.access import is_management
from gehoord.cases.selectors import visible_complaints
from gehoord.core.errors import DomainError
from gehoord.core.exports import csv_response
from gehoord.core.params import page_number
from gehoord.learning import measures
from gehoord.learning.forms import (
    AdvanceForm,
    LinkComplaintForm,
    MeasureFilterForm,
    MeasureForm,
    NewMeasureForm,
)
from gehoord.learning.models import UNFINISHED_MEASURE_STATUSES, ImprovementMeasure

PAGE_SIZE = 30


@login_required
def measure_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    register = measures.visible_measures(request.user)
    form = MeasureFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            register = register.filter(status=data["status"])
        if data["department"]:
            register = register.filter(department=data["department"])
        if data["overdue"]:
            register = register.filter(status__in=UNFINISHED_MEASURE_STATUSES, due_date__lt=today)
        if data["mine"]:
            register = register.filter(responsible=request.user)
    register = register.order_by("due_date", "pk")
    if request.GET.get("formaat") == "csv":
        return _register_csv(register, today, visible_complaints(request.user).order_by("reference"))
    page = Paginator(register, PAGE_SIZE).get_page(page_number(request.GET.get("pagina")))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "learning/measure_list.html",
        {
            "page": page,
            "filter_form": form if form.is_bound else MeasureFilterForm(),
            "today": today,
            "may_create": is_management(request.user),
            "query": query.urlencode(),
        },
    )


def _register_csv(register, today, visible) -> HttpResponse:
    header = [
        _("Maatregel"),
        _("Afdeling"),
        _("Verantwoordelijke"),
        _("Klaar op"),
        _("Status"),
        _("Te laat"),
        _("Klachten"),
    ]
    rows = (
        [
            measure.description,
            measure.department.name,
            measure.responsible.get_full_name() or measure.responsible.username,
            f"{measure.due_date:%d-%m-%Y}",
            measure.get_status_display(),
            _("ja") if measure.is_overdue(today) else "",
            ", ".join(complaint.reference for complaint in measure.complaints.all()),
        ]
        # Only the complaints the viewer may see (Awb 9:7), as on the measure's page.
        for measure in register.prefetch_related(Prefetch("complaints", queryset=visible))
    )
    return csv_response(f"verbetermaatregelen-{today:%Y-%m-%d}", header, rows)


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest) -> HttpResponse:
    if not is_management(request.user):
        raise PermissionDenied
    form = NewMeasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            measure = measures.propose(
                description=data["description"],
                department=data["department"],
                responsible=data["responsible"],
                due_date=data["due_date"],
                status=data["status"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De maatregel is vastgelegd."))
            return redirect("learning:detail", measure.pk)
    return render(request, "learning/measure_new.html", {"form": form}, status=400 if form.errors else 200)


def _measure_or_404(request: HttpRequest, pk: int) -> ImprovementMeasure:
    measure = measures.visible_measures(request.user).filter(pk=pk).first()
    if measure is None:
        raise Http404
    return measure


def _render_detail(
    request: HttpRequest, measure: ImprovementMeasure, bound=None, status: int = 200
) -> HttpResponse:
    bound = bound or {}
    initial = {
        "description": measure.description,
        "department": measure.department,
        "responsible": measure.responsible,
        "due_date": measure.due_date,
    }
    return render(
        request,
        "learning/measure_detail.html",
        {
            "measure": measure,
            "complaints": visible_complaints(request.user).filter(improvement_measures=measure),
            "events": measures.history_for(request.user, measure),
            "today": timezone.localdate(),
            "may_manage": measures.may_manage(request.user, measure),
            "may_advance": measures.may_advance(request.user, measure) and measure.status != "evaluated",
            "advance_form": bound.get("advance") or AdvanceForm(current=measure.status),
            "edit_form": bound.get("edit") or MeasureForm(initial=initial),
            "link_form": bound.get("link") or LinkComplaintForm(),
        },
        status=status,
    )


@login_required
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _measure_or_404(request, pk))


@login_required
@require_POST
def measure_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    measure = _measure_or_404(request, pk)
    if action == "advance":
        form = AdvanceForm(request.POST, current=measure.status)
    elif action == "edit":
        form = MeasureForm(request.POST)
    elif action == "link":
        form = LinkComplaintForm(request.POST)
    else:
        raise Http404
    if not form.is_valid():
        return _render_detail(request, measure, {action: form}, status=400)
    data = form.cleaned_data
    try:
        if action == "advance":
            measures.advance(measure, to=data["to"], note=data["note"], actor=request.user)
            messages.success(request, _("De status is bijgewerkt."))
        elif action == "edit":
            measures.update(measure, actor=request.user, **data)
            messages.success(request, _("De maatregel is bijgewerkt."))
        else:
            complaint = (
                visible_complaints(request.user).filter(reference=data["reference"].strip().upper()).first()
            )
            if complaint is None:
                form.add_error("reference", _("Er is geen klacht met dit kenmerk die u mag zien."))
                return _render_detail(request, measure, {action: form}, status=400)
            measures.link_complaint(measure, complaint, actor=request.user)
            messages.success(request, _("De klacht is gekoppeld."))
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_detail(request, measure, {action: form}, status=409)
    return redirect("learning:detail", measure.pk)
