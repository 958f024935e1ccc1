from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "gehoord.learning"
    verbose_name = _("Leren van klachten")
