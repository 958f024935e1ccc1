from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "gehoord.correspondence"
    verbose_name = _("Correspondentie")
