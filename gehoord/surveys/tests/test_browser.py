"""The complainant fills in the survey from the invitation link, in a real browser, on a phone too."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core import mail as outbox

from gehoord.cases.constants import Status
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import bring_to
from gehoord.core.testing.browser import assert_fits_width, assert_no_axe_violations
from gehoord.surveys import services
from gehoord.surveys.models import SurveyAnswer, SurveyInvitation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def invitation_link(live_server, settings):
    settings.SITE_URL = live_server.url
    # Transactional tests may have flushed what the migrations load; put it back (idempotent).
    import_module("gehoord.surveys.migrations.0002_default_questions").add_default_questions(
        django_apps, None
    )
    import_module("gehoord.cases.migrations.0002_conduct_norms").add_norms(django_apps, None)
    coordinator = factories.coordinator()
    complaint = bring_to(
        Status.CLOSED,
        actor=coordinator,
        route="informal",
        complainant=factories.ComplainantFactory(email="klager@example.org"),
    )
    outbox.outbox.clear()
    services.send_due(complaint.survey_invitation.send_after)
    # The link as the complainant gets it: from the invitation e-mail.
    [message] = [m for m in outbox.outbox if "ervaren" in m.subject]
    link = next(word for word in message.body.split() if word.startswith(live_server.url + "/e/"))
    return complaint.survey_invitation, link.rstrip(".")


def test_the_survey_from_the_invitation_link(page, invitation_link):
    invitation, link = invitation_link

    page.goto(link)
    assert_no_axe_violations(page)
    # Sending it empty: the required questions say what to do, in Dutch.
    page.get_by_role("button", name="Antwoorden versturen").click()
    page.wait_for_load_state()
    assert "Kies een antwoord bij deze vraag." in page.inner_text("main")
    assert_no_axe_violations(page)

    for fieldset in page.locator("fieldset").all():
        fieldset.locator("input[type=radio]").last.check()
    page.get_by_label("Wat kunnen wij beter doen?").fill("Sneller terugbellen.")
    page.get_by_role("button", name="Antwoorden versturen").click()
    page.wait_for_url("**/e/bedankt/")
    assert "Bedankt voor uw antwoorden" in page.inner_text("h1")
    assert_no_axe_violations(page)
    assert SurveyAnswer.objects.filter(text="Sneller terugbellen.").exists()

    # The same link again: a clear message, not a second response.
    page.goto(link)
    assert "U heeft deze enquête al ingevuld" in page.inner_text("main")
    assert_no_axe_violations(page)
    assert SurveyInvitation.objects.get(pk=invitation.pk).responded_at is not None


def test_an_expired_link_says_so(page, invitation_link):
    invitation, link = invitation_link
    SurveyInvitation.objects.filter(pk=invitation.pk).update(expires_on=dt.date(2020, 1, 31))

    page.goto(link)

    assert (
        "Deze enquête kon tot en met 31-01-2020 worden ingevuld. De link werkt niet meer."
        in page.inner_text("main")
    )
    assert_no_axe_violations(page)


def test_the_survey_on_a_phone(mobile_page, invitation_link):
    _invitation, link = invitation_link

    mobile_page.goto(link)

    assert_fits_width(mobile_page, 375)
    assert_no_axe_violations(mobile_page)
