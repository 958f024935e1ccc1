"""Virus scanning of uploads through clamd's INSTREAM protocol (a stand-in clamd process that knows EICAR)."""

import logging

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from gehoord.cases.attachment_policy import ScannerUnavailable, VirusFound, check_uploads, scan_for_viruses
from gehoord.cases.models import Attachment, Complaint
from gehoord.core.testing.clamd_server import EICAR, clamd_process, free_port
from gehoord.intake.models import PendingUpload
from gehoord.intake.tests.helpers import PDF_BYTES, pdf_file, valid_form_data
from gehoord.mailbox import services as mailbox_services
from gehoord.mailbox.models import MessageOutcome
from gehoord.mailbox.tests.messages import mail

FORM = "/klacht/formulier/"
# A PDF as the type check reads it, carrying the EICAR test string: only the virus scan stops it.
INFECTED_PDF = PDF_BYTES + EICAR + b"\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()  # the form's rate limit


@pytest.fixture
def clamd(settings, tmp_path):
    with clamd_process(tmp_path) as (address, log):
        settings.CLAMAV_ADDRESS = address
        yield log


def _stored_files(tmp_path) -> list:
    media = tmp_path / "media"
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.mark.django_db
def test_a_clean_file_is_scanned_and_stored(client, clamd, tmp_path):
    response = client.post(FORM, valid_form_data(attachments=[pdf_file("brief.pdf")]))

    assert response.status_code == 302
    assert Attachment.objects.count() == 1
    assert clamd.read_text().splitlines() == ["stream: OK"]
    assert len(_stored_files(tmp_path)) == 1


@pytest.mark.django_db
def test_an_infected_file_is_refused_in_dutch_and_nothing_is_stored(client, clamd, tmp_path):
    infected = SimpleUploadedFile("rekening.pdf", INFECTED_PDF, content_type="application/pdf")

    response = client.post(FORM, valid_form_data(attachments=[pdf_file("brief.pdf"), infected]))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Het bestand &#x27;rekening.pdf&#x27; bevat mogelijk een virus en is niet opgeslagen." in html
    assert Complaint.objects.count() == 0
    # The clean file is kept for the next try (under the form token); the infected one is not stored.
    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == ["brief.pdf"]
    assert _stored_files(tmp_path) == [tmp_path / "media" / PendingUpload.objects.get().file.name]
    assert sorted(clamd.read_text().splitlines()) == ["stream: Eicar-Signature FOUND", "stream: OK"]


@pytest.mark.django_db
def test_an_unreachable_scanner_refuses_the_upload_and_logs_it(client, settings, tmp_path, caplog):
    settings.CLAMAV_ADDRESS = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there

    with caplog.at_level(logging.ERROR, logger="gehoord.cases.attachment_policy"):
        response = client.post(FORM, valid_form_data(attachments=[pdf_file("brief.pdf")]))

    assert response.status_code == 400
    assert (
        "kon niet op virussen worden gecontroleerd en is daarom niet opgeslagen" in response.content.decode()
    )
    assert Complaint.objects.count() == 0
    assert _stored_files(tmp_path) == []
    assert any("Virus scan failed, upload refused" in record.getMessage() for record in caplog.records)
    assert not any("brief.pdf" in record.getMessage() for record in caplog.records)


def test_without_clamav_address_nothing_is_scanned(settings):
    settings.CLAMAV_ADDRESS = ""

    [checked] = check_uploads([SimpleUploadedFile("x.pdf", INFECTED_PDF)])

    assert checked.content_type == "application/pdf"


def test_the_unix_socket_works_too_and_the_file_can_be_read_again_after_the_scan(settings, tmp_path):
    with clamd_process(tmp_path, unix_socket=True) as (address, log):
        settings.CLAMAV_ADDRESS = address
        infected = SimpleUploadedFile("a.pdf", INFECTED_PDF)
        with pytest.raises(VirusFound) as found:
            scan_for_viruses(infected)
        big_clean = SimpleUploadedFile("b.pdf", PDF_BYTES + b"0" * (3 * 1024 * 1024))  # many chunks
        scan_for_viruses(big_clean)

    assert found.value.signature == "Eicar-Signature"
    assert big_clean.read(8) == PDF_BYTES[:8]
    assert log.read_text().splitlines() == ["stream: Eicar-Signature FOUND", "stream: OK"]
    with pytest.raises(ScannerUnavailable):
        scan_for_viruses(SimpleUploadedFile("c.pdf", PDF_BYTES))  # the socket is gone now


@pytest.mark.django_db
def test_an_infected_mail_attachment_is_left_out_and_named_on_the_file(clamd):
    raw = mail(attachment=("factuur.pdf", INFECTED_PDF, "application/pdf"))

    row = mailbox_services.import_message(raw)

    # The one attachment policy: the mail is imported, the infected file is not, and the file says why.
    assert row.outcome == MessageOutcome.NEW_COMPLAINT
    assert Attachment.objects.count() == 0
    note = next(event for event in row.complaint.events.all() if "refused_files" in event.data)
    assert "factuur.pdf" in note.summary
    assert "virus" in note.details


@pytest.mark.django_db
def test_an_unreachable_scanner_leaves_the_mail_for_the_next_poll(settings):
    settings.CLAMAV_ADDRESS = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    raw = mail(attachment=("factuur.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))

    row = mailbox_services.import_message(raw)

    # Importing without the file would lose it: the mail waits, and is tried again.
    assert row.outcome == MessageOutcome.FAILED
    assert "virussen" in row.reason
    assert Complaint.objects.count() == 0
