"""The coordinator's whole day in a real browser, from a phone call to the decision letter."""

import datetime as dt
import subprocess
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_no_axe_violations, sign_in_staff
from gehoord.organisation.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "geheim-wachtwoord-123"


def submit_section(page, section: str) -> None:
    """Press the button of one panel on the complaint file (a step or an action)."""
    page.locator(f"section[aria-labelledby='{section}'] button[type=submit]").click()
    page.wait_for_load_state()


def test_coordinators_day(page, live_server):
    # Transactional tests elsewhere may have flushed the reference data the
    # migrations load; put the behoorlijkheidswijzer norms back (idempotent).
    import_module("gehoord.cases.migrations.0002_conduct_norms").add_norms(django_apps, None)
    coordinator = factories.coordinator(username="carla", first_name="Carla", last_name="de Vries")
    handler = factories.handler(first_name="Hamid", last_name="El Amrani")
    # Sign in: password, then the code from the authenticator app.
    sign_in_staff(page, coordinator, PASSWORD)
    assert_no_axe_violations(page)

    # A citizen phones: register the complaint.
    page.click("a[href='/medewerkers/registreren/']")
    page.check("input[name=channel][value=phone]")
    page.fill("#id_first_name", "Jan")
    page.fill("#id_last_name", "Pietersen")
    page.fill("#id_phone", "06 12345678")
    page.fill("#id_description", "Ik ben drie keer beloofd teruggebeld te worden en niemand belde.")
    page.fill("#id_involved_description", "Klantcontactcentrum")
    page.check("input[name=preferred_contact][value=phone]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/medewerkers/klachten/K-*/")
    complaint = Complaint.objects.get()
    assert complaint.channel == "phone" and complaint.reference in page.inner_text("h1")

    # Triage and assignment.
    submit_section(page, "step-start_triage")
    page.select_option("#id_assign-handler", str(handler.pk))
    submit_section(page, "action-assign")
    submit_section(page, "step-start_informal")

    # First personal contact, then the complainant is not satisfied: escalate.
    page.select_option("#id_contact-channel", "phone")
    page.fill("#id_contact-subject", "Eerste gesprek")
    page.fill("#id_contact-content", "Klager wil een formele beslissing.")
    submit_section(page, "action-contact")
    page.fill("#id_escalate-reason", "Klager is niet tevreden met de voorgestelde oplossing.")
    submit_section(page, "step-escalate")

    # The hearing: schedule it, then the report.
    hearing_on = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    page.fill("#id_schedule_hearing-hearing_on", hearing_on)
    submit_section(page, "step-schedule_hearing")
    page.fill("#id_hearing_report-held_on", hearing_on)
    page.fill("#id_hearing_report-report", "Klager en medewerker zijn gehoord.")
    submit_section(page, "action-hearing_report")

    # Postpone the decision by two weeks.
    page.fill("#id_postpone-weeks", "2")
    page.fill("#id_postpone-reason", "De betrokken medewerker is op vakantie.")
    submit_section(page, "action-postpone")
    complaint.refresh_from_db()
    assert complaint.postponement_weeks == 2

    # Judge the part (founded: a norm), findings, and decide.
    part_form = page.locator("form[action$='/actie/judge_part/']")
    part_form.locator("select[name$='-judgement']").select_option("gegrond")
    part_form.locator("textarea[name$='-reasoning']").fill("Het terugbellen is drie keer niet gebeurd.")
    part_form.locator("label:has-text('Voortvarendheid')").click()
    part_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.fill(
        "#id_findings-findings", "Uit het klantvolgsysteem blijkt dat de terugbelverzoeken bleven liggen."
    )
    page.fill("#id_findings-conclusions", "De klacht is gegrond.")
    submit_section(page, "action-findings")
    submit_section(page, "step-decide")
    complaint.refresh_from_db()
    assert complaint.status == "decided" and complaint.outcome == "gegrond"
    assert_no_axe_violations(page)

    # Download the decision letter and read it.
    link = page.get_by_role("link", name="Beslissing op de klacht bekijken (pdf)")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.body(), capture_output=True, check=True
    ).stdout.decode()
    assert complaint.reference in text
    assert "Gegrond" in text or "gegrond" in text
    assert Municipality.load().ombudsman_name in text
