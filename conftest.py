"""Test-wide fixtures and the check that each database pass runs what it should."""

import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    # Tests marked postgresql need PostgreSQL's row locks or full-text search.
    # `make test` runs them in its PostgreSQL pass and deselects them (with -m)
    # in the SQLite pass; running one on another database is an error, never a skip.
    for item in items:
        if item.get_closest_marker("postgresql"):
            item.fixturenames.insert(0, "_require_postgresql")


@pytest.fixture
def _require_postgresql():
    if connection.vendor != "postgresql":
        pytest.fail(
            "This test needs PostgreSQL: run it with DATABASE_URL=postgres://... "
            "(make test does), or deselect it with -m 'not postgresql'."
        )
