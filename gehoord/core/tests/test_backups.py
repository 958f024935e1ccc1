"""``manage.py backup`` and ``manage.py restore``: a round trip brings back the data and the files."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gehoord.cases.models import Attachment, Complaint
from gehoord.cases.tests import factories
from gehoord.core import backups

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _complaint_with_attachment() -> tuple[Complaint, Attachment]:
    complaint = factories.make_complaint(description="De oorspronkelijke klacht over de balie.")
    attachment = Attachment(
        complaint=complaint, original_name="brief.pdf", content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save("brief.pdf", ContentFile(PDF), save=False)
    attachment.save()
    return complaint, attachment


def _round_trip(tmp_path: Path, media: Path) -> dict:
    complaint, attachment = _complaint_with_attachment()
    name = attachment.file.name
    stored = media / name
    assert stored.read_bytes() == PDF
    out = StringIO()

    call_command("backup", output=tmp_path / "backup", stdout=out)

    assert "Back-up gemaakt" in out.getvalue()
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["media"]["files"] == 1
    assert manifest["migrations"]["cases"]

    # After the backup: the text changed, the file deleted, a complaint added, and a stray file.
    Complaint.objects.filter(pk=complaint.pk).update(description="Gewijzigd na de back-up.")
    attachment.file.delete(save=False)
    Attachment.objects.filter(pk=attachment.pk).delete()
    factories.make_complaint(description="Na de back-up binnengekomen.")
    (media / "later.txt").write_text("na de back-up")

    call_command("restore", tmp_path / "backup", no_input=True, stdout=StringIO())

    connection.close()  # the restore replaced the tables under this connection
    assert list(Complaint.objects.values_list("pk", "description")) == [
        (complaint.pk, "De oorspronkelijke klacht over de balie.")
    ]
    restored = Attachment.objects.get()
    assert (restored.pk, restored.file.name) == (attachment.pk, name)
    assert stored.read_bytes() == PDF
    assert not (media / "later.txt").exists()
    return manifest


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_round_trip_on_this_database_brings_back_the_data_and_the_files(tmp_path, media):
    manifest = _round_trip(tmp_path, media)

    assert manifest["engine"] == connection.vendor


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_postgresql_the_backup_is_a_pg_dump_in_custom_format(tmp_path, media):
    manifest = _round_trip(tmp_path, media)

    dump = tmp_path / "backup" / "database.dump"
    assert manifest["database"]["format"] == "pg_dump custom"
    assert dump.read_bytes()[:5] == b"PGDMP"  # what pg_restore reads


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_touched(tmp_path, media):
    _complaint_with_attachment()
    result = backups.make_backup(tmp_path / "backup")
    with (result.directory / "media.tar.gz").open("ab") as archive:
        archive.write(b"rubbish")

    with pytest.raises(CommandError, match="beschadigd"):
        call_command("restore", tmp_path / "backup", no_input=True)

    assert Complaint.objects.count() == 1
    assert len([path for path in media.rglob("*") if path.is_file()]) == 1


@pytest.mark.django_db(transaction=True)
def test_restore_asks_for_the_database_name_first(tmp_path, media, monkeypatch):
    backups.make_backup(tmp_path / "backup")
    monkeypatch.setattr("builtins.input", lambda prompt: "verkeerd")

    with pytest.raises(CommandError, match="Niet teruggezet"):
        call_command("restore", tmp_path / "backup", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_backup_never_overwrites_an_earlier_one(tmp_path, media):
    backups.make_backup(tmp_path / "backup")

    with pytest.raises(CommandError, match="niet leeg"):
        call_command("backup", output=tmp_path / "backup")
