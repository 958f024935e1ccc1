"""``manage.py purge_expired_audit_entries``: what the daily task does, by hand or from cron."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gehoord.audit import retention


class Command(BaseCommand):
    help = (
        "Remove the audit entries older than AUDIT_RETENTION_YEARS whose complaint no longer holds personal "
        "data (erased or gone), and entries about no complaint on age alone. The daily Celery task does the same."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count the entries; remove nothing.")
        parser.add_argument("--today", help="Count the term from this date (YYYY-MM-DD) instead of today.")

    def handle(self, *args, **options) -> None:
        now = None
        if options["today"]:
            try:
                day = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date as YYYY-MM-DD.") from exc
            now = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        self.stdout.write(str(retention.purge_expired_entries(now, dry_run=options["dry_run"])))
