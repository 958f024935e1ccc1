"""Flower vouchers: a thank-you to complainants whose complaint was (partly) founded.

One voucher per complaint at most (a unique complaint), due automatically,
ordered in batches and marked sent; see :mod:`gehoord.vouchers.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VoucherStatus(models.TextChoices):
    DUE = "due", _("Te bestellen")
    ORDERED = "ordered", _("Besteld")
    SENT = "sent", _("Verstuurd")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


class NotApplicableReason(models.TextChoices):
    DECLINED = "declined", _("Klager wil geen bon")
    NO_ADDRESS = "no_address", _("Geen postadres bekend")
    OTHER = "other", _("Andere reden")


class VoucherBatch(models.Model):
    """The vouchers ordered together from the supplier."""

    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ordered_on = models.DateField(_("besteld op"), null=True, blank=True)
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bestelling bloemenbonnen")
        verbose_name_plural = _("bestellingen bloemenbonnen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%d-%m-%Y} ({self.pk})"


class FlowerVoucher(models.Model):
    complaint = models.OneToOneField(
        "cases.Complaint", verbose_name=_("klacht"), on_delete=models.PROTECT, related_name="flower_voucher"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VoucherStatus.choices, default=VoucherStatus.DUE
    )
    # Fixed when the voucher became due: a later change of the settings does not change a promise made.
    value = models.DecimalField(_("waarde (euro)"), max_digits=6, decimal_places=2)
    supplier = models.CharField(_("leverancier"), max_length=200)
    batch = models.ForeignKey(
        VoucherBatch,
        verbose_name=_("bestelling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    not_applicable_reason = models.CharField(
        _("reden niet van toepassing"), max_length=20, choices=NotApplicableReason.choices, blank=True
    )
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("verschuldigd sinds"), default=timezone.now)
    ordered_on = models.DateField(_("besteld op"), null=True, blank=True)
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bloemenbon")
        verbose_name_plural = _("bloemenbonnen")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.complaint} ({self.get_status_display()})"
