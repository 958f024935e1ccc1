"""The satisfaction survey after a complaint: its questions, invitations and (anonymous) responses.

A response is kept apart from the complainant's identity: it records the
quarter, the departments and the route of the complaint — what the results
are grouped by — but not which complaint it was. The invitation knows only
*that* the complainant answered, so a second response is refused.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Schaal 1 tot 5")
    YES_NO = "yes_no", _("Ja of nee")
    CHOICE = "choice", _("Keuze uit opties")
    OPEN = "open", _("Open vraag")


class QuestionTopic(models.TextChoices):
    PROCESS = "process", _("Het klachtproces")
    CONTACT = "contact", _("Het contact")
    OTHER = "other", _("Overig")


class Question(models.Model):
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.CharField(_("toelichting"), max_length=300, blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=QuestionKind.choices)
    topic = models.CharField(
        _("onderwerp"), max_length=10, choices=QuestionTopic.choices, default=QuestionTopic.PROCESS
    )
    choices = models.TextField(
        _("opties"), blank=True, help_text=_("Bij 'Keuze uit opties': één optie per regel.")
    )
    required = models.BooleanField(_("verplicht"), default=False)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("enquêtevraag")
        verbose_name_plural = _("enquêtevragen")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == QuestionKind.CHOICE and len(self.options) < 2:
            raise ValidationError({"choices": _("Geef minstens twee opties, één per regel.")})

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SurveyInvitation(models.Model):
    complaint = models.OneToOneField(
        "cases.Complaint",
        verbose_name=_("klacht"),
        on_delete=models.CASCADE,
        related_name="survey_invitation",
    )
    # With SECRET_KEY, the secret of the personal link is derived from this; rotating it revokes the link.
    nonce = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    send_after = models.DateTimeField(_("versturen vanaf"))
    expires_on = models.DateField(_("verloopt op"))
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    responded_at = models.DateTimeField(_("ingevuld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging enquête")
        verbose_name_plural = _("uitnodigingen enquête")
        indexes = [models.Index(fields=["sent_at", "send_after"])]

    def __str__(self) -> str:
        return f"{self.complaint} ({self.send_after:%Y-%m-%d})"


class SurveyResponse(models.Model):
    """One filled-in survey. Deliberately without a link to the complaint, the complainant, or a time.

    What the results are grouped by is copied from the complaint when it was
    answered: the quarter the complaint was closed in, its departments and route.
    """

    quarter = models.CharField(_("kwartaal"), max_length=7)  # "2026-K4"
    departments = models.ManyToManyField("organisation.Department", blank=True, related_name="+")
    route = models.CharField(_("route"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("ingevulde enquête")
        verbose_name_plural = _("ingevulde enquêtes")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.quarter} {self.pk}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    yes = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True)  # the chosen option, or the open answer

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.question_id}"
