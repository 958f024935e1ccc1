from django import forms
from django.utils.translation import gettext_lazy as _

MAX_EML_SIZE = 25 * 1024 * 1024


class EmlUploadForm(forms.Form):
    eml = forms.FileField(
        label=_("E-mail als .eml-bestand"),
        help_text=_("Sla de e-mail in uw mailprogramma op als bestand (.eml) en kies dat bestand hier."),
        error_messages={"required": _("Kies het .eml-bestand van de e-mail.")},
    )

    def clean_eml(self):
        upload = self.cleaned_data["eml"]
        if upload.size > MAX_EML_SIZE:
            raise forms.ValidationError(
                _("Het bestand is groter dan 25 MB. Stuur de e-mail door naar het klachtenpostvak.")
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Het bestand is leeg. Kies het .eml-bestand van de e-mail."))
        return upload


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom zet u dit bericht apart?"),
        max_length=500,
        error_messages={"required": _("Schrijf op waarom u dit bericht apart zet.")},
    )
