"""Webhook clients in the admin: the token is generated on creation and shown once."""

from django.contrib import admin

from gehoord.core.tokens import TokenShownOnceAdmin
from gehoord.social.models import WebhookClient


@admin.register(WebhookClient)
class WebhookClientAdmin(TokenShownOnceAdmin):
    list_display = ("name", "is_active", "created_at", "last_used_at")
    list_filter = ("is_active",)
    fields = ("name", "is_active", "created_at", "last_used_at")
    readonly_fields = ("created_at", "last_used_at")
