"""Letter texts in the admin: edit with a checked placeholder language, preview as PDF, restore.

One row per kind of letter (created at migrate). Saving goes through
:func:`gehoord.correspondence.letter_templates.save_text`, so the admin can
never store a text that the letters cannot render or that leaves out what
the law asks. "Voorbeeld (pdf)" renders the text as it stands in the form,
unsaved, for a made-up complaint; "Standaardtekst herstellen" goes back to the
text Gehoord ships.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gehoord.correspondence import letter_templates, placeholders
from gehoord.correspondence.default_texts import LetterText
from gehoord.correspondence.models import LetterTemplate

PREVIEW_BUTTON = "_preview"
RESTORE_BUTTON = "_restore"


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["subject", "email_summary", "body"]
        widgets = {
            "subject": forms.TextInput(attrs={"size": 90}),
            "email_summary": forms.Textarea(attrs={"rows": 4, "cols": 90}),
            "body": forms.Textarea(attrs={"rows": 30, "cols": 90, "spellcheck": "true"}),
        }

    def text(self) -> LetterText:
        data = self.cleaned_data
        return LetterText(
            subject=data.get("subject", ""),
            email_summary=data.get("email_summary", ""),
            body=data.get("body", ""),
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            problems = letter_templates.check_text(self.instance.kind, self.text())
            for field, field_messages in problems.by_field.items():
                for message in field_messages:
                    self.add_error(field, message)
        return cleaned


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    change_form_template = "admin/correspondence/lettertemplate/change_form.html"
    list_display = ("__str__", "subject", "updated_at", "updated_by")
    readonly_fields = ("kind", "updated_at", "updated_by")
    fieldsets = (
        (None, {"fields": ("kind", "subject", "email_summary", "body")}),
        (gettext_lazy("Wijzigingen"), {"fields": ("updated_at", "updated_by")}),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Every kind has its row from the first migrate on; a kind is never added twice.
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Deleting would leave letters without the municipality's text; restore the default instead.
        return False

    def save_model(
        self, request: HttpRequest, obj: LetterTemplate, form: LetterTemplateForm, change: bool
    ) -> None:
        saved = letter_templates.save_text(obj.kind, form.text(), actor=request.user)
        obj.pk, obj.updated_at, obj.updated_by = saved.pk, saved.updated_at, saved.updated_by

    def changeform_view(self, request: HttpRequest, object_id=None, form_url="", extra_context=None):
        template = self.get_object(request, object_id) if object_id else None
        if (
            request.method == "POST"
            and template is not None
            and self.has_change_permission(request, template)
        ):
            if RESTORE_BUTTON in request.POST:
                letter_templates.restore_default(template.kind, actor=request.user)
                self.message_user(
                    request, _("De standaardtekst van deze brief is teruggezet."), level=messages.SUCCESS
                )
                return HttpResponseRedirect(request.path)
            if PREVIEW_BUTTON in request.POST:
                form = LetterTemplateForm(request.POST, instance=template)
                if form.is_valid():
                    return self._preview(template, form.text())
                # Not valid: fall through, so the form shows what to fix (and saves nothing).
        extra_context = {
            **(extra_context or {}),
            "placeholders": self._placeholder_rows(template.kind) if template else [],
            "preview_button": PREVIEW_BUTTON,
            "restore_button": RESTORE_BUTTON,
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _preview(self, template: LetterTemplate, text: LetterText) -> HttpResponse:
        pdf = letter_templates.preview_pdf(template.kind, text)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="voorbeeld-{template.kind}.pdf"'
        return response

    @staticmethod
    def _placeholder_rows(kind: str) -> list[dict]:
        required = placeholders.REQUIRED.get(kind, {})
        return [
            {
                "name": placeholder.name,
                "description": placeholder.description,
                "block": placeholder.block,
                "required": required.get(placeholder.name),
            }
            for placeholder in placeholders.available(kind)
        ]
