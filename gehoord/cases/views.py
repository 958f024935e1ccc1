"""Staff screens of the complaint file. Thin: forms validate, services and the lifecycle act."""

from __future__ import annotations

import re
from dataclasses import replace

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
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
from gehoord.cases import bulk, file_page, inbox, lifecycle, selectors, services
from gehoord.cases import forms as case_forms
from gehoord.cases.constants import COPY_9_9_MARKER, EventKind, HearingParty
from gehoord.cases.file_actions import ACTIONS
from gehoord.cases.models import Complaint, Hearing
from gehoord.clock import terms
from gehoord.core.errors import DomainError
from gehoord.core.exports import csv_response
from gehoord.core.params import page_number
from gehoord.organisation.models import Municipality


def _file_or_404(request: HttpRequest, reference: str) -> Complaint:
    try:
        return selectors.complaint_file(request.user, reference)
    except Complaint.DoesNotExist as exc:
        raise Http404(_("Deze klacht bestaat niet of u heeft er geen toegang toe.")) from exc


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    """The inbox: saved views, filter bar, counts per status, a page of rows and the bulk bar."""
    form = inbox.InboxFilter(request.GET)
    filters = form.filters()
    complaints = selectors.inbox(request.user, filters)
    if request.GET.get("formaat") == "csv":
        return _inbox_csv(request, complaints)
    counts = selectors.inbox_status_counts(request.user, filters)
    paginator = Paginator(complaints.defer("description"), inbox.PAGE_SIZE)
    # The counts per status already hold the number of rows: no second COUNT over the same search.
    paginator.count = sum(
        n for status, n in counts.items() if filters.statuses is None or status in filters.statuses
    )
    page = paginator.get_page(page_number(request.GET.get("page")))
    page.object_list = inbox.shape_rows(
        list(page.object_list.prefetch_related("departments")), timezone.localdate()
    )
    # "mogelijk dubbel" only where the user may see the other complaint too (Awb 9:7: no trace of it).
    linked = {c.possible_duplicate_of_id for c in page.object_list if c.possible_duplicate_of_id}
    duplicates_shown = (
        set(selectors.visible_complaints(request.user).filter(pk__in=linked).values_list("pk", flat=True))
        if linked
        else set()
    )
    # The list shows complainants' names: one entry for the page, with its filters (a search term hidden).
    audit(
        request,
        AuditAction.LIST,
        note=f"klachtenlijst {describe_query(request.GET)} ({paginator.count} gevonden)",
    )
    is_coordinator = request.user.has_role(lifecycle.Role.COORDINATOR)
    steps = bulk.steps_for(request.user)
    views = inbox.view_tabs(selectors.saved_view_counts(request.user), filters)
    return render(
        request,
        "cases/complaint_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "facets": inbox.status_facets(counts, filters),
            "views": views,
            "sorted_on": inbox.SORT_COLUMNS.get(filters.sort),
            "headers": inbox.sort_headers(filters),
            "due_soon_days": terms.DUE_SOON_DAYS,
            # A row's dates leave out the year when it is this one.
            "this_year": str(timezone.localdate().year),
            "duplicates_shown": duplicates_shown,
            # The filters besides the search box fold away; open while one is wrong, or used
            # other than as a saved view or a status link (the sort has its column headers).
            "more_filters_open": bool(form.errors)
            or not (
                any(tab.active for tab in views)
                or replace(
                    filters, q="", sort=inbox.NEWEST, statuses=inbox.InboxFilters().statuses
                ).is_default
            ),
            # Only the coordinator assigns (lifecycle.COORDINATOR_ACTIONS); each complaint is still asked.
            "bulk_form": inbox.BulkActionForm(steps=steps) if (is_coordinator or steps) else None,
            "may_assign": is_coordinator and "assign" in lifecycle.COORDINATOR_ACTIONS,
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


def _action_form(
    name: str, complaint: Complaint, data=None, prefix: str | None = None, **kwargs
) -> forms.Form:
    action = ACTIONS[name]
    if action.per_file:
        kwargs["complaint"] = complaint
    return action.form(data, prefix=prefix or name, **kwargs)


def _hearing_party(hearing: Hearing) -> str:
    if hearing.party == HearingParty.COMPLAINANT:
        return _("klager")
    employee = hearing.employee
    name = (employee.get_full_name() or employee.username) if employee else ""
    return _("medewerker %(name)s") % {"name": name} if name else _("beklaagde medewerker")


def _copy_states(complaint: Complaint) -> list[dict]:
    """Awb 9:9 per employee complained about: the copy sent, a reason why not, or still outstanding.

    The same facts :func:`gehoord.cases.lifecycle.copies_outstanding` checks
    before a decision, shaped for the file page.
    """
    sent: dict[int, object] = {}
    for event in complaint.events.filter(kind=EventKind.LETTER, data__copy=COPY_9_9_MARKER).order_by("at"):
        for pk in (event.data or {}).get("recipients", []):
            if isinstance(pk, int):
                sent[pk] = event.at
    waivers = list(complaint.copy_waivers.select_related("employee"))
    states = []
    for employee in complaint.employees_involved.order_by("first_name", "last_name"):
        waiver = next((w for w in reversed(waivers) if w.employee_id == employee.pk), None)
        states.append(
            {
                "name": employee.get_full_name() or employee.username,
                "sent_at": sent.get(employee.pk),
                "waiver": waiver,
            }
        )
    no_person = next((w for w in waivers if w.employee_id is None), None)
    if not states and no_person is not None:
        states.append({"name": "", "sent_at": None, "waiver": no_person})
    return states


@login_required
def complaint_detail(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = _file_or_404(request, reference)
    # The handler (a coordinator while there is none) opening the file has seen what the complainant added.
    services.mark_seen(complaint, request.user)
    services.note_opened(complaint, request.user)
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
    # What may be done now: the lifecycle's answer, never a status compared here or in the template.
    actions = lifecycle.allowed_actions(complaint, request.user)
    municipality = Municipality.load()
    action_forms = {
        name: bound.get(name) or _action_form(name, complaint)
        for name, action in ACTIONS.items()
        if name in actions and not action.per_row
    }
    part_forms = [
        (
            part,
            bound.get(f"judge_part-{part.pk}")
            or case_forms.JudgePartForm(
                prefix=f"judge_part-{part.pk}",
                initial={
                    "part": part.pk,
                    "judgement": part.judgement,
                    "reasoning": part.reasoning,
                    "norms": list(part.norms.all()),
                },
            ),
            {
                name: bound.get(f"{name}-{part.pk}")
                or _action_form(name, complaint, prefix=f"{name}-{part.pk}", initial=initial)
                for name, initial in (
                    ("reword_part", {"part": part.pk, "description": part.description}),
                    ("split_part", {"part": part.pk, "first_text": part.description}),
                )
                if name in actions
            },
        )
        for part in complaint.parts.prefetch_related("norms", "revisions__actor")
    ]
    hearings = [
        {
            "hearing": hearing,
            "party": _hearing_party(hearing),
            "response_form": bound.get(f"hearing_response-{hearing.pk}")
            or case_forms.HearingResponseForm(
                prefix=f"hearing_response-{hearing.pk}",
                initial={
                    "hearing": hearing.pk,
                    "response": hearing.response,
                    "on": hearing.response_on,
                    "how": hearing.response_how,
                },
            ),
            "report_form": bound.get(f"hearing_report-{hearing.pk}")
            or case_forms.HearingReportForm(
                prefix=f"hearing_report-{hearing.pk}",
                initial={"hearing": hearing.pk, "held_on": hearing.held_on, "report": hearing.report},
            ),
        }
        for hearing in complaint.hearings.select_related("employee")
    ]
    today = timezone.localdate()
    decision_open = lifecycle.decision_term_runs(complaint)
    # The one primary action: what the lifecycle says normally comes next; everything else is grouped.
    suggested = lifecycle.suggested_step(complaint, request.user, today)
    offered = file_page.offered_actions(
        complaint, actions, uses_committee=municipality.uses_advisory_committee
    )
    may_decide = any(t.name == "decide" for t, _form in transitions)
    latest_events, older_events = file_page.timeline(complaint)
    context = {
        "complaint": complaint,
        "events": latest_events,
        "older_events": older_events,
        "suggested": suggested,
        "finished": lifecycle.is_finished(complaint),
        "header_terms": file_page.header_terms(complaint, today),
        "primary": file_page.primary_item(suggested, transitions, action_forms),
        "groups": file_page.action_groups(transitions, action_forms, offered, suggested),
        "offered": offered,
        "measures": complaint.improvement_measures.select_related("department", "responsible"),
        "transitions": transitions,
        "actions": actions,
        "forms": action_forms,
        "part_forms": part_forms,
        "hearings": hearings,
        "copy_states": _copy_states(complaint),
        "may_handle": may_handle,
        "is_coordinator": is_coordinator,
        "municipality": municipality,
        "terms": {
            "notice_running": lifecycle.notice_term_runs(complaint),
            "notice_overdue": terms.is_overdue(complaint.not_handled_notice_due, today),
            "notice_due_soon": terms.is_due_soon(complaint.not_handled_notice_due, today),
            "decision_open": decision_open,
            "decision_overdue": decision_open and terms.is_overdue(complaint.decision_due, today),
            "decision_due_soon": decision_open and terms.is_due_soon(complaint.decision_due, today),
            "weeks": terms.COMMITTEE_DECISION_WEEKS if complaint.committee else terms.DECISION_WEEKS,
            "postponement_left": terms.MAX_POSTPONEMENT_WEEKS - complaint.postponement_weeks,
            "ombudsman_until": terms.ombudsman_deadline(complaint.closed_at) if complaint.closed_at else None,
        },
        # Everything a decision needs, done or not, all at once, in the header (Awb 9:9, 9:10, 9:12).
        "checklist": lifecycle.decision_checklist(complaint, today) if may_decide else [],
        "decision_outstanding": lifecycle.decision_outstanding(complaint, today) if may_decide else [],
        # "Mogelijk dubbel" (see gehoord.intake.pipeline), either way round, only those the user may see.
        "possible_duplicates": list(
            selectors.visible_complaints(request.user)
            .filter(Q(pk=complaint.possible_duplicate_of_id) | Q(possible_duplicate_of=complaint))
            .exclude(pk=complaint.pk)
            .only("reference")
        ),
    }
    return render(request, "cases/complaint_detail.html", context, status=status)


@login_required
@require_GET
def complaint_access_log(request: HttpRequest, reference: str) -> HttpResponse:
    """Who opened, downloaded or changed this file, for the coordinator only; reading it is a view of the file."""
    complaint = _file_or_404(request, reference)
    if not request.user.has_role(lifecycle.Role.COORDINATOR):
        raise PermissionDenied
    audit(request, AuditAction.VIEW, complaint=complaint, note="toegangslog")
    page = Paginator(
        audit_selectors.complaint_entries(complaint.pk), audit_selectors.FILE_PAGE_ENTRIES
    ).get_page(page_number(request.GET.get("page")))
    return render(
        request,
        "audit/complaint_access_log.html",
        {"complaint": complaint, "page": page, "audit_entries": page.object_list, "is_coordinator": True},
    )


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
    # A form shown once per part or hearing posts its own prefix ("judge_part-12"); anything else is the name.
    prefix = request.POST.get("prefix", name)
    if not (action.per_row and re.fullmatch(rf"{re.escape(name)}-\d{{1,18}}", prefix)):
        prefix = name
    form = _action_form(name, complaint, request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, _("Controleer de gemarkeerde velden."))
        return _render_file(request, complaint, {prefix: form}, status=400)
    try:
        action.perform(complaint, form.cleaned_data, request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return _render_file(request, complaint, {prefix: form}, status=409)
    messages.success(request, action.done)
    return redirect(reverse("cases:detail", args=[complaint.reference]))
