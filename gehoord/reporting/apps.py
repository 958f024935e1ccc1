from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "gehoord.reporting"
    verbose_name = _("Rapportage")

    def ready(self) -> None:
        from gehoord.accounts import navigation
        from gehoord.accounts.access import is_management

        navigation.register(navigation.Screen(_("Dashboard"), "dashboard", is_management, order=50))
        navigation.register(
            navigation.Screen(_("Jaarverslag"), "annual_reports", is_management, order=70, more=True)
        )
