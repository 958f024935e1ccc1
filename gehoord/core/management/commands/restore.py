"""``manage.py restore DIR``: put the database and MEDIA_ROOT back from a backup made by ``manage.py backup``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gehoord.core.backups import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van 'manage.py backup' terug: de database (pg_restore --clean) en MEDIA_ROOT. "
        "Wat er nu in staat, wordt vervangen. Stop eerst web, worker en beat."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path, help="de map van de back-up")
        parser.add_argument(
            "--no-input",
            action="store_true",
            dest="no_input",
            help="niet om bevestiging vragen (voor scripts)",
        )

    def handle(self, *args, directory: Path, no_input: bool = False, **options) -> None:
        try:
            manifest = read_manifest(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        name = str(connection.settings_dict["NAME"])
        if not no_input:
            self.stdout.write(
                f"Dit vervangt ALLES in database {name!r} en in MEDIA_ROOT door de back-up van "
                f"{manifest['created_at']}."
            )
            if input("Typ de naam van de database om door te gaan: ").strip() != name:
                raise CommandError("Niet teruggezet.")
        try:
            restore_backup(directory, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Teruggezet. Draai 'manage.py migrate' als deze versie van Gehoord nieuwer is.")
