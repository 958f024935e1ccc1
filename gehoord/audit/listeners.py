"""What the audit trail hears from the apps below it (they cannot import it): see AuditConfig.ready."""

from __future__ import annotations

from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.audit.models import Action
from gehoord.audit.services import record


def record_wait_lifted(request: HttpRequest, device: TOTPDevice) -> None:
    """A coordinator let an employee try a TOTP code again at once: who, for whom, when, from where."""
    record(
        request,
        Action.CHANGE,
        obj=device,
        note=f"wachttijd tweestapsverificatie opgeheven: {device.user.get_username()}",
    )
