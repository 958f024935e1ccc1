"""The API documentation renders in a real browser within its Content Security Policy, offline."""

import pytest

from gehoord.core.testing.browser import watch

# Redoc always draws a "API docs by Redocly" logo from cdn.redoc.ly (there is no option to leave
# it out). The policy refuses it, so the page contacts no third party; the image hides itself.
REDOCLY_LOGO = "CSP violation: img-src blocked https://cdn.redoc.ly/redoc/logo-mini.svg on /api/v1/docs/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_documentation_page_renders_the_schema_from_this_site_alone(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    violations = watch(context)
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))

    page.goto("/api/v1/docs/")

    page.wait_for_selector("h1:has-text('Gehoord API')")
    assert page.locator("text=/api/v1/complaints/").first.is_visible()
    context.close()
    # Everything fetched came from this site: no fonts, scripts, styles or images from elsewhere.
    elsewhere = [url for url in fetched if not url.startswith((live_server.url, "blob:", "data:"))]
    assert elsewhere == [], elsewhere
    # The one third-party address on the page is refused by the policy, not just unreachable offline.
    assert set(violations) == {REDOCLY_LOGO}, violations
