"""The coordinator's mailbox screen: failed and set-aside mail, uploading an .eml, setting aside."""

import datetime as dt

import pytest
from django.core import mail as outbox
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gehoord.accounts.testing import login_staff
from gehoord.cases.constants import Channel
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.mailbox import services
from gehoord.mailbox.models import InboundMessage, MessageOutcome, MessageSource
from gehoord.mailbox.tests.messages import PDF, mail
from gehoord.monitor.digest import send_digests

pytestmark = pytest.mark.django_db

MALFORMED = b"Subject: zonder afzender\r\nMessage-ID: <kapot@example.org>\r\n\r\nWie ben ik?\r\n"


def eml(raw: bytes, name: str = "klacht.eml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, raw, "message/rfc822")


def test_only_the_coordinator_reads_the_mailbox(client, handler):
    login_staff(client, handler)

    assert client.get(reverse("mailbox:list")).status_code == 403
    assert client.post(reverse("mailbox:upload"), {"eml": eml(mail())}).status_code == 403
    assert not Complaint.objects.exists()


def test_the_screen_shows_what_failed_and_why(client, coordinator):
    services.import_message(MALFORMED)
    services.import_message(mail(subject="Afwezig", headers={"Auto-Submitted": "auto-replied"}))
    login_staff(client, coordinator)

    page = client.get(reverse("mailbox:list")).content.decode()

    assert "Niet ingelezen (1)" in page
    assert "zonder afzender" in page and "afzenderadres" in page
    assert "Afwezig" in page and "Auto-Submitted: auto-replied" in page


def test_an_uploaded_eml_becomes_a_complaint_received_when_it_was_sent(client, coordinator):
    login_staff(client, coordinator)

    response = client.post(
        reverse("mailbox:upload"), {"eml": eml(mail(attachment=("scan.pdf", PDF, "application/pdf")))}
    )

    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[complaint.reference])
    assert complaint.channel == Channel.EMAIL
    assert complaint.received_at == dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.UTC)  # the Date header
    assert complaint.attachments.get().original_name == "scan.pdf"
    row = InboundMessage.objects.get()
    assert (row.source, row.handled_by) == (MessageSource.UPLOAD, coordinator)


def test_an_uploaded_reply_joins_its_file(client, coordinator):
    complaint = factories.make_complaint()
    login_staff(client, coordinator)

    response = client.post(
        reverse("mailbox:upload"), {"eml": eml(mail(subject=f"Aanvulling {complaint.reference}"))}
    )

    assert response.url == reverse("cases:detail", args=[complaint.reference])
    assert Complaint.objects.count() == 1


def test_an_unreadable_upload_says_why_next_to_the_field(client, coordinator):
    login_staff(client, coordinator)

    response = client.post(reverse("mailbox:upload"), {"eml": eml(MALFORMED)})

    assert response.status_code == 400
    assert (
        "Deze e-mail kon niet worden ingelezen: Het bericht heeft geen geldig afzenderadres"
        in response.content.decode()
    )
    assert not Complaint.objects.exists()


def test_an_empty_upload_is_refused_in_dutch(client, coordinator):
    login_staff(client, coordinator)

    response = client.post(reverse("mailbox:upload"), {})

    assert response.status_code == 400
    assert "Kies het .eml-bestand van de e-mail." in response.content.decode()


def test_setting_a_failed_message_aside_needs_a_reason(client, coordinator):
    row = services.import_message(MALFORMED)
    login_staff(client, coordinator)

    client.post(reverse("mailbox:dismiss", args=[row.pk]), {"reason": ""})
    row.refresh_from_db()
    assert row.outcome == MessageOutcome.FAILED

    client.post(reverse("mailbox:dismiss", args=[row.pk]), {"reason": "Spam"})
    row.refresh_from_db()
    assert (row.outcome, row.reason, row.handled_by) == (MessageOutcome.DISMISSED, "Spam", coordinator)


def test_the_coordinators_digest_reports_mail_that_was_not_imported(coordinator):
    coordinator.email = "coordinator@gemeente.example"
    coordinator.save()
    services.import_message(MALFORMED)

    assert send_digests() == 1

    body = outbox.outbox[0].body
    assert "1 e-mail aan het klachtenpostvak kon niet worden ingelezen" in body
    assert reverse("mailbox:list") in body
