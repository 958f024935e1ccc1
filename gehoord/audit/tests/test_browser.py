"""The coordinator reads a file's Inzage-logboek (its own tab) and downloads an attachment in a real browser."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gehoord.accounts.testing import sign_in_staff
from gehoord.audit.models import Action, AuditEntry
from gehoord.cases import services
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_no_axe_violations
from gehoord.intake.tests.helpers import PNG_BYTES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "geheim-wachtwoord-123"


def test_the_coordinator_sees_who_opened_the_file_and_downloads_an_attachment(page):
    coordinator = factories.coordinator(username="carla", first_name="Carla", last_name="de Vries")
    complaint = factories.make_complaint()
    services.add_attachment(
        complaint, file=SimpleUploadedFile("foto.png", PNG_BYTES, "image/png"), actor=coordinator
    )
    sign_in_staff(page, coordinator, PASSWORD)

    page.goto(f"/medewerkers/klachten/{complaint.reference}/")
    # The file page no longer holds the log: it is a tab of its own.
    assert page.locator("section[aria-labelledby='h-audit']").count() == 0
    page.get_by_role("link", name="Toegangslog").click()
    page.wait_for_url(f"**/medewerkers/klachten/{complaint.reference}/toegang/")
    log = page.locator("section[aria-labelledby='h-audit']")
    assert "carla" in log.inner_text()  # the visit to the file, and this one to its log
    assert (
        "toegangslog" in log.locator("tbody tr").first.inner_text()
    )  # reading the log is a view of the file
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Dossier").click()
    page.wait_for_url(f"**/medewerkers/klachten/{complaint.reference}/")
    with page.expect_download() as download:
        page.click("section[aria-labelledby='h-attachments'] a")

    assert download.value.suggested_filename == "foto.png"
    entry = AuditEntry.objects.get(action=Action.DOWNLOAD)
    assert entry.actor == coordinator and entry.object_type == "cases.attachment"
