"""Exactly the right complaints are due, on exactly the right day, per category."""

import datetime as dt

import pytest

from gehoord.cases.constants import Outcome, Status
from gehoord.cases.tests import factories
from gehoord.privacy.retention import RetentionTerms, due_for_erasure, erasure_due_on, years_after
from gehoord.privacy.services import erase_complainant_data
from gehoord.privacy.tests.conftest import AMS, ended

pytestmark = pytest.mark.django_db

# Late in the evening local time (already 21:30 UTC): the local date is the one that counts.
CLOSED = dt.datetime(2020, 6, 10, 23, 30, tzinfo=AMS)


def _complaint(**kwargs):
    return ended(factories.make_complaint(), closed_at=CLOSED, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "years"),
    [
        ({"status": Status.CLOSED}, 5),
        ({"status": Status.NOT_HANDLED, "outcome": Outcome.NOT_HANDLED}, 1),
        ({"status": Status.WITHDRAWN, "outcome": Outcome.WITHDRAWN}, 1),
        ({"status": Status.REFERRED, "outcome": Outcome.REFERRED}, 1),
        ({"status": Status.CLOSED, "ombudsman_on": dt.date(2020, 6, 1)}, 10),
        ({"status": Status.WITHDRAWN, "ombudsman_on": dt.date(2020, 6, 1)}, 10),
    ],
)
def test_due_on_the_anniversary_of_the_closure(kwargs, years):
    complaint = _complaint(**kwargs)
    due_day = dt.date(2020 + years, 6, 10)
    assert erasure_due_on(complaint) == due_day
    assert list(due_for_erasure(due_day - dt.timedelta(days=1))) == []
    assert list(due_for_erasure(due_day)) == [complaint]


def test_the_ombudsman_term_runs_from_the_later_date():
    complaint = _complaint(ombudsman_on=dt.date(2021, 2, 1))
    assert erasure_due_on(complaint) == dt.date(2031, 2, 1)
    assert list(due_for_erasure(dt.date(2031, 1, 31))) == []
    assert list(due_for_erasure(dt.date(2031, 2, 1))) == [complaint]


@pytest.mark.parametrize(
    "status", [Status.RECEIVED, Status.TRIAGE, Status.INFORMAL, Status.FORMAL, Status.HEARING,
               Status.DECIDED, Status.RESOLVED_INFORMALLY, Status.LEARNING_REVIEW]
)  # fmt: skip
def test_an_unfinished_complaint_is_never_due(status):
    complaint = ended(factories.make_complaint(), status=status, closed_at=None, outcome="")
    assert erasure_due_on(complaint) is None
    assert list(due_for_erasure(dt.date(2099, 1, 1))) == []


def test_an_erased_complaint_is_not_due_again():
    complaint = _complaint()
    erase_complainant_data(complaint, "Bewaartermijn")
    assert list(due_for_erasure(dt.date(2099, 1, 1))) == []


def test_the_terms_are_configurable(settings):
    settings.RETENTION_HANDLED_YEARS = 7
    complaint = _complaint()
    assert erasure_due_on(complaint) == dt.date(2027, 6, 10)
    assert list(due_for_erasure(dt.date(2025, 6, 10))) == []
    assert list(due_for_erasure(dt.date(2027, 6, 10))) == [complaint]
    assert list(due_for_erasure(dt.date(2025, 6, 10), RetentionTerms(handled_years=5))) == [complaint]


def test_a_leap_day_closure_is_due_on_the_first_of_march():
    complaint = ended(factories.make_complaint(), closed_at=dt.datetime(2024, 2, 29, 12, tzinfo=AMS),
                      status=Status.WITHDRAWN, outcome=Outcome.WITHDRAWN)  # fmt: skip
    assert years_after(dt.date(2024, 2, 29), 1) == dt.date(2025, 3, 1)
    assert list(due_for_erasure(dt.date(2025, 2, 28))) == []
    assert list(due_for_erasure(dt.date(2025, 3, 1))) == [complaint]
