"""The coordinator's whole day in a real browser, from a phone call to the decision letter.

The formal route as Awb chapter 9 walks it: both the complainant and the
employee complained about are invited to be heard (9:10 lid 1), each answer
and report is recorded (lid 3), the copy for the employee is accounted for
(9:9), and only then is the decision taken. Screenshots of the file in the
hearing phase are written at 1280 and 375 pixels wide (to $SCREENSHOT_DIR
when set, else the test's temporary directory).
"""

import datetime as dt
import os
import subprocess
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from gehoord.accounts.testing import sign_in_staff
from gehoord.cases.constants import HearingParty, HearingResponse
from gehoord.cases.models import Complaint, Hearing
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_fits_width, assert_no_axe_violations
from gehoord.organisation.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "geheim-wachtwoord-123"


def submit_section(page, section: str) -> None:
    """Press the button of one panel on the complaint file (a step or an action)."""
    page.locator(f"section[aria-labelledby='{section}'] button[type=submit]").click()
    page.wait_for_load_state()


def open_disclosure(page, section: str) -> None:
    """Open the (closed) disclosure a panel of the file is folded into, as a user clicks its summary."""
    details = page.locator(f"details:has(section[aria-labelledby='{section}'])").last
    if details.get_attribute("open") is None:
        details.locator(":scope > summary").click()


def primary_action(page) -> str:
    """The one primary action of the file: the step the lifecycle suggests, in the header."""
    buttons = page.locator(".utrecht-button--primary-action")
    assert buttons.count() == 1
    assert page.locator(".gh-file-next .utrecht-button--primary-action").count() == 1
    return buttons.inner_text()


def screenshots(page, directory: Path, name: str) -> list[Path]:
    """The whole page at a desktop and a phone width; at the phone width nothing scrolls sideways."""
    paths = []
    for width, height in ((1280, 900), (375, 812)):
        page.set_viewport_size({"width": width, "height": height})
        path = directory / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        if width == 375:
            assert_fits_width(page, width)
        paths.append(path)
    page.set_viewport_size({"width": 1280, "height": 900})
    return paths


def test_coordinators_day(page, live_server, tmp_path):
    # Transactional tests elsewhere may have flushed the reference data the
    # migrations load; put the behoorlijkheidswijzer norms back (idempotent).
    import_module("gehoord.cases.migrations.0002_conduct_norms").add_norms(django_apps, None)
    coordinator = factories.coordinator(username="carla", first_name="Carla", last_name="de Vries")
    handler = factories.handler(first_name="Hamid", last_name="El Amrani")
    employee = factories.UserFactory(first_name="Bram", last_name="Bakker")
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
    page.select_option("#id_employees_involved", str(employee.pk))
    page.check("input[name=preferred_contact][value=phone]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/medewerkers/klachten/K-*/")
    complaint = Complaint.objects.get()
    assert complaint.channel == "phone" and complaint.reference in page.inner_text("h1")

    # Triage and assignment: each the file's suggested next step, its one primary action.
    assert primary_action(page) == "Triage starten"
    submit_section(page, "step-start_triage")
    assert primary_action(page) == "Behandelaar toewijzen"
    page.select_option("#id_assign-handler", str(handler.pk))
    submit_section(page, "action-assign")
    assert primary_action(page) == "Informeel behandelen"
    submit_section(page, "step-start_informal")

    # A phone note is no text to quote back: the handler words the complaint part neutrally.
    page.click("summary:has-text('Onderdeel 1 anders verwoorden')")
    part_text = "De klager is drie keer toegezegd dat hij teruggebeld zou worden; dat gebeurde niet."
    page.locator("textarea[name$='-description'][name^='reword_part']").fill(part_text)
    page.click("button:has-text('Nieuwe tekst van onderdeel 1 opslaan')")
    page.wait_for_load_state()
    assert "Geschiedenis van onderdeel 1 (1 wijziging)" in page.inner_text("main")

    # First personal contact, then the complainant is not satisfied: escalate.
    assert primary_action(page) == "Contact vastleggen"
    page.select_option("#id_contact-channel", "phone")
    page.fill("#id_contact-subject", "Eerste gesprek")
    page.fill("#id_contact-content", "Klager wil een formele beslissing.")
    submit_section(page, "action-contact")
    open_disclosure(page, "step-escalate")
    page.fill("#id_escalate-reason", "Klager is niet tevreden met de voorgestelde oplossing.")
    submit_section(page, "step-escalate")

    # Awb 9:10 lid 1: invite both the complainant and Bram (the box is ticked). The answer term must be
    # reasonable (lid 2 onder c: at least a week), so the hearing is planned three weeks ahead.
    today = timezone.localdate()
    assert primary_action(page) == "Uitnodigen om gehoord te worden (Awb 9:10)"
    assert page.is_checked("#id_schedule_hearing-invite_employees")
    page.fill("#id_schedule_hearing-hearing_on", (today + dt.timedelta(days=3)).isoformat())
    page.fill("#id_schedule_hearing-hearing_time", "10:00")
    submit_section(page, "step-schedule_hearing")
    assert "redelijke termijn om te laten weten" in page.inner_text("main")
    page.fill("#id_schedule_hearing-hearing_on", (today + dt.timedelta(weeks=3)).isoformat())
    page.fill("#id_schedule_hearing-hearing_time", "10:00")
    page.fill("#id_schedule_hearing-hearing_location", "Gemeentehuis, spreekkamer 2")
    submit_section(page, "step-schedule_hearing")
    complaint.refresh_from_db()
    assert complaint.status == "hearing"
    mine = Hearing.objects.get(complaint=complaint, party=HearingParty.COMPLAINANT)
    theirs = Hearing.objects.get(complaint=complaint, party=HearingParty.EMPLOYEE, employee=employee)
    body = page.inner_text("main")
    assert "Horen: klager" in body and "Horen: medewerker Bram Bakker" in body
    # Everything the decision still lacks, all at once, as a checklist in the header.
    assert "Nog nodig voor de beslissing" in page.inner_text(".gh-file-next")
    assert page.locator(".gh-checklist__item--todo").count() == 4
    assert "Bram Bakker heeft nog geen kopie van de klacht gekregen" in body
    assert_no_axe_violations(page)
    shots = screenshots(page, Path(os.environ.get("SCREENSHOT_DIR") or tmp_path), "dossier-horen")
    assert all(path.stat().st_size > 10_000 for path in shots)

    assert primary_action(page) == "Hoorverslagen vastleggen"
    # The complainant phoned to say they want to be heard, and could come in at once: both are heard
    # today (earlier than planned) and each gets a report.
    open_disclosure(page, f"action-hearing_response-{mine.pk}")
    page.check(f"input[name='hearing_response-{mine.pk}-response'][value='{HearingResponse.WANTS}']")
    page.fill(f"#id_hearing_response-{mine.pk}-on", today.isoformat())
    page.fill(f"#id_hearing_response-{mine.pk}-how", "telefonisch")
    submit_section(page, f"action-hearing_response-{mine.pk}")
    for hearing, report in (
        (mine, "De klager lichtte toe dat drie terugbelafspraken niet werden nagekomen."),
        (theirs, "Bram Bakker erkent dat de terugbelverzoeken bleven liggen tijdens de drukte."),
    ):
        page.fill(f"#id_hearing_report-{hearing.pk}-held_on", today.isoformat())
        page.fill(f"#id_hearing_report-{hearing.pk}-report", report)
        submit_section(page, f"action-hearing_report-{hearing.pk}")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.response, mine.held_on, theirs.held_on) == (HearingResponse.WANTS, today, today)
    assert theirs.report.startswith("Bram Bakker erkent")

    # Awb 9:9: Bram got the copy on paper at the hearing; the file records why none went by e-mail.
    open_disclosure(page, "action-waive_copy")
    page.check("input[name='waive_copy-reason'][value='given_on_paper']")
    page.select_option("#id_waive_copy-employee", str(employee.pk))
    page.fill("#id_waive_copy-explanation", "Overhandigd bij de uitnodiging.")
    submit_section(page, "action-waive_copy")
    assert "geen kopie per e-mail: Kopie op papier overhandigd" in page.inner_text("main")

    # Postpone the decision by two weeks.
    open_disclosure(page, "action-postpone")
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
    assert part_form.locator("button[type=submit]").inner_text() == "Oordeel over onderdeel 1 opslaan"
    part_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert primary_action(page) == "Bevindingen opslaan"
    page.fill(
        "#id_findings-findings", "Uit het klantvolgsysteem blijkt dat de terugbelverzoeken bleven liggen."
    )
    page.fill("#id_findings-conclusions", "De klacht is gegrond.")
    submit_section(page, "action-findings")
    # Everything the decision needs is checked off; deciding is the next step.
    assert page.locator("#decision-outstanding").count() == 0
    assert page.locator(".gh-checklist__item--done").count() == 4
    assert primary_action(page) == "Beslissen"
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
    # The letter quotes the part as the handler worded it, not the phone note.
    assert "dat gebeurde niet" in " ".join(text.split())
    assert "niemand belde" not in text
    assert Municipality.load().ombudsman_name in text
