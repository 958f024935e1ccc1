from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.api.models import ApiClient, Scope
from gehoord.core.tokens import hash_token, new_token


class Command(BaseCommand):
    help = (
        "Create an API client with a service account of its own (never a person's account) "
        "and print its token (shown only this once)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("name")
        parser.add_argument(
            "--scope", dest="scopes", action="append", choices=Scope.values, default=[], help="repeatable"
        )
        parser.add_argument(
            "--role",
            dest="roles",
            action="append",
            choices=[role.value for role in Role if role != Role.ADMIN],
            default=[],
            help="the service account's role (repeatable): decides which complaints the client sees",
        )
        parser.add_argument("--username", help="the service account's user name (default: api-<name>)")

    def handle(self, *args, name: str, scopes: list[str], roles: list[str], username: str | None, **options):
        username = username or f"api-{slugify(name)}"[:150]
        if ApiClient.objects.filter(name=name).exists():
            raise CommandError(f"An API client named {name!r} exists already.")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} exists already; choose another with --username.")
        token = new_token()
        with transaction.atomic():
            account = User(username=username, first_name=name[:150], is_service_account=True)
            account.set_unusable_password()
            account.save()
            account.groups.set(Group.objects.filter(name__in=roles))
            client = ApiClient(
                name=name, user=account, scopes=sorted(set(scopes)), token_hash=hash_token(token)
            )
            client.full_clean()
            client.save()
        self.stdout.write(token)
