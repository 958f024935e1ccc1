from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailboxConfig(AppConfig):
    name = "gehoord.mailbox"
    verbose_name = _("Postvak klachten")

    def ready(self) -> None:
        from gehoord.mailbox import personal_data

        # Who sent a mail and its subject: exported and erased by privacy, through the core registry.
        personal_data.register()

        from gehoord.accounts import navigation
        from gehoord.accounts.access import is_coordinator

        navigation.register(navigation.Screen(_("Postvak"), "mailbox:list", is_coordinator, order=30))
