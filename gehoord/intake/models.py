"""The public side's own data: where non-complaints are sent, used form tokens, files awaiting a form."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TriageDestination(models.Model):
    """Somewhere else to go for something that is not a complaint (melding, bezwaar, ...)."""

    slug = models.SlugField(_("code"), unique=True)
    option_label = models.CharField(
        _("keuze in de triage"),
        max_length=200,
        help_text=_("Hoe de bezoeker de keuze ziet, bijvoorbeeld 'Iets kapot of vies op straat'."),
    )
    title = models.CharField(_("titel"), max_length=200)
    explanation = models.TextField(_("uitleg"))
    url = models.URLField(_("link"), blank=True)
    link_text = models.CharField(_("tekst van de link"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("verwijzing in de triage")
        verbose_name_plural = _("verwijzingen in de triage")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class WebSubmission(models.Model):
    """A used one-time form token: a double click or resubmit finds the complaint it made."""

    token = models.CharField(max_length=64, unique=True)
    complaint = models.OneToOneField(
        "cases.Complaint", on_delete=models.CASCADE, related_name="web_submission"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.token


def pending_upload_path(instance: PendingUpload, filename: str) -> str:
    # Random, like an attachment's: the file name the citizen chose is personal data.
    return f"pending/{uuid.uuid4().hex}"


class PendingUpload(models.Model):
    """A file added to the public form that waits for the form to be sent, kept across a validation error.

    Found again by the form token's random part (the same token the
    :class:`WebSubmission` spends). Screened by the attachment policy before it
    is kept; turned into an attachment of the complaint and removed when the
    form is sent; removed by a periodic task after a day (the token's own age).
    """

    token = models.CharField(max_length=64, db_index=True)
    file = models.FileField(_("bestand"), upload_to=pending_upload_path)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=120)
    size = models.PositiveBigIntegerField(_("grootte"))
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("bijlage in afwachting van verzenden")
        verbose_name_plural = _("bijlagen in afwachting van verzenden")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
