"""Send the letters that are still waiting: for cron, and for ``make run`` (no broker, no beat)."""

from django.core.management.base import BaseCommand

from gehoord.correspondence.services import deliver_due_letters


class Command(BaseCommand):
    help = "Stuurt brieven die nog niet verzonden zijn en aan de beurt zijn (opnieuw) naar de wachtrij."

    def handle(self, *args, **options) -> None:
        count = deliver_due_letters()
        self.stdout.write(f"{count} letter(s) handed to the task queue.")
