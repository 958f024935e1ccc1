"""With the database down the site answers a clear 503, and a submission that fails leaves nothing behind."""

import socket
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases.attachment_policy import CheckedFile
from gehoord.cases.constants import Channel
from gehoord.cases.models import Attachment, Complainant, Complaint
from gehoord.cases.tests import factories
from gehoord.correspondence import services as letter_services
from gehoord.correspondence.models import Letter
from gehoord.intake import registration
from gehoord.intake import services as intake_services
from gehoord.intake.models import WebSubmission
from gehoord.intake.tests.helpers import PNG_BYTES, pdf_file, valid_form_data
from gehoord.organisation.models import Municipality

FORM = "/klacht/formulier/"
PAGE_TEXT = "Het klachtenformulier is even niet beschikbaar"
NOT_STORED = "Uw gegevens zijn niet opgeslagen."


def _client() -> Client:
    # The test client re-raises a view's exception by default; a browser gets the answer instead.
    return Client(raise_request_exception=False)


@contextmanager
def every_query_refused():
    """Every query on this thread's connection fails as a lost connection does (works on SQLite too)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is: nothing listens there


def _files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _assert_no_complaint_rows() -> None:
    assert Complaint.objects.count() == 0
    assert Complainant.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert WebSubmission.objects.count() == 0
    assert Letter.objects.count() == 0


def _assert_unavailable_page(response) -> str:
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert PAGE_TEXT in html
    assert NOT_STORED in html
    assert "Probeer het over enkele minuten opnieuw" in html
    return html


@pytest.mark.django_db
def test_the_public_form_answers_503_with_what_to_do(settings):
    Municipality.objects.update_or_create(
        pk=1, defaults={"name": "Gemeente Dijkstad", "complaints_phone": "14 0123"}
    )
    Municipality.load()  # a page served earlier: the process knows the phone number
    data = valid_form_data()

    with every_query_refused():
        response = _client().post(FORM, data)

    html = _assert_unavailable_page(response)
    assert "Bel de gemeente via 14 0123" in html
    assert "Gemeente Dijkstad" in html
    _assert_no_complaint_rows()


@pytest.mark.django_db
def test_a_staff_page_answers_503_even_though_the_session_lives_in_the_database(coordinator):
    client = login_staff(_client(), coordinator)

    with every_query_refused():
        response = client.get("/medewerkers/klachten/")

    _assert_unavailable_page(response)
    assert "Set-Cookie" not in response or "sessionid" not in response.cookies


@pytest.mark.django_db
def test_the_api_answers_problem_json_503():
    with every_query_refused():
        response = _client().get("/api/v1/complaints/", headers={"Authorization": "Bearer whatever-token"})

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "120"
    body = response.json()
    assert body["status"] == 503
    assert "niet bereikbaar" in body["detail"]


@pytest.mark.django_db
def test_any_other_error_stays_the_plain_500_page(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(intake_services, "submit_web_complaint", broken)

    response = _client().post(FORM, valid_form_data())

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "Retry-After" not in response


@pytest.mark.django_db
def test_a_failure_midway_leaves_no_rows_and_no_files(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path / "media")

    def database_lost(complaint):
        # By now the complainant, the complaint and both attachments (files too) were written.
        assert Attachment.objects.filter(complaint=complaint).count() == 2
        assert len(_files_under(tmp_path / "media")) == 2
        raise OperationalError("server closed the connection unexpectedly")

    # The acknowledgment is queued by the register hook, last inside the intake's transaction.
    monkeypatch.setattr(letter_services, "queue_acknowledgment", database_lost)
    data = valid_form_data(attachments=[pdf_file("brief.pdf"), _png("foto.png")])

    response = _client().post(FORM, data)

    _assert_unavailable_page(response)
    _assert_no_complaint_rows()
    assert _files_under(tmp_path / "media") == []


@pytest.mark.django_db
def test_a_staff_registration_that_fails_midway_leaves_no_rows_and_no_files(
    coordinator, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = str(tmp_path / "media")

    def database_lost(complaint):
        assert len(_files_under(tmp_path / "media")) == 1
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(letter_services, "queue_acknowledgment", database_lost)

    with pytest.raises(OperationalError):
        registration.register_staff_complaint(
            data={
                "channel": Channel.LETTER,
                "received_at": timezone.now(),
                "last_name": "Boukhari",
                "email": "fatima@example.nl",
                "description": "Per brief: onvriendelijk behandeld aan de balie.",
            },
            files=[CheckedFile(pdf_file("scan.pdf"), "application/pdf")],
            actor=coordinator,
        )

    _assert_no_complaint_rows()
    assert _files_under(tmp_path / "media") == []


def _png(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_on_a_closed_port_gives_the_503_page_and_stores_nothing():
    """The real thing: the connection goes to a port where no PostgreSQL listens."""
    factories.make_complaint()  # something that exists before, and must stay the only one
    before = (Complaint.objects.count(), Complainant.objects.count())
    settings_dict = connection.settings_dict
    original = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(_closed_port())
    try:
        form_page = _client().get(FORM)
        response = _client().post(FORM, valid_form_data())
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = original

    _assert_unavailable_page(form_page)
    _assert_unavailable_page(response)
    assert (Complaint.objects.count(), Complainant.objects.count()) == before
    assert WebSubmission.objects.count() == 0
