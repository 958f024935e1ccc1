"""The e-mail that tells staff at once that a complainant added to a file.

Sent by :func:`gehoord.cases.tasks.send_new_information_notice` when the
municipality's setting (``Municipality.new_information_notice``) is
"immediate"; with "digest" the daily digest lists the file instead. Staff
e-mail may travel unencrypted, so the message names the reference, how the
information came in and when, and a link to the file: nothing the
complainant wrote, and not who they are.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from gehoord.cases.constants import NewInformationSource
from gehoord.cases.models import Complaint
from gehoord.cases.services import new_information_recipients
from gehoord.organisation.models import Municipality


def send_new_information_notice(complaint_id: int, source: str) -> int:
    """E-mail whoever clears the complaint's "nieuwe informatie" marker; returns to how many people.

    Nothing is sent when the marker was cleared in the meantime (the handler
    opened the file before the task ran) or the complaint is gone.
    """
    complaint = (
        Complaint.objects.select_related("handler")
        .filter(pk=complaint_id, new_information_at__isnull=False)
        .first()
    )
    if complaint is None:
        return 0
    recipients = [person.email for person in new_information_recipients(complaint)]
    if not recipients:
        return 0
    with translation.override("nl"):
        context = {
            "complaint": complaint,
            "source": NewInformationSource(source).label if source in NewInformationSource.values else "",
            "municipality": Municipality.load(),
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = render_to_string("cases/email/new_information_subject.txt", context).strip()
        body = render_to_string("cases/email/new_information_body.txt", context)
    # One message to all of them: a retry after a failure never sends it twice to some.
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return len(recipients)
