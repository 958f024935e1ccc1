"""Staff screens of the complaint file. Thin: forms validate, services and the lifecycle act."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gehoord.audit import selectors as audit_selectors
from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import audited_export, describe_query
from gehoord.audit.services import record as audit
from gehoord.cases import forms as case_forms
from gehoord.cases import inbox, lifecycle, selectors, services
from gehoord.cases.models import Complaint
from gehoord.core.errors import DomainError
from gehoord.core.exports import csv_response
from gehoord.learning import measures
from gehoord.learning.forms import MeasureForm
from gehoord.learning.services import record_learning_review


def _file_or_404(request: HttpRequest, reference: str) -> Complaint:
    try:
        return selectors.complaint_file(request.user, reference)
    except Complaint.DoesNotExist as exc:
        raise Http404(_("Deze klacht bestaat niet of u heeft er geen toegang toe.")) from exc


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    """The inbox: filter bar, counts per status and a page of complaints."""
    form = inbox.InboxFilter(request.GET)
    filters = form.filters()
    complaints = selectors.inbox(request.user, filters)
    if request.GET.get("formaat") == "csv":
        return _inbox_csv(request, complaints)
    counts = selectors.inbox_status_counts(request.user, filters)
    paginator = Paginator(complaints, inbox.PAGE_SIZE)
    # The counts per status already hold the number of rows: no second COUNT over the same search.
    paginator.count = sum(
        n for status, n in counts.items() if filters.statuses is None or status in filters.statuses
    )
    page = paginator.get_page(request.GET.get("page"))
    # The list shows complainants' names: one entry for the page, with its filters (a search term hidden).
    audit(
        request,
        AuditAction.LIST,
        note=f"klachtenlijst {describe_query(request.GET)} ({paginator.count} gevonden)",
    )
    return render(
        request,
        "cases/complaint_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "facets": inbox.status_facets(counts, filters),
            "sorted_on": inbox.SORT_COLUMNS.get(filters.sort),
            "due_soon_days": inbox.DUE_SOON_DAYS,
        },
    )


def _inbox_csv(request: HttpRequest, complaints) -> HttpResponse:
    """The filtered inbox as CSV: what the list shows, without the complainant's personal data."""
    today = timezone.localdate()
    header = [
        _("Kenmerk"), _("Ontvangen"), _("Kanaal"), _("Status"), _("Route"), _("Afdelingen"),
        _("Behandelaar"), _("Beslissing uiterlijk"), _("Te laat"), _("Uitkomst"),
    ]  # fmt: skip
    rows = (
        [
            complaint.reference,
            f"{timezone.localtime(complaint.received_at):%d-%m-%Y %H:%M}",
            complaint.get_channel_display(),
            complaint.get_status_display(),
            complaint.get_route_display(),
            ", ".join(department.name for department in complaint.departments.all()),
            (complaint.handler.get_full_name() or complaint.handler.username) if complaint.handler else "",
            f"{complaint.decision_due:%d-%m-%Y}",
            # The inbox's own mark (selectors.decision_overdue), as the list on screen shows it.
            _("ja") if complaint.is_overdue else "",
            complaint.get_outcome_display(),
        ]
        for complaint in complaints.prefetch_related("departments").iterator(chunk_size=2000)
    )
    # One entry for the whole export, with its filters and the number of rows sent.
    rows = audited_export(request, rows, note=f"klachtenlijst csv {describe_query(request.GET)}")
    return csv_response(f"klachten-{today:%Y-%m-%d}", header, rows)


@dataclass(frozen=True)
class Action:
    """A form on the file page and the service call it makes."""

    form: type[forms.Form]
    perform: Callable[[Complaint, dict, object], object]
    done: str


def _judge_part(complaint: Complaint, data: dict, actor) -> object:
    part = complaint.parts.filter(pk=data["part"]).first()
    if part is None:
        raise DomainError(_("Dit klachtonderdeel hoort niet bij deze klacht."))
    return services.judge_part(
        part, judgement=data["judgement"], reasoning=data["reasoning"], norms=data["norms"], actor=actor
    )


ACTIONS: dict[str, Action] = {
    "assign": Action(
        case_forms.AssignHandlerForm,
        lambda c, d, a: lifecycle.assign_handler(c, d["handler"], actor=a),
        _("Behandelaar toegewezen."),
    ),
    "note": Action(
        case_forms.NoteForm,
        lambda c, d, a: services.add_note(c, text=d["text"], actor=a),
        _("Notitie opgeslagen."),
    ),
    "contact": Action(
        case_forms.ContactForm,
        lambda c, d, a: services.record_contact(c, actor=a, **d),
        _("Contact vastgelegd."),
    ),
    "postpone": Action(
        case_forms.PostponeForm,
        lambda c, d, a: lifecycle.postpone_decision(c, weeks=d["weeks"], reason=d["reason"], actor=a),
        _("Beslissing verdaagd."),
    ),
    "skip_hearing": Action(
        case_forms.SkipHearingForm,
        lambda c, d, a: lifecycle.record_hearing_skipped(c, reason=d["reason"], actor=a),
        _("Vastgelegd waarom niet wordt gehoord."),
    ),
    "hearing_report": Action(
        case_forms.HearingReportForm,
        lambda c, d, a: services.record_hearing_report(c, report=d["report"], held_on=d["held_on"], actor=a),
        _("Hoorverslag opgeslagen."),
    ),
    "findings": Action(
        case_forms.FindingsForm,
        lambda c, d, a: services.record_findings(
            c, findings=d["findings"], conclusions=d["conclusions"], signatory=d["signatory"], actor=a
        ),
        _("Bevindingen opgeslagen."),
    ),
    "judge_part": Action(case_forms.JudgePartForm, _judge_part, _("Oordeel opgeslagen.")),
    "learning_review": Action(
        case_forms.LearningReviewForm,
        lambda c, d, a: record_learning_review(c, actor=a, **d),
        _("Leerpunten opgeslagen."),
    ),
    "propose_measure": Action(
        MeasureForm,
        lambda c, d, a: measures.propose(actor=a, complaints=[c], **d),
        _("Verbetermaatregel vastgelegd."),
    ),
}


@login_required
def complaint_detail(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = _file_or_404(request, reference)
    return _render_file(request, complaint)


def _render_file(
    request: HttpRequest, complaint: Complaint, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    bound = bound or {}
    audit(request, AuditAction.VIEW, complaint=complaint)
    is_coordinator = request.user.has_role(lifecycle.Role.COORDINATOR)
    transitions = [
        (t, bound.get(f"step:{t.name}") or case_forms.TransitionForm(transition=t.name, prefix=t.name))
        for t in lifecycle.available_transitions(complaint, request.user)
    ]
    may_handle = lifecycle.may_handle(request.user, complaint)
    action_forms = {
        name: bound.get(name) or action.form(prefix=name) for name, action in ACTIONS.items() if may_handle
    }
    part_forms = [
        (
            part,
            case_forms.JudgePartForm(
                prefix=f"judge_part-{part.pk}",
                initial={
                    "part": part.pk,
                    "judgement": part.judgement,
                    "reasoning": part.reasoning,
                    "norms": list(part.norms.all()),
                },
            ),
        )
        for part in complaint.parts.all()
    ]
    context = {
        "complaint": complaint,
        "events": complaint.events.select_related("actor"),
        "measures": complaint.improvement_measures.select_related("department", "responsible"),
        "transitions": transitions,
        "forms": action_forms,
        "part_forms": part_forms,
        "may_handle": may_handle,
        "is_coordinator": is_coordinator,
        # Who opened and changed this file: for the coordinator only.
        "audit_entries": audit_selectors.entries_for_complaint(complaint) if is_coordinator else None,
    }
    return render(request, "cases/complaint_detail.html", context, status=status)


@login_required
@require_GET
def attachment_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """An attachment of a file the user may see, as a download; every download is in the audit trail."""
    complaint = selectors.by_reference(selectors.visible_complaints(request.user), reference)
    attachment = complaint.attachments.filter(pk=pk).first() if complaint is not None else None
    if attachment is None:
        raise Http404(_("Deze bijlage bestaat niet of u heeft er geen toegang toe."))
    try:
        content = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Deze bijlage bestaat niet of u heeft er geen toegang toe.")) from exc
    audit(request, AuditAction.DOWNLOAD, complaint=complaint, obj=attachment)
    response = FileResponse(
        content,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    # Personal data: no shared or browser cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def complaint_step(request: HttpRequest, reference: str, name: str) -> HttpResponse:
    complaint = _file_or_404(request, reference)
    transition = lifecycle.TRANSITIONS.get(name)
    if transition is None:
        raise Http404
    form = case_forms.TransitionForm(request.POST, transition=name, prefix=name)
    if not form.is_valid():
        messages.error(request, _("Controleer de gegevens bij '%(step)s'.") % {"step": transition.label})
        return _render_file(request, complaint, {f"step:{name}": form}, status=400)
    try:
        lifecycle.perform(complaint, name, actor=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return _render_file(request, complaint, {f"step:{name}": form}, status=409)
    messages.success(request, _("Gelukt: %(step)s.") % {"step": transition.label})
    return redirect(reverse("cases:detail", args=[complaint.reference]))


@login_required
@require_POST
def complaint_action(request: HttpRequest, reference: str, name: str) -> HttpResponse:
    complaint = _file_or_404(request, reference)
    action = ACTIONS.get(name)
    if action is None:
        raise Http404
    prefix = request.POST.get("prefix", name)
    if not prefix.startswith(name):
        prefix = name
    form = action.form(request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, _("Controleer de gemarkeerde velden."))
        return _render_file(request, complaint, {name: form}, status=400)
    try:
        action.perform(complaint, form.cleaned_data, request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return _render_file(request, complaint, {name: form}, status=409)
    messages.success(request, action.done)
    return redirect(reverse("cases:detail", args=[complaint.reference]))
