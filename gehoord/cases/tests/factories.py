"""factory_boy factories for complaint files, staff and departments."""

import datetime as dt

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases import registration
from gehoord.cases.constants import Channel
from gehoord.cases.models import Complainant
from gehoord.organisation.models import Department


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Afdeling {n}")
    code = factory.Sequence(lambda n: f"afdeling-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@gemeente.example")
    password = factory.django.Password("geheim-wachtwoord-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            group, _ = Group.objects.get_or_create(name=Role(role).value)
            self.groups.add(group)


def coordinator(**kwargs) -> User:
    return UserFactory(roles=[Role.COORDINATOR], **kwargs)


def handler(**kwargs) -> User:
    return UserFactory(roles=[Role.HANDLER], **kwargs)


class ComplainantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complainant

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    street_address = factory.Faker("street_address", locale="nl_NL")
    postal_code = factory.Faker("postcode", locale="nl_NL")
    city = factory.Faker("city", locale="nl_NL")
    email = factory.Faker("email", locale="nl_NL")


def make_complaint(
    *,
    received_at: dt.datetime | None = None,
    channel: str = Channel.WEB,
    description: str = "De ambtenaar aan de balie was onbeleefd en luisterde niet.",
    parts: tuple[str, ...] = (),
    **kwargs,
):
    """A complaint registered through the real service, so terms and timeline are set."""
    return registration.register_complaint(
        complainant=kwargs.pop("complainant", None) or ComplainantFactory.build(),
        channel=channel,
        description=description,
        received_at=received_at or timezone.now(),
        parts=parts,
        **kwargs,
    )
