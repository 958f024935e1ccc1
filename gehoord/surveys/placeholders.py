"""The survey's placeholders in letters: its personal link, its QR code and its last day.

Correspondence renders letters but sits below surveys, so it imports nothing
from here: :func:`register` adds these placeholders, what the law asks the
survey letters to contain, the link an e-mail fills in when it is sent, and
the example invitation of a letter preview, from
:class:`gehoord.surveys.apps.SurveysConfig`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gehoord.correspondence import letter_templates
from gehoord.correspondence.constants import LetterKind
from gehoord.correspondence.placeholders import (
    LetterContext,
    Placeholder,
    Value,
    format_date,
    register_placeholders,
)
from gehoord.surveys.links import survey_qr_data_uri, survey_url
from gehoord.surveys.models import SurveyInvitation

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint

# Stands in the stored e-mail text for the personal link to the survey, which is only derived
# (HMAC) when the message is sent: the secret is never stored.
SURVEY_LINK_PLACEHOLDER = "[enquete-link]"

# The invitation to the satisfaction survey, and its one reminder.
SURVEY_KINDS = frozenset({LetterKind.SURVEY_INVITATION, LetterKind.SURVEY_REMINDER})


def survey_link_of(complaint: Complaint) -> str:
    return survey_url(complaint.survey_invitation)


def _survey_link(context: LetterContext) -> Value:
    if context.for_email:
        return SURVEY_LINK_PLACEHOLDER
    url = survey_link_of(context.complaint)
    return format_html('<a href="{}">{}</a>', url, url)


def _survey_qr(context: LetterContext) -> Value:
    return format_html(
        '<p><img src="{}" alt="{}" width="120" height="120"></p>',
        survey_qr_data_uri(context.complaint.survey_invitation),
        _("QR-code met de link naar de enquête"),
    )


def _expires_on(context: LetterContext) -> Value:
    return format_date(context.complaint.survey_invitation.expires_on) or None


PLACEHOLDERS = [
    Placeholder("enquete_link", _("de persoonlijke link naar de enquête"), _survey_link, kinds=SURVEY_KINDS),
    Placeholder(
        "enquete_qr",
        _("blok: een QR-code met de link naar de enquête, voor wie de brief op papier krijgt"),
        _survey_qr,
        kinds=SURVEY_KINDS,
        block=True,
    ),
    Placeholder(
        "enquete_verloopt",
        _("de laatste dag waarop de enquête kan worden ingevuld"),
        _expires_on,
        kinds=SURVEY_KINDS,
    ),
]

REQUIRED = {
    LetterKind.SURVEY_INVITATION: {"enquete_link": _("de uitnodiging geeft de link naar de enquête")},
    LetterKind.SURVEY_REMINDER: {"enquete_link": _("de herinnering geeft de link naar de enquête")},
}


def add_example_invitation(complaint: Complaint, now: dt.datetime) -> None:
    """The preview's example complaint gets an invitation, so the survey letters show a link and a date."""
    SurveyInvitation.objects.create(
        complaint=complaint, send_after=now, expires_on=timezone.localdate(now) + dt.timedelta(days=28)
    )


def register() -> None:
    """Offer the survey's placeholders to the letters (once, however often it is called)."""
    register_placeholders(
        *PLACEHOLDERS, required=REQUIRED, email_links={SURVEY_LINK_PLACEHOLDER: survey_link_of}
    )
    letter_templates.register_example_data(add_example_invitation)
