"""What the organisation learns from a complaint. A complaint cannot close without it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LearningReview(models.Model):
    complaint = models.OneToOneField(
        "cases.Complaint", on_delete=models.CASCADE, related_name="learning_review"
    )
    improvement_possible = models.BooleanField(_("was er iets te verbeteren?"))
    reasoning = models.TextField(_("toelichting"))
    norms = models.ManyToManyField(
        "cases.ConductNorm", verbose_name=_("behoorlijkheidsnormen die speelden"), blank=True
    )
    lesson_for_complainant = models.TextField(_("wat de klager hoort over wat we leerden"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("leerpunten")
        verbose_name_plural = _("leerpunten")

    def __str__(self) -> str:
        return str(self.complaint)
