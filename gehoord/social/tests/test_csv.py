"""Importing signals from a CSV file: Dutch spreadsheets, all or nothing, duplicates ignored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from gehoord.accounts.testing import login_staff
from gehoord.social.adapters import CsvFileAdapter, InvalidSignals
from gehoord.social.constants import SignalSource
from gehoord.social.models import SocialSignal
from gehoord.social.services import ingest

pytestmark = pytest.mark.django_db

# As Excel saves "CSV UTF-8" with Dutch settings: a byte order mark and semicolons.
GOOD = (
    "\ufeffplatform;post_id;author_handle;author_name;url;text;posted_at\n"
    'facebook;fb-1;Karin de Boer;Karin de Boer;https://facebook.example/p/1;"Waarom wordt ons afval; niet opgehaald?";30-11-2026 08:30\n'
    "instagram;ig-7;@sanne;;;Lange wachttijd bij de balie.;2026-11-29T14:00:00+01:00\n"
).encode()


def test_a_dutch_csv_file_is_imported():
    result = ingest(CsvFileAdapter(GOOD))

    assert (result.created, result.duplicates) == (2, 0)
    facebook = SocialSignal.objects.get(post_id="fb-1")
    assert facebook.text == "Waarom wordt ons afval; niet opgehaald?"
    assert facebook.source == SignalSource.CSV
    assert facebook.posted_at.isoformat() == "2026-11-30T07:30:00+00:00"  # 08:30 in Amsterdam


def test_a_second_import_of_the_same_file_adds_nothing():
    ingest(CsvFileAdapter(GOOD))

    result = ingest(CsvFileAdapter(GOOD))

    assert (result.created, result.duplicates) == (0, 2)


def test_a_bad_row_means_nothing_is_imported_and_the_line_is_named():
    bad = GOOD + b"x;x-1;@iemand;;geen-link;Tekst;morgen ooit\n"

    with pytest.raises(InvalidSignals) as refused:
        ingest(CsvFileAdapter(bad))

    problems = {(where, field) for where, field, _message in refused.value.problems}
    assert problems == {("regel 4", "url"), ("regel 4", "posted_at")}
    assert not SocialSignal.objects.exists()


def test_a_file_without_the_header_says_which_columns_are_missing():
    with pytest.raises(InvalidSignals) as refused:
        ingest(CsvFileAdapter(b"naam,bericht\nPiet,Hallo\n"))

    assert "platform, post_id, author_handle, text, posted_at" in refused.value.problems[0][2]


def test_a_file_that_is_not_utf8_says_how_to_save_it():
    with pytest.raises(InvalidSignals) as refused:
        ingest(CsvFileAdapter("platform;post_id\nx;caf\xe9\n".encode("latin-1")))

    assert "CSV UTF-8" in refused.value.problems[0][2]


def test_the_coordinator_uploads_a_file(client, coordinator):
    login_staff(client, coordinator)

    response = client.post(
        reverse("social:import"), {"file": SimpleUploadedFile("signalen.csv", GOOD, "text/csv")}
    )

    assert response.status_code == 302
    assert SocialSignal.objects.count() == 2


def test_an_upload_with_errors_lists_them(client, coordinator):
    login_staff(client, coordinator)

    response = client.post(
        reverse("social:import"),
        {
            "file": SimpleUploadedFile(
                "signalen.csv", GOOD + b"myspace;m-1;@a;;;T;30-11-2026 08:30\n", "text/csv"
            )
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Niets is ingelezen" in page
    assert "Regel 4, platform: Onbekend platform" in page
    assert not SocialSignal.objects.exists()


def test_the_management_command(tmp_path):
    path = tmp_path / "signalen.csv"
    path.write_bytes(GOOD)

    call_command("import_social_signals", str(path))
    assert SocialSignal.objects.count() == 2

    path.write_bytes(b"platform\n")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_social_signals", str(path))
