"""A letter and its delivery state: to the complainant, their gemachtigde, an employee or a department.

The row is the outbox: it is written in the same transaction as whatever
caused the letter, so a letter is never lost when the mail server or the task
queue is down; delivery follows after the commit and is retried until it
succeeds.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.correspondence.constants import Delivery, LetterKind, LetterStatus, RecipientRole


def letter_pdf_path(instance: Letter, filename: str) -> str:
    # A random name: the file name must not reveal the reference or the
    # complainant, nor make a URL guessable.
    year = (instance.created_at or timezone.now()).year
    return f"letters/{year}/{uuid.uuid4().hex}.pdf"


class Letter(models.Model):
    complaint = models.ForeignKey(
        "cases.Complaint", verbose_name=_("klacht"), on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("soort brief"), max_length=30, choices=LetterKind.choices)
    delivery = models.CharField(_("verzending"), max_length=10, choices=Delivery.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.QUEUED
    )
    # Who the letter is addressed to, fixed when it is queued: the file shows who got what,
    # and the letter's frame addresses that person (Awb 2:1: the gemachtigde, 9:10 and 9:11:
    # the person complained about, 2:3: the department a document is forwarded to).
    recipient_role = models.CharField(
        _("ontvanger"), max_length=20, choices=RecipientRole.choices, default=RecipientRole.COMPLAINANT
    )
    recipient_name = models.CharField(_("naam ontvanger"), max_length=200, blank=True)
    recipient_address = models.TextField(_("adres ontvanger"), blank=True)
    recipient_email = models.EmailField(_("e-mailadres ontvanger"), blank=True)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker (ontvanger)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The complainant's copy of a letter to their gemachtigde (Representative.copy_to_complainant).
    copy_of = models.ForeignKey(
        "self",
        verbose_name=_("kopie van"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    # The e-mail text. The complainant's personal status link is put in only
    # when the message is sent, so the secret link is never stored here.
    body_text = models.TextField(_("tekst e-mail"), blank=True)
    # Rendered and stored once; a letter that was sent or printed keeps this
    # file for good: it is what the complainant received.
    pdf = models.FileField(_("brief (pdf)"), upload_to=letter_pdf_path, blank=True)
    # What the letter says beyond the complaint file, fixed when it is queued:
    # the missing elements and the term (9:4), the new decision date (9:11).
    data = models.JSONField(_("gegevens"), default=dict, blank=True)

    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    # The exception class and message only, with the recipient's address blanked.
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            # Only a letter to an employee names one.
            models.CheckConstraint(
                condition=models.Q(employee__isnull=True) | models.Q(recipient_role=RecipientRole.EMPLOYEE),
                name="letter_employee_only_for_employee_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference} {self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_copy(self) -> bool:
        return self.copy_of_id is not None

    @property
    def to_a_party(self) -> bool:
        """To the complainant or their gemachtigde: the letters that carry the personal status link."""
        return self.recipient_role in (RecipientRole.COMPLAINANT, RecipientRole.REPRESENTATIVE)

    @property
    def is_final(self) -> bool:
        """Sent or printed: the complainant has it, so it never changes again."""
        return self.status in (LetterStatus.SENT, LetterStatus.PRINTED)

    @property
    def is_retrying(self) -> bool:
        """An e-mail that failed at least once and is waiting for its next attempt."""
        return self.status == LetterStatus.QUEUED and self.delivery == Delivery.EMAIL and self.attempts > 0


class LetterTemplate(models.Model):
    """A municipality's own text for one kind of letter, edited by the admin (functioneel beheer).

    Written in the safe language of :mod:`gehoord.correspondence.templating`;
    a kind without a row uses its text from
    :mod:`gehoord.correspondence.default_texts`. A letter that was sent keeps
    its PDF: editing a template changes only the letters rendered after it.
    """

    kind = models.CharField(_("soort brief"), max_length=30, choices=LetterKind.choices, unique=True)
    subject = models.CharField(_("onderwerp"), max_length=200)
    email_summary = models.TextField(
        _("samenvatting in de e-mail"),
        help_text=_("De eerste alinea van de e-mail waar de brief als pdf bij zit."),
    )
    body = models.TextField(_("tekst van de brief"))
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()
