"""Schemathesis against the API's own OpenAPI schema: no 5xx, and every answer as the schema says.

The schema is the one drf-spectacular serves at /api/v1/schema/; the requests
go through the whole Django stack in-process (WSGI), authenticated as a
client with every scope acting as a coordinator, with a few real complaints
in the database so that reads, notes, contacts and steps find something.

The run is deterministic: `make test` sends the same generated requests every
time (a fixed seed, and no example database to replay earlier finds), so CI
fails for a change and not for a roll of the dice. To look further, run it
with random data (see README, "Getting started"):

    SCHEMATHESIS_SEED=random .venv/bin/pytest gehoord/api/tests/test_schemathesis.py

A failure names the seed it ran with; SCHEMATHESIS_SEED=<that number> repeats the run.
"""

import os
import secrets

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from gehoord.api.models import ApiClient, Scope
from gehoord.cases.tests import factories
from gehoord.core.tokens import hash_token

TOKEN = "schemathesis-token-0123456789abcdef"
APP = get_wsgi_application()

# Every check but "positive data acceptance": the intake rule "give at least one way to reach
# you", an unknown department and the lifecycle guards refuse some schema-valid requests by
# design (400/409/422), and the schema documents those answers.
# Unknown query parameters are ignored, as in most APIs, so none are generated.
_SEED = os.environ.get("SCHEMATHESIS_SEED", "0")
SEED = secrets.randbits(32) if _SEED == "random" else int(_SEED)
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {"positive_data_acceptance": {"enabled": False}},
        "generation": {"allow-extra-parameters": False},
        "auth": {"openapi": {"bearerToken": {"bearer": TOKEN}}},
        "seed": SEED,
    }
)
schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True), config=CONFIG
)
schema.app = APP


@pytest.fixture
def api_world(db, settings):
    # Thousands of requests from one address and one client: the rate limits (tested in
    # gehoord/security/tests/test_rate_limits.py) would answer 429 to most of them.
    settings.RATELIMIT_ENABLE = False
    # Django closes the database connection at the end of every request; the test client
    # switches that off, and so must a WSGI caller that runs inside the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    user = factories.coordinator(username="koppeling-schemathesis", is_service_account=True)
    ApiClient.objects.create(
        name="Schemathesis", user=user, scopes=[s.value for s in Scope], token_hash=hash_token(TOKEN)
    )
    yield [factories.make_complaint() for _ in range(3)]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@pytest.mark.django_db
def test_api_conforms_to_its_schema(case, api_world):
    try:
        case.call_and_validate(
            base_url="http://testserver", app=APP, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    except Exception as error:
        error.add_note(f"Repeat this run with SCHEMATHESIS_SEED={SEED}.")
        raise
