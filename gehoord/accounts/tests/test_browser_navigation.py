"""The staff header in a real browser: one row at 1280 px, "Meer" by keyboard, a compact "Menu" at 375 px."""

import pytest

from gehoord.accounts.testing import sign_in_staff
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_fits_width, assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "geheim-wachtwoord-123"  # nosec B105  (the factories' password)


def _one_row(page, selector: str) -> bool:
    """The elements side by side: each starts above where every other one ends."""
    rects = page.locator(selector).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })"
    )
    return len(rects) > 1 and max(top for top, _bottom in rects) < min(bottom for _top, bottom in rects)


def test_the_coordinators_header_fits_one_row_and_meer_works_by_keyboard(page):
    coordinator = factories.coordinator(first_name="Carla", last_name="de Vries-van der Berg")
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in_staff(page, coordinator, PASSWORD)

    # Nothing wraps: the menu items on one line, and the name, "Uitloggen" and the language on another.
    assert _one_row(page, "[data-menu=wide] > ul > li")
    assert _one_row(page, ".gh-header > *")
    assert _one_row(page, ".gh-header__tools > *")
    user = page.locator(".gh-user")
    assert (
        user.is_visible()
        and " ".join(user.inner_text().split()) == "Ingelogd als Carla de Vries-van der Berg"
    )
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    assert page.locator("[data-menu=wide] [aria-current=page]").inner_text() == "Klachten"

    meer = page.locator("details.gh-more > summary")
    meer.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Jaarverslag").is_visible()
    assert_no_axe_violations(page)
    page.keyboard.press("Escape")
    assert not page.locator("details.gh-more").evaluate("d => d.open")
    assert meer.evaluate("el => el === document.activeElement")

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/medewerkers/jaarverslag/")
    assert page.locator("[data-menu=wide] [aria-current=page]").text_content() == "Jaarverslag"
    assert "gh-menu__link--current" in meer.get_attribute("class")  # "Meer" shows the page is under it
    assert page.get_by_role("contentinfo").get_by_role("link", name="Klacht indienen").count() == 0
    assert_no_axe_violations(page)


def test_the_compact_menu_at_375_px(mobile_page):
    handler = factories.handler(first_name="Hamid", last_name="El Amrani")
    sign_in_staff(mobile_page, handler, PASSWORD)

    assert not mobile_page.locator("[data-menu=wide]").is_visible()
    mobile_page.get_by_text("Menu", exact=True).click()
    links = mobile_page.locator("[data-menu=compact] a")
    assert links.all_inner_texts() == ["Klachten", "Klacht registreren", "Verbetermaatregelen"]
    assert_fits_width(mobile_page, 375)
    assert_no_axe_violations(mobile_page)
    mobile_page.get_by_role("link", name="Verbetermaatregelen").click()
    mobile_page.wait_for_url("**/medewerkers/verbetermaatregelen/")
    assert_fits_width(mobile_page, 375)
