"""The citizen's journey in a real browser: keyboard only, axe-core clean, and on a 375 px phone."""

import pytest
from django.core.cache import cache

from gehoord.cases.models import Complaint
from gehoord.core.testing.browser import assert_fits_width, assert_no_axe_violations, tab_to

# serialized_rollback: the data migrations (triage destinations, decree days) survive the flushes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def type_date(page, selector: str, *, day: str, month: str, year: str) -> None:
    """Type a date into a focused date field by keyboard, in the segment order this browser shows.

    Headless Chromium's date field follows its own UI language (often month
    first), not the page's; a Dutch browser shows day first.
    """
    page.keyboard.type(day + month + year)
    if page.input_value(selector) != f"{year}-{month}-{day}":
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        page.keyboard.type(month + day + year)
    assert page.input_value(selector) == f"{year}-{month}-{day}"


def test_whole_journey_by_keyboard_only(page):
    page.goto("/klacht/")
    assert_no_axe_violations(page)

    # Triage: choose "a complaint" with the keyboard.
    tab_to(page, "input[name=topic][value=klacht]")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/klacht/formulier/")
    assert_no_axe_violations(page)

    # First an empty submit: the error summary explains what to fix.
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    assert "Vul uw achternaam in." in page.inner_text("#error-summary")
    assert_no_axe_violations(page)

    type_into(page, "#id_first_name", "Fatima")
    type_into(page, "#id_last_name", "Boukhari")
    type_into(page, "#id_email", "fatima@example.nl")
    type_into(page, "#id_description", "Ik werd aan de balie onvriendelijk weggestuurd zonder uitleg.")
    tab_to(page, "#id_conduct_date")
    type_date(page, "#id_conduct_date", day="02", month="11", year="2026")
    type_into(page, "#id_involved_description", "De medewerker aan de balie")
    tab_to(page, "input[name=preferred_contact]")
    page.keyboard.press("Space")  # the first option gets focus; choose e-mail with the arrow keys
    while page.evaluate("() => document.activeElement.value") != "email":
        page.keyboard.press("ArrowDown")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/klacht/ontvangen/")
    assert_no_axe_violations(page)
    complaint = Complaint.objects.get()
    assert complaint.complainant.last_name == "Boukhari"
    assert complaint.conduct_date.isoformat() == "2026-11-02"
    assert complaint.reference in page.inner_text("main")

    # Follow the personal status link.
    tab_to(page, "main a[href*='/klacht/status/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/klacht/status/**")
    assert "Ontvangen" in page.inner_text("main")
    assert_no_axe_violations(page)

    # Withdraw, by keyboard, after confirming.
    tab_to(page, "main a[href$='/intrekken/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/intrekken/")
    assert_no_axe_violations(page)
    tab_to(page, "#id_confirm")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Uw klacht is ingetrokken.")
    complaint.refresh_from_db()
    assert complaint.status == "withdrawn"


@pytest.mark.parametrize(
    "path",
    [
        "/klacht/elders/melding-openbare-ruimte/",
        "/klacht/stuur-door/",
        "/privacy/",
        "/toegankelijkheid/",
        "/medewerkers/inloggen/",
        "/klacht/status/K-2026-00001/not-a-valid-secret/",
    ],
)
def test_other_public_pages_have_no_axe_violations(page, path):
    page.goto(path)
    assert_no_axe_violations(page)


def test_stuur_door_to_bedankt_without_violations(page):
    page.goto("/klacht/stuur-door/")
    page.fill("#id_recipient", "buurman@example.nl")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/stuur-door/bedankt/")
    assert "Bedankt" in page.inner_text("main")
    assert_no_axe_violations(page)


def test_english_pages_have_no_axe_violations(page):
    page.goto("/klacht/")
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")
    assert "Tell the municipality" in page.inner_text("h1")
    assert_no_axe_violations(page)


def test_phone_sized_screen(mobile_page):
    page = mobile_page
    page.goto("/klacht/")
    assert_fits_width(page, 375)
    page.goto("/klacht/formulier/")
    assert_fits_width(page, 375)
    assert_no_axe_violations(page)
    page.fill("#id_last_name", "Jansen")
    page.fill("#id_phone", "06 12345678")
    page.fill("#id_description", "De vuilniswagen heeft mijn container drie weken laten staan.")
    page.fill("#id_conduct_date", "2026-11-01")
    page.fill("#id_involved_description", "Afvalinzameling")
    page.check("input[name=preferred_contact][value=phone]")
    page.tap("main form button[type=submit]")
    page.wait_for_url("**/klacht/ontvangen/")
    assert_fits_width(page, 375)
    page.click("main a[href*='/klacht/status/']")
    page.wait_for_url("**/klacht/status/**")
    assert_fits_width(page, 375)
    assert_no_axe_violations(page)


def _fill_in_the_complaint(page) -> None:
    page.fill("#id_last_name", "Jansen")
    page.fill("#id_email", "jansen@example.nl")
    page.fill("#id_description", "De vuilniswagen heeft mijn container drie weken laten staan.")
    page.fill("#id_conduct_date", "2026-11-01")
    page.fill("#id_involved_description", "Afvalinzameling")
    page.check("input[name=preferred_contact][value=email]")


def test_back_and_submit_again_makes_no_second_complaint(page):
    """Issue [10]: submit, go Back, submit again: one complaint, and the page shows its reference."""
    page.goto("/klacht/formulier/")
    _fill_in_the_complaint(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/klacht/ontvangen/")
    reference = Complaint.objects.get().reference

    page.go_back()
    page.wait_for_url("**/klacht/formulier/")
    if not page.input_value("#id_description"):
        # The browser reloaded the form instead of restoring it: the person types it again.
        _fill_in_the_complaint(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/klacht/ontvangen/")

    assert Complaint.objects.count() == 1
    text = page.inner_text("main")
    assert reference in text
    assert "al eerder verstuurd" in text
    assert_no_axe_violations(page)
