"""Browser test helpers: Debian's chromium driven by Playwright, and axe-core from npm.

No browser is ever downloaded: Playwright starts /usr/bin/chromium (installed
by `make test`), and axe-core comes from node_modules.
"""

from __future__ import annotations

import json
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"


def watch(context) -> list[str]:
    """Prepare a browser context for the tests; returns the list its Content Security Policy violations go to.

    axe-core comes in as an init script, which the browser runs outside the
    page's Content Security Policy (an injected <script> would be refused,
    as it should be). Every violation the page reports is collected, so a
    test that loads a page breaking the policy fails at teardown.
    """
    context.add_init_script(path=str(AXE_SCRIPT))
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => console.error("
        "'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + "
        "' on ' + document.location.pathname));"
    )
    violations: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and message.text.startswith("CSP violation: "):
            violations.append(message.text)

    context.on("console", on_console)
    return violations


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page (WCAG 2.x A/AA and best practices) and return its violations."""
    result = page.evaluate("async () => await axe.run(document)")
    return result["violations"]


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    summary = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
    ]
    assert not violations, f"axe-core on {page.url}:\n{json.dumps(summary, indent=2)}"


def tab_to(page, selector: str, max_presses: int = 120) -> None:
    """Press Tab until the element matching `selector` has focus: proves it is reachable by keyboard."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def assert_fits_width(page, width: int) -> None:
    """No horizontal scrolling: everything fits the viewport (WCAG 1.4.10 reflow)."""
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide in a {width}px viewport"


class Tally:
    """Counts what a person does in a browser tab: page loads and clicks.

    A page load is a document loaded in the main frame (a link followed, a form posted, a redirect's
    target). A click is a trusted click event in the page: a button, a link, a radio button or a check
    box pressed. Typing and choosing in a drop-down are not counted.
    """

    def __init__(self, page) -> None:
        self.loads = 0
        self.clicks = 0
        page.on("load", self._on_load)
        page.expose_binding("__ghTallyClick", self._on_click)
        page.add_init_script(
            "document.addEventListener('click', (e) => { if (e.isTrusted) window.__ghTallyClick(); }, true);"
        )

    def _on_load(self, _page) -> None:
        self.loads += 1

    def _on_click(self, _source) -> None:
        self.clicks += 1

    @property
    def total(self) -> int:
        return self.loads + self.clicks

    def __repr__(self) -> str:
        return f"{self.loads} page loads + {self.clicks} clicks = {self.total}"
