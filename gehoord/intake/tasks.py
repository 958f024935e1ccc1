"""Background work of the public side."""

from smtplib import SMTPException

from celery import shared_task

from gehoord.intake import pending_uploads
from gehoord.intake.forwarding import forwarded_page_email


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=12,
    acks_late=True,
)
def send_forwarded_page(recipient: str, message: str) -> None:
    """'Stuur door': e-mail the public complaints page to someone, in the one fixed form."""
    forwarded_page_email(recipient, message).send()


@shared_task(acks_late=True, ignore_result=True)
def purge_pending_uploads() -> str:
    """Files added to a public form that was never sent, older than a day (gehoord.intake.schedule)."""
    return f"{pending_uploads.purge_expired()} pending uploads removed"
