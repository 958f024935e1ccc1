from smtplib import SMTPException

from celery import shared_task

from gehoord.monitor.digest import send_digests


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=60, max_retries=5, acks_late=True)
def send_deadline_digests() -> int:
    return send_digests()
