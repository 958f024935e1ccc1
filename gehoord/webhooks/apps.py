from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "gehoord.webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from gehoord.cases.lifecycle import register_after_step
        from gehoord.webhooks.services import announce_after_step

        # Every lifecycle step (and every new complaint) is announced to the subscribed systems.
        register_after_step(announce_after_step)
