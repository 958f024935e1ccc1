"""The learning review's personal data: its reasoning and the lesson told to the complainant.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the export and the erasure. Whether improvement
was possible, and when the review was done, stay for the figures.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from gehoord.core.personal_data import (
    Erased,
    PersonalDataHolder,
    declare_no_complainant_data,
    export_moment,
    register_personal_data,
)
from gehoord.learning.models import LearningReview

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint


def export(complaint: Complaint) -> dict[str, Any]:
    review = LearningReview.objects.filter(complaint=complaint).first()
    return {
        "learning_review": {
            "improvement_possible": review.improvement_possible,
            "reasoning": review.reasoning,
            "lesson_for_complainant": review.lesson_for_complainant,
            "reviewed_at": export_moment(review.reviewed_at),
        }
        if review
        else None
    }


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    LearningReview.objects.filter(complaint=complaint).update(reasoning="", lesson_for_complainant="")
    return Erased()


HOLDER = PersonalDataHolder(
    name="learning",
    blanks={"learning.LearningReview": ("reasoning", "lesson_for_complainant")},
    export=export,
    erase=erase,
)


def register() -> None:
    register_personal_data(HOLDER)
    # A measure is the organisation's change, linked to complaints by reference only.
    declare_no_complainant_data("learning.ImprovementMeasure", "the organisation's measure, not a person's")
    declare_no_complainant_data(
        "learning.MeasureEvent", "a measure's history: its steps and linked references"
    )
