from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gehoord.accounts"
    verbose_name = _("Medewerkers")

    def ready(self) -> None:
        from gehoord.accounts.roles import grant_role_permissions

        # After every app's migrations (no sender): the permissions of all apps exist only then.
        post_migrate.connect(grant_role_permissions, dispatch_uid="gehoord.accounts.grant_role_permissions")

        from gehoord.accounts import navigation
        from gehoord.accounts.access import is_coordinator, may_open_admin

        navigation.register(
            navigation.Screen(
                _("Wachttijden inloggen"), "employees:waits", is_coordinator, order=100, more=True
            )
        )
        navigation.register(
            navigation.Screen(_("Beheer"), "admin:index", may_open_admin, order=110, more=True)
        )
