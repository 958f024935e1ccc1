"""Webhook clients in the admin: the token is generated on creation and shown once."""

import secrets

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from gehoord.social.models import WebhookClient, hash_token


def new_token() -> str:
    return secrets.token_urlsafe(32)


@admin.register(WebhookClient)
class WebhookClientAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active", "created_at", "last_used_at")
    list_filter = ("is_active",)
    fields = ("name", "is_active", "created_at", "last_used_at")
    readonly_fields = ("created_at", "last_used_at")

    def save_model(self, request, obj: WebhookClient, form, change: bool) -> None:
        token = None
        if not change:
            token = new_token()
            obj.token_hash = hash_token(token)
        super().save_model(request, obj, form, change)
        if token:
            self.message_user(
                request,
                _("Het token voor %(name)s is: %(token)s — kopieer het nu; het wordt niet meer getoond.")
                % {"name": obj.name, "token": token},
                level=messages.WARNING,
            )
