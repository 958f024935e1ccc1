"""The daily retention run, for Celery beat (gehoord.privacy.schedule)."""

from celery import shared_task

from gehoord.privacy import services


@shared_task(acks_late=True, ignore_result=True)
def erase_expired_personal_data() -> str:
    return str(services.erase_expired())
