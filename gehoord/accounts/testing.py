"""Test helpers for staff sessions."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
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
