"""The privacy screens in a real browser: reached from the file, axe-core finds nothing, erasure works."""

import datetime as dt

import pytest

from gehoord.accounts.testing import sign_in_staff
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_no_axe_violations
from gehoord.privacy.models import PersonalDataErasure
from gehoord.privacy.tests.conftest import AMS, ended

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_from_the_file_to_the_export_and_the_erasure(page, live_server):
    coordinator = factories.coordinator(username="carla")
    complaint = ended(
        factories.make_complaint(complainant=factories.ComplainantFactory.build(last_name="Zeldzaamheid")),
        closed_at=dt.datetime(2020, 4, 15, 14, tzinfo=AMS),
    )
    sign_in_staff(page, coordinator, "geheim-wachtwoord-123")
    page.goto(f"/medewerkers/klachten/{complaint.reference}/")
    page.get_by_role("link", name="Gegevens opvragen (AVG)").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Gegevens opvragen (AVG)"
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Overzicht als pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.get_by_role("link", name="Persoonsgegevens verwijderen").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Persoonsgegevens definitief verwijderen").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Reden").fill("Verzoek van de klager om verwijdering")
    page.get_by_label("Ik begrijp dat dit niet ongedaan kan worden gemaakt").check()
    page.get_by_role("button", name="Persoonsgegevens definitief verwijderen").click()
    page.wait_for_load_state()
    assert "De persoonsgegevens van deze klacht zijn verwijderd op" in page.content()
    assert "Zeldzaamheid" not in page.content()
    assert_no_axe_violations(page)
    assert PersonalDataErasure.objects.filter(complaint=complaint).exists()
