"""Reading letters, shaped for the screens."""

from __future__ import annotations

from django.db.models import QuerySet

from gehoord.correspondence.constants import NOT_SENT_STATUSES
from gehoord.correspondence.models import Letter


def letters_not_sent() -> QuerySet[Letter]:
    """Letters that have not reached the complainant yet, oldest first.

    E-mails still being retried (their attempts and last error tell why) and
    post letters waiting to be printed: what the coordinator must keep an eye on.
    """
    return (
        Letter.objects.filter(status__in=NOT_SENT_STATUSES)
        .select_related("complaint", "complaint__complainant")
        .order_by("created_at", "pk")
    )
