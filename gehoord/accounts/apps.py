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
