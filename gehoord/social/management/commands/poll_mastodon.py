from django.core.management.base import BaseCommand, CommandError

from gehoord.core.outbound import OutboundError
from gehoord.social.tasks import poll_mastodon


class Command(BaseCommand):
    help = "Fetch new mentions of the municipality's Mastodon account once (MASTODON_* settings)."

    def handle(self, *args, **options) -> None:
        try:
            result = poll_mastodon()
        except OutboundError as refusal:
            raise CommandError(f"MASTODON_API_BASE_URL: {refusal.message}") from refusal
        if result is None:
            raise CommandError(
                "No Mastodon account configured: set MASTODON_API_BASE_URL and MASTODON_ACCESS_TOKEN."
            )
        self.stdout.write(f"{result.created} new signals, {result.duplicates} already there.")
