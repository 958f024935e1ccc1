"""Employees of the municipality: the staff users of Gehoord."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.accounts.roles import Role


class User(AbstractUser):
    """An employee. Roles are groups (see :class:`Role`); the department is where they work."""

    department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
    )
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    phone = models.CharField(_("direct telefoonnummer"), max_length=40, blank=True)
    # An API client acts as an account; binding it to a person's account would let whoever holds
    # the token act as that person. So a client needs an account of its own, which cannot sign in.
    is_service_account = models.BooleanField(
        _("serviceaccount"),
        default=False,
        help_text=_(
            "Een account voor een API-koppeling, niet voor een persoon: het kan niet inloggen. "
            "Alleen bij het aanmaken te kiezen."
        ),
    )
    # The identity provider's stable identifier (the `sub` claim): an e-mail address can change
    # hands, `sub` does not. Filled at the first single sign-on (see gehoord.accounts.oidc).
    oidc_subject = models.CharField(
        _("OIDC-subject"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Het vaste kenmerk van deze medewerker bij de identity provider (claim 'sub')."),
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, role: Role) -> bool:
        cache = getattr(self, "_role_cache", None)
        if cache is None:
            cache = set(self.groups.values_list("name", flat=True))
            self._role_cache = cache
        return role.value in cache

    @property
    def roles(self) -> list[Role]:
        return [role for role in Role if self.has_role(role)]
