"""Reading complaints: who sees which, and lists shaped for the screens."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.cases.lifecycle import OPEN_STATUSES
from gehoord.cases.models import Complaint

if TYPE_CHECKING:
    from gehoord.accounts.models import User


def visible_complaints(user: User) -> QuerySet[Complaint]:
    """The complaints `user` may see.

    The coordinator sees all; a handler those assigned to them; a department
    head those about their department. Nobody ever sees a complaint about their
    own conduct, whatever their role.
    """
    complaints = Complaint.objects.all()
    if not user.is_authenticated or not user.is_active:
        return complaints.none()
    if not user.has_role(Role.COORDINATOR):
        scopes = []
        if user.has_role(Role.HANDLER):
            scopes.append(Q(handler=user))
        if user.has_role(Role.DEPARTMENT_HEAD):
            scopes.append(Q(pk__in=Complaint.objects.filter(departments__head=user).values("pk")))
        if not scopes:
            return complaints.none()
        complaints = complaints.filter(reduce(or_, scopes))
    return complaints.exclude(pk__in=Complaint.objects.filter(employees_involved=user).values("pk"))


def complaint_list(user: User) -> QuerySet[Complaint]:
    """Visible complaints, newest first, marked when the decision term has passed while still open."""
    today = timezone.localdate()
    return (
        visible_complaints(user)
        .select_related("complainant", "handler")
        .annotate(
            is_overdue=Case(
                When(status__in=OPEN_STATUSES, decision_due__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-received_at")
    )


def complaint_file(user: User, reference: str) -> Complaint:
    """One complaint with what its file page shows; DoesNotExist when not visible."""
    return (
        visible_complaints(user)
        .select_related("complainant", "representative", "handler", "signatory")
        .prefetch_related("departments", "employees_involved", "parts__norms", "attachments")
        .get(reference=reference)
    )
