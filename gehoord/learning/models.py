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


class MeasureStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    AGREED = "agreed", _("Afgesproken")
    IMPLEMENTED = "implemented", _("Uitgevoerd")
    EVALUATED = "evaluated", _("Geëvalueerd")


# A measure is overdue while it is not carried out by its due date.
UNFINISHED_MEASURE_STATUSES = (MeasureStatus.PROPOSED, MeasureStatus.AGREED)


class ImprovementMeasure(models.Model):
    """Something the organisation changes because of one or more complaints.

    Owned by a department and a responsible person; moves forward through
    proposed, agreed, implemented and evaluated (:mod:`gehoord.learning.measures`).
    """

    description = models.TextField(_("maatregel"))
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("afdeling"),
        on_delete=models.PROTECT,
        related_name="measures",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verantwoordelijke"),
        on_delete=models.PROTECT,
        related_name="improvement_measures",
    )
    due_date = models.DateField(_("klaar op"))
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PROPOSED
    )
    complaints = models.ManyToManyField(
        "cases.Complaint", verbose_name=_("klachten"), blank=True, related_name="improvement_measures"
    )
    evaluation = models.TextField(_("evaluatie"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    implemented_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    evaluated_on = models.DateField(_("geëvalueerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verbetermaatregel")
        verbose_name_plural = _("verbetermaatregelen")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.description[:60]

    def is_overdue(self, today) -> bool:
        return self.status in UNFINISHED_MEASURE_STATUSES and self.due_date < today


class MeasureEvent(models.Model):
    """The history of a measure: created, a status step, a complaint linked. Never changed."""

    measure = models.ForeignKey(ImprovementMeasure, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(_("samenvatting"), max_length=300)
    details = models.TextField(_("toelichting"), blank=True)
    # The complaint an entry is about ("Klacht gekoppeld"): by key, never by reference in the text,
    # so the history shows it only to those who may see it (Awb 9:7).
    complaint = models.ForeignKey(
        "cases.Complaint", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.summary
