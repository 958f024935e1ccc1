"""Polling the platforms that Gehoord reads itself (Mastodon)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from gehoord.social import services
from gehoord.social.adapters import MastodonAdapter

logger = logging.getLogger(__name__)


def poll_mastodon() -> services.IngestResult | None:
    """Fetch new mentions of the municipality's Mastodon account; None when none is configured."""
    if not (settings.MASTODON_API_BASE_URL and settings.MASTODON_ACCESS_TOKEN):
        return None
    adapter = MastodonAdapter(
        api_base_url=settings.MASTODON_API_BASE_URL, access_token=settings.MASTODON_ACCESS_TOKEN
    )
    result = services.ingest(adapter)
    logger.info("Mastodon polled: %s new, %s already there", result.created, result.duplicates)
    return result


# No retry of its own: the next scheduled poll picks up where the last stored one stopped.
@shared_task(acks_late=True, ignore_result=True)
def poll_mastodon_task() -> str:
    result = poll_mastodon()
    return (
        f"{result.created} new, {result.duplicates} duplicates"
        if result
        else "no Mastodon account configured"
    )
