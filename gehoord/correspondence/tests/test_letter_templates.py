"""The municipality's own letter texts: edited in the admin, checked, previewed, used by the next letter."""

import pytest
from django.urls import reverse

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases.constants import Status
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.correspondence import letter_templates, letters, services
from gehoord.correspondence.constants import EMPLOYEE_KINDS, LetterKind
from gehoord.correspondence.default_texts import DEFAULT_TEXTS, LetterText
from gehoord.correspondence.models import LetterTemplate
from gehoord.correspondence.tests.test_kinds import flat
from gehoord.correspondence.tests.test_letters import poppler
from gehoord.correspondence.tests.walk import bring_to

pytestmark = pytest.mark.django_db

OWN_BODY = """\
Op {{ datum_ontvangst }} kregen wij uw klacht {{ kenmerk }}. Fijn dat u het meldt.

## Wat nu?

Wij bellen u vóór {{ datum_eerste_contact }}.
"""


@pytest.fixture
def admin_user():
    return factories.UserFactory(roles=[Role.ADMIN], is_staff=True)


@pytest.fixture
def admin_client(client, admin_user):
    return login_staff(client, admin_user)


def change_url(kind: str) -> str:
    return reverse(
        "admin:correspondence_lettertemplate_change", args=[LetterTemplate.objects.get(kind=kind).pk]
    )


def form_data(kind: str, **changes) -> dict[str, str]:
    default = DEFAULT_TEXTS[kind]
    return {
        "subject": default.subject,
        "email_summary": default.email_summary,
        "body": default.body,
        **changes,
    }


def test_every_kind_of_letter_has_a_text_to_edit_after_migrate():
    assert set(LetterTemplate.objects.values_list("kind", flat=True)) == set(LetterKind.values)
    assert letter_templates.ensure_templates() == 0  # idempotent


def test_without_a_row_a_kind_uses_its_default_text():
    LetterTemplate.objects.filter(kind=LetterKind.REFERRAL).delete()

    assert letter_templates.text_for(LetterKind.REFERRAL) == DEFAULT_TEXTS[LetterKind.REFERRAL]


def test_an_edited_text_is_what_the_next_letter_says(admin_client, admin_user):
    response = admin_client.post(
        change_url(LetterKind.ACKNOWLEDGMENT),
        form_data(LetterKind.ACKNOWLEDGMENT, subject="Wij hebben uw klacht {{ kenmerk }}", body=OWN_BODY),
    )
    assert response.status_code == 302, response.content.decode()

    complaint = factories.make_complaint(complainant=factories.ComplainantFactory(email="klager@example.org"))
    letter = services.queue_acknowledgment(complaint)
    html = letters.render_html(letter)

    assert letter.subject == f"Wij hebben uw klacht {complaint.reference}"
    assert f"<h1>Wij hebben uw klacht {complaint.reference}</h1>" in html
    assert f"kregen wij uw klacht {complaint.reference}. Fijn dat u het meldt." in html
    assert "<h2>Wat nu?</h2>" in html
    assert "recht om gehoord te worden" not in html  # the default text is gone
    assert LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGMENT).updated_by == admin_user


def test_a_sent_letter_never_changes_when_the_text_is_edited(admin_client, tmp_path):
    complaint = factories.make_complaint(complainant=factories.ComplainantFactory(email="klager@example.org"))
    letter = services.queue_acknowledgment(complaint)
    services.deliver(letter.pk)
    letter.refresh_from_db()
    sent_pdf = letter.pdf.read()

    admin_client.post(
        change_url(LetterKind.ACKNOWLEDGMENT), form_data(LetterKind.ACKNOWLEDGMENT, body=OWN_BODY)
    )

    letter.refresh_from_db()
    assert letter.pdf.read() == sent_pdf
    assert "in de gelegenheid om gehoord te worden" in flat(poppler(sent_pdf, tmp_path)["text"])


def test_a_wrong_text_is_refused_next_to_the_field_and_nothing_is_saved(admin_client):
    before = LetterTemplate.objects.get(kind=LetterKind.DECISION).body

    response = admin_client.post(
        change_url(LetterKind.DECISION),
        form_data(LetterKind.DECISION, body="Beste {{ naam_klagr }},\n\nU kunt bezwaar maken."),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert any("Bedoelt u {{ naam_klager }}?" in error for error in errors)
    assert any("artikel 9:3 Awb" in error for error in errors)
    assert any("{{ oordeel_per_onderdeel }}" in error for error in errors)
    assert LetterTemplate.objects.get(kind=LetterKind.DECISION).body == before


def test_the_service_refuses_a_wrong_text_too():
    with pytest.raises(letter_templates.InvalidLetterText) as refused:
        letter_templates.save_text(
            LetterKind.REFERRAL,
            LetterText(subject="x", email_summary="y", body="Geen verwijzing."),
            actor=None,
        )

    assert "{{ verwezen_naar }}" in refused.value.message


def test_the_change_form_lists_the_placeholders_of_this_kind(admin_client):
    page = admin_client.get(change_url(LetterKind.POSTPONEMENT)).content.decode()

    assert "{{ reden_verdaging }}" in page
    assert "{{ datum_beslissing }}" in page
    assert "{{ oordeel_per_onderdeel }}" not in page  # a decision's, not a postponement's
    assert 'name="_preview"' in page and 'name="_restore"' in page


@pytest.mark.parametrize("kind", LetterKind.values)
def test_the_preview_is_a_pdf_of_the_unsaved_text_and_stores_nothing(kind, admin_client, tmp_path):
    complaints = Complaint.objects.count()
    body = DEFAULT_TEXTS[kind].body + "\nDit is een proefzin van de beheerder.\n"

    response = admin_client.post(change_url(kind), {**form_data(kind, body=body), "_preview": "1"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat(poppler(response.content, tmp_path)["text"])
    assert "Dit is een proefzin van de beheerder." in text
    if kind in EMPLOYEE_KINDS:
        assert "Beste Piet Medewerker," in text  # the made-up employee
        assert "Jan Voorbeeld" not in text and "Voorbeeldstraat" not in text  # nothing of the complainant
    else:
        assert "Jan Voorbeeld" in text  # the made-up complainant
    assert "{{" not in text
    assert Complaint.objects.count() == complaints
    assert "proefzin" not in LetterTemplate.objects.get(kind=kind).body


def test_a_preview_of_a_wrong_text_shows_the_errors(admin_client):
    response = admin_client.post(
        change_url(LetterKind.REFERRAL),
        {**form_data(LetterKind.REFERRAL, body="Hallo {{ x }}"), "_preview": "1"},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "{{ x }} bestaat niet" in response.content.decode()


def test_restoring_the_default_text(admin_client):
    letter_templates.save_text(
        LetterKind.REFERRAL,
        LetterText(subject="Eigen", email_summary="Eigen", body="Ga naar **{{ verwezen_naar }}**."),
        actor=None,
    )

    response = admin_client.post(
        change_url(LetterKind.REFERRAL), {**form_data(LetterKind.REFERRAL), "_restore": "1"}
    )

    assert response.status_code == 302
    assert (
        letter_templates.text_for(LetterKind.REFERRAL).subject == DEFAULT_TEXTS[LetterKind.REFERRAL].subject
    )


@pytest.mark.parametrize("who", ["coordinator", "handler"])
def test_only_the_admin_edits_letter_texts(client, who):
    user = factories.coordinator() if who == "coordinator" else factories.handler()
    login_staff(client, user)

    response = client.get(change_url(LetterKind.DECISION))

    assert response.status_code == 302 and "/beheer/login/" in response["Location"]


def test_an_edited_decision_letter_still_carries_the_judgement_and_the_ombudsman(coordinator, tmp_path):
    default = DEFAULT_TEXTS[LetterKind.DECISION]
    letter_templates.save_text(
        LetterKind.DECISION,
        LetterText(
            subject="Ons besluit over {{ kenmerk }}",
            email_summary=default.email_summary,
            body=(
                "Wij onderzochten: {{ bevindingen }}\n\n{{ grond_niet_horen }}\n\n"
                "## Per onderdeel\n\n{{ oordeel_per_onderdeel }}\n\n"
                "## De ombudsman\n\nU kunt naar {{ ombudsman }}. {{ ombudsman_termijn }}\n\n{{ ombudsman_adres }}\n"
            ),
        ),
        actor=None,
    )
    complaint = bring_to(Status.DECIDED, actor=coordinator)

    text = flat(
        poppler(letters.render_pdf(complaint.letters.get(kind=LetterKind.DECISION)), tmp_path)["text"]
    )

    assert f"Ons besluit over {complaint.reference}" in text
    assert "Per onderdeel" in text and "Ons oordeel:" in text
    assert "U kunt naar" in text
    assert "binnen één jaar" in text


def test_a_text_never_edited_gets_the_reviewed_default_and_an_edited_one_is_left_alone():
    import importlib
    import types

    from django.apps import apps

    migration = importlib.import_module(
        "gehoord.correspondence.migrations.0008_letter_texts_reviewed_against_the_law"
    )
    # Before the review, the 9:8 letter said the notice was in time whatever happened; the
    # fingerprint of that text is in the migration.
    old = LetterText(
        subject="Wij nemen uw klacht {{ kenmerk }} niet in behandeling",
        email_summary="x",
        body="y",
    )
    LetterTemplate.objects.filter(kind=LetterKind.NOT_HANDLED).update(
        subject=old.subject, email_summary=old.email_summary, body=old.body
    )
    unedited = migration.fingerprint(old.subject, old.email_summary, old.body)
    edited_acknowledgment = "Eigen tekst {{ kenmerk }}.\n"
    LetterTemplate.objects.filter(kind=LetterKind.ACKNOWLEDGMENT).update(body=edited_acknowledgment)
    previous = dict(migration.PREVIOUS_DEFAULTS)
    migration.PREVIOUS_DEFAULTS[LetterKind.NOT_HANDLED] = {unedited}
    try:
        migration.bring_unedited_texts_up_to_date(
            apps, types.SimpleNamespace(connection=types.SimpleNamespace(alias="default"))
        )
    finally:
        migration.PREVIOUS_DEFAULTS.clear()
        migration.PREVIOUS_DEFAULTS.update(previous)

    assert letter_templates.text_for(LetterKind.NOT_HANDLED) == DEFAULT_TEXTS[LetterKind.NOT_HANDLED]
    assert LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGMENT).body == edited_acknowledgment


def test_the_migration_knows_the_texts_before_the_review():
    import importlib

    migration = importlib.import_module(
        "gehoord.correspondence.migrations.0008_letter_texts_reviewed_against_the_law"
    )
    for kind, fingerprints in migration.PREVIOUS_DEFAULTS.items():
        text = DEFAULT_TEXTS[kind]
        # The current default is not one of the previous ones: each listed kind did change.
        assert migration.fingerprint(text.subject, text.email_summary, text.body) not in fingerprints
