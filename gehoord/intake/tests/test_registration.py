"""Employees register complaints received by phone, desk, letter, fax or e-mail (gehoord.intake.registration)."""

from __future__ import annotations

import datetime as dt
import html
import re
import threading

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle
from gehoord.cases.attachment_policy import CheckedFile
from gehoord.cases.constants import Channel, EventKind, Status
from gehoord.cases.models import Attachment, Complaint
from gehoord.cases.tests import factories
from gehoord.core.errors import GuardFailed, PermissionDenied
from gehoord.correspondence.constants import Delivery, LetterKind, LetterStatus
from gehoord.correspondence.models import Letter
from gehoord.intake import registration
from gehoord.intake.same_person import open_complaints_of_same_person
from gehoord.intake.tests.helpers import PNG_BYTES, pdf_file
from gehoord.intake.tokens import new_form_token

pytestmark = pytest.mark.django_db

URL = "/medewerkers/registreren/"
HINT = "Deze persoon heeft al een open klacht"
REGISTER_ANYWAY = "Toch als nieuwe klacht registreren"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def text(response) -> str:
    return html.unescape(response.content.decode())


def yesterday() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


def form_data(**overrides) -> dict:
    data = {
        "form_token": new_form_token(),
        "channel": "phone",
        "received_date": yesterday().isoformat(),
        "received_time": "14:30",
        "first_name": "Fatima",
        "last_name": "Boukhari",
        "email": "fatima@example.nl",
        "phone": "",
        "street_address": "Stationsplein 1",
        "postal_code": "2641 AB",
        "city": "Pijnacker",
        "representative_name": "",
        "representative_organisation": "",
        "representative_email": "",
        "representative_phone": "",
        "representative_postal_address": "",
        "description": "Werd aan de balie weggestuurd zonder uitleg.",
        "conduct_date": "",
        "department": "",
        "involved_description": "",
        "desired_outcome": "",
        "preferred_contact": "",
        "contact_times": "",
        "duplicates_seen": "",
        "attachments_chosen": "",
    }
    data.update(overrides)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def detail_url(complaint: Complaint) -> str:
    return reverse("cases:detail", args=[complaint.reference])


@pytest.fixture
def staff(client, coordinator):
    return login_staff(client, coordinator)


def existing_complaint(**complainant):
    return factories.make_complaint(complainant=factories.ComplainantFactory.build(**complainant))


# --- registering ------------------------------------------------------------------


def test_form_defaults_to_now_and_offers_only_the_staff_channels(staff):
    response = staff.get(URL)
    page = text(response)
    assert response.status_code == 200
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page
    assert 'name="form_token"' in page and 'enctype="multipart/form-data"' in page
    offered = {value for value, _label in response.context["form"].fields["channel"].choices}
    assert offered == {"phone", "desk", "letter", "fax", "email"}


@pytest.mark.parametrize(
    ("channel", "acknowledged"),
    [("phone", False), ("desk", False), ("letter", True), ("fax", True), ("email", True)],
)
def test_each_channel_registers_and_only_written_ones_get_an_acknowledgment(
    staff, coordinator, channel, acknowledged
):
    response = staff.post(URL, form_data(channel=channel))

    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response.url == detail_url(complaint)
    assert complaint.channel == channel
    assert complaint.status == Status.RECEIVED
    received = timezone.make_aware(dt.datetime.combine(yesterday(), dt.time(14, 30)))
    assert complaint.received_at == received
    letters = Letter.objects.filter(complaint=complaint, kind=LetterKind.ACKNOWLEDGMENT)
    assert letters.exists() is acknowledged
    assert any(complaint.reference in message for message in messages_of(response))
    assert complaint.reference in text(staff.get(response.url))


def test_letter_without_email_gets_a_printed_acknowledgment(staff):
    response = staff.post(URL, form_data(channel="letter", email=""))

    letter = Letter.objects.get()
    assert letter.delivery == Delivery.POST and letter.status == LetterStatus.TO_PRINT
    assert "klaar om te printen" in " ".join(messages_of(response))


def test_letter_received_days_ago_keeps_its_moment_and_the_timeline_starts_with_the_employee(
    staff, coordinator
):
    received_on = timezone.localdate() - dt.timedelta(days=5)
    staff.post(
        URL, form_data(channel="letter", received_date=f"{received_on:%d-%m-%Y}", received_time="10:15")
    )

    complaint = Complaint.objects.get()
    assert complaint.received_at == timezone.make_aware(dt.datetime.combine(received_on, dt.time(10, 15)))
    first = complaint.events.first()
    assert first.kind == EventKind.CREATED
    assert first.actor == coordinator
    assert first.at == complaint.received_at
    assert "Brief" in first.summary


def test_complainant_representative_and_what_it_is_about_are_stored(staff, coordinator):
    department = factories.DepartmentFactory(name="Burgerzaken")
    employee = factories.UserFactory(first_name="Bas", last_name="Balie")
    factories.UserFactory(is_active=False, username="vertrokken")
    response = staff.post(
        URL,
        form_data(
            channel="desk",
            email="",
            phone="06-12345678",
            street_address="",
            postal_code="",
            city="",
            representative_name="Mr. J. de Wit",
            representative_organisation="Rechtswinkel",
            conduct_date=f"{yesterday():%Y-%m-%d}",
            department=str(department.pk),
            employees_involved=[str(employee.pk)],
            involved_description="de man aan de balie",
            desired_outcome="Excuses",
            preferred_contact="phone",
            contact_times="na 17.00 uur",
        ),
    )
    assert response.status_code == 302

    complaint = Complaint.objects.get()
    assert complaint.complainant.phone == "06-12345678"
    assert complaint.representative.name == "Mr. J. de Wit"
    assert complaint.representative.organisation == "Rechtswinkel"
    assert list(complaint.departments.all()) == [department]
    assert list(complaint.employees_involved.all()) == [employee]
    assert complaint.conduct_date == yesterday()
    assert complaint.preferred_contact == "phone" and complaint.contact_times == "na 17.00 uur"
    usernames = {
        user.username for user in staff.get(URL).context["form"].fields["employees_involved"].queryset
    }
    assert "vertrokken" not in usernames


def test_postal_code_is_normalised(staff):
    staff.post(URL, form_data(postal_code="2641ab"))
    assert Complaint.objects.get().complainant.postal_code == "2641 AB"


def test_a_double_click_registers_once(staff):
    data = form_data()
    first = staff.post(URL, data)
    second = staff.post(URL, data)

    assert Complaint.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == detail_url(Complaint.objects.get())


# --- refusals ----------------------------------------------------------------------


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"received_date": ""}, "received_date", "Vul de datum in waarop de klacht binnenkwam."),
        ({"received_date": "31-02-2026"}, "received_date", "Vul een datum in zoals 15-03-2026."),
        ({"received_time": "25:00"}, "received_time", "Vul een tijdstip in zoals 14:30."),
        ({"channel": "web"}, "channel", "Selecteer een geldige keuze"),
        ({"channel": ""}, "channel", "Kies hoe de klacht binnenkwam."),
        ({"last_name": ""}, "last_name", "Vul de achternaam van de klager in."),
        ({"description": "   "}, "description", "Beschrijf de gedraging waarover de klager klaagt."),
        ({"postal_code": "26411"}, "postal_code", "Vul een postcode in zoals 1234 AB."),
        ({"phone": "bel me"}, "phone", "Vul een geldig telefoonnummer in"),
        ({"city": ""}, "city", "Vul het volledige adres in"),
        (
            {"email": "", "street_address": "", "postal_code": "", "city": ""},
            "email",
            "Vul minstens één manier in waarop de klager bereikbaar is",
        ),
        (
            {
                "channel": "letter",
                "email": "",
                "phone": "0612345678",
                "street_address": "",
                "postal_code": "",
                "city": "",
            },
            "street_address",
            "Een schriftelijke klacht krijgt een schriftelijke ontvangstbevestiging.",
        ),
        ({"channel": "email", "email": ""}, "email", "De klacht kwam per e-mail binnen."),
        ({"preferred_contact": "phone"}, "phone", "De klager wil contact per telefoon."),
        (
            {"representative_email": "wit@example.nl"},
            "representative_name",
            "Vul de naam van de gemachtigde in",
        ),
        (
            {"conduct_date": "2099-01-01"},
            "conduct_date",
            "Deze datum ligt in de toekomst.",
        ),
    ],
)
def test_invalid_input_is_refused_in_dutch(staff, overrides, field, message):
    response = staff.post(URL, form_data(**overrides))

    assert response.status_code == 400
    assert Complaint.objects.count() == 0
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert message in text(response)


def test_future_received_date_is_refused(staff):
    response = staff.post(URL, form_data(received_date=f"{tomorrow():%Y-%m-%d}"))

    assert response.status_code == 400
    assert Complaint.objects.count() == 0
    assert "Deze datum ligt in de toekomst. Vul de dag in waarop de klacht binnenkwam." in text(response)


def test_future_time_today_is_refused(staff, monkeypatch):
    now = timezone.make_aware(dt.datetime(2026, 3, 10, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: now)

    response = staff.post(URL, form_data(received_date="2026-03-10", received_time="11:00"))

    assert response.status_code == 400
    assert Complaint.objects.count() == 0
    assert "Dit tijdstip ligt in de toekomst." in text(response)


def test_conduct_after_receipt_is_refused(staff):
    response = staff.post(
        URL,
        form_data(received_date=f"{yesterday():%Y-%m-%d}", conduct_date=f"{timezone.localdate():%Y-%m-%d}"),
    )
    assert response.status_code == 400
    assert "De gedraging ligt na de ontvangst van de klacht." in text(response)


@pytest.mark.parametrize("role", [Role.DEPARTMENT_HEAD, Role.ADMIN])
def test_department_head_and_admin_may_not_register(client, role):
    login_staff(client, factories.UserFactory(roles=[role], is_staff=True))

    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert Complaint.objects.count() == 0


def test_anonymous_is_sent_to_the_login(client):
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) and "next=" in response.url
    assert Complaint.objects.count() == 0


def test_may_register():
    assert registration.may_register(factories.coordinator())
    assert registration.may_register(factories.handler())
    assert not registration.may_register(factories.handler(is_active=False))
    assert not registration.may_register(factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]))
    assert not registration.may_register(factories.UserFactory(roles=[Role.ADMIN], is_superuser=True))


def service_data(**overrides) -> dict:
    data = {
        "channel": Channel.PHONE,
        "received_at": timezone.now() - dt.timedelta(hours=1),
        "last_name": "Boukhari",
        "phone": "0612345678",
        "description": "Onvriendelijk te woord gestaan aan de telefoon.",
    }
    data.update(overrides)
    return data


def test_service_refuses_other_channels_the_future_and_other_roles(coordinator):
    with pytest.raises(GuardFailed):
        registration.register_staff_complaint(
            data=service_data(channel=Channel.WEB), files=[], actor=coordinator
        )
    future = timezone.now() + dt.timedelta(hours=1)
    with pytest.raises(GuardFailed):
        registration.register_staff_complaint(
            data=service_data(received_at=future), files=[], actor=coordinator
        )
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    with pytest.raises(PermissionDenied):
        registration.register_staff_complaint(data=service_data(), files=[], actor=head)
    assert Complaint.objects.count() == 0


# --- anonymous, and about failing to decide ---------------------------------------------

NOBODY = {
    "first_name": "",
    "last_name": "",
    "email": "",
    "phone": "",
    "street_address": "",
    "postal_code": "",
    "city": "",
}


@pytest.mark.parametrize("channel", ["letter", "phone", "fax"])
def test_an_anonymous_complaint_is_registered_without_name_or_letter(staff, coordinator, channel):
    response = staff.post(URL, form_data(channel=channel, anonymous="on", **NOBODY))

    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response.url == detail_url(complaint)
    assert complaint.anonymous is True
    assert complaint.complainant.full_name == "" and complaint.complainant.postal_address == ""
    assert complaint.status == Status.RECEIVED
    # Awb 9:1: not refused; there is nobody to acknowledge it to (Awb 9:6).
    assert not Letter.objects.filter(complaint=complaint).exists()
    assert "Een anonieme klacht krijgt geen ontvangstbevestiging" in " ".join(messages_of(response))
    assert "Anoniem" in text(staff.get(reverse("cases:list")))


@pytest.mark.parametrize(
    ("filled", "field", "message"),
    [
        ({"last_name": "Boukhari"}, "anonymous", "U vinkte 'Anoniem' aan"),
        ({"first_name": "Fatima"}, "anonymous", "U vinkte 'Anoniem' aan"),
        ({"phone": "0612345678"}, "anonymous", "U vinkte 'Anoniem' aan"),
        ({"email": "fatima@example.nl"}, "anonymous", "U vinkte 'Anoniem' aan"),
        ({"street_address": "Stationsplein 1"}, "anonymous", "U vinkte 'Anoniem' aan"),
        ({"representative_name": "Mr. J. de Wit"}, "anonymous", "U vinkte 'Anoniem' aan"),
        ({"preferred_contact": "phone"}, "preferred_contact", "Een anonieme klager is niet te bereiken."),
    ],
)
def test_anonymous_with_a_name_or_a_way_to_reach_them_is_refused(staff, filled, field, message):
    response = staff.post(URL, form_data(channel="letter", anonymous="on", **{**NOBODY, **filled}))

    assert response.status_code == 400
    assert Complaint.objects.count() == 0
    assert message in " ".join(response.context["form"].errors[field])


def test_without_the_anonymous_box_a_name_and_a_way_to_reach_them_are_asked(staff):
    response = staff.post(URL, form_data(channel="letter", **NOBODY))

    assert response.status_code == 400
    assert "Vul de achternaam van de klager in." in response.context["form"].errors["last_name"]
    assert Complaint.objects.count() == 0


def test_the_form_offers_anonymous_and_failure_to_decide(staff):
    page = text(staff.get(URL))
    assert "Anoniem: naam en contactgegevens onbekend" in page
    assert "De klacht gaat over niet tijdig beslissen" in page
    # The last name stays required for a known complainant: no "(niet verplicht)" beside it.
    assert re.search(r'for="id_last_name">Achternaam</label>', page)


def test_the_service_registers_an_anonymous_written_complaint_without_a_letter(coordinator):
    complaint = registration.register_staff_complaint(
        data=service_data(channel=Channel.LETTER, last_name="", phone="", anonymous=True),
        files=[],
        actor=coordinator,
    )
    assert complaint.anonymous and not complaint.letters.exists()


@pytest.mark.parametrize(("ticked", "stored"), [({"about_failure_to_decide": "on"}, True), ({}, False)])
def test_failure_to_decide_is_recorded_at_registration(staff, ticked, stored):
    response = staff.post(URL, form_data(**ticked))

    assert response.status_code == 302
    assert Complaint.objects.get().about_failure_to_decide is stored


# --- scans ---------------------------------------------------------------------------


def test_scans_are_stored_with_their_real_type_and_the_employee(staff, coordinator):
    scan = pdf_file("scan brief.pdf")
    scan.content_type = "application/octet-stream"  # what the browser claims does not count
    photo = SimpleUploadedFile("envelop.jpg", PNG_BYTES, content_type="image/jpeg")

    response = staff.post(URL, form_data(channel="letter", attachments=[scan, photo]))

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    attachments = {a.original_name: a for a in Attachment.objects.filter(complaint=complaint)}
    assert attachments["scan brief.pdf"].content_type == "application/pdf"
    # Stored under the extension of the type read from the content, never the sender's.
    assert attachments["envelop.png"].content_type == "image/png"
    assert {a.uploaded_by for a in attachments.values()} == {coordinator}
    with attachments["scan brief.pdf"].file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")
    attached = complaint.events.filter(kind=EventKind.ATTACHMENT)
    assert attached.count() == 2 and {event.actor for event in attached} == {coordinator}


def test_disguised_and_too_many_files_are_refused(staff):
    fake = SimpleUploadedFile("scan.pdf", b"MZ this is a program", content_type="application/pdf")
    response = staff.post(URL, form_data(attachments=[fake]))
    assert response.status_code == 400
    assert "Het bestand 'scan.pdf' is geen toegestaan bestandstype." in text(response)

    response = staff.post(URL, form_data(attachments=[pdf_file(f"{n}.pdf") for n in range(6)]))
    assert response.status_code == 400
    assert "U kunt maximaal 5 bestanden meesturen" in text(response)
    assert Complaint.objects.count() == 0


def test_files_chosen_before_the_form_came_back_are_asked_for_again(staff):
    first = staff.post(URL, form_data(last_name="", attachments=[pdf_file("scan.pdf")]))
    assert first.status_code == 400
    assert "U koos eerder: scan.pdf." in text(first)

    data = form_data(attachments_chosen=first.context["attachments_chosen"])
    second = staff.post(URL, data)
    assert second.status_code == 400
    assert "Kies de bijlagen opnieuw: scan.pdf." in text(second)

    # Asked once: sent again without them, the complaint is registered without files.
    third = staff.post(URL, {**data, "attachments_chosen": second.context["attachments_chosen"]})
    assert third.status_code == 302
    assert Complaint.objects.get().attachments.count() == 0


def test_a_failed_registration_leaves_no_files_behind(coordinator, monkeypatch, tmp_path):
    def broken(complaint):
        raise RuntimeError("letter service down")

    from gehoord.correspondence import services as letter_services

    # The acknowledgment is queued by the lifecycle's register hook, inside the intake's transaction.
    monkeypatch.setattr(letter_services, "queue_acknowledgment", broken)
    scan = CheckedFile(file=pdf_file("scan.pdf"), content_type="application/pdf")

    with pytest.raises(RuntimeError):
        registration.register_staff_complaint(
            data=service_data(channel=Channel.LETTER, email="a@example.nl"), files=[scan], actor=coordinator
        )

    assert Complaint.objects.count() == 0 and Attachment.objects.count() == 0
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


# --- the same person, already complaining ---------------------------------------------------


def test_same_email_shows_the_hint_and_the_ticked_box_registers(staff):
    earlier = existing_complaint(email="Fatima@Example.NL")

    data = form_data(channel="email")
    first = staff.post(URL, data)

    assert first.status_code == 200
    assert Complaint.objects.count() == 1
    page = text(first)
    assert HINT in page and REGISTER_ANYWAY in page
    assert earlier.reference in page
    assert f'href="/medewerkers/klachten/{earlier.reference}/"' in page
    assert f"{earlier.received_at:%d-%m-%Y}" in page and "Ontvangen" in page

    seen = first.context["duplicates_seen"]
    not_ticked = staff.post(URL, {**data, "duplicates_seen": seen})
    assert not_ticked.status_code == 400
    assert "Vink 'Toch als nieuwe klacht registreren' aan" in text(not_ticked)
    assert Complaint.objects.count() == 1

    ticked = staff.post(URL, {**data, "duplicates_seen": seen, "register_anyway": "on"})
    assert ticked.status_code == 302
    assert Complaint.objects.count() == 2


def test_the_box_alone_does_not_skip_the_hint(staff):
    existing_complaint(email="fatima@example.nl")
    response = staff.post(URL, form_data(register_anyway="on", duplicates_seen="forged"))
    assert response.status_code == 200 and HINT in text(response)
    assert Complaint.objects.count() == 1


def test_a_hint_for_other_complaints_is_shown_again(staff):
    existing_complaint(email="fatima@example.nl")
    other = existing_complaint(email="piet@example.nl")
    seen = staff.post(URL, form_data()).context["duplicates_seen"]

    # The employee changes the e-mail address to one with another open complaint.
    response = staff.post(URL, form_data(email="piet@example.nl", duplicates_seen=seen, register_anyway="on"))
    assert response.status_code == 200
    assert other.reference in text(response)
    assert Complaint.objects.count() == 2


def test_the_hint_stays_while_other_errors_are_fixed(staff):
    earlier = existing_complaint(email="fatima@example.nl")
    seen = staff.post(URL, form_data()).context["duplicates_seen"]

    response = staff.post(URL, form_data(description="", duplicates_seen=seen, register_anyway="on"))
    assert response.status_code == 400
    assert earlier.reference in text(response)
    assert response.context["duplicates_seen"] == seen


@pytest.mark.parametrize(
    ("earlier", "now"),
    [
        ({"email": "x@example.nl", "phone": "+31 6 1234 5678"}, {"email": "", "phone": "06-12345678"}),
        ({"email": "x@example.nl", "phone": "0612345678"}, {"email": "", "phone": "+31 (0)6 12 34 56 78"}),
        (
            {"email": "x@example.nl", "last_name": "Jansen", "postal_code": "2641AB"},
            {"email": "", "phone": "0701234567", "last_name": "jansen", "postal_code": "2641 ab"},
        ),
    ],
    ids=["phone +31", "phone (0)", "last name and postal code"],
)
def test_same_phone_or_name_and_postal_code_shows_the_hint(staff, earlier, now):
    complaint = existing_complaint(**earlier)
    response = staff.post(URL, form_data(**now))
    assert response.status_code == 200
    assert HINT in text(response) and complaint.reference in text(response)


def test_no_hint_for_ended_complaints_or_someone_else(staff, coordinator):
    ended = existing_complaint(email="fatima@example.nl")
    lifecycle.perform(ended, "withdraw", actor=coordinator, reason="Opgelost")
    existing_complaint(email="iemand@example.nl", last_name="Boukhari", postal_code="1011 AA")

    response = staff.post(URL, form_data())
    assert response.status_code == 302
    assert Complaint.objects.count() == 3


def test_a_handler_is_told_only_how_many(client, handler):
    earlier = existing_complaint(email="fatima@example.nl")
    login_staff(client, handler)

    data = form_data()
    response = client.post(URL, data)

    page = text(response)
    assert response.status_code == 200 and HINT in page
    assert "1 andere open klacht van deze persoon; neem contact op met de klachtencoördinator." in page
    assert earlier.reference not in page
    assert "/medewerkers/klachten/K-" not in page

    done = client.post(
        URL, {**data, "duplicates_seen": response.context["duplicates_seen"], "register_anyway": "on"}
    )
    new = Complaint.objects.exclude(pk=earlier.pk).get()
    # Unassigned, the new complaint is not the handler's to see yet: back to the form, with its reference.
    assert done.status_code == 302 and done.url == URL
    assert any(new.reference in message for message in messages_of(done))
    assert new.events.first().actor == handler


def test_a_handler_sees_the_complaints_assigned_to_them(client, coordinator, handler):
    mine = lifecycle.assign_handler(existing_complaint(email="fatima@example.nl"), handler, actor=coordinator)
    existing_complaint(phone="0612345678", email="")
    login_staff(client, handler)

    page = text(client.post(URL, form_data(phone="06 12 34 56 78")))
    assert mine.reference in page
    assert "1 andere open klacht van deze persoon" in page


def test_open_complaints_of_same_person_selector():
    a = existing_complaint(email="A@Example.nl", phone="")
    b = existing_complaint(email="", phone="070-1234567", last_name="de Vries", postal_code="1234 AB")
    find = open_complaints_of_same_person

    assert list(find(email="a@example.NL")) == [a]
    assert list(find(phone="+31 70 123 4567")) == [b]
    assert list(find(phone="0031701234567")) == [b]
    assert list(find(last_name="De Vries", postal_code="1234ab")) == [b]
    assert list(find(last_name="de Vries")) == []  # a last name alone is not enough
    assert list(find(phone="123")) == []  # too short to mean anything
    assert list(find()) == []


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_with_one_token_make_one_complaint():
    actor = factories.coordinator()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def submit() -> None:
        try:
            barrier.wait(timeout=30)
            results.append(
                registration.register_staff_complaint(data=service_data(), files=[], actor=actor, token="one")
            )
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert Complaint.objects.count() == 1
    assert {complaint.pk for complaint in results} == {Complaint.objects.get().pk}


def test_the_coordinator_assigns_while_registering_and_triage_starts(staff):
    handler = factories.handler(first_name="Hamid", last_name="El Amrani")
    response = staff.post(URL, form_data(handler=str(handler.pk)))
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(complaint)
    assert (complaint.status, complaint.handler) == (Status.TRIAGE, handler)
    kinds = list(complaint.events.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.STATUS_CHANGE, EventKind.ASSIGNMENT]


def test_the_handler_chosen_at_registration_may_not_be_involved(staff):
    # Awb 9:7: nobody handles a complaint about their own conduct; the form says so and nothing is stored.
    handler = factories.handler(first_name="Bram", last_name="Bakker")
    response = staff.post(URL, form_data(handler=str(handler.pk), employees_involved=[str(handler.pk)]))
    assert response.status_code == 400
    assert "mag de klacht niet behandelen (Awb 9:7)" in text(response)
    assert not Complaint.objects.exists()


def test_only_the_coordinator_is_offered_the_handler_at_registration(client):
    handler = factories.handler()
    login_staff(client, handler)
    assert 'name="handler"' not in client.get(URL).content.decode()
    # Posted anyway: ignored, the complaint is registered unassigned and untriaged.
    client.post(URL, form_data(handler=str(handler.pk)))
    complaint = Complaint.objects.get()
    assert (complaint.status, complaint.handler) == (Status.RECEIVED, None)
