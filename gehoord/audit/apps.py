from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gehoord.audit"
    verbose_name = _("Inzage-logboek")

    def ready(self) -> None:
        from gehoord.accounts.two_factor import register_wait_lifted_listener
        from gehoord.audit.listeners import record_wait_lifted

        register_wait_lifted_listener(record_wait_lifted)
