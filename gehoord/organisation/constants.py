"""The vocabulary of the municipality's own settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class DocumentKind(models.TextChoices):
    """Documents that arrive as a complaint but are something else: forwarded internally (Awb 2:3, 6:15)."""

    OBJECTION = "objection", _("Bezwaarschrift")
    WOO_REQUEST = "woo_request", _("Woo-verzoek")
    DAMAGE_CLAIM = "damage_claim", _("Schadeclaim")


class NewInformationNotice(models.TextChoices):
    """How the handler hears that the complainant added to the file (Municipality.new_information_notice)."""

    DIGEST = "digest", _("in de dagelijkse samenvatting")
    IMMEDIATE = "immediate", _("direct per e-mail")


# Defaults of the municipality's settings that public pages show, for the translation catalogue: an
# English page translates them while they are unchanged (gehoord.core.languages.translated_or_dutch).
DEFAULT_PUBLIC_NAMES = (gettext_noop("Gemeente Voorbeeldstad"), gettext_noop("de Nationale ombudsman"))
