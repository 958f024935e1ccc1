"""The staff roles. Each role is a Django group of the same name.

Functioneel beheer (ADMIN) is not a superuser: its group holds exactly the
model permissions in :data:`ADMIN_PERMISSIONS` (settings, texts, users,
integrations, and reading the audit trail, which is oversight), granted by
:func:`grant_role_permissions` after every migrate. None of them is on a
complaint file or on anything that shows a complainant: complaint files are
opened only in the staff screens, by the roles the lifecycle names, and every
opening is recorded.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Klachtencoördinator")
    HANDLER = "handler", _("Behandelaar")
    DEPARTMENT_HEAD = "department_head", _("Afdelingshoofd")
    ADMIN = "admin", _("Functioneel beheerder")


def _crud(model: str, *actions: str) -> list[str]:
    app_label, name = model.split(".")
    return [f"{app_label}.{action}_{name}" for action in actions or ("add", "change", "delete", "view")]


# "app_label.codename"; strings, because the apps that own these models sit above this one.
ADMIN_PERMISSIONS = frozenset(
    [
        # Settings: the municipality, departments, the calendar, the triage question.
        *_crud("organisation.municipality", "add", "change", "view"),
        *_crud("organisation.department"),
        *_crud("clock.closingday"),
        *_crud("clock.equatedday"),
        *_crud("intake.triagedestination"),
        # Texts: letters and e-mails, survey questions.
        *_crud("correspondence.lettertemplate", "add", "change", "view"),
        *_crud("surveys.question"),
        # Users: employees and their roles (not the roles' permissions), their authenticators
        # (delete only: the employee sets up a new one; the secret is never shown), lockouts.
        *_crud("accounts.user", "add", "change", "view"),
        *_crud("auth.group", "view"),
        *_crud("otp_totp.totpdevice", "delete", "view"),
        *_crud("axes.accessattempt", "delete", "view"),
        # Integrations: API clients, webhook clients (social media), outgoing webhooks.
        *_crud("api.apiclient"),
        *_crud("social.webhookclient"),
        *_crud("webhooks.webhookendpoint"),
        *_crud("webhooks.webhookdelivery", "view"),
        # Oversight: the audit trail (no personal data of complainants, see gehoord.audit).
        *_crud("audit.auditentry", "view"),
    ]
)

ROLE_PERMISSIONS = {Role.ADMIN: ADMIN_PERMISSIONS}


def grant_role_permissions(**kwargs) -> None:
    """Give each role's group exactly its permissions (post_migrate: the permissions exist by then).

    Runs after each app's migrations; a permission of an app not migrated yet is
    added at that app's turn, so after a full migrate every group is complete.
    """
    from django.contrib.auth.models import Group, Permission

    for role, wanted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        found = [
            permission
            for permission in Permission.objects.filter(
                content_type__app_label__in={name.split(".")[0] for name in wanted}
            ).select_related("content_type")
            if f"{permission.content_type.app_label}.{permission.codename}" in wanted
        ]
        group.permissions.set(found)
