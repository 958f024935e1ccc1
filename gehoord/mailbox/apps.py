from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailboxConfig(AppConfig):
    name = "gehoord.mailbox"
    verbose_name = _("Postvak klachten")
