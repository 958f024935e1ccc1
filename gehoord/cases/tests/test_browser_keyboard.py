"""The coordinator's steps on the file with the keyboard only: Tab to what is needed, type, Enter.

From the inbox to the file, then each step the file suggests as its one primary action: start
triage, assign a handler (chosen with the arrow keys), start informal handling, and log the first
contact. No mouse, no `fill` or `select_option`: keys only.
"""

import pytest

from gehoord.accounts.testing import sign_in_staff
from gehoord.cases.constants import Status
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_no_axe_violations, tab_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "geheim-wachtwoord-123"
PRIMARY = ".gh-file-next button[type=submit]"


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def choose_with_arrows(page, selector: str, value: str) -> None:
    """Focus a drop-down by Tab and move through its options with the arrow key until `value` is chosen."""
    tab_to(page, selector)
    for _ in range(30):
        if page.eval_on_selector(selector, "(e) => e.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} cannot be chosen with the arrow keys in {selector}")


def test_the_coordinators_steps_by_keyboard_only(page, live_server):
    coordinator = factories.coordinator(username="carla", first_name="Carla", last_name="de Vries")
    handler = factories.handler(first_name="Hamid", last_name="El Amrani")
    complaint = factories.make_complaint(description="Niemand belde terug, drie keer niet.")
    sign_in_staff(page, coordinator, PASSWORD)

    # From the inbox to the file.
    tab_to(page, f"main a[href='/medewerkers/klachten/{complaint.reference}/']")
    press_enter_and_wait(page)
    assert complaint.reference in page.inner_text("h1")

    # The one primary action, each time the step the lifecycle suggests.
    assert page.inner_text(PRIMARY) == "Triage starten"
    tab_to(page, PRIMARY)
    press_enter_and_wait(page)
    complaint.refresh_from_db()
    assert complaint.status == Status.TRIAGE

    choose_with_arrows(page, "#id_assign-handler", str(handler.pk))
    tab_to(page, PRIMARY)
    press_enter_and_wait(page)
    complaint.refresh_from_db()
    assert complaint.handler == handler

    assert page.inner_text(PRIMARY) == "Informeel behandelen"
    tab_to(page, PRIMARY)
    press_enter_and_wait(page)
    complaint.refresh_from_db()
    assert complaint.status == Status.INFORMAL

    choose_with_arrows(page, "#id_contact-channel", "phone")
    tab_to(page, "#id_contact-subject")
    page.keyboard.type("Eerste gesprek")
    tab_to(page, "#id_contact-content")
    page.keyboard.type("Excuses aangeboden; de klager wordt vandaag teruggebeld.")
    tab_to(page, PRIMARY)
    press_enter_and_wait(page)
    complaint.refresh_from_db()
    assert complaint.first_contact_at is not None
    assert complaint.contacts.get().subject == "Eerste gesprek"
    assert_no_axe_violations(page)
