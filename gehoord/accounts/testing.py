"""Test helpers for staff sessions: on the test client and in a real browser."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.accounts.models import User


def totp_device(user: User) -> TOTPDevice:
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    return device


def login_staff(client: Client, user: User) -> Client:
    """Log `user` in on the test client as a fully authenticated employee (password and second factor)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()
    return client


def sign_in_staff(page, user: User, password: str) -> None:
    """Sign `user` in through the real login pages: password, then the current TOTP code."""
    device = totp_device(user)
    page.goto("/medewerkers/inloggen/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/tweestapsverificatie/**")
    page.fill("#id_token", f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}")
    page.click("main button[type=submit]")
    page.wait_for_url("**/medewerkers/klachten/")
