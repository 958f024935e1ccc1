"""That a complaint's personal data were erased, when, why and by whom.

The complaint row itself stays (its dates, status, outcome, channel, route,
departments and terms feed the anonymous figures); this row says that the
personal data around it are gone, so screens show "verwijderd" instead of
empty fields and the retention job never picks the complaint again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureTrigger(models.TextChoices):
    RETENTION = "retention", _("Bewaartermijn verstreken")
    MANUAL = "manual", _("Handmatig door de coördinator")


class PersonalDataErasure(models.Model):
    complaint = models.OneToOneField(
        "cases.Complaint",
        verbose_name=_("klacht"),
        on_delete=models.PROTECT,
        related_name="personal_data_erasure",
    )
    personal_data_erased_at = models.DateTimeField(_("persoonsgegevens verwijderd op"), default=timezone.now)
    # Written by the coordinator or the retention job; the form asks for no personal data in it.
    reason = models.TextField(_("reden"))
    trigger = models.CharField(_("aanleiding"), max_length=20, choices=ErasureTrigger.choices)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What was removed, as counts only (files, letters, events...): for the admin's read-only log.
    removed = models.JSONField(_("verwijderd"), default=dict, blank=True)

    class Meta:
        verbose_name = _("verwijdering persoonsgegevens")
        verbose_name_plural = _("verwijderingen persoonsgegevens")
        ordering = ["-personal_data_erased_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.personal_data_erased_at:%Y-%m-%d}"
