import pytest

from gehoord.cases.tests import factories


@pytest.fixture
def coordinator(db):
    return factories.coordinator(first_name="Carla", last_name="Coördinator")


@pytest.fixture
def handler(db):
    return factories.handler(first_name="Hans", last_name="Behandelaar")


@pytest.fixture
def complaint(db):
    return factories.make_complaint()


import os  # noqa: E402

from gehoord.core.testing.browser import CHROMIUM, CHROMIUM_ARGS, watch  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the Django ORM
    # calls made by the test itself are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", base_url=live_server.url)
    violations = watch(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    _fail_on(violations)


@pytest.fixture
def mobile_page(browser, live_server):
    context = browser.new_context(
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        base_url=live_server.url,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    violations = watch(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    _fail_on(violations)


def _fail_on(violations: list[str]) -> None:
    if violations:
        pytest.fail("Content Security Policy violations:\n" + "\n".join(violations))
