"""Expressions of dissatisfaction on social media, and what the coordinator did with them.

A signal is not a complaint: the coordinator may contact the writer
proactively to prevent escalation, set it aside, or turn it into a complaint
that then follows the written procedure. A signal is stored once per
platform and post id, however often the platform or an import delivers it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.cases.constants import ContactChannel
from gehoord.core.tokens import holder_of
from gehoord.social.constants import ActionKind, Platform, SignalSource, SignalStatus


class SocialSignal(models.Model):
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    post_id = models.CharField(_("bericht-id"), max_length=200)
    author_handle = models.CharField(_("schrijver"), max_length=200)
    author_name = models.CharField(_("naam schrijver"), max_length=200, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    text = models.TextField(_("tekst"))
    posted_at = models.DateTimeField(_("geplaatst op"))
    received_at = models.DateTimeField(_("binnengekomen op"), default=timezone.now)
    source = models.CharField(_("bron"), max_length=20, choices=SignalSource.choices)

    status = models.CharField(
        _("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.NEW
    )
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The first reply to the writer: a proactive contact, or the complaint it turned into.
    first_response_at = models.DateTimeField(_("eerste reactie op"), null=True, blank=True)
    complaint = models.OneToOneField(
        "cases.Complaint",
        verbose_name=_("klacht"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="social_signal",
    )

    class Meta:
        verbose_name = _("signaal van sociale media")
        verbose_name_plural = _("signalen van sociale media")
        ordering = ["-posted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "post_id"], name="social_signal_once_per_post")
        ]
        indexes = [models.Index(fields=["status", "posted_at"])]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.author_handle} {self.posted_at:%Y-%m-%d %H:%M}"

    @property
    def time_to_first_response(self):
        return self.first_response_at - self.posted_at if self.first_response_at else None


class SignalAction(models.Model):
    """One thing the coordinator did with a signal: contact, set aside, turn into a complaint."""

    signal = models.ForeignKey(SocialSignal, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("soort"), max_length=20, choices=ActionKind.choices)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("kanaal"), max_length=20, choices=ContactChannel.choices, blank=True)
    # The message sent to the writer (a contact), or the reason (a dismissal).
    text = models.TextField(_("bericht of reden"), blank=True)

    class Meta:
        verbose_name = _("actie op signaal")
        verbose_name_plural = _("acties op signalen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.get_kind_display()}"


class WebhookClient(models.Model):
    """A system that may post signals to the webhook; only a hash of its token is stored."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook-koppeling")
        verbose_name_plural = _("webhook-koppelingen")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def authenticate(cls, token: str) -> WebhookClient | None:
        """The active client with this token, compared in constant time; None otherwise."""
        return holder_of(cls.objects.filter(is_active=True), token)


class AdapterCursor(models.Model):
    """Where an adapter that polls a platform left off (e.g. the last Mastodon notification id)."""

    key = models.CharField(max_length=200, primary_key=True)
    value = models.CharField(max_length=200)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
