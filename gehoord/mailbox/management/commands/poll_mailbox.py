from django.core.management.base import BaseCommand, CommandError

from gehoord.mailbox.tasks import poll_configured_mailbox


class Command(BaseCommand):
    help = "Read the complaints mailbox (MAILBOX_* settings) once and import new e-mails."

    def handle(self, *args, **options) -> None:
        result = poll_configured_mailbox()
        if result is None:
            raise CommandError("No mailbox configured: set MAILBOX_HOST, MAILBOX_USER and MAILBOX_PASSWORD.")
        self.stdout.write(str(result))
