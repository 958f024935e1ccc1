"""The coordinator's standard day, counted: page loads and clicks from a phone call to the letter sent.

Issue [12] asks that the standard day takes fewer page loads and clicks after the workspace was
rebuilt than before. The day: register a phone complaint, assign it, log the first contact,
escalate, invite to a hearing, record the hearing, decide, send the letter (on paper: the
complainant gave a postal address, no e-mail). Typing and choosing in drop-downs are not counted
(see gehoord.core.testing.browser.Tally). The figure is written to $ARTEFACT_DIR/clicks.json when set.
"""

import datetime as dt
import json
import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from gehoord.accounts.testing import sign_in_staff
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import Tally

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "geheim-wachtwoord-123"

# Measured on the screens before issue [12] (main at dd7f5b7), with this same day.
BEFORE = {"loads": 15, "clicks": 19}


def reveal(page, selector) -> None:
    """Open the closed disclosures around what the user needs next, as they would: by clicking each summary."""
    target = (page.locator(selector) if isinstance(selector, str) else selector).first
    for details in target.locator("xpath=ancestor::details").all():
        if details.get_attribute("open") is None:
            details.locator(":scope > summary").click()


def fill(page, selector: str, value: str) -> None:
    reveal(page, selector)
    page.fill(selector, value)


def choose(page, selector: str, value: str) -> None:
    reveal(page, selector)
    page.select_option(selector, value)


def press(page, section: str) -> None:
    selector = f"section[aria-labelledby='{section}'] button[type=submit]"
    reveal(page, selector)
    page.locator(selector).click()
    page.wait_for_load_state()


def mark_printed(page, kind: str) -> None:
    """The letter went out on paper: print it and say so."""
    button = page.get_by_role("listitem").filter(has_text=kind).locator("form[action$='/geprint/'] button")
    reveal(page, button)
    button.click()
    page.wait_for_load_state()


def test_the_standard_day_takes_fewer_loads_and_clicks(page, live_server, tmp_path):
    import_module("gehoord.cases.migrations.0002_conduct_norms").add_norms(django_apps, None)
    coordinator = factories.coordinator(username="carla", first_name="Carla", last_name="de Vries")
    handler = factories.handler(first_name="Hamid", last_name="El Amrani")
    sign_in_staff(page, coordinator, PASSWORD)
    tally = Tally(page)
    today = timezone.localdate()

    # A citizen phones: register the complaint and assign it.
    page.click("a[href='/medewerkers/registreren/']")
    page.wait_for_load_state()
    page.check("input[name=channel][value=phone]")
    page.fill("#id_first_name", "Jan")
    page.fill("#id_last_name", "Pietersen")
    page.fill("#id_phone", "06 12345678")
    page.fill("#id_street_address", "Dorpsstraat 12")
    page.fill("#id_postal_code", "1234 AB")
    page.fill("#id_city", "Gehoorddorp")
    page.fill("#id_description", "Ik ben drie keer beloofd teruggebeld te worden en niemand belde.")
    page.fill("#id_involved_description", "Klantcontactcentrum")
    page.check("input[name=preferred_contact][value=phone]")
    # Assign it: since [12] while registering (before: "Triage starten", then "Behandelaar toewijzen").
    page.select_option("#id_handler", str(handler.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/medewerkers/klachten/K-*/")
    complaint = Complaint.objects.get()

    # Log the first contact.
    press(page, "step-start_informal")
    choose(page, "#id_contact-channel", "phone")
    fill(page, "#id_contact-subject", "Eerste gesprek")
    fill(page, "#id_contact-content", "Klager wil een formele beslissing.")
    press(page, "action-contact")

    # Escalate.
    fill(page, "#id_escalate-reason", "Klager is niet tevreden met de voorgestelde oplossing.")
    press(page, "step-escalate")

    # Invite to a hearing (Awb 9:10), three weeks ahead.
    fill(page, "#id_schedule_hearing-hearing_on", (today + dt.timedelta(weeks=3)).isoformat())
    fill(page, "#id_schedule_hearing-hearing_time", "10:00")
    fill(page, "#id_schedule_hearing-hearing_location", "Gemeentehuis, spreekkamer 2")
    press(page, "step-schedule_hearing")
    mark_printed(page, "Uitnodiging hoorzitting")

    # Record the hearing: held today, with a report.
    hearing = complaint.hearings.get()
    fill(page, f"#id_hearing_report-{hearing.pk}-held_on", today.isoformat())
    fill(page, f"#id_hearing_report-{hearing.pk}-report", "De klager lichtte toe wat er gebeurde.")
    press(page, f"action-hearing_report-{hearing.pk}")

    # Awb 9:9: the complaint is about the contact centre, not an identifiable employee.
    reveal(page, "input[name='waive_copy-reason']")
    page.check("input[name='waive_copy-reason'][value='no_person']")
    press(page, "action-waive_copy")

    # Decide: judge the part (the norm violated), findings, decide.
    reveal(page, "form[action$='/actie/judge_part/']")
    part_form = page.locator("form[action$='/actie/judge_part/']")
    part_form.locator("select[name$='-judgement']").select_option("gegrond")
    part_form.locator("textarea[name$='-reasoning']").fill("Het terugbellen is drie keer niet gebeurd.")
    part_form.locator("label:has-text('Voortvarendheid')").click()
    part_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    fill(page, "#id_findings-findings", "De terugbelverzoeken bleven liggen.")
    fill(page, "#id_findings-conclusions", "De klacht is gegrond.")
    press(page, "action-findings")
    press(page, "step-decide")
    complaint.refresh_from_db()
    assert complaint.status == "decided", page.inner_text("main")[:2000]

    # Send the letter: print it and mark it sent.
    mark_printed(page, "Beslissing op de klacht")
    assert set(complaint.letters.values_list("kind", "status")) >= {
        ("hearing_invitation", "printed"),
        ("decision", "printed"),
    }, list(complaint.letters.values_list("kind", "status"))

    figures = {"loads": tally.loads, "clicks": tally.clicks, "total": tally.total}
    artefacts = Path(os.environ.get("ARTEFACT_DIR") or tmp_path)
    artefacts.mkdir(parents=True, exist_ok=True)
    (artefacts / "clicks.json").write_text(json.dumps({"before": BEFORE, "after": figures}, indent=2))
    print("standard day:", tally)
    assert BEFORE["loads"] is not None
    assert tally.total < BEFORE["loads"] + BEFORE["clicks"], f"before {BEFORE}, after {figures}"
