"""The public complaint form: validation in plain Dutch, one complaint per form token, safe uploads."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gehoord.cases.constants import Channel, Status
from gehoord.cases.models import Attachment, Complaint
from gehoord.intake.tests.helpers import PNG_BYTES, pdf_file, valid_form_data
from gehoord.intake.tokens import new_form_token
from gehoord.organisation.models import Department

FORM_URL = "/klacht/formulier/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def post(client, **overrides):
    return client.post(FORM_URL, valid_form_data(**overrides))


def test_form_page_has_a_token_and_works_without_javascript(client, db):
    response = client.get(FORM_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="form_token"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "<script" not in html


def test_valid_submission_stores_a_web_complaint_and_shows_the_reference(client, db):
    response = post(client, department=str(Department.objects.create(name="Burgerzaken", code="bz").pk))
    assert response.status_code == 302 and response.url == reverse("intake:received")

    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.WEB
    assert complaint.status == Status.RECEIVED
    assert complaint.complainant.last_name == "Boukhari"
    assert list(complaint.departments.values_list("code", flat=True)) == ["bz"]

    page = client.get(response.url).content.decode()
    assert complaint.reference in page
    assert f"/klacht/status/{complaint.reference}/" in page


def test_same_token_twice_makes_one_complaint(client, db):
    data = valid_form_data()
    first = client.post(FORM_URL, data)
    second = client.post(FORM_URL, data)  # a double click or a browser resubmit

    assert Complaint.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert Complaint.objects.get().reference in client.get(second.url).content.decode()


def test_each_fresh_form_with_another_complaint_makes_its_own_complaint(client, db):
    post(client)
    post(client, description="De afvalpas die ik aanvroeg kwam na zes weken nog steeds niet.")
    assert Complaint.objects.count() == 2


def test_the_same_complaint_sent_again_from_a_fresh_form_shows_the_first(client, db):
    """The Back button or a second tab: a new form token, the same person and text within the window."""
    first = post(client)
    again = post(client)
    complaint = Complaint.objects.get()
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    notes = complaint.events.filter(data__resubmission="web")
    assert notes.count() == 1
    assert "nogmaals ingediend" in notes.get().summary


NO_DATE = {"conduct_date_day": "", "conduct_date_month": "", "conduct_date_year": ""}
ADDRESS = {"street": "Dorpsstraat", "house_number": "1", "postal_code": "1234 AB", "city": "Voorbeeldstad"}


def date(day: str, month: str, year: str) -> dict:
    return {"conduct_date_day": day, "conduct_date_month": month, "conduct_date_year": year}


@pytest.mark.parametrize(
    ("overrides", "field", "anchor", "message"),
    [
        ({"last_name": ""}, "last_name", "id_last_name", "Vul uw achternaam in."),
        ({"description": ""}, "description", "id_description", "Beschrijf wat er is gebeurd."),
        ({"description": "Slecht"}, "description", "id_description", "Uw beschrijving is erg kort."),
        (NO_DATE, "conduct_date", "id_conduct_date_day", "Vul de datum in waarop het gebeurde"),
        (date("31", "2", "2026"), "conduct_date", "id_conduct_date_day", "Deze datum bestaat niet."),
        (date("1", "13", "2026"), "conduct_date", "id_conduct_date_month", "Deze datum bestaat niet."),
        (date("1", "1", "2099"), "conduct_date", "id_conduct_date_day", "Deze datum ligt in de toekomst."),
        (
            date("1", "", "2026"),
            "conduct_date",
            "id_conduct_date_month",
            "De datum moet ook een maand bevatten.",
        ),
        (date("", "", "2026"), "conduct_date", "id_conduct_date_day", "een dag en maand bevatten."),
        (date("1", "mrt", "2026"), "conduct_date", "id_conduct_date_month", "Vul de datum in met cijfers"),
        (date("1", "3", "26"), "conduct_date", "id_conduct_date_year", "Vul het jaar in met vier cijfers"),
        (date("1", "3", "1026"), "conduct_date", "id_conduct_date_year", "Vul een jaar in na 1900."),
        ({"email": "fatima@"}, "email", "id_email", "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        (
            {"email": "", "phone": "0612345678"},
            "preferred_contact",
            "id_preferred_contact_0",
            "U koos voor contact per e-mail, maar vulde geen e-mailadres in.",
        ),
        ({"phone": "bel me"}, "phone", "id_phone", "Vul een geldig telefoonnummer in"),
        ({**ADDRESS, "postal_code": "12345"}, "postal_code", "id_postal_code", "1234 AB"),
        (
            {**ADDRESS, "house_number": "a"},
            "house_number",
            "id_house_number",
            "Vul het huisnummer in met cijfers",
        ),
        ({"preferred_contact": ""}, "preferred_contact", "id_preferred_contact_0", "Kies hoe wij contact"),
        ({"preferred_contact": "letter"}, "preferred_contact", "id_preferred_contact_0", "contact per brief"),
    ],
)
def test_each_invalid_field_gets_a_clear_dutch_message(client, db, overrides, field, anchor, message):
    response = post(client, **overrides)
    html = response.content.decode()

    assert response.status_code == 400
    assert Complaint.objects.count() == 0
    assert message in str(response.context["form"].errors[field])
    # Next to the field, and in the summary at the top with a link to the (first wrong) input.
    assert f'id="id_{field}_error"' in html
    assert 'id="error-summary"' in html and f'href="#{anchor}"' in html
    assert "<title>Fout:" in html


@pytest.mark.parametrize(
    ("overrides", "group", "anchor", "message"),
    [
        (
            {"email": "", "preferred_contact": "letter"},
            "reach",
            "id_email",
            "Vul minstens één manier in waarop wij u kunnen bereiken",
        ),
        (
            {"street": "Dorpsstraat", "house_number": "1"},
            "address",
            "id_postal_code",
            "vul ook uw postcode en woonplaats in",
        ),
        ({**ADDRESS, "house_number": ""}, "address", "id_house_number", "vul ook uw huisnummer in"),
        # A digit in the street's name is no house number.
        (
            {**ADDRESS, "street": "1e Van Swindenstraat", "house_number": ""},
            "address",
            "id_house_number",
            "vul ook uw huisnummer in",
        ),
        (
            {"postal_code": "1234 AB"},
            "address",
            "id_street",
            "vul ook uw straat, huisnummer en woonplaats in",
        ),
        (
            {"involved_description": ""},
            "involved",
            "id_department",
            "Vertel over welke afdeling of medewerker",
        ),
        ({"on_behalf": "on"}, "representative", "id_representative_name", "Vul dan ook uw eigen naam in."),
    ],
)
def test_a_rule_over_several_fields_is_shown_once_at_its_group(client, db, overrides, group, anchor, message):
    response = post(client, **overrides)
    html = response.content.decode()

    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.group_errors[group])
    assert f'id="{group}-error"' in html
    assert f'href="#{anchor}"' in html
    # Not as an error of any single field of the group.
    assert not any(message in " ".join(errors) for name, errors in form.errors.items() if name != "__all__")
    assert html.count(message) == 2  # at the group and in the summary


@pytest.mark.parametrize(("ticked", "stored"), [({"about_failure_to_decide": "on"}, True), ({}, False)])
def test_the_optional_question_about_failing_to_decide_in_time(client, db, ticked, stored):
    page = client.get(FORM_URL).content.decode()
    assert "Mijn klacht gaat erover dat de gemeente niet op tijd heeft beslist" in page

    assert post(client, **ticked).status_code == 302
    assert Complaint.objects.get().about_failure_to_decide is stored


def test_valid_postal_code_is_normalised(client, db):
    post(client, street="Dorpsstraat", house_number="1", postal_code="1234ab", city="Voorbeeldstad")
    complainant = Complaint.objects.get().complainant
    assert complainant.postal_code == "1234 AB"
    assert complainant.street_address == "Dorpsstraat 1"


def test_representative_is_stored_apart(client, db):
    post(
        client,
        on_behalf="on",
        representative_name="Mr. J. de Vries",
        representative_organisation="Sociaal Raadslieden",
    )
    complaint = Complaint.objects.get()
    assert complaint.representative.name == "Mr. J. de Vries"
    assert complaint.complainant.last_name == "Boukhari"


def test_attachments_are_stored_with_their_real_type(client, db):
    png = SimpleUploadedFile("foto.png", PNG_BYTES, content_type="image/png")
    response = client.post(FORM_URL, {**valid_form_data(), "attachments": [pdf_file(), png]})
    assert response.status_code == 302
    attachments = Attachment.objects.order_by("original_name")
    assert [(a.original_name, a.content_type) for a in attachments] == [
        ("brief.pdf", "application/pdf"),
        ("foto.png", "image/png"),
    ]
    # Stored under a random name, never the citizen's file name.
    assert all("brief" not in a.file.name and "foto" not in a.file.name for a in attachments)


def test_oversized_file_is_refused(client, db):
    big = pdf_file("groot.pdf", size=10 * 1024 * 1024 + 1)
    response = client.post(FORM_URL, {**valid_form_data(), "attachments": [big]})
    assert response.status_code == 400
    assert "groter dan 10 MB" in str(response.context["form"].errors["attachments"])
    assert Complaint.objects.count() == 0


def test_disguised_file_is_refused(client, db):
    # An executable renamed to look like a PDF: the content decides, not the name.
    disguised = SimpleUploadedFile(
        "factuur.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf"
    )
    response = client.post(FORM_URL, {**valid_form_data(), "attachments": [disguised]})
    assert response.status_code == 400
    assert "geen toegestaan bestandstype" in str(response.context["form"].errors["attachments"])
    assert Complaint.objects.count() == 0


def test_more_than_five_files_is_refused(client, db):
    files = [pdf_file(f"bijlage{i}.pdf") for i in range(6)]
    response = client.post(FORM_URL, {**valid_form_data(), "attachments": files})
    assert response.status_code == 400
    assert "maximaal 5 bestanden" in str(response.context["form"].errors["attachments"])


def test_honeypot_filled_in_is_refused(client, db):
    response = post(client, fax_number="http://spam.example")
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_forged_or_missing_token_keeps_the_input_and_asks_to_send_again(client, db):
    response = post(client, form_token="not-a-signed-token")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Het formulier is verlopen of beschadigd" in html
    assert "Boukhari" in html  # the person's own input is kept
    assert Complaint.objects.count() == 0


def test_csrf_is_enforced(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(FORM_URL, valid_form_data())
    assert response.status_code == 403
    assert Complaint.objects.count() == 0


def test_submissions_are_rate_limited_per_client(client, db, settings):
    for number in range(20):
        post(client, form_token=new_form_token(), description=f"Klacht nummer {number}: nooit teruggebeld.")
    response = post(client, form_token=new_form_token())
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert Complaint.objects.count() == 20


def test_an_e_mail_address_longer_than_the_column_is_refused_not_a_server_error(client, db):
    # Valid by the e-mail grammar (a 64-character local part, a long domain), longer than 254.
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".nl"
    assert len(address) > 254
    response = post(client, email=address)
    assert response.status_code == 400
    assert not Complaint.objects.exists()
