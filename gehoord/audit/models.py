"""The audit trail (inzage-logboek): who read or changed which complaint file, when and from where.

One :class:`AuditEntry` per read (a file opened, an attachment or letter
downloaded, a list or export shown) and per write (every timeline event of a
complaint). Append-only, like the complaint timeline: the ORM refuses to change
or delete an entry and on PostgreSQL a trigger refuses it too.

No personal data of the complainant is kept here: the file is named by its
id and reference, the complainant by id only, never a name, an address or
any text of the complaint. The object (attachment, letter, contact, timeline
event) is a plain type and id, not a foreign key, so that erasing a file's
personal data or destroying it after its retention period is never blocked by
its audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.core.append_only import AppendOnlyModel


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Medewerker")
    API_CLIENT = "api_client", _("API-koppeling")
    CITIZEN = "citizen", _("Burger (statuslink of formulier)")
    SYSTEM = "system", _("Systeem (taak of opdracht)")


class Action(models.TextChoices):
    VIEW = "view", _("Ingezien")
    LIST = "list", _("Lijst of zoekopdracht")
    DOWNLOAD = "download", _("Gedownload")
    EXPORT = "export", _("Geëxporteerd")
    CREATE = "create", _("Aangemaakt")
    CHANGE = "change", _("Gewijzigd")
    SEND = "send", _("Verstuurd")
    ERASE = "erase", _("Gewist")


class AuditEntry(AppendOnlyModel):
    """One read or write of a complaint file or of personal data. Never changed, never deleted."""

    append_only_message = "The audit trail is append-only: entries cannot be changed or deleted."

    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The user name at the time, kept apart from the account so the entry reads the same later.
    actor_label = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    actor_kind = models.CharField(_("soort gebruiker"), max_length=20, choices=ActorKind.choices)
    api_client_id = models.BigIntegerField(_("API-koppeling (id)"), null=True, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    complaint_id = models.BigIntegerField(_("klacht (id)"), null=True, blank=True)
    complaint_reference = models.CharField(_("kenmerk"), max_length=20, blank=True)
    complainant_id = models.BigIntegerField(_("klager (id)"), null=True, blank=True)
    object_type = models.CharField(_("soort object"), max_length=60, blank=True)
    object_id = models.BigIntegerField(_("object (id)"), null=True, blank=True)
    method = models.CharField(_("HTTP-methode"), max_length=10, blank=True)
    path = models.CharField(_("pad"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    request_id = models.CharField(_("request-id"), max_length=128, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("inzage of wijziging")
        verbose_name_plural = _("inzage-logboek")
        base_manager_name = "objects"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["complaint_id", "at"], name="audit_complaint_at"),
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
            models.Index(fields=["at"], name="audit_at"),
            # The admin searches by reference: that works for an erased or destroyed file too.
            models.Index(fields=["complaint_reference", "at"], name="audit_reference_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or self.get_actor_kind_display()} {self.action}"
