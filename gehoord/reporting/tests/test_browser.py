"""The dashboard in a real browser: axe-core finds nothing, the tables open from the keyboard."""

import pytest

from gehoord.accounts.testing import sign_in_staff
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_dashboard_is_accessible(page, live_server):
    coordinator = factories.coordinator(username="carla")
    for channel in ("phone", "email", "web"):
        factories.make_complaint(channel=channel)
    sign_in_staff(page, coordinator, "geheim-wachtwoord-123")

    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)

    summary = page.locator("main summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("main details").first.evaluate("d => d.open")
    assert_no_axe_violations(page)
