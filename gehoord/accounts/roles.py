"""The staff roles. Each role is a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Klachtencoördinator")
    HANDLER = "handler", _("Behandelaar")
    DEPARTMENT_HEAD = "department_head", _("Afdelingshoofd")
    ADMIN = "admin", _("Functioneel beheerder")
