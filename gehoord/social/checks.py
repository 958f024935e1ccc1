"""Checks at start-up of the social-media settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from gehoord.core import outbound


@checks.register(checks.Tags.security)
def mastodon_over_https(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The Mastodon server is reached over https (http only where OUTBOUND_ALLOW_HTTP allows it).

    Its address is an environment setting, not an admin's form, so it is checked here when
    Gehoord starts; whether the host is on the internet is checked at every poll.
    """
    url = settings.MASTODON_API_BASE_URL
    if not url:
        return []
    try:
        outbound.check_scheme(url)
    except outbound.OutboundRefused as refusal:
        return [
            checks.Error(
                f"MASTODON_API_BASE_URL={url!r}: {refusal.message}",
                hint="Use https://, or set OUTBOUND_ALLOW_HTTP=true for an internal test server.",
                id="gehoord.social.E001",
            )
        ]
    return []
