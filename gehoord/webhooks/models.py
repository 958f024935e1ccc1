"""Systems that want to hear of lifecycle events, and each event delivered to them.

A delivery is an outbox row: it is written in the same transaction as the
step it announces, so an event is never sent for a step that rolled back nor
lost for one that committed. The task that sends it runs after the commit.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.core import outbound
from gehoord.webhooks.signing import new_secret


class EventType(models.TextChoices):
    RECEIVED = "complaint.received", _("Klacht ontvangen")
    STATUS_CHANGED = "complaint.status_changed", _("Status van een klacht gewijzigd")
    DECISION_POSTPONED = "complaint.decision_postponed", _("Beslissing verdaagd")


class WebhookEndpoint(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    url = models.URLField(
        _("adres"),
        max_length=500,
        help_text=_(
            "Gehoord stuurt elke gebeurtenis als POST met JSON naar dit adres. Het begint met https:// "
            "en ligt op internet: interne adressen worden geweigerd."
        ),
    )
    events = models.JSONField(
        _("gebeurtenissen"),
        default=list,
        blank=True,
        help_text=_("Leeg: alle gebeurtenissen."),
    )
    secret = models.CharField(
        _("geheim"),
        max_length=100,
        default=new_secret,
        editable=False,
        help_text=_("Hiermee controleert de ontvanger de handtekening (Standard Webhooks, HMAC-SHA256)."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        # Checked again at every send (gehoord.core.outbound); here the admin hears it at once.
        if self.url:
            try:
                outbound.check_url(self.url)
            except ValidationError as error:
                raise ValidationError({"url": error.messages}) from error

    def wants(self, event_type: str) -> bool:
        return not self.events or event_type in self.events


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Nog niet afgeleverd")
    DELIVERED = "delivered", _("Afgeleverd")
    FAILED = "failed", _("Opgegeven")


class WebhookDelivery(models.Model):
    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    # The webhook-id header: the same on every attempt, so receivers can drop duplicates.
    event_id = models.UUIDField(_("kenmerk gebeurtenis"), default=uuid.uuid4, editable=False)
    event_type = models.CharField(_("gebeurtenis"), max_length=40, choices=EventType.choices)
    payload = models.JSONField(_("inhoud"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("afgeleverd"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("laatste HTTP-status"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("webhookbericht")
        verbose_name_plural = _("webhookberichten")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint}"
