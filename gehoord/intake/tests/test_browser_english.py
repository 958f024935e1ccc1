"""The public pages in English: no Dutch left unmarked.

The language switch in the header posts to set_language; after it, every
public page is read in a real browser. Every text node whose nearest ``lang``
ancestor says English must hold none of a short list of Dutch words. Dutch
that stays (a department without an English name, a municipality's own triage
text, a place name) must carry lang="nl", and then it is not checked.
"""

import re

import pytest
from django.core.cache import cache

from gehoord.cases.constants import Status
from gehoord.cases.status_link import status_path
from gehoord.cases.tests import factories
from gehoord.correspondence import services as letter_services
from gehoord.correspondence.constants import LetterStatus
from gehoord.correspondence.tests.walk import bring_to, take
from gehoord.intake.models import TriageDestination
from gehoord.organisation.models import Department
from gehoord.surveys import services as survey_services
from gehoord.surveys.links import survey_path

# serialized_rollback: the data migrations (triage destinations, decree days) survive the flushes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Whole words, any case. Chosen so that none is also an English word ("in", "is", "en" of "EN 301 549",
# "van" of a surname and "brief" are left out on purpose), and so that nearly every Dutch sentence
# holds at least one of them.
DUTCH_WORDS = (
    "de",
    "het",
    "een",
    "uw",
    "u",
    "wij",
    "niet",
    "klacht",
    "klachten",
    "gemeente",
    "afdeling",
    "verplicht",
    "bijvoorbeeld",
    "ontvangen",
    "indienen",
    "melding",
    "gegevens",
    "wordt",
    "hoorgesprek",
    "weet",
    "ik",
    "op",
    "naar",
    "voor",
    "bij",
    "heeft",
    "kunt",
    "wilt",
    "geen",
    "ook",
    "nieuwe",
    "verstuurd",
    "uiterlijk",
    "datum",
    "plaats",
    "stuur",
    "maximaal",
    "bestanden",
    "elk",
)
DUTCH = re.compile(r"\b(" + "|".join(DUTCH_WORDS) + r")\b", re.IGNORECASE)
# An e-mail or web address is not in a language ("klachten@gemeente.example").
ADDRESS = re.compile(r"\S+@\S+|\S+://\S+")

# Text nodes (and the labels a screen reader reads from attributes) whose nearest lang is English.
ENGLISH_TEXTS = """() => {
  const found = [];
  const langOf = (element) => (element.closest('[lang]')?.getAttribute('lang') || '').split('-')[0];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ['SCRIPT', 'STYLE'].includes(parent.tagName)) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text && langOf(parent) === 'en') found.push(text);
  }
  for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
    if (langOf(element) !== 'en') continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = element.getAttribute(name);
      if (value) found.push(value);
    }
  }
  return found;
}"""


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def dutch_left(page) -> list[str]:
    assert page.evaluate("() => document.documentElement.lang") == "en"
    return [text for text in page.evaluate(ENGLISH_TEXTS) if DUTCH.search(ADDRESS.sub(" ", text))]


def _a_complaint_with_everything(coordinator):
    """A formal complaint with a hearing (date and place), its letters sent, and an addition."""
    complaint = bring_to(
        Status.FORMAL,
        actor=coordinator,
        description="The clerk at the desk sent me away without any explanation.",
        desired_outcome="An apology.",
        complainant=factories.ComplainantFactory.build(email="klager@example.nl"),
    )
    complaint = take(
        complaint,
        "schedule_hearing",
        actor=coordinator,
        hearing_time="14:30",
        hearing_location="Stadhuis, spreekkamer 4",
    )
    for letter in complaint.letters.filter(status=LetterStatus.QUEUED):
        letter_services.deliver(letter.pk)
    return complaint


def test_every_public_page_in_english_leaves_no_unmarked_dutch(page, coordinator):
    Department.objects.create(name="Burgerzaken", name_en="Civil Affairs", code="burgerzaken")
    Department.objects.create(name="Griffie", code="griffie")  # no English name: stays Dutch, marked
    TriageDestination.objects.create(
        slug="afval", option_label="Grofvuil ophalen", title="Grofvuil", explanation="Bel de milieustraat."
    )
    complaint = _a_complaint_with_everything(coordinator)
    survey = survey_path(survey_services.invite(complaint))
    status = status_path(complaint)

    page.goto("/klacht/")
    page.click("button[name=language][value=en]")
    page.wait_for_function("() => document.documentElement.lang === 'en'")

    def visit(url: str) -> None:
        page.goto(url)
        leftovers = dutch_left(page)
        assert not leftovers, f"{url}: Dutch without lang='nl': {leftovers}"

    visit("/klacht/")
    # The triage options: the shipped ones in English, the municipality's own marked Dutch.
    assert page.locator("label[for] span[lang=nl]", has_text="Grofvuil ophalen").count() == 1
    visit("/klacht/elders/bezwaar/")
    visit("/klacht/elders/afval/")
    visit("/klacht/formulier/")
    # The department without an English name is a Dutch <option>; the other is English.
    assert page.locator("#id_department option[lang=nl]").all_inner_texts() == ["Griffie"]
    assert "Civil Affairs" in page.locator("#id_department").inner_text()
    page.click("main form button[type=submit]")  # empty: the form with its errors
    page.wait_for_selector("#error-summary")
    leftovers = dutch_left(page)
    assert not leftovers, f"form with errors: {leftovers}"
    visit("/privacy/")
    visit("/toegankelijkheid/")
    visit("/klacht/stuur-door/")
    visit(status)
    assert page.locator("main [lang=nl]", has_text="Stadhuis, spreekkamer 4").count() == 1
    visit(status + "intrekken/")
    visit(survey)
