"""API clients in the admin: the token is made on creation and shown once."""

from django import forms
from django.contrib import admin

from gehoord.api.models import ApiClient, Scope
from gehoord.core.tokens import TokenShownOnceAdmin


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = ApiClient
        fields = ["name", "user", "scopes", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only service accounts are offered (ApiClient.clean refuses a person's account as well).
        self.fields["user"].queryset = self.fields["user"].queryset.filter(is_service_account=True)


@admin.register(ApiClient)
class ApiClientAdmin(TokenShownOnceAdmin):
    form = ApiClientForm
    list_display = ("name", "user", "is_active", "created_at", "last_used_at")
