"""The mailbox against a real IMAP server (Dovecot on localhost): what each kind of e-mail becomes."""

import pytest

from gehoord.cases.constants import Channel, EventKind
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.correspondence.constants import LetterKind
from gehoord.intake.tests.helpers import PNG_BYTES
from gehoord.mailbox.imap import ImapMailbox, ImapSettings
from gehoord.mailbox.models import InboundMessage, MessageOutcome
from gehoord.mailbox.tests.messages import PDF, mail

pytestmark = pytest.mark.django_db


def test_a_new_mail_becomes_a_complaint_with_its_attachment(inbox):
    inbox.deliver(mail(attachment=("brief.pdf", PDF, "application/pdf")))

    result = inbox.poll()

    complaint = Complaint.objects.get()
    assert result.counts == {MessageOutcome.NEW_COMPLAINT: 1}
    assert complaint.channel == Channel.EMAIL
    assert complaint.complainant.first_name == "Jan"
    assert complaint.complainant.last_name == "de Vries"
    assert complaint.complainant.email == "jan.devries@example.org"
    assert complaint.description == (
        "Klacht over de balie\n\nIk ben aan de balie onbeleefd behandeld door een medewerker."
    )
    attachment = complaint.attachments.get()
    assert attachment.original_name == "brief.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.file.read() == PDF
    # A written complaint: the acknowledgment (Awb 9:6) is queued with it.
    assert complaint.letters.get().kind == LetterKind.ACKNOWLEDGMENT
    row = InboundMessage.objects.get()
    assert (row.outcome, row.complaint, row.sender) == (
        MessageOutcome.NEW_COMPLAINT,
        complaint,
        "jan.devries@example.org",
    )
    assert inbox.unseen() == []  # marked processed in the mailbox


def test_a_reply_with_a_reference_lands_in_that_file(inbox):
    complaint = factories.make_complaint(
        complainant=factories.ComplainantFactory(email="jan.devries@example.org")
    )
    inbox.deliver(
        mail(
            subject=f"RE: Ontvangstbevestiging van uw klacht {complaint.reference}",
            text="Hierbij nog de foto die ik noemde.",
            attachment=("foto.png", PNG_BYTES, "image/png"),
        )
    )

    result = inbox.poll()

    assert result.counts == {MessageOutcome.ADDED: 1}
    assert Complaint.objects.count() == 1
    event = complaint.events.get(kind=EventKind.COMPLAINANT_ADDITION)
    assert event.summary.startswith(
        f"E-mail ontvangen: RE: Ontvangstbevestiging van uw klacht {complaint.reference}"
    )
    assert "met bijlagen: foto.png" in event.summary
    assert "niet de klager" not in event.summary
    assert event.details == "Hierbij nog de foto die ik noemde."
    assert complaint.attachments.get().content_type == "image/png"
    assert InboundMessage.objects.get().complaint == complaint


def test_a_reference_from_someone_else_is_added_but_flagged(inbox):
    complaint = factories.make_complaint(
        complainant=factories.ComplainantFactory(email="jan.devries@example.org")
    )
    inbox.deliver(mail(sender="Iemand <iemand@example.com>", subject=f"Over {complaint.reference}"))

    inbox.poll()

    # On the file, but not as the complainant's own addition.
    assert not complaint.events.filter(kind=EventKind.COMPLAINANT_ADDITION).exists()
    event = complaint.events.get(kind=EventKind.NOTE)
    assert "(afzender is niet de klager: iemand@example.com)" in event.summary


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"X-Autoreply": "yes"},
        {"Precedence": "auto_reply"},
    ],
)
def test_an_auto_reply_does_not_become_a_complaint(inbox, headers):
    inbox.deliver(
        mail(subject="Afwezig: Ontvangstbevestiging", text="Ik ben tot maandag afwezig.", headers=headers)
    )

    result = inbox.poll()

    assert result.counts == {MessageOutcome.AUTOMATIC: 1}
    assert not Complaint.objects.exists()
    row = InboundMessage.objects.get()
    assert row.outcome == MessageOutcome.AUTOMATIC and row.reason
    assert inbox.unseen() == []  # set aside: not fetched again


def test_a_bounce_does_not_become_a_complaint(inbox):
    bounce = (
        "From: Mail Delivery System <MAILER-DAEMON@mail.example.org>\r\n"
        "To: klachten@gemeente.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce-1@mail.example.org>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.example.org\r\n"
        "Final-Recipient: rfc822; weg@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b--\r\n"
    )
    inbox.deliver(bounce)

    inbox.poll()

    assert not Complaint.objects.exists()
    assert InboundMessage.objects.get().outcome == MessageOutcome.AUTOMATIC


def test_a_second_poll_imports_nothing_new(inbox):
    inbox.deliver(mail())
    inbox.poll()

    second = inbox.poll()

    assert second.counts == {} and second.already_done == 0
    assert Complaint.objects.count() == 1


def test_the_same_message_id_is_never_imported_twice(inbox):
    # The flag that marks it processed did not stick (or the mail arrived twice): the Message-ID guards.
    raw = mail(message_id="<een-keer@example.org>")
    inbox.deliver(raw)
    inbox.poll()
    inbox.deliver(raw)

    second = inbox.poll()

    assert second.already_done == 1
    assert Complaint.objects.count() == 1
    assert inbox.unseen() == []


def test_a_malformed_message_is_reported_and_left_for_the_next_poll(inbox):
    inbox.deliver(b"Subject: zonder afzender\r\nMessage-ID: <kapot@example.org>\r\n\r\nWie ben ik?\r\n")
    inbox.deliver(mail(subject="Een gewone klacht"))

    first = inbox.poll()

    assert first.counts == {MessageOutcome.FAILED: 1, MessageOutcome.NEW_COMPLAINT: 1}
    failed = InboundMessage.objects.get(outcome=MessageOutcome.FAILED)
    assert failed.message_id == "<kapot@example.org>"
    assert "afzenderadres" in failed.reason
    assert len(inbox.unseen()) == 1  # left in the mailbox, unread

    second = inbox.poll()

    assert second.counts == {MessageOutcome.FAILED: 1}
    failed.refresh_from_db()
    assert failed.attempts == 2
    assert Complaint.objects.count() == 1


def test_a_failed_message_dismissed_by_the_coordinator_is_not_fetched_again(inbox, coordinator):
    from gehoord.mailbox import services

    inbox.deliver(b"Subject: rommel\r\nMessage-ID: <rommel@example.org>\r\n\r\nx\r\n")
    inbox.poll()
    services.dismiss(InboundMessage.objects.get(), actor=coordinator, reason="Spam zonder afzender.")

    result = inbox.poll()

    assert result.already_done == 1
    assert inbox.unseen() == []


def test_an_html_only_mail_keeps_sanitised_text(inbox):
    inbox.deliver(
        mail(
            text="",
            html=(
                "<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
                "<body><p>Mijn <b>aanvraag</b> is kwijtgeraakt.</p><p>Graag &amp; snel.</p></body></html>"
            ),
        )
    )

    inbox.poll()

    description = Complaint.objects.get().description
    assert description == "Klacht over de balie\n\nMijn aanvraag is kwijtgeraakt.\nGraag & snel."
    assert "alert" not in description and "color" not in description


def test_processed_mail_moves_to_the_configured_folder(inbox):
    inbox.deliver(mail())
    config = ImapSettings(**{**inbox.config.__dict__, "processed_folder": "Verwerkt"})

    from gehoord.mailbox import services

    with ImapMailbox(config) as mailbox:
        services.poll(mailbox)

    assert inbox.count("INBOX") == 0
    assert inbox.count("Verwerkt") == 1


def test_a_wrong_password_fails_loudly(imap_server):
    config = ImapSettings(
        host=imap_server.host, port=imap_server.port, user="klachten", password="fout", ssl=False
    )

    from imapclient.exceptions import LoginError

    with pytest.raises(LoginError), ImapMailbox(config):
        pass
