"""The Mastodon adapter against a local server that speaks Mastodon's REST API."""

import pytest
from django.core import checks
from django.test import override_settings
from mastodon.errors import MastodonNetworkError

from gehoord.core import outbound
from gehoord.core.testing.resolver import PUBLIC_ADDRESS, FakeResolver
from gehoord.social import services
from gehoord.social.adapters import MastodonAdapter
from gehoord.social.constants import Platform, SignalSource
from gehoord.social.models import SocialSignal
from gehoord.social.tasks import poll_mastodon
from gehoord.social.tests.mastodon_server import mastodon_server, mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings):
    # The stand-in listens on loopback over http: allowed here by the outgoing-requests guard's settings.
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.OUTBOUND_ALLOW_HTTP = True
    with mastodon_server() as server:
        yield server


def adapter(server, **kwargs) -> MastodonAdapter:
    return MastodonAdapter(api_base_url=server.base_url, access_token=server.token, **kwargs)


def test_mentions_become_signals(server):
    server.notifications = [
        mention(
            11,
            1001,
            content="<p>@gemeente waarom <b>duurt</b> mijn vergunning zo lang?<script>x()</script></p>",
        ),
        mention(12, 1002, kind="favourite"),
    ]

    result = services.ingest(adapter(server))

    assert (result.created, result.duplicates) == (1, 0)
    signal = SocialSignal.objects.get()
    assert (signal.platform, signal.post_id, signal.source) == (
        Platform.MASTODON,
        "1001",
        SignalSource.MASTODON,
    )
    assert signal.author_handle == "@piet@mastodon.example"
    assert signal.author_name == "Piet Pieters"
    assert signal.url == "https://mastodon.example/@piet/1001"
    assert signal.text == "@gemeente waarom duurt mijn vergunning zo lang?"
    assert signal.posted_at.isoformat() == "2026-11-30T09:00:00+00:00"


def test_the_next_poll_continues_where_the_last_one_stopped(server):
    server.notifications = [mention(11, 1001)]
    services.ingest(adapter(server))
    server.notifications.append(mention(13, 1003))

    result = services.ingest(adapter(server))

    assert (result.created, result.duplicates) == (1, 0)
    assert "min_id=11" in server.requests[-1] or "min_id=11" in server.requests[-2]
    assert set(SocialSignal.objects.values_list("post_id", flat=True)) == {"1001", "1003"}


def test_more_mentions_than_a_page_are_all_fetched(server):
    server.notifications = [mention(100 + n, 2000 + n) for n in range(7)]
    services.ingest(adapter(server))  # the cursor now stands at 106
    server.notifications += [mention(200 + n, 3000 + n) for n in range(5)]

    result = services.ingest(MastodonAdapter(api_base_url=server.base_url, access_token=server.token))
    assert result.created == 5

    small_pages = adapter(server)
    small_pages.page_limit = 2
    server.notifications += [mention(300 + n, 4000 + n) for n in range(5)]
    assert services.ingest(small_pages).created == 5


def test_a_post_already_imported_another_way_is_a_duplicate(server):
    server.notifications = [mention(11, 1001)]
    services.ingest(adapter(server))
    from gehoord.social.models import AdapterCursor

    AdapterCursor.objects.all().delete()  # as if the cursor was lost

    result = services.ingest(adapter(server))

    assert (result.created, result.duplicates) == (0, 1)


def test_a_wrong_token_fails_loudly_and_stores_nothing(server):
    from mastodon.errors import MastodonUnauthorizedError

    with pytest.raises(MastodonUnauthorizedError):
        services.ingest(MastodonAdapter(api_base_url=server.base_url, access_token="wrong"))
    assert not SocialSignal.objects.exists()


def test_the_scheduled_poll_uses_the_settings(server):
    server.notifications = [mention(11, 1001)]

    with override_settings(MASTODON_API_BASE_URL=server.base_url, MASTODON_ACCESS_TOKEN=server.token):
        result = poll_mastodon()

    assert result.created == 1


def test_without_an_account_the_poll_does_nothing():
    with override_settings(MASTODON_API_BASE_URL="", MASTODON_ACCESS_TOKEN=""):
        assert poll_mastodon() is None


# -- the outgoing-requests guard (gehoord.core.outbound) -----------------------------------


def test_an_internal_server_is_not_polled(server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    server.notifications = [mention(11, 1001)]

    with pytest.raises(outbound.OutboundRefused, match="intern netwerk"):
        services.ingest(adapter(server))

    assert server.requests == [] and not SocialSignal.objects.exists()


def test_http_is_refused_in_production(server, settings):
    settings.DEBUG = False
    settings.OUTBOUND_ALLOW_HTTP = False

    with pytest.raises(outbound.OutboundRefused, match="https://"):
        services.ingest(adapter(server))

    assert server.requests == []


class Rebinding(FakeResolver):
    """Public for the first lookup, the stand-in's loopback address after that."""

    def __call__(self, host: str, port: int) -> list[str]:
        answer = super().__call__(host, port)
        self.answers[host] = ["127.0.0.1"]
        return answer


def test_a_name_rebound_to_loopback_is_refused_at_the_request(server, settings, monkeypatch):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    monkeypatch.setattr(outbound, "resolve", Rebinding({"mastodon.example": [PUBLIC_ADDRESS]}))
    port = server.base_url.rsplit(":", 1)[1]
    server.notifications = [mention(11, 1001)]

    with pytest.raises(MastodonNetworkError, match="intern netwerk"):
        services.ingest(
            MastodonAdapter(api_base_url=f"http://mastodon.example:{port}", access_token=server.token)
        )

    assert server.requests == []


def test_a_redirect_from_the_server_is_not_followed(server):
    from mastodon.errors import MastodonAPIError

    # A 3xx is an answer like any other: it is not followed to wherever it points.
    server.redirect_to = "http://169.254.169.254/latest/meta-data/"
    with pytest.raises(MastodonAPIError):
        services.ingest(adapter(server))
    assert len(server.requests) == 1


def test_the_start_up_check_wants_https_in_production(settings):
    settings.MASTODON_API_BASE_URL = "http://mastodon.example"
    settings.OUTBOUND_ALLOW_HTTP = False
    errors = checks.run_checks(tags=[checks.Tags.security])
    assert [error.id for error in errors if error.id.startswith("gehoord.social")] == ["gehoord.social.E001"]

    settings.MASTODON_API_BASE_URL = "https://mastodon.example"
    errors = checks.run_checks(tags=[checks.Tags.security])
    assert not [error for error in errors if error.id.startswith("gehoord.social")]
