from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClockConfig(AppConfig):
    name = "gehoord.clock"
    verbose_name = _("Termijnen en kalender")
