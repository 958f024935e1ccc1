"""/health/: the database and the broker, answered fast, 503 when one is down."""

import pytest
from django.db import connection
from django.test import override_settings

from gehoord.core import health

pytestmark = pytest.mark.django_db


def test_healthy_without_a_broker(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "in-process"}
    assert "no-cache" in response["Cache-Control"]


def test_the_real_redis_broker_answers():
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:6379/15", CELERY_TASK_ALWAYS_EAGER=False):
        assert health.broker_state() == "ok"


def test_a_broker_that_is_down_gives_503(client):
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0", CELERY_TASK_ALWAYS_EAGER=False):
        response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_a_database_that_fails_gives_503(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("database gone")

    monkeypatch.setattr(connection, "cursor", broken)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"] == "down"
