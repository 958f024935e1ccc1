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


def type_date(page, *, day: str, month: str, year: str) -> None:
    """The date of the conduct: day, month and year in their own boxes, by keyboard."""
    type_into(page, "#id_conduct_date_day", day)
    type_into(page, "#id_conduct_date_month", month)
    type_into(page, "#id_conduct_date_year", year)


def fill_date(page, *, day: str, month: str, year: str) -> None:
    page.fill("#id_conduct_date_day", day)
    page.fill("#id_conduct_date_month", month)
    page.fill("#id_conduct_date_year", year)


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
    # Focus is on the summary (no JavaScript: autofocus); its first link leads to the field.
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#id_last_name"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_last_name"

    type_into(page, "#id_first_name", "Fatima")
    type_into(page, "#id_last_name", "Boukhari")
    type_into(page, "#id_email", "fatima@example.nl")
    type_into(page, "#id_description", "Ik werd aan de balie onvriendelijk weggestuurd zonder uitleg.")
    type_date(page, day="2", month="11", year="2026")
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
    fill_date(page, day="1", month="11", year="2026")
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
    fill_date(page, day="1", month="11", year="2026")
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


# --- Look and errors (issue [12]) ----------------------------------------------------------------


def _width(page, selector: str) -> float:
    return page.eval_on_selector(selector, "el => el.getBoundingClientRect().width")


def test_field_widths_fit_the_answer(page):
    page.goto("/klacht/formulier/")
    postcode, house_number, street = (
        _width(page, "#id_postal_code"),
        _width(page, "#id_house_number"),
        _width(page, "#id_street"),
    )
    assert house_number < postcode < street
    assert postcode < 160  # about 7 characters, not the full 25rem of a text box
    assert _width(page, "#id_conduct_date_day") < _width(page, "#id_conduct_date_year") < postcode
    assert _width(page, "#id_phone") < _width(page, "#id_email")
    assert _width(page, "#id_description") > street  # text areas are wide
    # Street, house number and addition on one line at 1280 px.
    tops = {
        page.eval_on_selector(s, "el => Math.round(el.getBoundingClientRect().top)")
        for s in ("#id_street", "#id_house_number", "#id_house_number_addition")
    }
    assert len(tops) == 1


@pytest.mark.parametrize(
    "selector", ["main a.utrecht-link", "main form button[type=submit]", "#id_last_name"]
)
def test_every_focusable_element_shows_a_focus_ring_of_at_least_2px(page, selector):
    page.goto("/klacht/formulier/")
    tab_to(page, selector)
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
    )
    assert ring["style"] != "none" and ring["width"] >= 2


def test_after_a_failed_submit_focus_is_on_the_error_summary(page):
    page.goto("/klacht/formulier/")
    page.fill("#id_last_name", "Jansen")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert summary.get_attribute("tabindex") == "-1"
    # Each link leads to an input that exists on the page.
    for href in summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, href


def _errors_shown(page) -> None:
    page.goto("/klacht/formulier/")
    page.fill("#id_street", "Dorpsstraat")
    fill_date(page, day="31", month="2", year="2026")
    page.check("#id_on_behalf")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#error-summary")


def test_the_form_with_errors_has_no_axe_violations_at_1280(page):
    _errors_shown(page)
    assert_no_axe_violations(page)
    assert_fits_width(page, 1280)


def test_the_form_with_errors_has_no_axe_violations_at_375(mobile_page):
    _errors_shown(mobile_page)
    assert_no_axe_violations(mobile_page)
    assert_fits_width(mobile_page, 375)


def test_attachments_survive_a_validation_error_and_end_up_on_the_complaint(page, settings, tmp_path):
    from gehoord.intake.models import PendingUpload
    from gehoord.intake.tests.helpers import PDF_BYTES, PNG_BYTES

    settings.MEDIA_ROOT = str(tmp_path)
    page.goto("/klacht/formulier/")
    page.fill("#id_last_name", "Jansen")
    page.set_input_files(
        "#id_attachments",
        files=[
            {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
            {"name": "foto.png", "mimeType": "image/png", "buffer": PNG_BYTES},
        ],
    )
    page.click("main form button[type=submit]")  # no e-mail, description, date...: errors
    page.wait_for_selector("#error-summary")
    kept = page.inner_text(".gh-kept-uploads")
    assert "brief.pdf" in kept and "foto.png" in kept and "bewaard" in kept
    assert PendingUpload.objects.count() == 2

    # Remove one, add another, and fix the errors.
    page.check("label:has-text('foto.png')")
    page.set_input_files(
        "#id_attachments", files=[{"name": "bijlage.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    _fill_in_the_complaint(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/klacht/ontvangen/")

    complaint = Complaint.objects.get()
    assert sorted(complaint.attachments.values_list("original_name", flat=True)) == [
        "bijlage.pdf",
        "brief.pdf",
    ]
    assert PendingUpload.objects.count() == 0
    stored = [p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()]
    assert stored.count("attachments") == 2
    assert "pending" not in stored


def test_staff_registration_has_the_same_widths_focus_ring_and_error_focus(page):
    from gehoord.accounts.testing import sign_in_staff
    from gehoord.cases.tests import factories

    sign_in_staff(page, factories.coordinator(username="carla"), "geheim-wachtwoord-123")
    page.goto("/medewerkers/registreren/")
    assert _width(page, "#id_postal_code") < _width(page, "#id_street_address")
    assert _width(page, "#id_phone") < _width(page, "#id_email") < _width(page, "#id_description")
    for selector in ("header a", "#id_last_name", "main form button[type=submit]"):
        tab_to(page, selector)
        ring = page.evaluate("() => parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
        assert ring >= 2, selector

    page.click("main form button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert_no_axe_violations(page)
