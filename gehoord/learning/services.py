"""Recording the learning review that every complaint ends with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, timeline
from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint, ConductNorm
from gehoord.core.errors import GuardFailed
from gehoord.learning.models import LearningReview

if TYPE_CHECKING:
    from gehoord.accounts.models import User


def record_learning_review(
    complaint: Complaint,
    *,
    improvement_possible: bool,
    reasoning: str,
    lesson_for_complainant: str = "",
    norms: Iterable[ConductNorm] = (),
    actor: User,
    at: dt.datetime | None = None,
) -> LearningReview:
    lifecycle.ensure_may_handle(actor, complaint)
    at = at or timezone.now()
    with transaction.atomic():
        # The lifecycle says when a learning review is recorded, asked with the row locked so a
        # step taken at the same moment (closing) cannot slip in between.
        current = Complaint.objects.select_for_update().get(pk=complaint.pk)
        lifecycle.ensure_action_allowed(current, "learning_review")
        if not reasoning.strip():
            raise GuardFailed(_("Licht toe waarom er wel of niet iets te verbeteren was."))
        review, _created = LearningReview.objects.update_or_create(
            complaint=complaint,
            defaults={
                "improvement_possible": improvement_possible,
                "reasoning": reasoning.strip(),
                "lesson_for_complainant": lesson_for_complainant.strip(),
                "reviewed_by": actor,
                "reviewed_at": at,
            },
        )
        review.norms.set(norms)
        timeline.record(
            complaint,
            kind=EventKind.LEARNING,
            at=at,
            actor=actor,
            summary=_("Leerpunten vastgelegd: %(answer)s")
            % {"answer": _("verbetering mogelijk") if improvement_possible else _("geen verbetering nodig")},
        )
    complaint.learning_review = review
    return review
