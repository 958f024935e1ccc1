"""Admin for reference data only: complaint files are worked on in the staff screens."""

from django.contrib import admin

from gehoord.cases.models import ConductNorm


@admin.register(ConductNorm)
class ConductNormAdmin(admin.ModelAdmin):
    list_display = ("position", "name", "cluster")
    list_display_links = ("name",)
    list_filter = ("cluster",)
