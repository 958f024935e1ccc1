"""``manage.py backup``: the database (pg_dump custom format, or an SQLite copy) and MEDIA_ROOT in one directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gehoord.core.backups import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de database (PostgreSQL: pg_dump, custom format; SQLite: een kopie) en van alle "
        "geüploade bestanden (MEDIA_ROOT) in één map, met een manifest met controlesommen."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="de map voor de back-up (nieuw of leeg); standaard BACKUP_ROOT/gehoord-backup-<datum-tijd>",
        )

    def handle(self, *args, output: Path | None = None, **options) -> None:
        try:
            result = make_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Back-up gemaakt in {result.directory}: database {manifest['database']['bytes']:,} bytes "
            f"({manifest['database']['format']}), {manifest['media']['files']} bestanden."
        )
