"""The acknowledgment as a document: a tagged PDF/UA in Dutch that says what Awb 9:6 asks."""

import datetime as dt
import subprocess
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from gehoord.cases.status_link import status_url
from gehoord.cases.tests.factories import ComplainantFactory, UserFactory, make_complaint
from gehoord.correspondence import letter_templates, letters, services
from gehoord.correspondence.constants import LetterKind
from gehoord.organisation.models import Municipality

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


def dutch(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@pytest.fixture
def municipality():
    municipality = Municipality.load()
    municipality.name = "Gemeente Pijnacker-Nootdorp"
    municipality.postal_address = "Postbus 1\n2640 AA Pijnacker"
    municipality.complaints_phone = "14 015"
    municipality.save()
    return municipality


@pytest.fixture
def acknowledgment(municipality):
    complaint = make_complaint(
        received_at=dt.datetime(2026, 11, 20, 10, 30, tzinfo=AMSTERDAM),
        employees_involved=[UserFactory(first_name="Zacharias", last_name="Beklaagde")],
    )
    return services.queue_acknowledgment(complaint)


def poppler(pdf: bytes, tmp_path) -> dict[str, str]:
    """What poppler reads back from the PDF: info, XMP metadata, structure tree and text."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    commands = {
        "info": ["pdfinfo", str(path)],
        "meta": ["pdfinfo", "-meta", str(path)],
        "struct": ["pdfinfo", "-struct", str(path)],
        "text": ["pdftotext", str(path), "-"],
    }
    return {
        name: subprocess.run(command, capture_output=True, text=True, check=True).stdout
        for name, command in commands.items()
    }


def test_every_kind_has_a_spec_and_a_default_text_that_passes_its_own_checks():
    for kind in LetterKind.values:
        assert letters.spec_for(kind).file_stem
        assert not letter_templates.check_text(kind, letter_templates.default_text(kind)).by_field


def test_acknowledgment_is_a_tagged_pdf_ua_in_dutch(acknowledgment, municipality, tmp_path):
    complaint = acknowledgment.complaint
    pdf = poppler(letters.render_pdf(acknowledgment), tmp_path)
    info, text = pdf["info"], pdf["text"]

    assert "Tagged:          yes" in info
    assert "Pages:           1" in info
    assert "Title:           Ontvangstbevestiging van uw klacht K-2026-" in info
    assert 'pdfuaid:part="1"' in pdf["meta"]  # identifies itself as PDF/UA-1
    for role in ("H1 (block)", "H2 (block)", "P (block)", "Link (inline)"):
        assert role in pdf["struct"]
    assert f"Ons kenmerk: {complaint.reference}" in text
    assert "Gemeente Pijnacker-Nootdorp" in text
    assert "2640 AA Pijnacker" in text
    assert "20 november 2026" in text  # date of receipt
    assert dutch(complaint.first_contact_due) in text
    assert dutch(complaint.decision_due) in text
    assert complaint.complainant.full_name in text
    assert "Met vriendelijke groet," in text
    assert "14 015" in text


def test_acknowledgment_says_what_awb_9_6_asks(acknowledgment):
    html = letters.render_html(acknowledgment)
    complaint = acknowledgment.complaint

    assert '<html lang="nl">' in html
    assert "<title>Ontvangstbevestiging van uw klacht" in html
    assert "<h1>" in html
    assert "<address" in html
    assert "persoonlijk contact" in html
    assert "informele manier" in html
    assert "in de gelegenheid om gehoord te worden" in html
    assert "artikel 9:11, tweede en derde lid" in html  # postponing, and further only with consent
    assert "artikel 9:11" in html
    assert "artikel 9:9" in html
    assert f'href="{status_url(complaint)}"' in html
    # The letter informs about the copy to the employee, never who it is.
    assert "Zacharias" not in html
    assert "Beklaagde" not in html


def test_letters_are_dutch_whatever_the_request_language(municipality):
    complaint = make_complaint(received_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMSTERDAM))
    with translation.override("en"):
        letter = services.queue_acknowledgment(complaint)
        html = letters.render_html(letter)

    assert letter.subject.startswith("Ontvangstbevestiging van uw klacht")
    assert "2 maart 2026" in html
    assert "Op 2 maart 2026 hebben wij uw klacht ontvangen" in letter.body_text


def test_the_letter_is_dated_when_it_was_written(acknowledgment):
    acknowledgment.created_at = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)  # 24 Nov in Amsterdam
    assert "Datum: 24 november 2026" in letters.render_html(acknowledgment)


def test_the_stored_email_text_never_holds_the_secret_status_link(acknowledgment):
    link = status_url(acknowledgment.complaint)

    assert link not in acknowledgment.body_text
    assert letters.STATUS_LINK_PLACEHOLDER in acknowledgment.body_text
    assert link in letters.email_body(acknowledgment)


def test_email_text_is_not_html_escaped(municipality):
    complaint = make_complaint(complainant=ComplainantFactory.build(last_name="D'Hondt & Zn"))

    letter = services.queue_acknowledgment(complaint)

    assert "D'Hondt & Zn" in letter.body_text


def test_addresses_in_a_letter_text_or_placeholder_value_are_never_fetched(
    municipality, monkeypatch, tmp_path
):
    """WeasyPrint's fetcher serves only Gehoord's static files: no file:, no http(s) (gehoord.core.pdf)."""
    from gehoord.core.testing.network import NetworkTripwire
    from gehoord.correspondence.default_texts import LetterText

    complaint = make_complaint(
        complainant=ComplainantFactory.build(last_name='<img src="http://169.254.169.254/latest/meta-data/">')
    )
    letter = services.queue_acknowledgment(complaint)
    default = letter_templates.default_text(LetterKind.ACKNOWLEDGMENT)
    text = LetterText(
        subject=default.subject,
        email_summary=default.email_summary,
        body=default.body + '\n\nZie <img src="file:///etc/passwd"> en ![kaart](http://169.254.169.254/).\n',
    )
    tripwire = NetworkTripwire().install(monkeypatch)

    content = letters.render_pdf(letter, text=text)

    assert tripwire.attempts == []
    assert not [name for name in tripwire.files if name.startswith("/etc/")]
    monkeypatch.undo()
    words = " ".join(poppler(content, tmp_path)["text"].split())
    assert 'Zie <img src="file:///etc/passwd">' in words  # shown as the text it is
    assert "169.254.169.254/latest/meta-data/" in words
