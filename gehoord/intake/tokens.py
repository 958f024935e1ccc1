"""One-time form tokens: a double click or a resubmit of the same form makes one complaint.

The token is random and signed (so it cannot be invented) with a time stamp
(so an old form asks to be sent again). It is spent in the same transaction
that stores the complaint, under a unique constraint.
"""

import secrets

from django.core import signing

_SALT = "gehoord.intake.form-token"
MAX_AGE_SECONDS = 24 * 60 * 60


def new_form_token() -> str:
    return signing.dumps(secrets.token_urlsafe(24), salt=_SALT, compress=False)


def read_form_token(token: str) -> str | None:
    """The token's random part, or None when it is forged, damaged or older than a day."""
    try:
        return signing.loads(token, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
