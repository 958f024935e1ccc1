from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from gehoord.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisatie"), {"fields": ("department", "job_title", "phone")}),
    )
    list_display = ("username", "first_name", "last_name", "department", "is_active")
    list_filter = ("groups", "department", "is_active")
