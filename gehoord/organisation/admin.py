from django.contrib import admin

from gehoord.organisation.models import Department, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return not Municipality.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "code", "head", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "name_en", "code")
    prepopulated_fields = {"code": ("name",)}
