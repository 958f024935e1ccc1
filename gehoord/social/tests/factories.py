import datetime as dt

import factory
from django.utils import timezone

from gehoord.core.tokens import hash_token
from gehoord.social.constants import Platform, SignalSource
from gehoord.social.models import SocialSignal, WebhookClient

TOKEN = "webhook-test-token-0123456789"


class SocialSignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialSignal

    platform = Platform.X
    post_id = factory.Sequence(lambda n: f"post-{n}")
    author_handle = factory.Sequence(lambda n: f"@burger{n}")
    author_name = "Petra Jansen"
    url = factory.LazyAttribute(
        lambda signal: f"https://x.example/{signal.author_handle[1:]}/{signal.post_id}"
    )
    text = "@gemeente Al drie weken geen reactie op mijn melding. Belachelijk."
    posted_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=3))
    source = SignalSource.WEBHOOK


def webhook_client(token: str = TOKEN, **kwargs) -> WebhookClient:
    return WebhookClient.objects.create(
        name=kwargs.pop("name", "Social-media tool"), token_hash=hash_token(token), **kwargs
    )
