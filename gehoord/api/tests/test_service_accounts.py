"""An API client acts only as a service account of its own, never as a person's account."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from gehoord.accounts.roles import Role
from gehoord.api.models import ApiClient, Scope
from gehoord.cases.tests import factories
from gehoord.core.tokens import hash_token

pytestmark = pytest.mark.django_db

TOKEN = "service-account-token-0123456789"
FIGURES = "/api/v1/figures/?start=2000-01-01&end=2100-12-31"


def bind(user, *scopes: str) -> ApiClient:
    return ApiClient.objects.create(
        name="Koppeling", user=user, scopes=list(scopes), token_hash=hash_token(TOKEN)
    )


def get(path: str):
    return Client(headers={"Authorization": f"Bearer {TOKEN}"}).get(path)


def test_a_token_bound_to_a_person_is_refused_like_an_unknown_one():
    person = factories.coordinator()
    client = bind(person, Scope.READ)

    refused = get("/api/v1/complaints/")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Het token is onbekend, ingetrokken of verlopen."
    with pytest.raises(ValidationError) as error:
        client.full_clean()
    assert "serviceaccount" in error.value.message_dict["user"][0]


def test_a_token_bound_to_a_service_account_acts_as_it():
    bind(factories.coordinator(is_service_account=True), Scope.READ)
    complaint = factories.make_complaint()
    listed = get("/api/v1/complaints/")
    assert listed.status_code == 200
    assert [row["reference"] for row in listed.json()["results"]] == [complaint.reference]


@pytest.mark.parametrize(
    ("roles", "status"),
    [
        ([Role.COORDINATOR], 200),
        ([Role.DEPARTMENT_HEAD], 200),
        ([Role.HANDLER], 403),
        ([Role.ADMIN], 403),
        ([], 403),
    ],
)
def test_the_figures_need_the_role_of_the_dashboard(roles, status):
    bind(factories.UserFactory(roles=roles, is_service_account=True), Scope.REPORTS)
    response = get(FIGURES)
    assert response.status_code == status
    if status == 403:
        assert "rol die het dashboard vraagt" in response.json()["detail"]


def test_create_api_client_makes_a_service_account_that_cannot_sign_in(client):
    out = StringIO()
    call_command(
        "create_api_client",
        "Open Formulieren",
        "--scope",
        "intake",
        "--scope",
        "read",
        "--role",
        "coordinator",
        stdout=out,
    )
    token = out.getvalue().strip()

    api_client = ApiClient.objects.get(name="Open Formulieren")
    account = api_client.user
    assert account.username == "api-open-formulieren" and account.is_service_account
    assert not account.has_usable_password() and not account.is_staff
    assert account.has_role(Role.COORDINATOR) and sorted(api_client.scopes) == ["intake", "read"]
    assert Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/complaints/").status_code == 200

    with pytest.raises(CommandError, match="exists already"):
        call_command("create_api_client", "Open Formulieren", stdout=StringIO())
