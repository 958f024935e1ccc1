"""API clients in the admin: the token is made on creation and shown once."""

import secrets

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _

from gehoord.api.models import ApiClient, Scope, hash_token


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = ApiClient
        fields = ["name", "user", "scopes", "is_active"]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ("name", "user", "is_active", "created_at", "last_used_at")

    def save_model(self, request, obj: ApiClient, form, change: bool) -> None:
        token = None
        if not change:
            token = secrets.token_urlsafe(32)
            obj.token_hash = hash_token(token)
        super().save_model(request, obj, form, change)
        if token:
            self.message_user(
                request,
                _("Het token voor %(name)s is: %(token)s — kopieer het nu; het wordt niet meer getoond.")
                % {"name": obj.name, "token": token},
                level=messages.WARNING,
            )
