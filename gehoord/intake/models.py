"""The public side's own data: where non-complaints are sent, and used form tokens."""

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
