"""E-mail authenticity: what our receiving server wrote in Authentication-Results decides who wrote a mail."""

import pytest

from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.mailbox.models import MessageOutcome
from gehoord.mailbox.parsing import parse
from gehoord.mailbox.services import import_message
from gehoord.mailbox.tests.messages import mail

pytestmark = pytest.mark.django_db

SENDER = "Jan de Vries <jan.devries@example.org>"
FAIL = "mx.gemeente.example; spf=fail smtp.mailfrom=example.org; dkim=none; dmarc=fail (p=reject) header.from=example.org"
PASS = "mx.gemeente.example; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org"


def _complaint_of_jan():
    return factories.make_complaint(complainant=factories.ComplainantFactory(email="jan.devries@example.org"))


@pytest.mark.parametrize(
    ("headers", "verdict"),
    [
        ([FAIL], "failed"),
        ([PASS], "verified"),
        ([], "unknown"),
        # Only the topmost header is our server's; one further down was written by the sender.
        ([FAIL, PASS], "failed"),
        (["mx.gemeente.example; dmarc=none header.from=example.org"], "unknown"),
    ],
)
def test_the_topmost_authentication_results_decide(headers, verdict):
    raw = mail(sender=SENDER)
    extra = b"".join(f"Authentication-Results: {value}\n".encode() for value in headers)
    assert parse(extra + raw).authentication.verdict == verdict


def test_with_an_authserv_id_only_that_servers_header_counts(settings):
    settings.MAILBOX_AUTHSERV_ID = "mx.gemeente.example"
    forged = b"Authentication-Results: elders.example; dmarc=pass\n"
    ours = f"Authentication-Results: {FAIL}\n".encode()
    assert parse(forged + ours + mail(sender=SENDER)).authentication.failed


def test_a_mail_that_fails_dmarc_is_not_attributed_to_the_complainant():
    complaint = _complaint_of_jan()
    raw = f"Authentication-Results: {FAIL}\n".encode() + mail(
        sender=SENDER, subject=f"RE: {complaint.reference}", text="Trek mijn klacht maar in."
    )

    row = import_message(raw)

    assert row.outcome == MessageOutcome.ADDED and row.complaint == complaint
    assert not complaint.events.filter(kind=EventKind.COMPLAINANT_ADDITION).exists()
    note = complaint.events.get(kind=EventKind.NOTE)
    assert "afzender niet geverifieerd" in note.summary
    assert note.data["sender_verified"] == "failed"


def test_a_verified_mail_of_the_complainant_is_their_addition():
    complaint = _complaint_of_jan()
    raw = f"Authentication-Results: {PASS}\n".encode() + mail(
        sender=SENDER, subject=f"RE: {complaint.reference}"
    )

    import_message(raw)

    event = complaint.events.get(kind=EventKind.COMPLAINANT_ADDITION)
    assert "niet geverifieerd" not in event.summary


def test_a_new_complaint_from_an_unverified_sender_says_so_on_the_file():
    raw = f"Authentication-Results: {FAIL}\n".encode() + mail(sender=SENDER)

    complaint = import_message(raw).complaint

    assert complaint.events.filter(summary="Afzender niet geverifieerd").exists()


def test_a_quoted_reference_that_does_not_exist_becomes_a_new_complaint_with_a_note():
    row = import_message(mail(sender=SENDER, subject="RE: uw klacht K-2026-99999"))

    assert row.outcome == MessageOutcome.NEW_COMPLAINT
    note = row.complaint.events.get(summary="Genoemd kenmerk niet gevonden")
    assert "K-2026-99999" in note.details
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    "header",
    [
        "; dmarc=fail",
        "",
        "   ",
        "mx.gemeente.example",
        ";;;",
        "mx; dmarc",
        "mx; dmarc==",
        "(comment) ; spf=pass",
    ],
)
def test_an_odd_header_is_no_verdict_and_no_failure(header):
    raw = f"Authentication-Results: {header}\n".encode() + mail(sender=SENDER)

    assert parse(raw).authentication.verdict in {"unknown", "failed", "verified"}
    assert import_message(raw).outcome == MessageOutcome.NEW_COMPLAINT


def test_a_nul_in_an_attachment_name_is_taken_out():
    from email import message_from_bytes, policy

    message = message_from_bytes(mail(sender=SENDER), policy=policy.default)
    message.add_attachment(b"MZ\x90\x00" + b"\x00" * 64, maintype="application", subtype="octet-stream")
    part = list(message.iter_attachments())[-1]
    part.replace_header("Content-Disposition", "attachment; filename*=utf-8''a%00b.exe")

    row = import_message(message.as_bytes())

    assert row.outcome == MessageOutcome.NEW_COMPLAINT
    note = next(event for event in row.complaint.events.all() if "refused_files" in event.data)
    assert "\x00" not in note.summary + note.details and "ab.exe" in note.summary
