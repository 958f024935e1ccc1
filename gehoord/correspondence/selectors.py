"""Reading letters, shaped for the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from gehoord.correspondence.constants import NOT_SENT_STATUSES, LetterStatus, RecipientRole
from gehoord.correspondence.models import Letter

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint


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


def letters_received_by_complainant(complaint: Complaint) -> QuerySet[Letter]:
    """The letters the complainant's side has: sent or printed, to the complainant or their gemachtigde.

    What the personal status link offers as downloads. No letter to an employee,
    no internal forward, nothing still in the outbox, and no copy of a letter
    whose original (to the gemachtigde) is listed already.
    """
    return complaint.letters.filter(
        status__in=(LetterStatus.SENT, LetterStatus.PRINTED),
        recipient_role__in=(RecipientRole.COMPLAINANT, RecipientRole.REPRESENTATIVE),
        copy_of__isnull=True,
    ).order_by("sent_at", "created_at", "pk")
