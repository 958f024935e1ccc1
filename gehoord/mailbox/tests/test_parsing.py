"""Reading e-mails: names, bodies, attachments, and telling people from machines."""

import pytest

from gehoord.core.text import html_to_text
from gehoord.mailbox.parsing import MalformedMessage, message_id_of, parse
from gehoord.mailbox.tests.messages import PDF, mail


def test_sender_subject_text_and_attachment():
    parsed = parse(mail(attachment=("brief.pdf", PDF, "application/pdf")))

    assert parsed.sender_email == "jan.devries@example.org"
    assert parsed.sender_name == "Jan de Vries"
    assert parsed.subject == "Klacht over de balie"
    assert parsed.text == "Ik ben aan de balie onbeleefd behandeld door een medewerker."
    assert [(a.filename, a.content) for a in parsed.attachments] == [("brief.pdf", PDF)]
    assert parsed.automatic == ""


def test_references_in_subject_and_text():
    parsed = parse(mail(subject="Re: uw klacht K-2026-00042", text="Zie ook K-2025-00007 en K-2026-00042."))

    assert parsed.references == ["K-2026-00042", "K-2025-00007"]


@pytest.mark.parametrize(
    ("headers", "sender", "subject"),
    [
        ({"Auto-Submitted": "auto-generated"}, None, "Klacht"),
        ({"X-Autorespond": "1"}, None, "Klacht"),
        ({"Precedence": "bulk"}, None, "Klacht"),
        ({}, "MAILER-DAEMON@example.org", "Klacht"),
        ({}, "noreply@example.org", "Klacht"),
        ({}, None, "Automatisch antwoord: uw klacht"),
        ({}, None, "Out of Office: complaint"),
    ],
)
def test_machine_written_mail_is_recognised(headers, sender, subject):
    raw = mail(headers=headers, subject=subject, **({"sender": sender} if sender else {}))

    assert parse(raw).automatic


def test_auto_submitted_no_is_a_person():
    assert parse(mail(headers={"Auto-Submitted": "no"})).automatic == ""


def test_html_is_sanitised_to_text():
    text = html_to_text(
        '<div onclick="x()">Hallo<br>daar</div><script>steal()</script><style>*{}</style>'
        '<p>Een <a href="javascript:x">link</a> &lt;geen tag&gt;</p>'
    )

    assert text == "Hallo\ndaar\nEen link <geen tag>"


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \r\n", b"Subject: geen afzender\r\n\r\nTekst", b"From: niemand\r\nSubject: x\r\n\r\nTekst"],
)
def test_what_cannot_become_a_complaint_says_why(raw):
    with pytest.raises(MalformedMessage) as refused:
        parse(raw)

    assert str(refused.value)


def test_a_message_without_message_id_gets_a_stable_one():
    raw = b"From: a@example.org\r\nSubject: x\r\n\r\ny\r\n"

    assert message_id_of(raw) == message_id_of(raw)
    assert message_id_of(raw).startswith("<sha256:")
