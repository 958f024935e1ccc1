from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "gehoord.monitor"
    verbose_name = _("Termijnbewaking")

    def ready(self) -> None:
        from gehoord.monitor.metrics import register_domain_collector

        # /metrics (gehoord.core.metrics) serves the complaint, letter, mailbox and webhook gauges.
        register_domain_collector()
