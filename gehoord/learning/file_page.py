"""Learning's forms on a complaint's file page: the learning review and proposing a measure.

The file page belongs to cases, which sits below learning and imports none
of it: :func:`register` adds these actions to
:data:`gehoord.cases.file_actions.ACTIONS` from
:class:`gehoord.learning.apps.LearningConfig`. They post to the file page's
own action URL (``cases:action``) like every other form there, and the
lifecycle decides when they are shown and allowed.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gehoord.cases import lifecycle
from gehoord.cases.file_actions import Action, register_file_action
from gehoord.cases.models import Complaint
from gehoord.learning import measures
from gehoord.learning.forms import LearningReviewForm, MeasureForm
from gehoord.learning.services import record_learning_review


def _learning_review(complaint: Complaint, data: dict, actor) -> object:
    return record_learning_review(complaint, actor=actor, **data)


def _propose_measure(complaint: Complaint, data: dict, actor) -> object:
    # From the file, a measure is proposed during its learning review. The register links a
    # measure to any complaint (also a closed one); that is measures.link_complaint's business.
    lifecycle.ensure_action_allowed(complaint, "propose_measure")
    return measures.propose(actor=actor, complaints=[complaint], **data)


LEARNING_REVIEW = Action(LearningReviewForm, _learning_review, _("Leerpunten opgeslagen."))
PROPOSE_MEASURE = Action(MeasureForm, _propose_measure, _("Verbetermaatregel vastgelegd."))


def register() -> None:
    """Put the learning review and the measure form on the file page (once, however often it is called)."""
    register_file_action("learning_review", LEARNING_REVIEW)
    register_file_action("propose_measure", PROPOSE_MEASURE)
