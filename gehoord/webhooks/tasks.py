"""Celery tasks that deliver webhook events.

With a broker a failed attempt is retried by the task itself after the
delivery's backoff; in-process (``make run``, the tests) the task makes one
attempt and leaves the retry to :func:`deliver_due_webhooks_task` on beat, so
a web request never waits for a receiver twice.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from gehoord.webhooks import services
from gehoord.webhooks.models import DeliveryStatus
from gehoord.webhooks.schedule import BEAT_SCHEDULE

__all__ = ["BEAT_SCHEDULE", "deliver_due_webhooks_task", "deliver_webhook"]


@shared_task(bind=True, acks_late=True, max_retries=None, ignore_result=True)
def deliver_webhook(self, delivery_id: int, expected_attempts: int | None = None) -> str:
    delivery = services.deliver(delivery_id, expected_attempts=expected_attempts)
    if delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at and not self.request.is_eager:
        countdown = max((delivery.next_attempt_at - timezone.now()).total_seconds(), 0.0)
        raise self.retry(
            args=[delivery_id], kwargs={"expected_attempts": delivery.attempts}, countdown=countdown
        )
    return delivery.status


@shared_task(ignore_result=True)
def deliver_due_webhooks_task() -> int:
    """Beat: requeue deliveries whose retry is due or whose task was lost."""
    return services.deliver_due()
