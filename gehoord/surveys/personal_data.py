"""The survey invitation of a complaint: its dates, and the personal link that the erasure revokes.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the export and the erasure. The answers are
stored without any link to the complaint or the complainant
(:mod:`gehoord.surveys.models`): they are not this complainant's personal data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.core.personal_data import (
    Erased,
    PersonalDataHolder,
    declare_no_complainant_data,
    export_day,
    export_moment,
    register_personal_data,
)
from gehoord.surveys.models import SurveyInvitation

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint


def export(complaint: Complaint) -> dict[str, Any]:
    invitation = SurveyInvitation.objects.filter(complaint=complaint).first()
    return {
        "survey": {
            "invitation": {
                "planned_for": export_moment(invitation.send_after),
                "sent_at": export_moment(invitation.sent_at),
                "reminder_sent_at": export_moment(invitation.reminder_sent_at),
                "responded_at": export_moment(invitation.responded_at),
                "expires_on": export_day(invitation.expires_on),
            }
            if invitation
            else None,
            "answers": [],
            "answers_note": _(
                "Antwoorden op de enquête worden los van de klacht en de klager bewaard "
                "en zijn niet tot deze klager te herleiden."
            ),
        }
    }


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    """The personal link stops working; the invitation's dates stay."""
    yesterday = timezone.localdate(at) - dt.timedelta(days=1)
    for invitation in SurveyInvitation.objects.filter(complaint=complaint):
        # A new nonce revokes the personal link; an expired invitation is never sent nor reminded.
        invitation.nonce = uuid.uuid4()
        invitation.expires_on = min(invitation.expires_on, yesterday)
        invitation.save(update_fields=["nonce", "expires_on"])
    return Erased()


HOLDER = PersonalDataHolder(
    name="surveys", blanks={"surveys.SurveyInvitation": ("nonce",)}, export=export, erase=erase
)


def register() -> None:
    register_personal_data(HOLDER)
    declare_no_complainant_data("surveys.Question", "the survey's questions")
    declare_no_complainant_data(
        "surveys.SurveyAnswer", "stored apart from the complaint and the complainant, by quarter and route"
    )
