"""The REST API: tokens and scopes, the back office's visibility, problem+json, Idempotency-Key."""

from urllib.parse import quote

import pytest
from django.test import Client

from gehoord.accounts.roles import Role
from gehoord.api.models import ApiClient, IdempotentResponse, Scope
from gehoord.cases import lifecycle
from gehoord.cases.constants import Channel, Status
from gehoord.cases.models import Complaint
from gehoord.cases.selectors import by_reference
from gehoord.cases.tests import factories
from gehoord.core.tokens import hash_token
from gehoord.correspondence.constants import LetterKind

pytestmark = pytest.mark.django_db

TOKEN = "api-test-token-0123456789abcdef"
NEW_COMPLAINT = {
    "first_name": "Petra",
    "last_name": "Jansen",
    "email": "petra@example.org",
    "description": "Ik ben drie keer beloofd teruggebeld te worden.",
}


def api_client(*scopes: str, user=None, token: str = TOKEN) -> ApiClient:
    user = user or factories.coordinator(username=f"koppeling-{token[:6]}", is_service_account=True)
    return ApiClient.objects.create(
        name=f"Koppeling {token[:6]}", user=user, scopes=list(scopes), token_hash=hash_token(token)
    )


def call(method: str, path: str, data=None, *, token: str = TOKEN, **headers):
    client = Client(headers={"Authorization": f"Bearer {token}", **headers})
    kwargs = {"content_type": "application/json"} if data is not None else {}
    return getattr(client, method)(f"/api/v1/{path}", data if data is not None else None, **kwargs)


def test_submitting_a_complaint_stores_and_acknowledges_it():
    api_client(Scope.INTAKE)

    response = call("post", "complaints/", NEW_COMPLAINT)

    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get(reference=response.json()["reference"])
    assert complaint.channel == Channel.API
    assert complaint.letters.get().kind == LetterKind.ACKNOWLEDGMENT


def test_a_retried_post_with_the_same_idempotency_key_creates_one_complaint():
    api_client(Scope.INTAKE)

    first = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "formulier-81723"})
    again = call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "formulier-81723"})

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Complaint.objects.count() == 1
    assert IdempotentResponse.objects.count() == 1


def test_the_same_key_with_another_body_is_refused():
    api_client(Scope.INTAKE)
    call("post", "complaints/", NEW_COMPLAINT, **{"Idempotency-Key": "k1"})

    response = call(
        "post", "complaints/", {**NEW_COMPLAINT, "last_name": "Anders"}, **{"Idempotency-Key": "k1"}
    )

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert Complaint.objects.count() == 1


def test_without_a_key_each_different_post_is_its_own():
    api_client(Scope.INTAKE)

    call("post", "complaints/", NEW_COMPLAINT)
    call("post", "complaints/", {**NEW_COMPLAINT, "description": "Mijn afvalpas kwam nooit aan."})

    assert Complaint.objects.count() == 2


def test_a_scope_without_write_access_gets_403():
    api_client(Scope.READ)
    complaint = factories.make_complaint()

    response = call("post", f"complaints/{complaint.reference}/notes/", {"text": "Gebeld"})

    assert response.status_code == 403
    problem = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert problem["status"] == 403 and "'write'" in problem["detail"]
    assert not complaint.events.filter(kind="note").exists()


@pytest.mark.parametrize("token", ["wrong-token", ""])
def test_wrong_credentials_get_401_as_problem_json(token):
    api_client(Scope.READ)

    response = call("get", "complaints/", token=token)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_invalid_input_names_every_field_in_dutch():
    api_client(Scope.INTAKE)

    response = call("post", "complaints/", {"first_name": "Petra"})

    assert response.status_code == 400
    problem = response.json()
    assert problem["errors"]["last_name"] == ["Vul de achternaam in."]
    assert problem["errors"]["description"] == ["Beschrijf wat er is gebeurd."]


def test_a_way_to_reach_the_complainant_is_needed():
    api_client(Scope.INTAKE)

    response = call("post", "complaints/", {"last_name": "Jansen", "description": "Iets"})

    assert response.status_code == 400
    assert "telefoonnummer" in response.json()["errors"]["email"][0]


def test_the_client_sees_what_its_service_account_may_see():
    handler = factories.handler(is_service_account=True)
    api_client(Scope.READ, user=handler)
    theirs = lifecycle.assign_handler(factories.make_complaint(), handler, actor=factories.coordinator())
    other = factories.make_complaint()

    listed = call("get", "complaints/").json()

    assert [row["reference"] for row in listed["results"]] == [theirs.reference]
    assert call("get", f"complaints/{theirs.reference}/").status_code == 200
    assert call("get", f"complaints/{other.reference}/").status_code == 404
    assert call("get", f"complaints/{other.reference}/timeline/").status_code == 404


def test_search_and_filters_work_like_the_inbox():
    api_client(Scope.READ)
    phoned = factories.make_complaint(channel="phone", description="Parkeervergunning kwijt")
    factories.make_complaint(channel="email", description="Afval niet opgehaald")

    by_channel = call("get", "complaints/?channel=phone").json()["results"]
    by_word = call("get", "complaints/?q=Parkeervergunning").json()["results"]

    assert [row["reference"] for row in by_channel] == [phoned.reference]
    assert [row["reference"] for row in by_word] == [phoned.reference]


def test_lifecycle_steps_through_the_api():
    api_client(Scope.READ, Scope.WRITE)
    complaint = factories.make_complaint()

    assert "start_triage" in call("get", f"complaints/{complaint.reference}/transitions/").json()
    response = call("post", f"complaints/{complaint.reference}/transitions/", {"name": "start_triage"})
    assert response.status_code == 200 and response.json()["status"] == Status.TRIAGE

    refused = call("post", f"complaints/{complaint.reference}/transitions/", {"name": "close"})
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    missing = call("post", f"complaints/{complaint.reference}/transitions/", {"name": "refer", "params": {}})
    assert missing.status_code == 400 and "destination" in missing.json()["errors"]


@pytest.mark.parametrize("value", [5, True, ["2026-12-01"], {"dag": 1}])
def test_a_steps_parameter_that_is_no_text_is_refused_by_name(value):
    # Found by gehoord/security/tests/test_arbitrary_input.py: a number for a date was a server error.
    api_client(Scope.WRITE)
    complaint = factories.make_complaint()

    response = call(
        "post",
        f"complaints/{complaint.reference}/transitions/",
        {"name": "schedule_hearing", "params": {"hearing_on": value}},
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == ["params.hearing_on"]


@pytest.mark.parametrize("reference", ["K-2026-0000\x00", "K-2026-00001\x00", "\x00", "k-2026-00001 "])
def test_a_reference_that_is_none_is_not_looked_up(reference, django_assert_num_queries):
    # PostgreSQL refuses a NUL character in a query: a NUL in the URL was a server error there.
    api_client(Scope.READ)
    factories.make_complaint()

    assert call("get", f"complaints/{quote(reference)}/").status_code == 404
    with django_assert_num_queries(0):
        assert by_reference(Complaint.objects.all(), reference) is None


def test_notes_and_contacts():
    api_client(Scope.WRITE)
    complaint = factories.make_complaint()

    assert (
        call("post", f"complaints/{complaint.reference}/notes/", {"text": "Teruggebeld"}).status_code == 201
    )
    contact = call(
        "post",
        f"complaints/{complaint.reference}/contacts/",
        {"channel": "phone", "subject": "Eerste contact"},
    )

    assert contact.status_code == 201
    complaint.refresh_from_db()
    assert complaint.first_contact_at is not None

    # The moment of a contact (Open Klant's plaatsgevondenOp) was a server error.
    earlier = call(
        "post",
        f"complaints/{complaint.reference}/contacts/",
        {"channel": "phone", "subject": "Teruggebeld", "occurred_at": complaint.received_at.isoformat()},
    )
    assert earlier.status_code == 201, earlier.content
    complaint.refresh_from_db()
    assert complaint.first_contact_at == complaint.received_at


def test_a_department_code_with_a_nul_is_unknown_not_a_server_error():
    api_client(Scope.INTAKE)
    response = call(
        "post",
        "complaints/",
        {"last_name": "Jansen", "email": "j@example.nl", "description": "X", "department": "bz\x00"},
    )
    assert response.status_code == 400 and "department" in response.json()["errors"]


def test_figures_need_the_reports_scope():
    api_client(Scope.READ)
    assert call("get", "figures/?start=2026-01-01&end=2026-12-31").status_code == 403

    ApiClient.objects.update(scopes=[Scope.REPORTS])
    factories.make_complaint()
    response = call("get", "figures/?start=2000-01-01&end=2100-12-31")
    assert response.status_code == 200 and response.json()["received"] == 1
    assert call("get", "figures/?start=gisteren&end=2026-12-31").status_code == 400
    # A department code is a slug; anything else (a NUL was a server error on PostgreSQL) is unknown.
    unknown = call("get", "figures/?start=2026-01-01&end=2026-12-31&department=bz%00")
    assert unknown.status_code == 400 and unknown.json()["detail"] == "Onbekende afdeling."


def test_the_schema_and_its_documentation_need_nothing_from_the_internet(client):
    schema = client.get("/api/v1/schema/")
    docs = client.get("/api/v1/docs/")

    assert schema.status_code == 200 and b"openapi: 3" in schema.content
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "drf_spectacular_sidecar" in page and "cdn" not in page.lower()
    assert "fonts.googleapis.com" not in page and "<script>" not in page


def test_a_department_head_account_sees_its_department():
    department = factories.DepartmentFactory(name="Burgerzaken", code="bz")
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD], is_service_account=True)
    department.head = head
    department.save()
    api_client(Scope.READ, user=head)
    ours = factories.make_complaint(departments=[department])
    factories.make_complaint()

    assert [row["reference"] for row in call("get", "complaints/").json()["results"]] == [ours.reference]


# --- Numbers in the query string and lengths as the schema says ---------------------------------


@pytest.mark.parametrize("value", ["²", "٣", "-1", "0", "201", "1.0", " 5", "5 ", "", "\x00"])
def test_a_page_size_that_is_no_plain_number_is_a_400(value):
    api_client(Scope.READ)

    response = call("get", f"complaints/?page_size={quote(value)}")

    assert response.status_code == 400
    assert response.json()["errors"]["page_size"] == ["Geef een getal van 1 tot en met 200."]


@pytest.mark.parametrize("value", ["²", "٣", "-1", "1e3", "last", " 1", "\x00"])
def test_a_page_that_is_no_plain_number_is_a_400(value):
    api_client(Scope.READ)

    response = call("get", f"complaints/?page={quote(value)}")

    assert response.status_code == 400
    assert response.json()["errors"]["page"] == [
        "Geef het paginanummer als getal, vanaf 1 (alleen de cijfers 0-9)."
    ]


def test_pages_with_plain_numbers():
    api_client(Scope.READ)
    factories.make_complaint()

    assert call("get", "complaints/?page=").status_code == 200  # empty: the first page
    assert call("get", "complaints/?page=1&page_size=1").json()["count"] == 1
    assert call("get", "complaints/?page=2").status_code == 404  # past the last page, as documented


@pytest.mark.parametrize("trailing", ["\x85", " ", "\u3000", "\n"])
def test_a_text_longer_than_the_schema_allows_is_refused_whatever_it_ends_with(trailing):
    """DRF trims whitespace before it counts; the schema's maxLength counts what was sent."""
    api_client(Scope.INTAKE)

    too_long = call("post", "complaints/", {**NEW_COMPLAINT, "last_name": "J" * 120 + trailing})
    just_right = call("post", "complaints/", {**NEW_COMPLAINT, "last_name": "J" * 119 + trailing})

    assert too_long.status_code == 400
    assert too_long.json()["errors"]["last_name"] == [
        "Zorg ervoor dat dit veld niet meer dan 120 karakters bevat."
    ]
    assert just_right.status_code == 201
    assert Complaint.objects.get().complainant.last_name == "J" * 119  # trimmed, as before


def test_an_e_mail_address_longer_than_the_database_holds_is_a_400():
    api_client(Scope.INTAKE)

    response = call("post", "complaints/", {**NEW_COMPLAINT, "email": "p" * 250 + "@example.org"})

    assert response.status_code == 400
    assert "email" in response.json()["errors"]
