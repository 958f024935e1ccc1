"""The complaints page and triage, the status link, withdrawing, 'stuur door' and the theme."""

import datetime as dt
import html as html_module
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils.formats import date_format

from gehoord.cases import lifecycle, services
from gehoord.cases.constants import EventKind, Status
from gehoord.cases.models import Complaint
from gehoord.cases.status_link import status_path, status_secret
from gehoord.cases.tests.factories import make_complaint
from gehoord.intake.models import TriageDestination
from gehoord.intake.tests.helpers import pdf_file
from gehoord.organisation.models import Municipality


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def test_complaints_page_explains_and_offers_triage(client, db):
    response = client.get(reverse("intake:start"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Klachten? Vertel het de gemeente!" in html
    assert "Binnen 2 werkdagen nemen wij persoonlijk contact met u op" in html
    for destination in TriageDestination.objects.all():
        assert destination.option_label in html


def page_text(client, url: str) -> str:
    """The page's text on one line, without tags: what a reader (or a screen reader) gets."""
    body = client.get(url).content.decode()
    return html_module.unescape(" ".join(re.sub(r"<[^>]+>", " ", body).split()))


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        # Awb 9:1: about conduct towards oneself or towards someone else.
        (
            "/klacht/",
            "U mag klagen over hoe de gemeente u zelf behandelde, maar ook over hoe zij iemand anders "
            "behandelde",
        ),
        ("/klacht/", "mij of iemand anders behandelde"),
        ("/klacht/formulier/", "of over hoe zij iemand anders behandelde (artikel 9:1"),
        ("/klacht/formulier/", "Klaagt u zelf over hoe de gemeente iemand anders behandelde?"),
        ("/klacht/elders/bezwaar/", "hoe de gemeente of een medewerker u of iemand anders behandelde"),
        # Awb 2:3: a letter that turns out to be a bezwaar, Woo request or claim is sent on internally.
        ("/klacht/", "Wij sturen uw brief zelf door naar de afdeling die erover gaat"),
        ("/klacht/", "De datum waarop wij uw brief ontvingen blijft gelden"),
        ("/klacht/", "(artikelen 2:3 en 6:15 van de Algemene wet bestuursrecht)"),
        # 9:10: offered a hearing, not "heard" whatever happens.
        ("/klacht/", "u krijgt de gelegenheid om gehoord te worden"),
    ],
)
def test_the_public_texts_say_what_the_law_says(client, db, url, sentence):
    assert sentence in page_text(client, url)


def test_the_triage_still_guides_who_has_not_written_yet(client, db):
    page = page_text(client, reverse("intake:start"))
    for slug in ("bezwaar", "woo-verzoek", "schadeclaim"):
        assert TriageDestination.objects.get(slug=slug).option_label in page


def test_triage_sends_a_complaint_to_the_form(client, db):
    response = client.get(reverse("intake:start"), {"topic": "klacht"})
    assert response.status_code == 302 and response.url == reverse("intake:form")


def test_triage_sends_other_requests_to_the_right_place(client, db):
    response = client.get(reverse("intake:start"), {"topic": "bezwaar"}, follow=True)
    html = response.content.decode()
    assert "Bezwaar maken" in html
    assert "https://www.gemeente.example/bezwaar" in html


def test_triage_without_a_choice_explains(client, db):
    response = client.get(reverse("intake:start"), {"topic": ""})
    assert "Kies waar uw bericht over gaat." in response.content.decode()


def test_destinations_are_configurable(client, db):
    TriageDestination.objects.filter(slug="woo-verzoek").update(is_active=False)
    TriageDestination.objects.create(
        slug="parkeerboete",
        option_label="Ik ben het niet eens met een parkeerboete",
        title="Parkeerboete",
        explanation="Parkeerboetes gaan via het CJIB.",
    )
    html = client.get(reverse("intake:start")).content.decode()
    woo = TriageDestination.objects.get(slug="woo-verzoek")
    assert "parkeerboete" in html and woo.option_label not in html and 'value="woo-verzoek"' not in html


def test_home_leads_to_the_complaints_page(client, db):
    assert client.get("/", follow=True).redirect_chain[-1][0] == reverse("intake:start")


def test_status_link_shows_progress_without_names_or_notes(client, coordinator, handler):
    complaint = make_complaint()
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    lifecycle.assign_handler(complaint, handler, actor=coordinator)
    services.add_note(complaint, text="Interne notitie: klager belt vaak.", actor=coordinator)

    html = client.get(status_path(complaint)).content.decode()

    assert complaint.reference in html
    assert "De klachtencoördinator bekijkt uw klacht" in html
    for secret in ("Interne notitie", handler.last_name, coordinator.last_name, handler.email):
        assert secret not in html


def test_a_wrong_secret_or_reference_gives_nothing(client, db):
    complaint = make_complaint()
    other = make_complaint()
    guesses = [
        f"/klacht/status/{complaint.reference}/{'A' * 43}/",
        f"/klacht/status/{complaint.reference}/{status_secret(other)}/",
        f"/klacht/status/K-2026-99999/{status_secret(complaint)}/",
        f"/klacht/status/{complaint.reference}/{status_secret(complaint)[:-1]}/",
    ]
    for url in guesses:
        response = client.get(url)
        assert response.status_code == 404
        assert complaint.complainant.last_name not in response.content.decode()


def test_complainant_adds_information_and_a_file(client, db):
    complaint = make_complaint()
    url = status_path(complaint)
    response = client.post(url, {"text": "Ik heb nog een foto van de brief.", "attachments": [pdf_file()]})
    assert response.status_code == 302
    event = complaint.events.get(kind=EventKind.COMPLAINANT_ADDITION)
    assert event.details == "Ik heb nog een foto van de brief."
    assert complaint.attachments.count() == 1
    assert "Uw aanvulling is toegevoegd" in client.get(url).content.decode()


def test_empty_addition_is_explained(client, db):
    response = client.post(status_path(make_complaint()), {"text": ""})
    assert response.status_code == 400
    assert "Schrijf iets of voeg een bestand toe." in response.content.decode()


def test_complainant_withdraws_after_confirming(client, db):
    complaint = make_complaint()
    url = reverse("intake:withdraw", args=[complaint.reference, status_secret(complaint)])

    unconfirmed = client.post(url, {"reason": "Opgelost"})
    assert unconfirmed.status_code == 400
    assert "Vink aan dat u uw klacht wilt intrekken" in unconfirmed.content.decode()

    empty = client.post(url, {})  # found by the property test: this showed the blank form again
    assert empty.status_code == 400
    assert "Vink aan dat u uw klacht wilt intrekken" in empty.content.decode()

    client.post(url, {"reason": "Het is al opgelost.", "confirm": "on"})
    complaint.refresh_from_db()
    assert complaint.status == Status.WITHDRAWN
    event = complaint.events.get(kind=EventKind.STATUS_CHANGE)
    assert event.actor is None and event.details == "Het is al opgelost."
    html = client.get(status_path(complaint)).content.decode()
    assert "Ingetrokken" in html and "Informatie toevoegen" not in html


def test_stuur_door_sends_the_page_and_thanks(client, db):
    response = client.post(
        reverse("intake:forward"),
        {"recipient": "buurvrouw@example.nl", "message": "Kijk hier eens naar.", "fax_number": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("intake:forwarded")
    assert "Bedankt" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["buurvrouw@example.nl"]
    assert "/klacht/" in message.body and "Kijk hier eens naar." in message.body


HOSTILE_NOTE = (
    "Uw belastingteruggave staat klaar: https://belasting-terug.example/inloggen?bsn=1 of\n"
    "www.gemeente-betaal.example, gemeente-loket.example/betalen, 10.0.0.1/x, "
    "mail naar hulp@gemeente-loket.example, klik javascript:alert(1) of "
    "gemeente\uff0eexample (met een brede punt) of http\u200bs://verborgen.example.\n"
    "Met vriendelijke groet, De Burgemeester"
)


def test_stuur_door_sends_a_fixed_e_mail_from_the_site_with_the_note_as_plain_text_without_links(
    client, db, settings
):
    settings.DEFAULT_FROM_EMAIL = "Klachtenteam <klachten@gemeente.example>"
    municipality = Municipality.load()
    municipality.name = "Gemeente Voorbeeld"
    municipality.save()

    client.post(
        reverse("intake:forward"),
        # The old form's name field: it is no field any more, and reaches nothing.
        {"recipient": "buurvrouw@example.nl", "sender_name": "De Burgemeester", "message": HOSTILE_NOTE},
    )

    (message,) = mail.outbox
    headers = message.message()
    assert headers["From"] == "Website van Gemeente Voorbeeld <klachten@gemeente.example>"
    assert headers["Subject"] == "Een pagina van Gemeente Voorbeeld: klachten"
    assert headers["Reply-To"] is None
    assert message.content_subtype == "plain" and not message.attachments
    assert "Een bezoeker van de website van Gemeente Voorbeeld stuurt u deze pagina." in message.body
    assert "Burgemeester" not in headers["From"] + headers["Subject"]
    # The one link is the complaints page at the configured site address.
    links = re.findall(r"\S+://\S+|www\.\S+|\S+@\S+|\S+\.example\S*|\d+\.\d+\.\d+\.\d+\S*", message.body)
    assert links == [settings.SITE_URL + reverse("intake:start")]
    assert "javascript:" not in message.body and "\u200b" not in message.body
    assert message.body.count("[link verwijderd]") == 8
    assert "Uw belastingteruggave staat klaar:" in message.body  # the words stay, as plain text


@pytest.mark.parametrize("note", ["Kijk\r\nBcc: iedereen@example.org", "Kijk\u2028eens"])
def test_stuur_door_puts_nothing_of_the_visitor_in_a_header(client, db, note):
    response = client.post(reverse("intake:forward"), {"recipient": "buurvrouw@example.nl", "message": note})

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.message()["Bcc"] is None and message.bcc == []
    assert message.recipients() == ["buurvrouw@example.nl"]


def test_an_empty_stuur_door_post_shows_the_errors(client, db):
    response = client.post(reverse("intake:forward"), {})

    assert response.status_code == 400
    assert "Vul het e-mailadres in van degene naar wie u de pagina wilt sturen." in response.content.decode()
    assert mail.outbox == []


def test_stuur_door_errors_are_clear_and_it_is_rate_limited(client, db):
    response = client.post(reverse("intake:forward"), {"recipient": "geen-adres", "message": "x" * 501})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in html
    assert "maximaal 500 tekens" in html
    for _ in range(5):
        client.post(reverse("intake:forward"), {"recipient": "a@example.nl"})
    assert client.post(reverse("intake:forward"), {"recipient": "a@example.nl"}).status_code == 429
    assert len(mail.outbox) == 4  # the first invalid post sent nothing


def test_theme_css_uses_the_municipality_colours(client, db):
    municipality = Municipality.load()
    municipality.primary_colour = "#00543c"
    municipality.save()
    css = client.get(reverse("theme-css")).content.decode()
    assert "#00543c" in css


def test_unreadable_brand_colour_is_refused(db):
    from django.core.exceptions import ValidationError

    municipality = Municipality.load()
    municipality.primary_colour = "#ffff00"  # yellow on white: far below 4.5:1
    with pytest.raises(ValidationError, match="te weinig contrast"):
        municipality.full_clean()


def test_privacy_statement_is_public(client, db):
    html = client.get(reverse("privacy")).content.decode()
    assert "Privacyverklaring" in html and "9:9" in html


def test_accessibility_statement_is_public_and_linked_from_every_page(client, db):
    html = client.get(reverse("accessibility")).content.decode()
    assert "Toegankelijkheidsverklaring" in html and "WCAG 2.2" in html
    municipality = Municipality.load()
    assert municipality.complaints_phone in html and municipality.complaints_email in html
    start = client.get(reverse("intake:start")).content.decode()
    assert f'href="{reverse("accessibility")}"' in start


def test_the_status_page_gives_the_date_the_complainant_consented_to(client, coordinator):
    complaint = make_complaint()
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    lifecycle.perform(complaint, "start_formal", actor=coordinator)
    url = status_path(complaint)
    assert "ingestemd" not in page_text(client, url)

    # Awb 9:11 lid 3: the file keeps the resulting date in decision_due; the page says why it moved.
    consented = complaint.decision_due + dt.timedelta(weeks=8)
    Complaint.objects.filter(pk=complaint.pk).update(consented_decision_due=consented, decision_due=consented)

    page = page_text(client, url)
    assert "U heeft ermee ingestemd dat de beslissing later komt (artikel 9:11, derde lid, Awb)." in page
    assert f"uiterlijk {date_format(consented, 'j F Y')} een schriftelijke beslissing" in page


def test_what_the_status_page_offers_follows_the_lifecycle(client, coordinator):
    complaint = make_complaint()
    url = status_path(complaint)
    page = page_text(client, url)
    assert "Informatie toevoegen" in page and "Klacht intrekken" in page

    lifecycle.perform(complaint, "withdraw", actor=coordinator, reason="Opgelost.")
    page = page_text(client, url)
    assert "Informatie toevoegen" not in page and "Klacht intrekken" not in page


def test_an_addition_after_the_end_is_refused_with_the_lifecycles_reason(client, coordinator):
    complaint = make_complaint()
    url = status_path(complaint)
    lifecycle.perform(complaint, "withdraw", actor=coordinator, reason="Opgelost.")

    response = client.post(url, {"text": "Nog iets."}, follow=True)

    assert "Uw klacht is afgerond." in html_module.unescape(response.content.decode())
    assert not complaint.events.filter(kind=EventKind.COMPLAINANT_ADDITION).exists()


def test_an_addition_through_the_status_link_is_marked_new_information(client, coordinator, handler):
    complaint = make_complaint()
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    lifecycle.assign_handler(complaint, handler, actor=coordinator)
    assert complaint.new_information_at is None
    client.post(status_path(complaint), {"text": "Nog een detail dat ik vergat."})
    complaint.refresh_from_db()
    event = complaint.events.get(kind=EventKind.COMPLAINANT_ADDITION)
    assert complaint.new_information_at is not None
    assert abs(complaint.new_information_at - event.at) < dt.timedelta(seconds=5)


def test_the_handler_is_mailed_at_once_when_the_setting_says_so(
    client, coordinator, handler, django_capture_on_commit_callbacks
):
    municipality = Municipality.load()
    municipality.new_information_notice = "immediate"
    municipality.save()
    complaint = make_complaint()
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    lifecycle.assign_handler(complaint, handler, actor=coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(status_path(complaint), {"text": "Mijn buurman zag het ook gebeuren."})
    assert response.status_code == 302
    notices = [m for m in mail.outbox if m.to == [handler.email]]
    assert len(notices) == 1 and complaint.reference in notices[0].subject
    assert "buurman" not in notices[0].body and complaint.complainant.last_name not in notices[0].body
