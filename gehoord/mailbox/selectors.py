"""Reading the mailbox's record."""

from django.db.models import QuerySet

from gehoord.mailbox.models import InboundMessage, MessageOutcome


def messages_not_imported() -> QuerySet[InboundMessage]:
    """E-mails that failed to import and were not set aside: they wait in the mailbox for a person."""
    return InboundMessage.objects.filter(outcome=MessageOutcome.FAILED).order_by("-last_attempt_at")
