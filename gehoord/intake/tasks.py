"""Background work of the public side."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from gehoord.organisation.models import Municipality


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=12,
    acks_late=True,
)
def send_forwarded_page(recipient: str, sender_name: str, message: str, page_url: str) -> None:
    """'Stuur door': e-mail the public complaints page to someone."""
    municipality = Municipality.load()
    context = {
        "sender_name": sender_name,
        "message": message,
        "page_url": page_url,
        "municipality": municipality,
    }
    send_mail(
        subject=render_to_string("intake/email/forward_subject.txt", context).strip(),
        message=render_to_string("intake/email/forward_body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[recipient],
    )
