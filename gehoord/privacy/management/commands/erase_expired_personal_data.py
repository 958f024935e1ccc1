import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from gehoord.privacy import services


class Command(BaseCommand):
    help = (
        "Erase the personal data of every ended complaint whose retention term has passed "
        "(RETENTION_* settings), keeping the anonymous figures. The daily Celery task does the same."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the complaints that are due; change nothing."
        )
        parser.add_argument("--today", help="Count the terms from this date (YYYY-MM-DD) instead of today.")

    def handle(self, *args, **options) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date as YYYY-MM-DD.") from exc
        run = services.erase_expired(today, dry_run=options["dry_run"])
        for reference in run.due:
            if reference in run.skipped:
                self.stdout.write(f"{reference}: skipped ({run.skipped[reference]})")
            elif options["dry_run"]:
                self.stdout.write(f"{reference}: due")
            else:
                self.stdout.write(f"{reference}: erased")
        self.stdout.write(str(run))
