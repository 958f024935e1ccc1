"""The personal, short link to a complainant's survey, and its QR code for letters on paper.

``/e/<invitation id>/<secret>/``: the secret is 12 characters derived (HMAC
with SECRET_KEY) from the invitation and its nonce — short enough to type
from a letter, never stored, compared in constant time.
"""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from gehoord.surveys.models import SurveyInvitation

_SALT = "gehoord.surveys.link"
SECRET_LENGTH = 12


def survey_secret(invitation: SurveyInvitation) -> str:
    digest = salted_hmac(_SALT, f"{invitation.pk}:{invitation.nonce}", algorithm="sha256").digest()
    # Lower-case base32 without look-alikes trouble: letters a-z and digits 2-7 only.
    return base64.b32encode(digest).decode().lower()[:SECRET_LENGTH]


def survey_path(invitation: SurveyInvitation) -> str:
    return reverse("surveys:answer", args=[invitation.pk, survey_secret(invitation)])


def survey_url(invitation: SurveyInvitation) -> str:
    return settings.SITE_URL.rstrip("/") + survey_path(invitation)


def invitation_for_link(pk: int, secret: str) -> SurveyInvitation | None:
    invitation = SurveyInvitation.objects.select_related("complaint").filter(pk=pk).first()
    expected = survey_secret(invitation) if invitation else survey_secret(_DUMMY)
    if invitation is None or not constant_time_compare(secret.strip().lower(), expected):
        return None
    return invitation


def survey_qr_data_uri(invitation: SurveyInvitation) -> str:
    """The link as a QR code (SVG), for the letter that goes by post."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(survey_url(invitation), image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


_DUMMY = SurveyInvitation(pk=0)
