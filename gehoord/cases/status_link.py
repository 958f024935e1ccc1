"""The complainant's personal status link.

The secret in the link is derived (HMAC with the site's SECRET_KEY) from the
complaint's id and a random nonce, so nothing in the database alone is enough
to forge a link; rotating the nonce revokes the old link. Secrets are compared
in constant time.

It lives in cases, below intake (whose status page it opens) and
correspondence (whose letters carry it), so both can use it.
"""

from __future__ import annotations

import base64
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from gehoord.cases.models import Complaint
from gehoord.cases.selectors import by_reference

# The salt keeps its old module's name: changing it would break every link already sent.
_SALT = "gehoord.intake.status-link"


def status_secret(complaint: Complaint) -> str:
    digest = salted_hmac(_SALT, f"{complaint.pk}:{complaint.public_token}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def status_path(complaint: Complaint) -> str:
    return reverse("intake:status", args=[complaint.reference, status_secret(complaint)])


def status_url(complaint: Complaint) -> str:
    """The absolute link for e-mails and letters (SITE_URL + path)."""
    return settings.SITE_URL.rstrip("/") + status_path(complaint)


def complaint_for_status_link(reference: str, secret: str) -> Complaint | None:
    """The complaint the link opens, or None when the link is wrong (no hint which part)."""
    complaint = by_reference(Complaint.objects.select_related("complainant"), reference)
    expected = status_secret(complaint) if complaint else status_secret(_DUMMY)
    if complaint is None or not constant_time_compare(secret, expected):
        return None
    return complaint


def revoke_status_link(complaint: Complaint) -> None:
    complaint.public_token = uuid.uuid4()
    complaint.save(update_fields=["public_token", "updated_at"])


# Compared against when the reference does not exist, so that a wrong reference
# takes as long as a wrong secret.
_DUMMY = Complaint(pk=0, public_token=uuid.UUID(int=0))
