"""Every main public and staff page, with the demo data, measured in a real browser at 1280 and 375 px.

For each page and width: a full-page screenshot, axe-core (zero violations), no page wider than the
viewport at 375 px, no word broken inside a table cell, and (at 1280 px) the design tokens' fonts
loaded and the staff header on one line. The inbox (50 rows) and the file page of a decided
complaint have a height budget (issue [12]).

Screenshots and a JSON report with every figure go to $ARTEFACT_DIR when set, else to
var/screenshots/ (see "Screenshots" in the README). The demo data is loaded once, in one test,
because loading it takes half a minute.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.models import User
from gehoord.accounts.testing import sign_in_staff
from gehoord.cases.constants import Status
from gehoord.cases.models import Complaint
from gehoord.cases.status_link import status_path
from gehoord.core.testing.browser import axe_violations
from gehoord.learning.models import ImprovementMeasure
from gehoord.social.models import SocialSignal
from gehoord.surveys.links import survey_path
from gehoord.surveys.models import SurveyInvitation
from gehoord.vouchers.models import VoucherBatch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = (1280, 375)
INBOX_MAX_HEIGHT = 2500
FILE_MAX_HEIGHT = 3000
DEMO_PASSWORD = "gehoord-demo"

# A word whose text spans more than one line box inside a table cell was broken by the layout. A line may
# still end after a hyphen ("WMO-|aanvraag"), as Dutch typesetting allows: parts between hyphens count.
BROKEN_WORDS_JS = """
() => {
  const broken = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    if (!cell.offsetParent) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s-]+-?/g;
      let match;
      while ((match = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken.slice(0, 10);
}
"""
# The tokens name Noto Sans for text and Noto Serif for headings: both must be loaded, not fallen back from.
FONTS_JS = """
async () => {
  await document.fonts.ready;
  const loaded = (family) => [...document.fonts].some(f => f.family.replace(/["']/g, '') === family && f.status === 'loaded');
  const body = getComputedStyle(document.body).fontFamily;
  const h1 = document.querySelector('h1');
  return {
    text: loaded('Noto Sans') && body.includes('Noto Sans'),
    heading: !h1 || (loaded('Noto Serif') && getComputedStyle(h1).fontFamily.includes('Noto Serif')),
  };
}
"""
# The staff header's menu on one line: every top-level item starts on the same row.
HEADER_ROWS_JS = """
() => {
  const nav = document.querySelector('header nav');
  if (!nav) return 0;
  const items = [...nav.querySelectorAll(':scope > *, :scope > ul > li')].filter(e => e.offsetParent);
  return new Set(items.map(e => Math.round(e.getBoundingClientRect().top / 8))).size;
}
"""


@dataclass
class Visit:
    name: str
    path: str
    staff: bool
    max_height: int | None = None


def artefact_dir() -> Path:
    directory = Path(os.environ.get("ARTEFACT_DIR") or settings.BASE_DIR / "var" / "screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def load_demo() -> None:
    # Transactional tests elsewhere may have flushed what the migrations load; put it back (idempotent).
    import_module("gehoord.accounts.migrations.0003_roles").create_roles(django_apps, None)
    import_module("gehoord.cases.migrations.0002_conduct_norms").add_norms(django_apps, None)
    import_module("gehoord.surveys.migrations.0002_default_questions").add_default_questions(
        django_apps, None
    )
    call_command("load_demo_data", stdout=StringIO())


def public_visits() -> list[Visit]:
    open_complaint = Complaint.objects.filter(status=Status.HEARING).order_by("pk").first()
    invitation = (
        SurveyInvitation.objects.filter(responded_at__isnull=True, expires_on__gte=timezone.localdate())
        .order_by("pk")
        .first()
    )
    visits = [
        Visit("start", reverse("intake:start"), staff=False),
        Visit("formulier", reverse("intake:form"), staff=False),
        Visit("privacy", reverse("privacy"), staff=False),
        Visit("toegankelijkheid", reverse("accessibility"), staff=False),
        Visit("stuur-door", reverse("intake:forward"), staff=False),
        Visit("status", status_path(open_complaint), staff=False),
        Visit("inloggen", reverse("login"), staff=False),
    ]
    if invitation is not None:
        visits.append(Visit("enquete", survey_path(invitation), staff=False))
    return visits


def staff_visits() -> list[Visit]:
    decided = Complaint.objects.filter(status__in=[Status.DECIDED, Status.CLOSED]).order_by("-pk").first()
    hearing = Complaint.objects.filter(status=Status.HEARING).order_by("pk").first()
    measure = ImprovementMeasure.objects.order_by("pk").first()
    signal = SocialSignal.objects.order_by("pk").first()
    batch = VoucherBatch.objects.order_by("pk").first()
    visits = [
        Visit("inbox", reverse("cases:list") + "?status=all", staff=True, max_height=INBOX_MAX_HEIGHT),
        Visit("dossier-horen", reverse("cases:detail", args=[hearing.reference]), staff=True),
        Visit(
            "dossier-besloten",
            reverse("cases:detail", args=[decided.reference]),
            staff=True,
            max_height=FILE_MAX_HEIGHT,
        ),
        Visit("registreren", reverse("registration:register"), staff=True),
        Visit("dashboard", reverse("dashboard"), staff=True),
        Visit("jaarverslag", reverse("annual_reports"), staff=True),
        Visit("maatregelen", reverse("learning:list"), staff=True),
        Visit("maatregel", reverse("learning:detail", args=[measure.pk]), staff=True),
        Visit("maatregel-nieuw", reverse("learning:new"), staff=True),
        Visit("bloemenbonnen", reverse("vouchers:overview"), staff=True),
        Visit("enquete-uitkomsten", reverse("surveys:results"), staff=True),
        Visit("signalen", reverse("social:queue"), staff=True),
        Visit("signaal", reverse("social:detail", args=[signal.pk]), staff=True),
        Visit("postvak", reverse("mailbox:list"), staff=True),
        Visit("wachttijden", reverse("employees:waits"), staff=True),
        Visit("avg-gegevens", reverse("privacy:complainant_data", args=[decided.reference]), staff=True),
    ]
    if batch is not None:
        visits.append(Visit("bestelling", reverse("vouchers:batch", args=[batch.pk]), staff=True))
    return visits


def measure(page, visit: Visit, directory: Path) -> dict:
    """Visit one page at both widths; return its figures and what is wrong with it."""
    figures: dict = {"path": visit.path, "problems": []}
    problems = figures["problems"]
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(visit.path)
        if response is None or response.status != 200:
            problems.append(f"answers {response.status if response else 'nothing'}")
            return figures
        # As the page first shows: the screenshot and the height, with every <details> closed.
        page.screenshot(path=str(directory / f"{visit.name}-{width}.png"), full_page=True)
        figures[width] = {"height": page.evaluate("() => document.documentElement.scrollHeight")}
        # Then with every <details> open, so that axe and the width checks see what is behind them too.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        violations = axe_violations(page)
        broken = page.evaluate(BROKEN_WORDS_JS)
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        if violations:
            problems.append(f"axe at {width}: {[v['id'] for v in violations]}")
        if broken:
            problems.append(f"words broken in table cells at {width}: {broken}")
        if width == 375 and scroll_width > width:
            problems.append(f"{scroll_width} px wide at 375")
        if width == 1280:
            fonts = page.evaluate(FONTS_JS)
            if not all(fonts.values()):
                problems.append(f"fonts not loaded: {fonts}")
            if visit.staff and page.evaluate(HEADER_ROWS_JS) > 1:
                problems.append("the header's menu wraps at 1280")
            if visit.max_height and figures[width]["height"] > visit.max_height:
                problems.append(f"{figures[width]['height']} px tall at 1280 (at most {visit.max_height})")
    return figures


def test_every_main_page_at_1280_and_375(page, live_server):
    load_demo()
    directory = artefact_dir()
    report: dict[str, dict] = {}
    for visit in public_visits():
        report[visit.name] = measure(page, visit, directory)
    coordinator = User.objects.get(username="coordinator")
    coordinator.set_password(DEMO_PASSWORD)
    coordinator.save()
    sign_in_staff(page, coordinator, DEMO_PASSWORD)
    for visit in staff_visits():
        report[visit.name] = measure(page, visit, directory)
    (directory / "pages.json").write_text(json.dumps(report, indent=2))
    problems = {name: figures["problems"] for name, figures in report.items() if figures["problems"]}
    assert not problems, json.dumps(problems, indent=2)
