"""The public survey page behind the personal link, and the results for staff.

The survey page asks nothing personal and shows nothing of the complaint: it
works without JavaScript, says plainly when the link was used or has expired,
and is rate limited like every public page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gehoord.accounts.access import management_required
from gehoord.core.exports import csv_response
from gehoord.core.ratelimits import limited
from gehoord.surveys import selectors, services
from gehoord.surveys.forms import ResultsFilterForm, SurveyForm
from gehoord.surveys.links import invitation_for_link
from gehoord.surveys.models import Question


def _questions() -> list[Question]:
    return list(Question.objects.filter(is_active=True).order_by("position", "pk"))


@limited("status_link")
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int, secret: str) -> HttpResponse:
    invitation = invitation_for_link(pk, secret)
    if invitation is None:
        raise Http404
    try:
        services.ensure_open(invitation)
    except services.SurveyClosed as closed:
        return render(request, "surveys/closed.html", {"message": closed.message}, status=410)
    questions = _questions()
    form = SurveyForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit(invitation, form.answers())
        except services.SurveyClosed as closed:  # a second tab, or a double click
            return render(request, "surveys/closed.html", {"message": closed.message}, status=410)
        return redirect("surveys:thanks")
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "invitation": invitation},
        status=400 if form.errors else 200,
    )


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")


@management_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    form = ResultsFilterForm(request.GET or None)
    start = end = None
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return render(
        request,
        "surveys/results.html",
        {"form": form, "results": selectors.results(start, end), "query": request.GET.urlencode()},
    )


@management_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """Every answer, one row each, without anything that points to a complainant."""
    from gehoord.surveys.models import SurveyAnswer

    header = ["antwoordnummer", "kwartaal", "route", "afdelingen", "vraag", "soort", "antwoord"]
    answers = SurveyAnswer.objects.select_related("response", "question").prefetch_related(
        "response__departments"
    )
    rows = (
        [
            item.response_id,
            item.response.quarter,
            item.response.route,
            ", ".join(department.name for department in item.response.departments.all()),
            item.question.text,
            item.question.get_kind_display(),
            item.scale if item.scale is not None else ({True: "ja", False: "nee"}.get(item.yes) or item.text),
        ]
        for item in answers.order_by("response_id", "question__position")
    )
    return csv_response("enquete-antwoorden", header, rows)
