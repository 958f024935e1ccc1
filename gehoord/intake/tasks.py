"""Background work of the public side."""

from smtplib import SMTPException

from celery import shared_task

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
