"""The annual report: made in the background, its PDF and XLSX carry the figures, register and measures."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases.constants import Channel, Outcome
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.correspondence.tests.test_letters import poppler
from gehoord.learning.models import ImprovementMeasure
from gehoord.reporting import annual
from gehoord.reporting.figures import Period, figures
from gehoord.reporting.models import ReportRun, ReportStatus

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
PERIOD = Period.year(YEAR)


@pytest.fixture
def year_of_complaints(coordinator):
    department = factories.DepartmentFactory(name="Burgerzaken", code="bz")
    when = timezone.make_aware(dt.datetime(YEAR, 1, 15, 10))
    for channel in (Channel.EMAIL, Channel.LETTER, Channel.PHONE, Channel.WEB):
        complaint = factories.make_complaint(
            channel=channel,
            received_at=when,
            departments=[department],
            description="Mevrouw Jansen, Dorpsstraat 1, 06-12345678, was boos.",
        )
        Complaint.objects.filter(pk=complaint.pk).update(outcome=Outcome.FOUNDED)
    ImprovementMeasure.objects.create(
        description="Terugbellen bewaken",
        department=department,
        responsible=coordinator,
        due_date=timezone.localdate(),
        created_by=coordinator,
    )
    return department


def build(actor, **kwargs) -> ReportRun:
    run = ReportRun.objects.create(start=PERIOD.start, end=PERIOD.end, requested_by=actor, **kwargs)
    return annual.build(run)


def test_the_register_holds_the_written_complaints_anonymously(year_of_complaints):
    rows = list(annual.register(PERIOD))

    assert len(rows) == 3  # e-mail, letter, web form: written; the phone call is not
    assert {row.channel for row in rows} == {"E-mail", "Brief", "Webformulier"}
    for row in rows:
        assert row.summary.startswith("Klacht over Burgerzaken, per ")
        assert "gegrond" in row.summary
        assert not re.search(r"Jansen|Dorpsstraat|0612|06-1", row.summary)


def test_the_pdf_and_xlsx_carry_the_same_figures(coordinator, year_of_complaints, tmp_path):
    run = build(coordinator)

    assert (run.status, run.progress) == (ReportStatus.DONE, 100)
    result = figures(PERIOD)
    pdf = poppler(run.pdf.read(), tmp_path)
    text = re.sub(r"\s+", " ", pdf["text"])
    assert "Tagged: yes" in re.sub(r"\s+", " ", pdf["info"])
    assert f"Ontvangen klachten {result.received}" in text
    assert "Register van schriftelijke klachten" in text
    assert "In deze periode kwamen 3 schriftelijke klachten binnen." in text
    assert "Terugbellen bewaken" in text
    assert "Jansen" not in text and "Dorpsstraat" not in text

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(run.xlsx.read()))
    lines = {row[0]: row[1] for row in book["Cijfers"].iter_rows(values_only=True) if row and row[0]}
    assert lines["Ontvangen klachten"] == result.received == 4
    assert lines["Afgesloten klachten"] == result.closed
    register = list(book["Register"].iter_rows(values_only=True))
    assert len(register) == 1 + 3
    assert [row[0] for row in book["Maatregelen"].iter_rows(values_only=True)][1:] == ["Terugbellen bewaken"]


def test_a_long_register_is_complete_in_the_xlsx_and_cut_in_the_pdf(
    coordinator, year_of_complaints, monkeypatch, tmp_path
):
    monkeypatch.setattr(annual, "PDF_REGISTER_LIMIT", 2)

    run = build(coordinator)

    text = re.sub(r"\s+", " ", poppler(run.pdf.read(), tmp_path)["text"])
    assert "Hieronder staan de eerste 2; het volledige register staat in het Excel-bestand" in text
    from openpyxl import load_workbook

    assert len(list(load_workbook(io.BytesIO(run.xlsx.read()))["Register"].iter_rows())) == 1 + 3


def test_a_failure_is_recorded_not_lost(coordinator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint is weg")

    monkeypatch.setattr(annual, "render_pdf", broken)

    run = build(coordinator)

    assert run.status == ReportStatus.FAILED
    assert "WeasyPrint is weg" in run.error


def test_requesting_through_the_screen_makes_it_and_offers_the_files(
    client, coordinator, year_of_complaints, django_capture_on_commit_callbacks
):
    login_staff(client, coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("annual_reports"), {"start": f"01-01-{YEAR}", "end": f"31-12-{YEAR}", "department": ""}
        )

    run = ReportRun.objects.get()
    assert response.url == reverse("annual_report", args=[run.pk])
    assert run.status == ReportStatus.DONE  # the task ran in-process (eager) after the commit
    page = client.get(response.url).content.decode()
    assert "Jaarverslag downloaden (pdf)" in page
    download = client.get(reverse("annual_report_file", args=[run.pk, "pdf"]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_request_needs_a_period(client, coordinator):
    login_staff(client, coordinator)

    response = client.post(reverse("annual_reports"), {"start": "", "end": ""})

    assert response.status_code == 400
    assert "Vul de eerste dag van de periode in." in response.content.decode()
    assert not ReportRun.objects.exists()


def test_progress_is_shown_while_it_is_made(client, coordinator):
    run = ReportRun.objects.create(
        start=PERIOD.start,
        end=PERIOD.end,
        requested_by=coordinator,
        status=ReportStatus.RUNNING,
        progress=45,
        step="Pdf maken",
    )
    login_staff(client, coordinator)

    page = client.get(reverse("annual_report", args=[run.pk])).content.decode()

    assert '<progress id="progress" max="100" value="45">' in page and "Pdf maken" in page
