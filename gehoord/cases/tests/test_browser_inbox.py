"""The inbox in a real browser with a full page of complaints: its height, reflow, unbroken words,
accessibility, sorting, a saved view, bulk assign and the keyboard shortcuts.

Targets of issue [12]: at 1280 px the 50 rows of a page fit in 2,500 px (it was 5,251); at 375 px
nothing is wider than the viewport; no table cell breaks inside a word; axe-core finds nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle, services
from gehoord.cases.inbox import PAGE_SIZE
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_fits_width, assert_no_axe_violations, watch

URL = "/medewerkers/klachten/"

# Long Dutch words and names: what broke mid-word before ("Ontvang|en", "Webformuli|er").
TEXTS = (
    "Ontvangen een onterechte aanmaning voor de afvalstoffenheffing terwijl ik al betaald had.\n"
    "Ik heb drie keer gebeld en niemand belde terug.",
    "Het webformulier voor de parkeervergunning geeft steeds een foutmelding bij het betalen.",
    "De medewerker van het Klantcontactcentrum was onvriendelijk en luisterde niet.",
    "Mijn aanvraag voor bijzondere bijstand ligt al twaalf weken stil.",
    "Kort.",
)
DEPARTMENTS = ("Burgerzaken", "Belastingen", "Klantcontactcentrum", "Openbare ruimte en groenvoorziening")

# For each cell, every word of its text: a word that the browser laid out on more than one line
# box (Range.getClientRects) is broken inside. Returns the broken words, with their cell.
BROKEN_WORDS = """
() => {
  const broken = [];
  for (const cell of document.querySelectorAll('table.gh-inbox th, table.gh-inbox td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      let match;
      while ((match = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0] + ' in ' + cell.className);
      }
    }
  }
  return broken;
}
"""


def staff_page(browser, live_server, client, user, width: int, height: int = 900):
    """A browser page signed in as `user` (the test client's session), `width` px wide."""
    login_staff(client, user)
    context = browser.new_context(
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        base_url=live_server.url,
        viewport={"width": width, "height": height},
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    violations = watch(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.csp_violations = violations
    return page


def a_full_inbox(coordinator) -> tuple[list, list[Complaint]]:
    """PAGE_SIZE + 5 open complaints with every kind of row: assigned or not, markers, late terms."""
    handlers = [
        factories.handler(first_name="Maximiliaan", last_name="van Oldenbarnevelt-Zuylenstein"),
        factories.handler(first_name="Ans", last_name="Bos"),
    ]
    departments = [factories.DepartmentFactory(name=name) for name in DEPARTMENTS]
    complaints = []
    for i in range(PAGE_SIZE + 5):
        c = factories.make_complaint(
            received_at=timezone.now() - dt.timedelta(days=i % 40, hours=i),
            description=TEXTS[i % len(TEXTS)],
            departments=departments[: i % 3],
            anonymous=i % 13 == 0,
            complainant=factories.ComplainantFactory.build(
                first_name="Wilhelmina", last_name=f"Schimmelpenninck van der Oye {i}"
            )
            if i % 7 == 0
            else None,
        )
        if i % 3:
            lifecycle.assign_handler(c, handlers[i % 2], actor=coordinator)
        if i % 4 == 0:
            lifecycle.perform(c, "start_triage", actor=coordinator)
        if i % 5 == 0:
            services.note_new_information(c, source="status_link")
        if i % 6 == 0:
            services.note_opened(c, coordinator)
        complaints.append(c)
    return handlers, complaints


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_full_inbox_at_1280_and_375(browser, live_server, client, coordinator):
    a_full_inbox(coordinator)
    page = staff_page(browser, live_server, client, coordinator, 1280)
    page.goto(URL)
    assert page.locator("table.gh-inbox tbody tr").count() == PAGE_SIZE
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= 2500, f"the inbox is {height}px high at 1280px"
    assert_fits_width(page, 1280)
    assert page.evaluate(BROKEN_WORDS) == []
    assert_no_axe_violations(page)
    # Every marker is a word.
    table = page.inner_text("table.gh-inbox")
    assert "niet geopend" in table and "nieuwe informatie" in table and "Anoniem" in table

    phone = staff_page(browser, live_server, client, coordinator, 375, 740)
    phone.goto(URL)
    assert_fits_width(phone, 375)
    assert phone.evaluate(BROKEN_WORDS) == []
    assert_no_axe_violations(phone)
    phone.click("summary:has-text('Meer filters')")
    assert_fits_width(phone, 375)
    assert_no_axe_violations(phone)
    # The check sees a broken word when there is one: let the subjects break anywhere.
    phone.evaluate(
        "() => document.querySelectorAll('.gh-cell--subject').forEach(c => {"
        " c.style.wordBreak = 'break-all'; c.style.inlineSize = '4rem'; })"
    )
    assert phone.evaluate(BROKEN_WORDS) != []
    assert page.csp_violations == phone.csp_violations == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sort_filter_select_assign_and_open_by_keyboard(browser, live_server, client, coordinator):
    old = factories.make_complaint(received_at=timezone.now() - dt.timedelta(days=9), description="Oud")
    middle = factories.make_complaint(received_at=timezone.now() - dt.timedelta(days=5), description="Mid")
    new = factories.make_complaint(received_at=timezone.now() - dt.timedelta(days=1), description="Nieuw")
    handler = factories.handler(first_name="Hanna", last_name="Hendriks")
    lifecycle.assign_handler(middle, coordinator, actor=coordinator)
    page = staff_page(browser, live_server, client, coordinator, 1280)

    def references() -> list[str]:
        return page.locator("table.gh-inbox tbody th a").all_inner_texts()

    page.goto(URL)
    assert references() == [new.reference, middle.reference, old.reference]
    # A column header sorts, says so, and sorts the other way on a second click.
    page.click("th >> a:has-text('Ontvangen')")
    page.wait_for_url("**sort=oldest**")
    assert references() == [old.reference, middle.reference, new.reference]
    assert page.get_attribute("th:has(a:has-text('Ontvangen'))", "aria-sort") == "ascending"
    page.click("th >> a:has-text('Kenmerk')")
    page.wait_for_url("**sort=reference**")
    assert references() == [old.reference, middle.reference, new.reference]
    page.click("th >> a:has-text('Kenmerk')")
    page.wait_for_url("**sort=-reference**")
    assert references() == [new.reference, middle.reference, old.reference]

    # A saved view filters, and its count is what it shows.
    page.click("nav.gh-views >> a:has-text('Mijn klachten')")
    page.wait_for_url("**handler=mine**")
    assert references() == [middle.reference]
    assert page.inner_text("nav.gh-views a[aria-current=page] .gh-view__count") == "1"
    page.click("nav.gh-views >> a:has-text('Alle lopende')")
    page.wait_for_url("**sort=-reference**")

    # Bulk assign two complaints: check their boxes, choose the handler, press the button.
    page.check(f"input[aria-label='{new.reference} selecteren']")
    page.check(f"input[aria-label='{old.reference} selecteren']")
    page.select_option("#id_bulk-handler", str(handler.pk))
    page.click("button:has-text('Toewijzen')")
    page.wait_for_url("**sort=-reference**")
    assert "Gelukt bij 2 klachten" in page.inner_text("main")
    assert set(Complaint.objects.filter(handler=handler).values_list("reference", flat=True)) == {
        new.reference,
        old.reference,
    }
    assert_no_axe_violations(page)

    # The keyboard: "?" shows the shortcuts, "/" goes to the search box, j/k move, "a" selects and
    # goes to the handler choice, "o" opens the file.
    page.keyboard.press("?")
    assert page.is_visible("#shortcuts-dialog")
    page.keyboard.press("Escape")
    assert not page.is_visible("#shortcuts-dialog")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.type("jk")  # typing in a field is typing, not a shortcut
    assert page.input_value("#id_q") == "jk"
    page.fill("#id_q", "")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.textContent") == middle.reference
    assert page.locator("tr.gh-row--current").count() == 1
    page.keyboard.press("a")
    assert page.evaluate("document.activeElement.id") == "id_bulk-handler"
    assert page.is_checked(f"input[aria-label='{middle.reference} selecteren']")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("o")
    page.wait_for_url(f"**/{middle.reference}/")

    # The single-key shortcuts can be turned off (WCAG 2.1.4), and stay off.
    page.goto(URL)
    page.click("summary:has-text('Sneltoetsen')")
    page.uncheck("#shortcuts-on")
    page.reload()
    page.keyboard.press("j")
    assert page.locator("tr.gh-row--current").count() == 0
    assert not page.is_checked("#shortcuts-on")
    assert page.csp_violations == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_bulk_bar_works_without_javascript(browser, live_server, client, coordinator):
    first = factories.make_complaint()
    second = factories.make_complaint()
    login_staff(client, coordinator)
    context = browser.new_context(
        locale="nl-NL",
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 1280, "height": 900},
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(URL)
    page.check(f"input[aria-label='{first.reference} selecteren']")
    page.check(f"input[aria-label='{second.reference} selecteren']")
    page.select_option("#id_bulk-step", "start_triage")
    page.click("button:has-text('Stap zetten')")
    assert "Gelukt bij 2 klachten" in page.inner_text("main")
    assert set(Complaint.objects.values_list("status", flat=True)) == {"triage"}
    context.close()
