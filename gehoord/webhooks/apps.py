from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "gehoord.webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from gehoord.cases.timeline import register_listener
        from gehoord.webhooks.services import announce_recorded

        # Every new complaint and every lifecycle step is on the timeline (its one writer):
        # announced from there to the subscribed systems.
        register_listener(announce_recorded)
