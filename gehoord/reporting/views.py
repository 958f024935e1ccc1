"""The dashboard and the annual reports for the coordinator and management (gehoord.reporting.figures)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gehoord.accounts.access import management_required
from gehoord.cases.constants import Channel, Outcome, Route, Rung, Status
from gehoord.learning.models import MeasureStatus
from gehoord.reporting.annual import request_report
from gehoord.reporting.figures import figures
from gehoord.reporting.forms import PeriodForm, ReportRequestForm
from gehoord.reporting.models import ReportRun, ReportStatus


def _labelled(counts: dict[str, int], choices) -> list[tuple[str, int]]:
    labels = dict(choices)
    return [(labels.get(key, key), value) for key, value in counts.items()]


@management_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    result = figures(form.period(), form.chosen_department(), viewer=request.user)
    channel_labels = dict(Channel.choices)
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "figures": result,
            "open_by_status": _labelled(result.open_by_status, Status.choices),
            "open_by_route": _labelled(result.open_by_route, Route.choices),
            "intake_by_channel": _labelled(result.intake_by_channel, Channel.choices),
            "intake_by_week": [
                (
                    f"{week:%d-%m-%Y}",
                    sum(counts.values()),
                    ", ".join(f"{channel_labels.get(c, c)}: {n}" for c, n in counts.items()),
                )
                for week, counts in result.intake_by_week
            ],
            "outcomes": _labelled(result.outcomes, Outcome.choices),
            "lead_times": [(label, result.lead_time[route]) for route, label in Route.choices],
            "measures": _labelled(result.measures_by_status, MeasureStatus.choices),
            "rungs": _labelled(result.rungs, Rung.choices),
        },
        status=400 if form.errors else 200,
    )


@management_required
@require_http_methods(["GET", "POST"])
def annual_reports(request: HttpRequest) -> HttpResponse:
    """Request an annual report for a period, and follow the ones requested."""
    today = timezone.localdate()
    form = ReportRequestForm(
        request.POST if request.method == "POST" else None,
        initial={"start": dt.date(today.year - 1, 1, 1), "end": dt.date(today.year - 1, 12, 31)},
    )
    if request.method == "POST" and form.is_valid():
        run = request_report(period=form.period(), department=form.chosen_department(), actor=request.user)
        messages.success(
            request, _("Het jaarverslag wordt gemaakt. U kunt deze pagina verlaten; het staat hier klaar.")
        )
        return redirect("annual_report", run.pk)
    runs = ReportRun.objects.select_related("department", "requested_by")[:20]
    return render(
        request,
        "reporting/annual_reports.html",
        {"form": form, "runs": runs},
        status=400 if form.errors else 200,
    )


@management_required
@require_GET
def annual_report(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ReportRun, pk=pk)
    return render(request, "reporting/annual_report_status.html", {"run": run})


@management_required
@require_GET
def annual_report_file(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    run = get_object_or_404(ReportRun, pk=pk, status=ReportStatus.DONE)
    file = {"pdf": run.pdf, "xlsx": run.xlsx}.get(fmt)
    if not file:
        raise Http404
    name = f"jaarverslag-klachten-{run.start:%Y%m%d}-{run.end:%Y%m%d}.{fmt}"
    return FileResponse(file.open("rb"), as_attachment=True, filename=name)
