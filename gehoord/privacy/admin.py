from django.contrib import admin

from gehoord.privacy.models import PersonalDataErasure


@admin.register(PersonalDataErasure)
class PersonalDataErasureAdmin(admin.ModelAdmin):
    """A read-only log: erasing happens through the coordinator's screen and the retention job."""

    list_display = ("complaint", "personal_data_erased_at", "trigger", "erased_by")
    list_filter = ("trigger",)
    date_hierarchy = "personal_data_erased_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
