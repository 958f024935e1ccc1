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
    # A decision on a complaint is a "beslissing", never a "besluit" (Awb 9:3).
    DECIDED = "decided", _("Beslissing genomen")
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
    """Awb 9:8: the grounds on which a complaint need not be handled, numbered as the law numbers them."""

    ALREADY_HANDLED = "already_handled", _("Eerder behandeld volgens 9:4 e.v. (9:8 lid 1 onder a)")
    OLDER_THAN_A_YEAR = "older_than_a_year", _("Gedraging langer dan een jaar geleden (9:8 lid 1 onder b)")
    OBJECTION = "objection", _("Bezwaar kon of kan worden gemaakt (9:8 lid 1 onder c)")
    APPEAL = "appeal", _("Beroep kan of kon worden ingesteld (9:8 lid 1 onder d)")
    OTHER_COURT = "court", _("Voorgelegd aan een andere dan een bestuursrechter (9:8 lid 1 onder e)")
    CRIMINAL_INVESTIGATION = (
        "criminal_investigation",
        _("Opsporingsonderzoek of vervolging loopt (9:8 lid 1 onder f)"),
    )
    INSUFFICIENT_INTEREST = "insufficient_interest", _("Belang of gewicht kennelijk onvoldoende (9:8 lid 2)")


# How a letter cites each ground of Awb 9:8, in the form Dutch legal texts use.
NOT_HANDLED_CITATIONS: dict[str, str] = {
    NotHandledGround.ALREADY_HANDLED: "artikel 9:8, eerste lid, onder a",
    NotHandledGround.OLDER_THAN_A_YEAR: "artikel 9:8, eerste lid, onder b",
    NotHandledGround.OBJECTION: "artikel 9:8, eerste lid, onder c",
    NotHandledGround.APPEAL: "artikel 9:8, eerste lid, onder d",
    NotHandledGround.OTHER_COURT: "artikel 9:8, eerste lid, onder e",
    NotHandledGround.CRIMINAL_INVESTIGATION: "artikel 9:8, eerste lid, onder f",
    NotHandledGround.INSUFFICIENT_INTEREST: "artikel 9:8, tweede lid",
}

# Conduct that is failing to decide in time: onder d itself excepts it ("tenzij
# die gedraging bestaat uit het niet tijdig nemen van een besluit"), and onder c
# does not fit it either: no bezwaar lies against not deciding in time (Awb 7:1
# lid 1 onder f), so the complaint is the way to be heard about the delay.
GROUNDS_NOT_FOR_FAILURE_TO_DECIDE = frozenset({NotHandledGround.OBJECTION, NotHandledGround.APPEAL})


class HearingSkipReason(models.TextChoices):
    """Awb 9:10 lid 2: when hearing the complainant may be left out."""

    CLEARLY_UNFOUNDED = "clearly_unfounded", _("De klacht is kennelijk ongegrond (9:10 lid 2 onder a)")
    WAIVED = (
        "waived",
        _(
            "De klager heeft verklaard geen gebruik te willen maken van het recht te worden gehoord (9:10 lid 2 onder b)"
        ),
    )
    NO_RESPONSE = (
        "no_response",
        _(
            "De klager heeft niet binnen de gestelde termijn verklaard gehoord te willen worden (9:10 lid 2 onder c)"
        ),
    )


HEARING_SKIP_CITATIONS: dict[str, str] = {
    HearingSkipReason.CLEARLY_UNFOUNDED: "artikel 9:10, tweede lid, onder a",
    HearingSkipReason.WAIVED: "artikel 9:10, tweede lid, onder b",
    HearingSkipReason.NO_RESPONSE: "artikel 9:10, tweede lid, onder c",
}


# The marker in ComplaintEvent.data of a copy sent to the person complained about (Awb 9:9).
COPY_9_9_MARKER = "awb_9_9"


class HearingParty(models.TextChoices):
    """Awb 9:10 lid 1: both the complainant and the person complained about are offered a hearing."""

    COMPLAINANT = "complainant", _("Klager")
    EMPLOYEE = "employee", _("Beklaagde medewerker")


class HearingResponse(models.TextChoices):
    """What an invited party answered."""

    WANTS = "wants", _("Wil gehoord worden")
    DECLINED = "declined", _("Ziet af van horen")


class CopyWaiverReason(models.TextChoices):
    """Awb 9:9: why the person complained about did not receive the copy."""

    NO_PERSON = "no_person", _("De klacht gaat niet over een aanwijsbare medewerker")
    EMPLOYEE_LEFT = "employee_left", _("De medewerker is niet meer in dienst")
    GIVEN_ON_PAPER = "given_on_paper", _("Kopie op papier overhandigd")


class CompetentOrgan(models.TextChoices):
    """The bestuursorgaan the conduct is attributed to (Awb 9:1); it decides and signs."""

    COLLEGE = "college", _("het college van burgemeester en wethouders")
    MAYOR = "mayor", _("de burgemeester")
    COUNCIL = "council", _("de gemeenteraad")


class AuthorisationKind(models.TextChoices):
    """Awb 2:1 lid 2: how a representative showed they may act for the complainant."""

    DOCUMENT = "document", _("Schriftelijke machtiging")
    STATEMENT = "statement", _("Verklaring van de klager")


class RetentionResult(models.TextChoices):
    """Selectielijst gemeenten 2020, process type 13 "geschillen behandelen": the result chosen on closing."""

    HANDLED = "handled", _("Behandeld (5 jaar)")
    FINANCIAL = "financial", _("Met financiële gevolgen (7 jaar)")
    OMBUDSMAN = "ombudsman", _("Via de ombudsman (10 jaar na het einde van diens behandeling)")
    NOT_HANDLED = "not_handled", _("Niet in behandeling, niet-ontvankelijk of afgebroken (1 jaar)")
    PERMANENT = "permanent", _("Van invloed op een zaak die blijvend wordt bewaard (blijvend bewaren)")


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


class NewInformationSource(models.TextChoices):
    """How the complainant added to a file: the `source` of services.note_new_information."""

    STATUS_LINK = "status_link", _("via de statuslink")
    EMAIL = "email", _("per e-mail")
    UPLOAD = "upload", _("met een later bestand")
