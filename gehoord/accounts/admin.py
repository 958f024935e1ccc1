"""Employees in the admin, managed by functioneel beheer without making itself more than that.

A user manager who is not a superuser cannot see or change superusers, cannot
grant single permissions or superuser status, and cannot change its own roles
(the roles' permissions are fixed, see gehoord.accounts.roles). A service
account is chosen only when the account is made, and never has a password.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from gehoord.accounts.models import User

SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "is_service_account", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("username", "first_name", "last_name", "department", "is_active", "is_service_account")
    list_filter = ("groups", "department", "is_active", "is_service_account")

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return super().get_fieldsets(request, obj)
        login, personal, rights, dates = BaseUserAdmin.fieldsets
        rights_fields = [
            name
            for name in rights[1]["fields"]
            if request.user.is_superuser or name not in SUPERUSER_ONLY_FIELDS
        ]
        return (
            login,
            personal,
            (rights[0], {"fields": rights_fields}),
            dates,
            (_("Organisatie"), {"fields": ("department", "job_title", "phone")}),
            (_("Koppelingen"), {"fields": ("is_service_account", "oidc_subject")}),
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = ["oidc_subject"]
        if obj is not None:
            # A person's account never becomes a service account: an API token would then act as them.
            readonly.append("is_service_account")
            if obj.pk == request.user.pk and not request.user.is_superuser:
                readonly += ["is_active", "is_staff", "groups"]
        return readonly

    def get_queryset(self, request):
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def save_model(self, request, obj, form, change) -> None:
        if obj.is_service_account:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
