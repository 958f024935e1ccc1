from django.core.management.base import BaseCommand

from gehoord.monitor.digest import send_digests


class Command(BaseCommand):
    help = "E-mail each handler and coordinator the complaints that are due or overdue (the daily digest)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{send_digests()} digest(s) sent.")
