"""The hourly removal of expired Idempotency-Key answers, for Celery beat (gehoord.api.schedule)."""

from celery import shared_task

from gehoord.api import idempotency


@shared_task(acks_late=True, ignore_result=True)
def remove_expired_idempotent_responses() -> str:
    return f"{idempotency.remove_expired()} expired idempotent responses removed"
