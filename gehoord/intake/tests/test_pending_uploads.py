"""Files added to the public form survive a validation error, kept under the form token until it is sent."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gehoord.cases.attachment_policy import MAX_FILES
from gehoord.cases.models import Complaint
from gehoord.core.personal_data import unerased_fields
from gehoord.intake import pending_uploads
from gehoord.intake.models import PendingUpload
from gehoord.intake.personal_data import HOLDER
from gehoord.intake.tasks import purge_pending_uploads
from gehoord.intake.tests.helpers import PNG_BYTES, pdf_file, valid_form_data
from gehoord.intake.tokens import new_form_token, read_form_token

FORM_URL = "/klacht/formulier/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    cache.clear()
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _files(tmp_path, folder: str) -> list:
    return [p for p in (tmp_path / folder).rglob("*") if p.is_file()] if (tmp_path / folder).exists() else []


def png(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def disguised(name: str = "factuur.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00 a program", content_type="application/pdf")


def test_files_are_kept_after_a_validation_error_and_go_into_the_complaint(
    client, db, tmp_path, django_capture_on_commit_callbacks
):
    data = valid_form_data(last_name="")
    response = client.post(FORM_URL, {**data, "attachments": [pdf_file("brief.pdf"), png()]})

    assert response.status_code == 400
    html = response.content.decode()
    assert "brief.pdf" in html and "foto.png" in html
    assert "bewaard: u hoeft ze niet opnieuw te kiezen" in html
    assert 'name="remove_upload"' in html
    token = read_form_token(data["form_token"])
    assert sorted(PendingUpload.objects.filter(token=token).values_list("original_name", flat=True)) == [
        "brief.pdf",
        "foto.png",
    ]
    assert len(_files(tmp_path, "pending")) == 2

    # The same form again (the same token), fixed, with no file chosen this time.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, {**data, "last_name": "Boukhari"})

    assert response.status_code == 302
    attachments = Complaint.objects.get().attachments.order_by("original_name")
    assert [(a.original_name, a.content_type) for a in attachments] == [
        ("brief.pdf", "application/pdf"),
        ("foto.png", "image/png"),
    ]
    assert attachments[0].file.read().startswith(b"%PDF")
    assert PendingUpload.objects.count() == 0
    assert _files(tmp_path, "pending") == []


def test_a_refused_file_gets_a_clear_error_and_is_not_kept(client, db, tmp_path):
    data = valid_form_data()
    response = client.post(FORM_URL, {**data, "attachments": [pdf_file("brief.pdf"), disguised()]})

    assert response.status_code == 400
    form = response.context["form"]
    assert "Het bestand 'factuur.pdf' is geen toegestaan bestandstype." in form.errors["attachments"][0]
    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == ["brief.pdf"]
    assert len(_files(tmp_path, "pending")) == 1


def test_a_kept_file_can_be_removed(client, db, tmp_path, django_capture_on_commit_callbacks):
    data = valid_form_data(last_name="")
    client.post(FORM_URL, {**data, "attachments": [pdf_file("brief.pdf"), png()]})
    photo = PendingUpload.objects.get(original_name="foto.png")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, {**data, "remove_upload": [str(photo.pk)]})

    assert response.status_code == 400
    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == ["brief.pdf"]
    assert "foto.png" not in response.content.decode()
    assert len(_files(tmp_path, "pending")) == 1

    # Removed while sending: it does not go into the complaint.
    brief = PendingUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, {**data, "last_name": "Boukhari", "remove_upload": [str(brief.pk)]})
    assert Complaint.objects.get().attachments.count() == 0
    assert _files(tmp_path, "pending") == []


def test_new_files_add_to_the_kept_ones_up_to_the_limit(client, db):
    data = valid_form_data(last_name="")
    client.post(FORM_URL, {**data, "attachments": [pdf_file(f"brief-{n}.pdf") for n in range(MAX_FILES - 1)]})
    assert PendingUpload.objects.count() == MAX_FILES - 1

    response = client.post(FORM_URL, {**data, "attachments": [png("een.png"), png("twee.png")]})

    assert PendingUpload.objects.count() == MAX_FILES
    assert "een.png" in set(PendingUpload.objects.values_list("original_name", flat=True))
    message = f"Het bestand 'twee.png' is niet toegevoegd: u kunt maximaal {MAX_FILES} bestanden meesturen."
    assert message in response.context["form"].errors["attachments"]
    assert "U heeft het maximum van" in response.content.decode()


def test_another_form_neither_sees_nor_removes_the_kept_files(client, db):
    data = valid_form_data(last_name="")
    client.post(FORM_URL, {**data, "attachments": [pdf_file("brief.pdf")]})
    kept = PendingUpload.objects.get()

    other = valid_form_data(last_name="", form_token=new_form_token())
    response = client.post(FORM_URL, {**other, "remove_upload": [str(kept.pk)]})

    assert "brief.pdf" not in response.content.decode()
    assert PendingUpload.objects.filter(pk=kept.pk).exists()


@pytest.mark.parametrize(
    "overrides",
    [{"fax_number": "0101234567"}, {"form_token": "forged"}],
    ids=["a bot (honeypot filled in)", "a forged or expired token"],
)
def test_nothing_is_kept_for_a_bot_or_without_a_valid_token(client, db, tmp_path, overrides):
    response = client.post(FORM_URL, {**valid_form_data(**overrides), "attachments": [pdf_file("brief.pdf")]})

    assert response.status_code == 400
    assert PendingUpload.objects.count() == 0
    assert _files(tmp_path, "pending") == []


def test_kept_files_older_than_a_day_are_removed_by_the_periodic_task(
    db, tmp_path, django_capture_on_commit_callbacks
):
    [old] = pending_uploads.keep("old-token", _checked("oud.pdf"))
    [fresh] = pending_uploads.keep("new-token", _checked("nieuw.pdf"))
    PendingUpload.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - dt.timedelta(hours=25))

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_pending_uploads() == "1 pending uploads removed"

    assert list(PendingUpload.objects.all()) == [fresh]
    assert [p.name for p in _files(tmp_path, "pending")] == [fresh.file.name.split("/")[-1]]
    schedule = django_settings.CELERY_BEAT_SCHEDULE["intake-purge-pending-uploads"]
    assert schedule["task"] == "gehoord.intake.tasks.purge_pending_uploads"


def test_kept_files_are_covered_by_the_privacy_registry(db):
    pending_uploads.keep("a-token", _checked("brief.pdf"))
    long_ago = timezone.now() + dt.timedelta(days=1)

    assert "intake.PendingUpload" in HOLDER.removes
    assert not [name for name in unerased_fields() if name.startswith("intake.PendingUpload")]
    assert HOLDER.erase_unlinked(long_ago, True) == 1
    assert PendingUpload.objects.count() == 1  # a dry run
    assert HOLDER.erase_unlinked(long_ago, False) == 1
    assert PendingUpload.objects.count() == 0


def _checked(name: str):
    from gehoord.cases.attachment_policy import check_uploads

    return check_uploads([pdf_file(name)])
