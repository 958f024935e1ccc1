"""The web form's one-time token of a complaint: it leads a double submit back to the complaint.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the erasure. Nothing of it goes into the export:
the token means nothing to the complainant.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gehoord.core.personal_data import (
    Erased,
    PersonalDataHolder,
    declare_no_complainant_data,
    register_personal_data,
)
from gehoord.intake.models import WebSubmission

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    # The browser that sent the form no longer finds its way back to the file.
    count = WebSubmission.objects.filter(complaint=complaint).delete()[0]
    return Erased(counts={"web_submissions": count})


HOLDER = PersonalDataHolder(name="intake", removes=("intake.WebSubmission",), erase=erase)


def register() -> None:
    register_personal_data(HOLDER)
    declare_no_complainant_data("intake.TriageDestination", "the web form's triage texts and links")
