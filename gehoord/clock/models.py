"""Calendar data an admin maintains: decree days (Atw) and the municipality's closing days."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EquatedDay(models.Model):
    """A day equated with an Atw holiday by royal decree: it stops legal terms from ending."""

    date = models.DateField(_("datum"), unique=True)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bij besluit gelijkgestelde dag")
        verbose_name_plural = _("bij besluit gelijkgestelde dagen (Atw)")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.description}".strip()


class ClosingDay(models.Model):
    """A day the municipality is closed: no working day for internal targets, no effect on legal terms."""

    date = models.DateField(_("datum"), unique=True)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sluitingsdag")
        verbose_name_plural = _("sluitingsdagen")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.description}".strip()
