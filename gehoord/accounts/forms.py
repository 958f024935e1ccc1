from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code uit uw authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        help_text=_("Zes cijfers; de code verandert elke 30 seconden."),
        error_messages={
            "required": _("Vul de code van zes cijfers uit uw authenticator-app in."),
            "invalid": _("De code bestaat uit zes cijfers, zonder letters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()
