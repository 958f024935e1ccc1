"""The vocabulary of social-media signals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    MASTODON = "mastodon", "Mastodon"
    X = "x", "X (Twitter)"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    LINKEDIN = "linkedin", "LinkedIn"
    OTHER = "other", _("Anders")


class SignalStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    CONTACTED = "contacted", _("Contact opgenomen")
    DISMISSED = "dismissed", _("Geen actie nodig")
    CONVERTED = "converted", _("Klacht geworden")


# Still asking something of the coordinator.
OPEN_SIGNAL_STATUSES = (SignalStatus.NEW, SignalStatus.CONTACTED)


class SignalSource(models.TextChoices):
    """How a signal reached Gehoord: the adapter that brought it."""

    WEBHOOK = "webhook", _("Webhook")
    CSV = "csv", _("CSV-bestand")
    MASTODON = "mastodon", _("Mastodon")


class ActionKind(models.TextChoices):
    CONTACT = "contact", _("Contact met de schrijver")
    DISMISSAL = "dismissal", _("Geen actie nodig")
    CONVERSION = "conversion", _("Klacht geworden")
