from django.contrib import admin

from gehoord.surveys.models import Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "kind", "topic", "required", "is_active", "position")
    list_editable = ("position", "is_active")
    list_filter = ("kind", "topic", "is_active")

    def has_delete_permission(self, request, obj=None) -> bool:
        # A question with answers stays, so the results keep their meaning; switch it off instead.
        return super().has_delete_permission(request, obj) and (obj is None or not obj.answers.exists())
