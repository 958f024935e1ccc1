from django.core.management.base import BaseCommand, CommandError

from gehoord.core.tokens import hash_token, new_token
from gehoord.social.models import WebhookClient


class Command(BaseCommand):
    help = "Create a client for the social-media webhook and print its token (shown only this once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("name")

    def handle(self, *args, name: str, **options) -> None:
        if WebhookClient.objects.filter(name=name).exists():
            raise CommandError(f"A webhook client named {name!r} exists already.")
        token = new_token()
        WebhookClient.objects.create(name=name, token_hash=hash_token(token))
        self.stdout.write(token)
