from django.contrib import admin

from gehoord.intake.models import TriageDestination


@admin.register(TriageDestination)
class TriageDestinationAdmin(admin.ModelAdmin):
    list_display = ("position", "title", "option_label", "url", "is_active")
    list_display_links = ("title",)
    list_editable = ("position", "is_active")
    prepopulated_fields = {"slug": ("title",)}
