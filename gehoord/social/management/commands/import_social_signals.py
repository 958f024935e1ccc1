from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gehoord.social import services
from gehoord.social.adapters import CsvFileAdapter, InvalidSignals


class Command(BaseCommand):
    help = "Import social-media signals from a CSV file (header: platform,post_id,author_handle,author_name,url,text,posted_at)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options) -> None:
        try:
            result = services.ingest(CsvFileAdapter(path.read_bytes()))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        except InvalidSignals as invalid:
            lines = "\n".join(f"  {where} {field}: {message}" for where, field, message in invalid.problems)
            raise CommandError(f"Nothing imported; fix these and try again:\n{lines}") from invalid
        self.stdout.write(f"{result.created} new signals, {result.duplicates} already there.")
