import pytest

from gehoord.cases.tests import factories


@pytest.fixture
def coordinator(db):
    return factories.coordinator(first_name="Carla", last_name="Coördinator")


@pytest.fixture
def handler(db):
    return factories.handler(first_name="Hans", last_name="Behandelaar")


@pytest.fixture
def complaint(db):
    return factories.make_complaint()
