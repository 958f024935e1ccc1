"""Client applications of the REST API, their scopes, and the answers to Idempotency-Keys.

A client authenticates with a bearer token of which only a hash is stored. It
acts as its service account (``User.is_service_account``: an account of its own
that cannot sign in, never a person's, or the token would act as that person): what that account's roles let it see in the back
office is what the client sees (the same rules, in the same selectors). Scopes
limit what it may do: ``intake`` (submit complaints), ``read``, ``write``
(notes, contacts, lifecycle steps) and ``reports`` (figures).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.core.tokens import holder_of


class Scope(models.TextChoices):
    INTAKE = "intake", _("Klachten indienen")
    READ = "read", _("Klachten lezen")
    WRITE = "write", _("Klachten bijwerken")
    REPORTS = "reports", _("Cijfers opvragen")


class ApiClient(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("serviceaccount"),
        on_delete=models.PROTECT,
        related_name="api_client",
        help_text=_("De rollen van dit account bepalen welke klachten de koppeling ziet."),
    )
    scopes = models.JSONField(_("rechten"), default=list)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    # The audit trail records a request made with this client as the client's (an API client, not
    # staff); gehoord.audit reads this flag, because it sits below this app and cannot import it.
    audited_as_api_client = True

    class Meta:
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.user_id is not None and not self.user.is_service_account:
            raise ValidationError(
                {
                    "user": _(
                        "Kies een serviceaccount: een koppeling mag niet handelen als een medewerker. "
                        "Maak onder Medewerkers een account aan met 'serviceaccount' aangevinkt."
                    )
                }
            )

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @classmethod
    def authenticate(cls, token: str) -> ApiClient | None:
        """The active client with this token, acting as an active service account (never a person), or None."""
        return holder_of(
            cls.objects.select_related("user").filter(
                is_active=True, user__is_active=True, user__is_service_account=True
            ),
            token,
        )


class IdempotentResponse(models.Model):
    """The first answer to a POST with an Idempotency-Key, replayed for a retry with the same key.

    It holds the complaint's data as they were answered, so it is kept only for
    ``IDEMPOTENCY_KEY_HOURS`` (:mod:`gehoord.api.idempotency`), replayed only
    while the client may still see ``complaint``, and removed with the
    complaint's personal data (:mod:`gehoord.api.personal_data`).
    """

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    # The complaint the answer is about (made, noted on, stepped); None for an answer about none.
    complaint = models.ForeignKey(
        "cases.Complaint", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_once_per_client")
        ]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.key}"
