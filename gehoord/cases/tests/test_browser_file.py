"""The complaint file after a realistic day of work, in a real browser at 1280 and 375 pixels.

A decided complaint with contacts, both parties heard, notes, letters, more than
40 timeline entries and more than 100 audit entries: the page reads from the
top (one primary action in the header), is at most 3,000 px tall at 1280 px
(it was over 7,000 with the access log on it), fits a phone's width, and axe
finds nothing, with every disclosure open too. Screenshots go to
$SCREENSHOT_DIR when set, else the test's temporary directory.
"""

import datetime as dt
import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from gehoord.accounts.testing import sign_in_staff
from gehoord.audit.models import Action, AuditEntry
from gehoord.audit.services import record_file_change
from gehoord.cases import parts, services, subject
from gehoord.cases.constants import ContactChannel, Status
from gehoord.cases.models import ComplaintEvent
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_views import bring_to
from gehoord.core.testing.browser import assert_fits_width, assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "geheim-wachtwoord-123"
MAX_HEIGHT = 3000


def a_day_of_work(coordinator, handler):
    """A formal complaint about one employee, worked on all day, and decided."""
    employee = factories.UserFactory(first_name="Bram", last_name="Bakker")
    complaint = bring_to(
        Status.HEARING,
        actor=coordinator,
        handler=handler,
        channel="phone",
        description="Mevrouw belt boos: al drie keer beloofd terug te bellen en niemand belt!",
        employees_involved=[employee],
    )
    subject.set_title(complaint, title="Niet teruggebeld na drie toezeggingen", actor=coordinator)
    part = complaint.parts.get()
    parts.reword_part(
        part, description="De gemeente belde de klager drie keer niet terug zoals toegezegd.", actor=handler
    )
    parts.add_part(
        complaint, description="Niemand bood excuses aan toen de klager opnieuw belde.", actor=handler
    )
    now = timezone.now()
    for n in range(6):
        services.record_contact(
            complaint,
            channel=ContactChannel.PHONE if n % 2 else ContactChannel.EMAIL,
            subject=f"Contact {n + 1} over de voortgang",
            content="Klager gesproken over de stand van zaken en de hoorzitting.",
            actor=handler,
            at=now - dt.timedelta(hours=8 - n),
        )
    for n in range(20):
        services.add_note(
            complaint, text=f"Notitie {n + 1}: dossier bijgewerkt na overleg met de afdeling.", actor=handler
        )
    from gehoord.cases.tests.test_views import ready_to_decide

    ready_to_decide(complaint, handler)
    from gehoord.cases import lifecycle

    complaint = lifecycle.perform(complaint, "decide", actor=handler)
    for n in range(110):
        record_file_change(
            complaint,
            Action.VIEW,
            note=f"inzage {n}",
            object_type="cases.complaint",
            object_id=complaint.pk,
            actor=coordinator if n % 2 else handler,
        )
    return complaint


def open_all_disclosures(page) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")


def test_a_decided_file_after_a_day_of_work_reads_from_the_top(page, tmp_path):
    import_module("gehoord.cases.migrations.0002_conduct_norms").add_norms(django_apps, None)
    coordinator = factories.coordinator(username="carla", first_name="Carla", last_name="de Vries")
    handler = factories.handler(first_name="Hamid", last_name="El Amrani")
    complaint = a_day_of_work(coordinator, handler)
    assert complaint.status == Status.DECIDED
    assert ComplaintEvent.objects.filter(complaint_id=complaint.pk).count() >= 40
    assert AuditEntry.objects.filter(complaint_id=complaint.pk).count() >= 100
    assert complaint.letters.count() >= 3
    directory = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    url = f"/medewerkers/klachten/{complaint.reference}/"

    sign_in_staff(page, coordinator, PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)

    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.screenshot(path=str(directory / "dossier-beslist-1280.png"), full_page=True)
    assert height <= MAX_HEIGHT, f"the file page is {height}px tall at 1280px"
    # One primary action, in the header: the next step the lifecycle suggests.
    assert page.locator(".utrecht-button--primary-action").count() == 1
    primary = page.locator(".gh-file-next .utrecht-button--primary-action")
    assert primary.inner_text() == "Naar leerpunten"
    # The access log is a tab of its own, not on the file page.
    assert page.locator("#h-audit").count() == 0
    assert page.get_by_role("link", name="Toegangslog").count() == 1
    # The decision letter quotes the reworded part; the page shows the submission as it came in.
    assert "Mevrouw belt boos" in page.inner_text("#h-summary ~ dl, section[aria-labelledby='h-summary']")
    assert_no_axe_violations(page)
    open_all_disclosures(page)
    assert_no_axe_violations(page)

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(url)
    page.screenshot(path=str(directory / "dossier-beslist-375.png"), full_page=True)
    assert_fits_width(page, 375)
    assert_no_axe_violations(page)
    open_all_disclosures(page)
    assert_fits_width(page, 375)
    assert_no_axe_violations(page)

    # The access log: paginated, and reading it is a view of the file.
    views = AuditEntry.objects.filter(complaint_id=complaint.pk, action=Action.VIEW).count()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Toegangslog").click()
    page.wait_for_url(f"**{url}toegang/")
    assert page.locator("#h-audit").count() == 1
    assert page.locator("section[aria-labelledby='h-audit'] tbody tr").count() == 50
    assert AuditEntry.objects.filter(complaint_id=complaint.pk, action=Action.VIEW).count() == views + 1
    assert_no_axe_violations(page)
    page.screenshot(path=str(directory / "dossier-toegangslog-1280.png"), full_page=True)
