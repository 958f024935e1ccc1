"""The municipality's own settings and its departments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.clock.terms import (
    DEFAULT_ACKNOWLEDGMENT_WORKING_DAYS,
    DEFAULT_FIRST_CONTACT_WORKING_DAYS,
)
from gehoord.core.colours import validate_text_colour_on_white
from gehoord.core.languages import Localised, active_language, dutch
from gehoord.organisation.constants import DocumentKind, NewInformationNotice


class Municipality(models.Model):
    """The one set of settings of the municipality running this installation."""

    name = models.CharField(_("naam gemeente"), max_length=120, default="Gemeente Voorbeeldstad")
    complaints_email = models.EmailField(_("e-mailadres klachten"), default="klachten@gemeente.example")
    complaints_phone = models.CharField(_("telefoonnummer klachten"), max_length=40, default="14 0000")
    postal_address = models.TextField(_("postadres"), default="Postbus 1\n1000 AA Voorbeeldstad", blank=True)
    website = models.URLField(_("website"), default="https://www.gemeente.example", blank=True)

    ombudsman_name = models.CharField(
        _("ombudsman"),
        max_length=120,
        default="de Nationale ombudsman",
        help_text=_("De externe klachtbehandelaar (Awb 9:17), bijvoorbeeld een gemeentelijke ombudsman."),
    )
    ombudsman_address = models.TextField(
        _("adres ombudsman"), default="Postbus 93122\n2509 AC Den Haag", blank=True
    )
    ombudsman_phone = models.CharField(_("telefoon ombudsman"), max_length=40, default="0800 33 55 555")
    ombudsman_website = models.URLField(
        _("website ombudsman"), default="https://www.nationaleombudsman.nl", blank=True
    )

    logo = models.FileField(
        _("logo"),
        upload_to="theme/",
        blank=True,
        help_text=_("Een SVG- of PNG-bestand; wordt linksboven op elke pagina en op brieven getoond."),
    )
    primary_colour = models.CharField(
        _("hoofdkleur"),
        max_length=7,
        default="#1f4e79",
        validators=[validate_text_colour_on_white],
        help_text=_("Voor knoppen en accenten; moet goed leesbaar zijn met witte tekst."),
    )
    link_colour = models.CharField(
        _("kleur van links"),
        max_length=7,
        default="#1a5a96",
        validators=[validate_text_colour_on_white],
    )
    privacy_officer_email = models.EmailField(
        _("e-mailadres functionaris gegevensbescherming"), default="privacy@gemeente.example"
    )

    uses_advisory_committee = models.BooleanField(
        _("adviescommissie"),
        default=False,
        help_text=_(
            "Aan als de gemeente een klachtadviescommissie heeft (afdeling 9.1.3 Awb). Per klacht kiest "
            "de coördinator of de commissie haar behandelt; alleen dan is de beslistermijn 10 weken "
            "in plaats van 6 (Awb 9:11 lid 1)."
        ),
    )
    hearing_response_weeks = models.PositiveSmallIntegerField(
        _("reactietermijn uitnodiging horen (weken)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_(
            "Zo lang heeft de klager na de uitnodiging om te laten weten of hij gehoord wil worden "
            "(Awb 9:10 lid 2 onder c). Staat in de uitnodiging."
        ),
    )
    informal_reopen_days = models.PositiveSmallIntegerField(
        _("termijn om alsnog formele behandeling te vragen (dagen)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Na een informele oplossing (Awb 9:5) kan de klager binnen deze termijn alsnog formele "
            "behandeling vragen. Staat in de bevestigingsbrief."
        ),
    )
    resubmission_window_hours = models.PositiveSmallIntegerField(
        _("venster voor dubbel ingediende klachten (uren)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=_(
            "Dient dezelfde persoon binnen deze termijn dezelfde klacht nog eens in (de terugknop, een "
            "tweede tabblad, een herhaalde API-aanroep, dezelfde e-mail twee keer), dan wordt het geen "
            "tweede klacht: de indiener ziet de bestaande, en de tijdlijn vermeldt het."
        ),
    )
    new_information_notice = models.CharField(
        _("melding van nieuwe informatie"),
        max_length=10,
        choices=NewInformationNotice.choices,
        default=NewInformationNotice.DIGEST,
        help_text=_(
            "Hoe de behandelaar hoort dat een klager iets aan de klacht heeft toegevoegd (statuslink, "
            "antwoord per e-mail, later bestand)."
        ),
    )
    acknowledgment_working_days = models.PositiveSmallIntegerField(
        _("ontvangstbevestiging binnen (werkdagen)"),
        default=DEFAULT_ACKNOWLEDGMENT_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    first_contact_working_days = models.PositiveSmallIntegerField(
        _("persoonlijk contact binnen (werkdagen)"),
        default=DEFAULT_FIRST_CONTACT_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )

    # Aftercare: the flower voucher for a complainant who was (partly) right.
    voucher_value = models.DecimalField(
        _("waarde bloemenbon (euro)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("15.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    voucher_supplier = models.CharField(
        _("leverancier bloemenbon"),
        max_length=200,
        default="Nationale Bloemenbon",
        help_text=_("Wie de bonnen levert, zoals het in de begeleidende brief staat."),
    )

    # Aftercare: the satisfaction survey after a complaint is closed.
    survey_delay_days = models.PositiveSmallIntegerField(
        _("enquête versturen na (dagen)"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("Zoveel dagen na het afsluiten van de klacht gaat de uitnodiging voor de enquête uit."),
    )
    survey_valid_days = models.PositiveSmallIntegerField(
        _("enquêtelink geldig (dagen)"), default=28, validators=[MinValueValidator(7), MaxValueValidator(180)]
    )
    survey_reminder_days = models.PositiveSmallIntegerField(
        _("herinnering na (dagen)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Eén herinnering per e-mail, als de enquête dan nog niet is ingevuld."),
    )

    class Meta:
        verbose_name = _("gemeente-instellingen")
        verbose_name_plural = _("gemeente-instellingen")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # a singleton: there is one municipality per installation
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> Municipality:
        municipality, _created = cls.objects.get_or_create(pk=1)
        return municipality


class ForwardingDestination(models.Model):
    """Where a document that is not a complaint is forwarded to, per kind (Awb 2:3, 6:15 by analogy)."""

    kind = models.CharField(_("soort stuk"), max_length=20, choices=DocumentKind.choices, unique=True)
    name = models.CharField(
        _("naam"),
        max_length=200,
        help_text=_("Zoals de afzender het leest, bijvoorbeeld 'de bezwaarschriftencommissie'."),
    )
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_("Het stuk wordt hierheen doorgestuurd; leeg: het e-mailadres van de afdeling."),
    )

    class Meta:
        verbose_name = _("doorzendadres")
        verbose_name_plural = _("doorzendadressen (geen klacht)")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def address(self) -> str:
        """The e-mail address the document goes to: its own, else the department's."""
        return self.email or (self.department.email if self.department else "")


class Department(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    name_en = models.CharField(
        _("naam in het Engels"),
        max_length=120,
        blank=True,
        help_text=_("Zo heet de afdeling op de Engelse pagina's. Leeg: de Nederlandse naam."),
    )
    code = models.SlugField(_("code"), max_length=30, unique=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afdelingshoofd"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> Localised:
        """The name for the page's language: the English name on an English page, else the Dutch one.

        Without an English name the Dutch name is shown, marked as Dutch
        (gehoord.core.languages), so a screen reader reads it as Dutch.
        """
        if self.name_en and active_language() == "en":
            return Localised(self.name_en, "en")
        return dutch(self.name)
