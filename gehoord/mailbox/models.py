"""Every e-mail the complaints mailbox received, and what became of it.

One row per Message-ID (unique): the guard that a message is never imported
twice, even when the IMAP flag that marks it processed was not set. A message
that could not be imported stays in the mailbox and here, with the reason,
until a later poll imports it or the coordinator sets it aside.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageOutcome(models.TextChoices):
    NEW_COMPLAINT = "new_complaint", _("Nieuwe klacht")
    ADDED = "added", _("Toegevoegd aan klacht")
    AUTOMATIC = "automatic", _("Automatisch bericht, apart gezet")
    SET_ASIDE = "set_aside", _("Niets bruikbaars, apart gezet")
    FAILED = "failed", _("Niet ingelezen")
    DISMISSED = "dismissed", _("Apart gezet door medewerker")


# Outcomes after which the message is done with: the mailbox may mark it processed.
FINAL_OUTCOMES = frozenset(
    {
        MessageOutcome.NEW_COMPLAINT,
        MessageOutcome.ADDED,
        MessageOutcome.AUTOMATIC,
        MessageOutcome.SET_ASIDE,
        MessageOutcome.DISMISSED,
    }
)


class MessageSource(models.TextChoices):
    IMAP = "imap", _("Postvak (IMAP)")
    UPLOAD = "upload", _("Geüpload .eml-bestand")


class InboundMessage(models.Model):
    message_id = models.CharField(_("Message-ID"), max_length=300, unique=True)
    source = models.CharField(_("bron"), max_length=10, choices=MessageSource.choices)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=MessageOutcome.choices)
    complaint = models.ForeignKey(
        "cases.Complaint",
        verbose_name=_("klacht"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inbound_messages",
    )
    sender = models.CharField(_("afzender"), max_length=320, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=200, blank=True)
    # Why it was set aside (an auto-reply's header) or why it failed (the parser's or the store's reason).
    reason = models.TextField(_("reden"), blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=1)
    first_seen_at = models.DateTimeField(_("eerst gezien"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("laatste poging"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("binnengekomen e-mail")
        verbose_name_plural = _("binnengekomen e-mails")
        ordering = ["-last_attempt_at", "-pk"]
        indexes = [models.Index(fields=["outcome", "last_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.get_outcome_display()})"

    @property
    def is_final(self) -> bool:
        return self.outcome in FINAL_OUTCOMES
