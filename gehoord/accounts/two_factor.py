"""Setting up and checking an employee's TOTP device (the second factor).

After a wrong code django-otp makes the next try wait 1, 2, 4, ... seconds. It
never stops doubling, so someone who knows only the password could keep the
employee out for days with a few dozen wrong codes. Here the wait stops growing
at TOTP_MAX_WAIT_SECONDS, and the coordinator can lift it
(:func:`lift_wait`, recorded in the audit trail by the listeners of
:func:`register_wait_lifted_listener`).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.accounts.models import User

WaitLiftedListener = Callable[[HttpRequest, TOTPDevice], None]
_wait_lifted_listeners: list[WaitLiftedListener] = []


def register_wait_lifted_listener(listener: WaitLiftedListener) -> None:
    """Call `listener(request, device)` whenever a coordinator lifts a wait (the audit trail does)."""
    if listener not in _wait_lifted_listeners:
        _wait_lifted_listeners.append(listener)


def pending_device(user: User) -> TOTPDevice:
    """The device being set up: an unconfirmed one is reused, so reloading keeps the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def secret_for_manual_entry(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_code_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _wait_required(device: TOTPDevice) -> float:
    """django-otp's wait after the device's last wrong code, but never more than TOTP_MAX_WAIT_SECONDS."""
    failures = device.throttling_failure_count
    if not failures or device.throttling_failure_timestamp is None:
        return 0
    # 2 ** failures is exact for any count; the cap keeps the float small.
    uncapped = device.get_throttle_factor() * 2 ** min(failures - 1, 64)
    return min(uncapped, settings.TOTP_MAX_WAIT_SECONDS)


def seconds_to_wait(device: TOTPDevice) -> int:
    """How long before the next code may be tried (0: now)."""
    elapsed = (
        (timezone.now() - device.throttling_failure_timestamp).total_seconds()
        if device.throttling_failure_timestamp
        else 0
    )
    return max(0, math.ceil(_wait_required(device) - elapsed))


def throttled(device: TOTPDevice) -> bool:
    """Guessing is slowed down: after a wrong code the next try must wait (at most TOTP_MAX_WAIT_SECONDS)."""
    return seconds_to_wait(device) > 0


def _cap_failure_count(device: TOTPDevice) -> None:
    """Keep django-otp's count where its own wait is no longer than ours, so it lets the code be tried.

    Called only when our (capped) wait is over; the count then stays at the
    level whose wait is the longest power of two within the cap.
    """
    factor = device.get_throttle_factor()
    if factor <= 0:
        return
    ceiling = max(1, int(math.log2(max(settings.TOTP_MAX_WAIT_SECONDS / factor, 1))) + 1)
    if device.throttling_failure_count > ceiling:
        device.throttling_failure_count = ceiling
        device.save(update_fields=["throttling_failure_count"])


def _verify_token(device: TOTPDevice, token: str) -> bool:
    if throttled(device):
        return False
    _cap_failure_count(device)
    return device.verify_token(token)


def _rotate_session(request: HttpRequest) -> None:
    """A new session key once the second factor is given, as after the password (against fixation)."""
    request.session.cycle_key()


def confirm_device(request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with its first code and mark the session as verified."""
    if not _verify_token(device, token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    _rotate_session(request)
    return True


def verify(request: HttpRequest, user: User, token: str) -> bool:
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if _verify_token(device, token):
            otp_login(request, device)
            _rotate_session(request)
            return True
    return False


def waiting_devices() -> QuerySet[TOTPDevice]:
    """The devices of active employees that had a wrong code since their last right one, longest wait first."""
    return (
        TOTPDevice.objects.filter(throttling_failure_count__gt=0, user__is_active=True)
        .select_related("user")
        .order_by("-throttling_failure_count", "user__username")
    )


def lift_wait(request: HttpRequest, device: TOTPDevice) -> None:
    """The coordinator lets the employee try a code right away (after someone else tried wrong codes)."""
    device.throttle_reset()
    for listener in _wait_lifted_listeners:
        listener(request, device)
