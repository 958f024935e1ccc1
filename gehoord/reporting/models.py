"""An annual report (jaarverslag klachten, Awb 9:12a) being made or made, with its progress and files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Wordt gemaakt")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


def report_path(instance: ReportRun, filename: str) -> str:
    # A random name: the file must not be found by guessing.
    return f"reports/{uuid.uuid4().hex}-{filename}"


class ReportRun(models.Model):
    start = models.DateField(_("van"))
    end = models.DateField(_("tot en met"))
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=200, blank=True)
    pdf = models.FileField(upload_to=report_path, blank=True)
    xlsx = models.FileField(upload_to=report_path, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("jaarverslag")
        verbose_name_plural = _("jaarverslagen")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"
