"""The dashboard for the coordinator and management: the figures of gehoord.reporting.figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gehoord.accounts.roles import Role
from gehoord.cases.constants import Channel, Outcome, Route, Rung, Status
from gehoord.learning.models import MeasureStatus
from gehoord.reporting.figures import figures
from gehoord.reporting.forms import PeriodForm


def may_see_reports(user) -> bool:
    return user.has_role(Role.COORDINATOR) or user.has_role(Role.DEPARTMENT_HEAD)


def _labelled(counts: dict[str, int], choices) -> list[tuple[str, int]]:
    labels = dict(choices)
    return [(labels.get(key, key), value) for key, value in counts.items()]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not may_see_reports(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    result = figures(form.period(), form.chosen_department())
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
