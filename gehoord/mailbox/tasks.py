"""The scheduled poll of the complaints mailbox."""

from __future__ import annotations

import logging

from celery import shared_task

from gehoord.mailbox import services
from gehoord.mailbox.imap import ImapMailbox, ImapSettings

logger = logging.getLogger(__name__)


def poll_configured_mailbox() -> services.PollResult | None:
    """Poll the mailbox of the settings once; None when no mailbox is configured."""
    config = ImapSettings.from_settings()
    if config is None:
        return None
    with ImapMailbox(config) as mailbox:
        result = services.poll(mailbox)
    logger.info("Mailbox polled: %s", result)
    return result


# No retry of its own: the next scheduled poll is the retry, and messages stay
# in the mailbox until they are imported.
@shared_task(acks_late=True, ignore_result=True)
def poll_mailbox_task() -> str:
    result = poll_configured_mailbox()
    return str(result) if result is not None else "no mailbox configured"
