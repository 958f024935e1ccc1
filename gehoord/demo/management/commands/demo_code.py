"""Show the current two-factor code of a demo employee, so the demo works without a phone.

Only in development (DEBUG): in production every employee sets up their own app.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo employee (development only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", nargs="?", default="coordinator")

    def handle(self, *args, username: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code only works with DEBUG=true.")
        device = TOTPDevice.objects.filter(user__username=username, name="Demo", confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no demo authenticator; run load_demo_data first.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
