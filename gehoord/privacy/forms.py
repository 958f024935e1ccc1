from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.privacy.services import MAX_REASON_LENGTH


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        help_text=_(
            "Bijvoorbeeld: verzoek van de klager om verwijdering (art. 17 AVG) van 2 december 2026. "
            "Schrijf geen persoonsgegevens in de reden: die blijft bewaard."
        ),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Geef de reden waarom de persoonsgegevens worden verwijderd."),
            "max_length": _("De reden is te lang: gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat dit niet ongedaan kan worden gemaakt"),
        error_messages={
            "required": _("Bevestig dat u de persoonsgegevens definitief wilt verwijderen."),
        },
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(self.fields["reason"].error_messages["required"])
        return reason
