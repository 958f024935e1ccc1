"""Improvement measures: what the organisation changes because of complaints.

Who may do what:

- the coordinator: everything;
- a department head: the measures of their department;
- the responsible person: move their own measure forward;
- whoever may handle a complaint may propose a measure for it (during the
  learning review, say) and link it to that complaint.

A measure moves forward only — proposed, agreed, implemented, evaluated —
one step or more at a time; evaluating needs the evaluation written down.
Every step is on the measure's history, and linking a complaint is on the
complaint's timeline too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.accounts.access import is_coordinator
from gehoord.accounts.roles import Role
from gehoord.cases import lifecycle, timeline
from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint
from gehoord.cases.selectors import visible_through
from gehoord.core.errors import GuardFailed, PermissionDenied
from gehoord.learning.models import (
    UNFINISHED_MEASURE_STATUSES,
    ImprovementMeasure,
    MeasureEvent,
    MeasureStatus,
)
from gehoord.organisation.models import Department

if TYPE_CHECKING:
    from gehoord.accounts.models import User

ORDER = list(MeasureStatus.values)


def manages(actor: User, department: Department) -> bool:
    """The coordinator, or the head of `department`: they record and change its measures."""
    return is_coordinator(actor) or (actor.has_role(Role.DEPARTMENT_HEAD) and department.head_id == actor.pk)


def may_manage(actor: User, measure: ImprovementMeasure) -> bool:
    """Change the measure itself: its text, owner, due date, links."""
    return manages(actor, measure.department)


def may_advance(actor: User, measure: ImprovementMeasure) -> bool:
    return may_manage(actor, measure) or measure.responsible_id == actor.pk


def visible_measures(actor: User) -> QuerySet[ImprovementMeasure]:
    """The register as `actor` sees it: the coordinator all; others their department's and their own."""
    measures = ImprovementMeasure.objects.select_related("department", "responsible")
    if is_coordinator(actor):
        return measures
    return measures.filter(
        Q(department__head=actor)
        | Q(responsible=actor)
        | Q(created_by=actor)
        | Q(department=actor.department_id)
    ).distinct()


def overdue(today: dt.date | None = None) -> QuerySet[ImprovementMeasure]:
    today = today or timezone.localdate()
    return ImprovementMeasure.objects.filter(status__in=UNFINISHED_MEASURE_STATUSES, due_date__lt=today)


def _history(
    measure: ImprovementMeasure,
    actor: User,
    summary: str,
    details: str = "",
    complaint: Complaint | None = None,
) -> None:
    MeasureEvent.objects.create(
        measure=measure, actor=actor, summary=summary[:300], details=details, complaint=complaint
    )


def history_for(viewer: User, measure: ImprovementMeasure) -> QuerySet[MeasureEvent]:
    """The measure's history as `viewer` may see it: no entry about a complaint they may not see."""
    return visible_through(viewer, measure.events.all(), keep_unlinked=True).select_related(
        "actor", "complaint"
    )


def _on_timeline(complaint: Complaint, measure: ImprovementMeasure, actor: User) -> None:
    timeline.record(
        complaint,
        kind=EventKind.LEARNING,
        actor=actor,
        summary=_("Verbetermaatregel gekoppeld: %(measure)s") % {"measure": measure.description[:200]},
    )


def _check_fields(description: str, due_date: dt.date | None, responsible: User | None) -> None:
    if not description.strip():
        raise GuardFailed(_("Beschrijf de maatregel: wat gaat er anders?"))
    if due_date is None:
        raise GuardFailed(_("Geef de datum waarop de maatregel klaar moet zijn."))
    if responsible is None or not responsible.is_active:
        raise GuardFailed(_("Kies een medewerker die verantwoordelijk is voor de maatregel."))


def propose(
    *,
    description: str,
    department: Department,
    responsible: User,
    due_date: dt.date,
    actor: User,
    complaints: Iterable[Complaint] = (),
    status: str = MeasureStatus.PROPOSED,
) -> ImprovementMeasure:
    """Record a new measure, linked to `complaints` (each of which `actor` must be allowed to handle)."""
    complaints = list(complaints)
    _check_fields(description, due_date, responsible)
    if status not in UNFINISHED_MEASURE_STATUSES:
        raise GuardFailed(_("Een nieuwe maatregel is voorgesteld of afgesproken."))
    if not manages(actor, department) and not complaints:
        raise PermissionDenied(
            _(
                "Alleen de klachtencoördinator en het afdelingshoofd leggen maatregelen los van een klacht vast."
            )
        )
    for complaint in complaints:
        lifecycle.ensure_may_handle(actor, complaint)
    with transaction.atomic():
        measure = ImprovementMeasure.objects.create(
            description=description.strip(),
            department=department,
            responsible=responsible,
            due_date=due_date,
            status=status,
            created_by=actor,
        )
        measure.complaints.set(complaints)
        _history(
            measure, actor, _("Maatregel vastgelegd (%(status)s)") % {"status": measure.get_status_display()}
        )
        for complaint in complaints:
            _on_timeline(complaint, measure, actor)
    return measure


def link_complaint(measure: ImprovementMeasure, complaint: Complaint, *, actor: User) -> None:
    if not may_manage(actor, measure):
        raise PermissionDenied(_("U mag deze maatregel niet wijzigen."))
    lifecycle.ensure_may_handle(actor, complaint)
    if measure.complaints.filter(pk=complaint.pk).exists():
        raise GuardFailed(
            _("Klacht %(reference)s hoort al bij deze maatregel.") % {"reference": complaint.reference}
        )
    with transaction.atomic():
        measure.complaints.add(complaint)
        _history(measure, actor, _("Klacht gekoppeld"), complaint=complaint)
        _on_timeline(complaint, measure, actor)


def advance(
    measure: ImprovementMeasure, *, to: str, actor: User, note: str = "", on: dt.date | None = None
) -> ImprovementMeasure:
    """Move the measure forward to `to`; evaluated needs the evaluation in `note`."""
    if not may_advance(actor, measure):
        raise PermissionDenied(_("U mag de status van deze maatregel niet wijzigen."))
    if to not in ORDER or ORDER.index(to) <= ORDER.index(measure.status):
        raise GuardFailed(
            _("Een maatregel gaat alleen vooruit: van %(current)s naar een volgende stap.")
            % {"current": measure.get_status_display().lower()}
        )
    if to == MeasureStatus.EVALUATED and not note.strip():
        raise GuardFailed(_("Schrijf de evaluatie op: heeft de maatregel gewerkt?"))
    on = on or timezone.localdate()
    with transaction.atomic():
        measure = ImprovementMeasure.objects.select_for_update().get(pk=measure.pk)
        measure.status = to
        if ORDER.index(to) >= ORDER.index(MeasureStatus.IMPLEMENTED) and measure.implemented_on is None:
            measure.implemented_on = on
        if to == MeasureStatus.EVALUATED:
            measure.evaluated_on = on
            measure.evaluation = note.strip()
        measure.save()
        _history(
            measure,
            actor,
            _("Status: %(status)s") % {"status": measure.get_status_display()},
            details=note.strip(),
        )
    return measure


def update(
    measure: ImprovementMeasure,
    *,
    actor: User,
    description: str,
    department: Department,
    responsible: User,
    due_date: dt.date,
) -> ImprovementMeasure:
    if not may_manage(actor, measure):
        raise PermissionDenied(_("U mag deze maatregel niet wijzigen."))
    _check_fields(description, due_date, responsible)
    changes = []
    if measure.due_date != due_date:
        changes.append(
            _("klaar op %(old)s → %(new)s")
            % {"old": f"{measure.due_date:%d-%m-%Y}", "new": f"{due_date:%d-%m-%Y}"}
        )
    if measure.responsible_id != responsible.pk:
        changes.append(
            _("verantwoordelijke: %(name)s") % {"name": responsible.get_full_name() or responsible.username}
        )
    if measure.department_id != department.pk:
        changes.append(_("afdeling: %(name)s") % {"name": department.name})
    if measure.description != description.strip():
        changes.append(_("omschrijving gewijzigd"))
    if not changes:
        return measure
    with transaction.atomic():
        measure.description, measure.department, measure.responsible, measure.due_date = (
            description.strip(),
            department,
            responsible,
            due_date,
        )
        measure.save()
        _history(measure, actor, _("Gewijzigd: %(changes)s") % {"changes": "; ".join(changes)})
    return measure
