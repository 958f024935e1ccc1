"""Labels and error texts agree, and the date of the conduct is asked as day, month and year.

A field marked "(niet verplicht)" never gets an error for being left empty:
a rule over several fields (one way to reach you, a complete address, who
the complaint is about, the gemachtigde's name) is explained once at its
group and its error is shown there.
"""

import re

import pytest
from django.core.cache import cache

from gehoord.cases.models import Complaint
from gehoord.intake.forms import ComplaintForm
from gehoord.intake.tests.helpers import valid_form_data

FORM_URL = "/klacht/formulier/"
# The address fields carry their "(niet verplicht)" on the group's legend.
ADDRESS = ("street", "house_number", "house_number_addition", "postal_code", "city")
OPTIONAL = sorted(
    {name for name, field in ComplaintForm.base_fields.items() if not field.required} - {"fax_number"}
)
REQUIRED_STYLE = re.compile(r"verplicht|required|is vereist", re.IGNORECASE)
BLANK_CONTACT = {"email": "", "phone": "", **dict.fromkeys(ADDRESS, "")}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


SUBMISSIONS = [
    ("everything empty", {name: "" for name in valid_form_data() if name != "form_token"}),
    ("name only", {**BLANK_CONTACT}),
    ("e-mail chosen, none given", {**BLANK_CONTACT, "phone": "06 12345678", "preferred_contact": "email"}),
    ("phone chosen, none given", {"preferred_contact": "phone"}),
    ("letter chosen, no address", {"preferred_contact": "letter"}),
    ("street only", {"street": "Dorpsstraat"}),
    ("postcode only", {"postal_code": "1234 AB"}),
    ("no house number", {"street": "Dorpsstraat", "postal_code": "1234 AB", "city": "Dijkstad"}),
    ("addition only", {"house_number_addition": "A"}),
    ("nobody named", {"department": "", "involved_description": ""}),
    ("on behalf, no name", {"on_behalf": "on"}),
    ("on behalf, organisation only", {"on_behalf": "on", "representative_organisation": "Raadslieden"}),
    ("no date", {"conduct_date_day": "", "conduct_date_month": "", "conduct_date_year": ""}),
    ("everything optional empty", {name: "" for name in OPTIONAL if name != "attachments"}),
]


@pytest.mark.parametrize(("case", "overrides"), SUBMISSIONS, ids=[row[0] for row in SUBMISSIONS])
def test_no_optional_field_carries_a_required_error(client, db, case, overrides):
    data = valid_form_data(**overrides)
    response = client.post(FORM_URL, data)
    assert response.status_code == 400, case  # every case breaks some rule
    form = response.context["form"]
    html = response.content.decode()

    for name in OPTIONAL:
        if str(data.get(name, "")).strip():
            continue
        # Left empty and marked "(niet verplicht)": no error of its own, on the page or in the form.
        assert name not in form.errors, (case, name, form.errors.get(name))
        assert f'id="id_{name}_error"' not in html, (case, name)
    for name, errors in form.errors.items():
        for error in errors:
            assert not REQUIRED_STYLE.search(str(error)), (case, name, error)


def test_the_rule_of_one_way_to_reach_you_is_explained_once_at_the_group(client, db):
    page = client.get(FORM_URL).content.decode()
    assert page.count("minstens één manier waarop wij u kunnen bereiken") == 1
    assert 'id="reach-rule"' in page and 'aria-describedby="reach-rule"' in page

    response = client.post(FORM_URL, valid_form_data(**BLANK_CONTACT, preferred_contact="letter"))
    html = response.content.decode()
    message = "Vul minstens één manier in waarop wij u kunnen bereiken"
    assert html.count(message) == 2  # at the group and in the summary, not at each field
    assert 'aria-describedby="reach-rule reach-error"' in html
    assert 'id="id_email_error"' not in html and 'id="id_phone_error"' not in html


def test_the_address_goes_on_as_one_street_address(client, db):
    response = client.post(
        FORM_URL,
        valid_form_data(
            street="Dorpsstraat",
            house_number="12",
            house_number_addition="A",
            postal_code="1234ab",
            city="Dijkstad",
        ),
    )
    assert response.status_code == 302
    complainant = Complaint.objects.get().complainant
    assert (complainant.street_address, complainant.postal_code, complainant.city) == (
        "Dorpsstraat 12 A",
        "1234 AB",
        "Dijkstad",
    )


# --- The date of the conduct -------------------------------------------------------------------


def test_the_date_is_three_narrow_numeric_boxes_in_a_fieldset_with_a_hint(client, db):
    html = client.get(FORM_URL).content.decode()
    fieldset = re.search(r'<fieldset[^>]*id="id_conduct_date".*?</fieldset>', html, re.S).group(0)
    assert "<legend" in fieldset and "Wanneer gebeurde het?" in fieldset
    assert "Bijvoorbeeld 15 3 2026" in fieldset
    for part, label, width in (("day", "Dag", "2ch"), ("month", "Maand", "2ch"), ("year", "Jaar", "4ch")):
        assert f'<label class="utrecht-form-label" for="id_conduct_date_{part}">{label}</label>' in fieldset
        box = re.search(rf'<input[^>]*id="id_conduct_date_{part}"[^>]*>', fieldset).group(0)
        assert 'inputmode="numeric"' in box and f"gh-width-{width}" in box and 'type="text"' in box
    assert 'type="date"' not in html


@pytest.mark.parametrize(
    ("day", "month", "year", "stored"),
    [
        ("2", "11", "2026", "2026-11-02"),
        ("02", "03", "2026", "2026-03-02"),
        ("29", "2", "2024", "2024-02-29"),
    ],
)
def test_a_real_date_is_stored(client, db, day, month, year, stored):
    data = valid_form_data(conduct_date_day=day, conduct_date_month=month, conduct_date_year=year)
    assert client.post(FORM_URL, data).status_code == 302
    assert Complaint.objects.get().conduct_date.isoformat() == stored


def test_an_old_date_is_taken_the_coordinator_decides_about_it(client, db):
    """Awb 9:8 lid 1 onder b lets the municipality decide not to handle it; the form does not refuse it."""
    data = valid_form_data(conduct_date_day="1", conduct_date_month="1", conduct_date_year="2020")
    assert client.post(FORM_URL, data).status_code == 302


def test_a_form_from_before_the_three_boxes_still_sends_its_date(client, db):
    data = valid_form_data(conduct_date="2026-11-02")
    for part in ("day", "month", "year"):
        del data[f"conduct_date_{part}"]
    assert client.post(FORM_URL, data).status_code == 302
    assert Complaint.objects.get().conduct_date.isoformat() == "2026-11-02"


def test_the_typed_parts_come_back_after_an_error(client, db):
    data = valid_form_data(conduct_date_day="31", conduct_date_month="2", conduct_date_year="2026")
    html = client.post(FORM_URL, data).content.decode()
    day = re.search(r'<input[^>]*id="id_conduct_date_day"[^>]*>', html).group(0)
    month = re.search(r'<input[^>]*id="id_conduct_date_month"[^>]*>', html).group(0)
    assert 'value="31"' in day and 'aria-invalid="true"' in day and "utrecht-textbox--invalid" in day
    assert 'value="2"' in month and "aria-invalid" not in month
