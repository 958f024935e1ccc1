"""The vocabulary of a complaint file: channels, statuses, outcomes and the like."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Webformulier")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telefoon")
    DESK = "desk", _("Balie")
    LETTER = "letter", _("Brief")
    FAX = "fax", _("Fax")
    SOCIAL_MEDIA = "social_media", _("Sociale media")
    API = "api", _("Koppeling (API)")


# Awb 9:4 owes the full procedure to written complaints. A complaint that grew
# out of a social-media signal follows the written procedure (seed text).
WRITTEN_CHANNELS = frozenset(
    {Channel.WEB, Channel.EMAIL, Channel.LETTER, Channel.FAX, Channel.SOCIAL_MEDIA, Channel.API}
)


class Route(models.TextChoices):
    INFORMAL = "informal", _("Informeel")
    FORMAL = "formal", _("Formeel")


class Status(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    TRIAGE = "triage", _("In triage")
    INFORMAL = "informal", _("Informele behandeling")
    RESOLVED_INFORMALLY = "resolved_informally", _("Informeel opgelost")
    FORMAL = "formal", _("Formele behandeling")
    HEARING = "hearing", _("Hoorzitting")
    DECIDED = "decided", _("Besluit genomen")
    LEARNING_REVIEW = "learning_review", _("Leerpunten")
    CLOSED = "closed", _("Afgesloten")
    REFERRED = "referred", _("Doorverwezen")
    NOT_HANDLED = "not_handled", _("Niet in behandeling genomen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class Outcome(models.TextChoices):
    FOUNDED = "gegrond", _("Gegrond")
    PARTLY_FOUNDED = "deels_gegrond", _("Deels gegrond")
    UNFOUNDED = "ongegrond", _("Ongegrond")
    NO_JUDGEMENT = "geen_oordeel", _("Geen oordeel")
    NOT_HANDLED = "niet_in_behandeling", _("Niet in behandeling genomen")
    RESOLVED_INFORMALLY = "informeel_opgelost", _("Informeel opgelost")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
    INADMISSIBLE = "niet_ontvankelijk", _("Niet-ontvankelijk")
    REFERRED = "doorverwezen", _("Doorverwezen")


class Judgement(models.TextChoices):
    """The judgement on one complaint part (Awb 9:12)."""

    FOUNDED = Outcome.FOUNDED.value, Outcome.FOUNDED.label
    PARTLY_FOUNDED = Outcome.PARTLY_FOUNDED.value, Outcome.PARTLY_FOUNDED.label
    UNFOUNDED = Outcome.UNFOUNDED.value, Outcome.UNFOUNDED.label
    NO_JUDGEMENT = Outcome.NO_JUDGEMENT.value, Outcome.NO_JUDGEMENT.label


FOUNDED_JUDGEMENTS = frozenset({Judgement.FOUNDED, Judgement.PARTLY_FOUNDED})


class Rung(models.TextChoices):
    """The rung of the Nationale ombudsman's complaint ladder a complaint was resolved on."""

    EMPLOYEE = "employee", _("Door de medewerker zelf")
    HANDLER = "handler", _("Door de klachtbehandelaar")
    EXTERNAL = "external", _("Extern (ombudsman)")


class NotHandledGround(models.TextChoices):
    """Awb 9:8: the grounds on which a complaint need not be handled."""

    ALREADY_HANDLED = "already_handled", _("Al eerder behandeld (9:8 lid 1 a)")
    OLDER_THAN_A_YEAR = "older_than_a_year", _("Gedraging langer dan een jaar geleden (9:8 lid 1 b)")
    OBJECTION_OR_APPEAL = "objection_or_appeal", _("Bezwaar of beroep stond open (9:8 lid 1 c)")
    COURT = "court", _("Voorgelegd aan de rechter (9:8 lid 1 d)")
    CRIMINAL_INVESTIGATION = "criminal_investigation", _("Strafrechtelijk onderzoek (9:8 lid 1 e)")
    INSUFFICIENT_INTEREST = "insufficient_interest", _("Belang of gewicht kennelijk onvoldoende (9:8 lid 2)")


class HearingSkipReason(models.TextChoices):
    """Awb 9:10 lid 2: when hearing the complainant may be left out."""

    CLEARLY_UNFOUNDED = "clearly_unfounded", _("Klacht kennelijk ongegrond")
    WAIVED = "waived", _("Klager heeft afgezien van horen")
    NO_RESPONSE = "no_response", _("Klager reageerde niet binnen de gestelde termijn")


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brief")
    IN_PERSON = "in_person", _("Persoonlijk gesprek")


class ContactChannel(models.TextChoices):
    """How a contact with the complainant took place (Open Klant: klantcontact.kanaal)."""

    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brief")
    IN_PERSON = "in_person", _("Persoonlijk gesprek")
    VIDEO = "video", _("Videogesprek")
    SOCIAL_MEDIA = "social_media", _("Sociale media")


class NormCluster(models.TextChoices):
    """The four clusters of the Nationale ombudsman's behoorlijkheidswijzer."""

    OPEN_AND_CLEAR = "open", _("Open en duidelijk")
    RESPECTFUL = "respectful", _("Respectvol")
    INVOLVED = "involved", _("Betrokken en oplossingsgericht")
    HONEST = "honest", _("Eerlijk en betrouwbaar")


class EventKind(models.TextChoices):
    CREATED = "created", _("Ontvangen")
    STATUS_CHANGE = "status_change", _("Statuswijziging")
    ASSIGNMENT = "assignment", _("Toewijzing")
    CONTACT = "contact", _("Contact")
    NOTE = "note", _("Notitie")
    LETTER = "letter", _("Brief")
    ATTACHMENT = "attachment", _("Bijlage")
    DEADLINE = "deadline", _("Termijn")
    CHANGE = "change", _("Wijziging")
    LEARNING = "learning", _("Leerpunten")
    COMPLAINANT_ADDITION = "complainant_addition", _("Aanvulling van de klager")
    OMBUDSMAN = "ombudsman", _("Ombudsman")
    AFTERCARE = "aftercare", _("Nazorg")
