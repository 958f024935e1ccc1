"""The vocabulary of letters: which kinds exist, how they travel, where they are."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    """What a letter is for. Each kind has one template and one entry in ``letters.LETTERS``."""

    ACKNOWLEDGMENT = "acknowledgment", _("Ontvangstbevestiging")
    MISSING_ELEMENTS = "missing_elements", _("Verzoek om ontbrekende gegevens")
    REFERRAL = "referral", _("Doorverwijzing")
    NOT_HANDLED = "not_handled", _("Bericht niet in behandeling")
    POSTPONEMENT = "postponement", _("Verdaging van de beslissing")
    HEARING_INVITATION = "hearing_invitation", _("Uitnodiging hoorzitting")
    INFORMAL_CONFIRMATION = "informal_confirmation", _("Bevestiging informele oplossing")
    DECISION = "decision", _("Beslissing op de klacht")
    VOUCHER = "voucher", _("Begeleidende brief bloemenbon")
    SURVEY_INVITATION = "survey_invitation", _("Uitnodiging enquête")
    SURVEY_REMINDER = "survey_reminder", _("Herinnering enquête")


class Delivery(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")


class LetterStatus(models.TextChoices):
    # A failed e-mail stays QUEUED (with attempts, last_error and next_attempt_at):
    # it is retried until it is sent, and shows in letters_not_sent() meanwhile.
    QUEUED = "queued", _("Nog niet verzonden")
    SENT = "sent", _("Verzonden")
    TO_PRINT = "to_print", _("Klaar om te printen")
    PRINTED = "printed", _("Geprint en verstuurd")


NOT_SENT_STATUSES = (LetterStatus.QUEUED, LetterStatus.TO_PRINT)
