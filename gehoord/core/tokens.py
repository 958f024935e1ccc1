"""Bearer tokens for systems that call Gehoord (API clients, webhook senders).

Only a SHA-256 hash is stored; the token is shown once, when it is made. The
lookup is by hash and the comparison in constant time.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def holder_of(candidates: QuerySet, token: str) -> Model | None:
    """The row of `candidates` (with a ``token_hash`` field) whose token this is, or None."""
    if not token:
        return None
    digest = hash_token(token)
    holder = candidates.filter(token_hash=digest).first()
    if holder is None or not constant_time_compare(holder.token_hash, digest):
        return None
    return holder


class TokenShownOnceAdmin(admin.ModelAdmin):
    """Makes the token when the row is added and shows it to the admin this one time."""

    def save_model(self, request, obj, form, change: bool) -> None:
        token = None
        if not change:
            token = new_token()
            obj.token_hash = hash_token(token)
        super().save_model(request, obj, form, change)
        if token:
            self.message_user(
                request,
                _("Het token voor %(name)s is: %(token)s — kopieer het nu; het wordt niet meer getoond.")
                % {"name": obj, "token": token},
                level=messages.WARNING,
            )
