"""The coordinator's privacy screens: who may use them, what they give, and the erasure form."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from gehoord.accounts.testing import login_staff
from gehoord.cases.constants import RetentionResult
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.privacy.models import PersonalDataErasure
from gehoord.privacy.tests.conftest import AMS, NAME, ended

pytestmark = pytest.mark.django_db


def _urls(reference):
    return [
        reverse("privacy:complainant_data", args=[reference]),
        reverse("privacy:export", args=[reference, "json"]),
        reverse("privacy:export", args=[reference, "pdf"]),
        reverse("privacy:export", args=[reference, "zip"]),
        reverse("privacy:erase", args=[reference]),
        reverse("privacy:transfer_list"),
        reverse("privacy:transfer_list") + "?formaat=csv",
    ]


@pytest.mark.parametrize("role", ["handler", "department_head", "admin"])
def test_only_the_coordinator_may_use_them(client, full_complaint, role):
    user = factories.UserFactory(roles=[role])
    if role == "handler":
        Complaint.objects.filter(pk=full_complaint.pk).update(handler=user)
    login_staff(client, user)
    for url in _urls(full_complaint.reference):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("privacy:erase", args=[full_complaint.reference]), {"reason": "x", "confirm": "on"}
    )
    assert response.status_code == 403
    assert not PersonalDataErasure.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, full_complaint):
    for url in _urls(full_complaint.reference):
        assert client.get(url).status_code == 302


def test_the_coordinator_downloads_json_and_pdf(client, coordinator, full_complaint):
    login_staff(client, coordinator)
    page = client.get(reverse("cases:detail", args=[full_complaint.reference])).content.decode()
    assert (
        "Gegevens opvragen (AVG)" in page
        and reverse("privacy:complainant_data", args=[full_complaint.reference]) in page
    )
    assert client.get(reverse("privacy:complainant_data", args=[full_complaint.reference])).status_code == 200
    response = client.get(reverse("privacy:export", args=[full_complaint.reference, "json"]))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["complainant"]["last_name"] == NAME[1]
    response = client.get(reverse("privacy:export", args=[full_complaint.reference, "pdf"]))
    assert response.content.startswith(b"%PDF-")
    assert client.get(reverse("privacy:export", args=[full_complaint.reference, "exe"])).status_code == 404
    # Each download is on the timeline.
    assert full_complaint.events.filter(data__privacy="export").count() == 2


def test_erasure_needs_a_reason_and_a_confirmation(client, coordinator, full_complaint):
    login_staff(client, coordinator)
    url = reverse("privacy:erase", args=[full_complaint.reference])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "  ", "confirm": "on"})
    assert response.status_code == 400
    assert "Geef de reden waarom de persoonsgegevens worden verwijderd." in response.content.decode()
    response = client.post(url, {"reason": "Verzoek van de klager"})
    assert response.status_code == 400
    assert "Bevestig dat u de persoonsgegevens definitief wilt verwijderen." in response.content.decode()
    # An empty POST is a submission with errors too, not the blank form again.
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Geef de reden waarom de persoonsgegevens worden verwijderd." in response.content.decode()
    assert not PersonalDataErasure.objects.exists()

    response = client.post(url, {"reason": "Verzoek van de klager", "confirm": "on"})
    assert response.status_code == 302
    assert PersonalDataErasure.objects.get().erased_by == coordinator
    page = client.get(reverse("cases:detail", args=[full_complaint.reference])).content.decode()
    assert "De persoonsgegevens van deze klacht zijn verwijderd op" in page
    assert NAME[1] not in page


def test_erasure_is_post_only_with_csrf(coordinator, full_complaint):
    from django.test import Client

    client = login_staff(Client(enforce_csrf_checks=True), coordinator)
    url = reverse("privacy:erase", args=[full_complaint.reference])
    assert client.post(url, {"reason": "Reden", "confirm": "on"}).status_code == 403
    assert not PersonalDataErasure.objects.exists()
    assert login_staff(Client(), coordinator).put(url).status_code == 405


def test_an_open_complaint_is_refused_in_dutch(client, coordinator):
    complaint = factories.make_complaint()
    login_staff(client, coordinator)
    url = reverse("privacy:erase", args=[complaint.reference])
    assert "nog in behandeling" in client.get(url).content.decode()
    response = client.post(url, {"reason": "Reden", "confirm": "on"})
    assert response.status_code == 409
    assert "kunnen nog niet worden verwijderd" in response.content.decode()
    assert not PersonalDataErasure.objects.exists()


TRANSFER = "blijvend bewaren — over te brengen naar het archief"


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"retention_result": RetentionResult.HANDLED}, ["Behandeld (5 jaar)", "worden verwijderd op 15-04-2025"]),
        ({"retention_result": RetentionResult.FINANCIAL}, ["Met financiële gevolgen", "verwijderd op 15-04-2027"]),
        ({"retention_result": RetentionResult.OMBUDSMAN, "ombudsman_on": dt.date(2020, 5, 1),
          "ombudsman_ended_on": dt.date(2021, 1, 4)}, ["Via de ombudsman", "verwijderd op 04-01-2031"]),
        ({"retention_result": RetentionResult.OMBUDSMAN, "ombudsman_on": dt.date(2020, 5, 1)},
         ["Via de ombudsman", "Die datum is nog niet vastgelegd"]),
        ({"retention_result": RetentionResult.PERMANENT}, ["blijvend wordt bewaard", TRANSFER]),
        ({}, ["Behandeld (5 jaar)", "afgeleid uit de status", "verwijderd op 15-04-2025"]),
    ],
)  # fmt: skip
def test_the_privacy_screen_shows_the_result_and_the_date(client, coordinator, fields, shown):
    complaint = ended(
        factories.make_complaint(), closed_at=dt.datetime(2020, 4, 15, 14, tzinfo=AMS), **fields
    )
    login_staff(client, coordinator)
    for name in ("privacy:complainant_data", "privacy:erase"):
        page = client.get(reverse(name, args=[complaint.reference])).content.decode()
        for text in shown:
            assert text in page, (name, text)


def test_a_permanent_file_is_refused_and_listed_for_transfer(client, coordinator, full_complaint):
    handled = ended(factories.make_complaint(), closed_at=dt.datetime(2021, 1, 4, 12, tzinfo=AMS))
    Complaint.objects.filter(pk=full_complaint.pk).update(retention_result=RetentionResult.PERMANENT)
    login_staff(client, coordinator)
    data_page = client.get(
        reverse("privacy:complainant_data", args=[full_complaint.reference])
    ).content.decode()
    assert TRANSFER in data_page and reverse("privacy:transfer_list") in data_page
    assert reverse("privacy:erase", args=[full_complaint.reference]) not in data_page
    url = reverse("privacy:erase", args=[full_complaint.reference])
    assert "Persoonsgegevens definitief verwijderen" not in client.get(url).content.decode()
    response = client.post(url, {"reason": "Verzoek van de klager", "confirm": "on"})
    assert response.status_code == 409
    assert "worden niet verwijderd: het dossier wordt blijvend bewaard" in response.content.decode()
    assert not PersonalDataErasure.objects.exists()

    page = client.get(reverse("privacy:transfer_list")).content.decode()
    assert full_complaint.reference in page and "15-04-2020" in page
    assert handled.reference not in page
    response = client.get(reverse("privacy:transfer_list"), {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines == [
        "Kenmerk;Afgesloten op;Status;Uitkomst",
        f"{full_complaint.reference};15-04-2020;Afgesloten;Gegrond",
    ]


def test_the_transfer_list_says_when_there_is_nothing(client, coordinator):
    login_staff(client, coordinator)
    page = client.get(reverse("privacy:transfer_list")).content.decode()
    assert "Er zijn geen dossiers die blijvend worden bewaard." in page
