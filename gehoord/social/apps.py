from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialConfig(AppConfig):
    name = "gehoord.social"
    verbose_name = _("Sociale media")

    def ready(self) -> None:
        from gehoord.social import (
            checks,  # noqa: F401  (registers the settings check)
            personal_data,
        )

        # A signal's author, text and replies: exported and erased by privacy, through the core registry.
        personal_data.register()

        from gehoord.accounts import navigation
        from gehoord.accounts.access import is_coordinator

        navigation.register(navigation.Screen(_("Sociale media"), "social:queue", is_coordinator, order=40))
