"""The vocabulary of letters: which kinds exist, how they travel, where they are."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.cases.constants import Channel


class LetterKind(models.TextChoices):
    """What a letter is for. Each kind has one template and one entry in ``letters.LETTERS``."""

    ACKNOWLEDGMENT = "acknowledgment", _("Ontvangstbevestiging")
    MISSING_ELEMENTS = "missing_elements", _("Verzoek om ontbrekende gegevens")
    REFERRAL = "referral", _("Doorverwijzing")
    FORWARDING = "forwarding", _("Bericht over het doorsturen")
    FORWARDED_DOCUMENT = "forwarded_document", _("Doorgestuurd stuk (intern)")
    NOT_HANDLED = "not_handled", _("Bericht niet in behandeling")
    POSTPONEMENT = "postponement", _("Verdaging van de beslissing")
    POSTPONEMENT_EMPLOYEE = "postponement_employee", _("Verdaging van de beslissing (beklaagde)")
    COMMITTEE = "committee", _("Behandeling door de adviescommissie")
    HEARING_INVITATION = "hearing_invitation", _("Uitnodiging hoorzitting")
    HEARING_INVITATION_EMPLOYEE = "hearing_invitation_employee", _("Uitnodiging hoorzitting (beklaagde)")
    INFORMAL_CONFIRMATION = "informal_confirmation", _("Bevestiging informele oplossing")
    DECISION = "decision", _("Beslissing op de klacht")
    VOUCHER = "voucher", _("Begeleidende brief bloemenbon")
    SURVEY_INVITATION = "survey_invitation", _("Uitnodiging enquête")
    SURVEY_REMINDER = "survey_reminder", _("Herinnering enquête")


class RecipientRole(models.TextChoices):
    """Who a letter is addressed to."""

    # The complainant: every letter when there is no authorised gemachtigde, and a copy when asked.
    COMPLAINANT = "complainant", _("Klager")
    # Awb 2:1: the gemachtigde whose authorisation is on file.
    REPRESENTATIVE = "representative", _("Gemachtigde")
    # Awb 9:10 lid 1, 9:11 lid 2: the person complained about.
    EMPLOYEE = "employee", _("Beklaagde medewerker")
    # Awb 2:3: a document that is not a complaint, forwarded to the part of the organisation it belongs to.
    INTERNAL = "internal", _("Intern")


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

# Letters to the person complained about (Awb 9:10 lid 1, 9:11 lid 2): never the complainant's
# address, phone number, e-mail address or personal link.
EMPLOYEE_KINDS = frozenset({LetterKind.POSTPONEMENT_EMPLOYEE, LetterKind.HEARING_INVITATION_EMPLOYEE})
# The internal message that forwards a document that is not a complaint (Awb 2:3).
INTERNAL_KINDS = frozenset({LetterKind.FORWARDED_DOCUMENT})

# Awb 9:4 lid 2 asks a written complaint to be signed; an electronic message needs no handwritten
# signature (Awb 2:16), so only a complaint on paper can lack one and be asked for it.
SIGNED_CHANNELS = frozenset({Channel.LETTER, Channel.FAX})
