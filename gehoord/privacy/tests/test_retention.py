"""Exactly the right complaints are due, on exactly the right day, per Selectielijst result.

Every expected date below is worked out by hand from the Selectielijst
gemeenten 2020, process type 13, and Awb 9:24 (the one-year ombudsman term).
"""

import datetime as dt
import itertools

import pytest

from gehoord.cases.constants import Outcome, RetentionResult, Status
from gehoord.cases.tests import factories
from gehoord.privacy.retention import (
    RetentionTerms,
    due_for_erasure,
    erasure_due_on,
    marked_for_transfer,
    result_of,
    retention_of,
    years_after,
)
from gehoord.privacy.services import erase_complainant_data
from gehoord.privacy.tests.conftest import AMS, ended

pytestmark = pytest.mark.django_db

R = RetentionResult
D = dt.date
# Late in the evening local time (already 22:30 UTC): the local date, 3 March, is the one that counts.
CLOSED = dt.datetime(2026, 3, 3, 23, 30, tzinfo=AMS)
WENT = D(2026, 4, 1)
OMBUDSMAN_ENDED = D(2027, 6, 10)

NOT_HANDLED = {"status": Status.NOT_HANDLED, "outcome": Outcome.NOT_HANDLED}
WITHDRAWN = {"status": Status.WITHDRAWN, "outcome": Outcome.WITHDRAWN}
REFERRED = {"status": Status.REFERRED, "outcome": Outcome.REFERRED}
VIA_OMBUDSMAN = {"ombudsman_on": WENT, "ombudsman_ended_on": OMBUDSMAN_ENDED}

# (what the file says, the result, the day its personal data are due for erasure: None is never)
CASES = [
    pytest.param({"retention_result": R.HANDLED}, R.HANDLED, D(2031, 3, 3), id="handled-5y"),
    pytest.param({"retention_result": R.FINANCIAL}, R.FINANCIAL, D(2033, 3, 3), id="financial-7y"),
    pytest.param(
        {"retention_result": R.OMBUDSMAN, **VIA_OMBUDSMAN}, R.OMBUDSMAN, D(2037, 6, 10), id="ombudsman-10y-from-end"
    ),
    pytest.param(
        {"retention_result": R.OMBUDSMAN, "ombudsman_on": WENT}, R.OMBUDSMAN, None, id="ombudsman-end-unknown"
    ),
    pytest.param({"retention_result": R.NOT_HANDLED, **NOT_HANDLED}, R.NOT_HANDLED, D(2027, 3, 3), id="9:8-1y"),
    pytest.param({"retention_result": R.NOT_HANDLED, **WITHDRAWN}, R.NOT_HANDLED, D(2027, 3, 3), id="withdrawn-1y"),
    pytest.param({"retention_result": R.NOT_HANDLED, **REFERRED}, R.NOT_HANDLED, D(2027, 3, 3), id="referred-1y"),
    pytest.param({"retention_result": R.PERMANENT}, R.PERMANENT, None, id="permanent"),
    pytest.param({"retention_result": R.PERMANENT, **VIA_OMBUDSMAN}, R.PERMANENT, None, id="permanent-ombudsman"),
    # Rows from before the result was recorded: the result their status implies.
    pytest.param({}, R.HANDLED, D(2031, 3, 3), id="old-closed"),
    pytest.param(WITHDRAWN, R.NOT_HANDLED, D(2027, 3, 3), id="old-withdrawn"),
    pytest.param(VIA_OMBUDSMAN, R.OMBUDSMAN, D(2037, 6, 10), id="old-ombudsman"),
    pytest.param({"ombudsman_on": WENT}, R.OMBUDSMAN, None, id="old-ombudsman-end-unknown"),
]  # fmt: skip


def _complaint(closed_at=CLOSED, **kwargs):
    return ended(factories.make_complaint(), closed_at=closed_at, **kwargs)


@pytest.mark.parametrize(("fields", "result", "due_day"), CASES)
def test_each_result_has_its_term(fields, result, due_day):
    complaint = _complaint(**fields)
    assert result_of(complaint) == result
    assert erasure_due_on(complaint) == due_day
    if due_day is None:
        assert list(due_for_erasure(D(2099, 1, 1))) == []
    else:
        assert list(due_for_erasure(due_day - dt.timedelta(days=1))) == []
        assert list(due_for_erasure(due_day)) == [complaint]


def test_not_handled_never_before_the_ombudsman_year_has_run_out():
    # Awb 9:24 lid 1: the complainant may go to the ombudsman until 3 March 2027. Even a shorter
    # term than the Selectielijst's year (not allowed as a setting, possible as RetentionTerms) waits.
    complaint = _complaint(retention_result=R.NOT_HANDLED, **NOT_HANDLED)
    no_term = RetentionTerms(not_handled_years=0)
    assert erasure_due_on(complaint, no_term) == D(2027, 3, 3)
    assert list(due_for_erasure(D(2027, 3, 2), no_term)) == []
    assert list(due_for_erasure(D(2027, 3, 3), no_term)) == [complaint]


def test_the_ombudsman_term_waits_for_the_end_of_its_handling():
    complaint = _complaint(retention_result=R.OMBUDSMAN, ombudsman_on=WENT)
    assert retention_of(complaint).waiting_for_ombudsman
    assert list(due_for_erasure(D(2099, 1, 1))) == []
    type(complaint).objects.filter(pk=complaint.pk).update(ombudsman_ended_on=OMBUDSMAN_ENDED)
    complaint.refresh_from_db()
    assert not retention_of(complaint).waiting_for_ombudsman
    assert erasure_due_on(complaint) == D(2037, 6, 10)
    assert list(due_for_erasure(D(2037, 6, 10))) == [complaint]


def test_a_permanent_file_is_never_due_and_is_marked_for_transfer():
    permanent = _complaint(retention_result=R.PERMANENT)
    handled = _complaint(retention_result=R.HANDLED)
    retention = retention_of(permanent)
    assert retention.transfer and retention.due_on is None and retention.years is None
    assert list(due_for_erasure(D(2099, 1, 1))) == [handled]
    assert list(marked_for_transfer(type(permanent).objects.all())) == [permanent]


@pytest.mark.parametrize(
    "status", [Status.RECEIVED, Status.TRIAGE, Status.INFORMAL, Status.FORMAL, Status.HEARING,
               Status.DECIDED, Status.RESOLVED_INFORMALLY, Status.LEARNING_REVIEW]
)  # fmt: skip
def test_an_unfinished_complaint_is_never_due(status):
    complaint = ended(factories.make_complaint(), status=status, closed_at=None, outcome="")
    assert result_of(complaint) is None and erasure_due_on(complaint) is None
    assert list(due_for_erasure(D(2099, 1, 1))) == []
    assert list(marked_for_transfer(type(complaint).objects.all())) == []


def test_an_erased_complaint_is_not_due_again():
    complaint = _complaint()
    erase_complainant_data(complaint, "Bewaartermijn")
    assert list(due_for_erasure(D(2099, 1, 1))) == []


def test_the_terms_are_configurable(settings):
    settings.RETENTION_HANDLED_YEARS = 7
    settings.RETENTION_FINANCIAL_YEARS = 9
    handled = _complaint(retention_result=R.HANDLED)
    financial = _complaint(retention_result=R.FINANCIAL)
    assert erasure_due_on(handled) == D(2033, 3, 3)
    assert erasure_due_on(financial) == D(2035, 3, 3)
    assert list(due_for_erasure(D(2031, 3, 3))) == []
    assert list(due_for_erasure(D(2033, 3, 3))) == [handled]
    assert list(due_for_erasure(D(2031, 3, 3), RetentionTerms(handled_years=5))) == [handled]


def test_a_leap_day_closure_waits_for_the_ombudsman_year():
    complaint = _complaint(closed_at=dt.datetime(2024, 2, 29, 12, tzinfo=AMS), **WITHDRAWN)
    assert years_after(D(2024, 2, 29), 1) == D(2025, 3, 1)
    # The one year of Awb 9:24 ends on Sat 1 March 2025; the Atw (art. 1) moves the end of a
    # statutory term off a weekend, to Mon 3 March: the file is kept until then.
    assert erasure_due_on(complaint) == D(2025, 3, 3)
    assert list(due_for_erasure(D(2025, 3, 2))) == []
    assert list(due_for_erasure(D(2025, 3, 3))) == [complaint]


# --- the database and Python agree -------------------------------------------------

MOMENTS = [
    CLOSED,
    dt.datetime(2024, 2, 29, 12, tzinfo=AMS),  # leap day
    dt.datetime(2025, 12, 31, 23, 30, tzinfo=AMS),  # still 31 December locally, already 22:30 UTC
    dt.datetime(2026, 1, 1, 0, 30, tzinfo=AMS),  # 1 January locally, still 31 December in UTC
]
FILES = [
    {"retention_result": R.HANDLED},
    {"retention_result": R.FINANCIAL},
    {"retention_result": R.OMBUDSMAN, **VIA_OMBUDSMAN},
    {"retention_result": R.OMBUDSMAN, "ombudsman_on": WENT, "ombudsman_ended_on": D(2028, 2, 29)},
    {"retention_result": R.OMBUDSMAN, "ombudsman_on": WENT},
    {"retention_result": R.NOT_HANDLED, **NOT_HANDLED},
    {"retention_result": R.NOT_HANDLED, **REFERRED},
    {"retention_result": R.PERMANENT},
    {},
    WITHDRAWN,
    VIA_OMBUDSMAN,
    {"ombudsman_on": WENT},
    {"status": Status.LEARNING_REVIEW, "closed_at": None, "retention_result": R.HANDLED},
]
TERMS = [
    RetentionTerms(),
    RetentionTerms(handled_years=2, financial_years=3, ombudsman_years=1, not_handled_years=0),
]


def test_the_nightly_query_agrees_with_the_per_file_date():
    """A property over a fixed set: for every day around every due date, the query returns exactly the files
    whose erasure_due_on is that day or earlier."""
    complaints = [
        _complaint(**{"closed_at": moment, **fields}) for moment, fields in itertools.product(MOMENTS, FILES)
    ]
    erased = _complaint(retention_result=R.NOT_HANDLED, **WITHDRAWN)
    erase_complainant_data(erased, "Op verzoek")
    for terms in TERMS:
        due_days = {c.pk: erasure_due_on(c, terms) for c in complaints}
        assert any(day is None for day in due_days.values()) and len(set(due_days.values())) > 8
        days = {D(2026, 1, 1), D(2099, 1, 1)} | {
            day + dt.timedelta(days=shift) for day in due_days.values() if day for shift in (-1, 0, 1)
        }
        for today in sorted(days):
            expected = {pk for pk, day in due_days.items() if day is not None and day <= today}
            assert set(due_for_erasure(today, terms).values_list("pk", flat=True)) == expected, today


# --- the lifecycle records the result ------------------------------------------------


def _at(day: int, month: int = 2) -> dt.datetime:
    return dt.datetime(2026, month, day, 10, tzinfo=AMS)


def _closed_through_the_lifecycle(actor, retention: str | None) -> object:
    from gehoord.cases import lifecycle
    from gehoord.cases.constants import Rung
    from gehoord.learning.services import record_learning_review

    complaint = factories.make_complaint(received_at=_at(2))
    steps = [
        ("start_triage", _at(3), {}),
        ("start_informal", _at(4), {}),
        ("resolve_informally", _at(10), {"solution": "Excuses aangeboden.", "rung": Rung.EMPLOYEE,
                                         "satisfied_on": D(2026, 2, 10), "satisfied_how": "telefonisch"}),
        ("start_learning_review", _at(11), {}),
    ]  # fmt: skip
    for name, at, params in steps:
        complaint = lifecycle.perform(complaint, name, actor=actor, at=at, **params)
    record_learning_review(complaint, improvement_possible=False, reasoning="Niets te verbeteren.", actor=actor,
                           at=_at(12))  # fmt: skip
    params = {"retention": retention} if retention else {}
    return lifecycle.perform(complaint, "close", actor=actor, at=CLOSED, **params)


@pytest.mark.parametrize(
    ("chosen", "result", "due_day"),
    [
        (None, R.HANDLED, D(2031, 3, 3)),
        (R.HANDLED, R.HANDLED, D(2031, 3, 3)),
        (R.FINANCIAL, R.FINANCIAL, D(2033, 3, 3)),
        (R.PERMANENT, R.PERMANENT, None),
    ],
)
def test_closing_records_the_chosen_result(coordinator, chosen, result, due_day):
    complaint = _closed_through_the_lifecycle(coordinator, chosen)
    assert complaint.retention_result == result
    assert erasure_due_on(complaint) == due_day


def test_recording_the_ombudsman_switches_a_closed_file(coordinator):
    from gehoord.cases.services import record_ombudsman

    complaint = _closed_through_the_lifecycle(coordinator, R.HANDLED)
    complaint = record_ombudsman(complaint, on=WENT, actor=coordinator, at=_at(2, 4))
    assert complaint.retention_result == R.OMBUDSMAN
    assert erasure_due_on(complaint) is None  # the ombudsman is still busy with it
    complaint = record_ombudsman(
        complaint,
        on=WENT,
        ended_on=OMBUDSMAN_ENDED,
        actor=coordinator,
        at=dt.datetime(2027, 6, 11, tzinfo=AMS),
    )
    assert erasure_due_on(complaint) == D(2037, 6, 10)
    assert list(due_for_erasure(D(2037, 6, 10))) == [complaint]


def test_a_withdrawn_complaint_is_not_handled(coordinator):
    from gehoord.cases import lifecycle

    complaint = factories.make_complaint(received_at=_at(2))
    complaint = lifecycle.perform(complaint, "withdraw", actor=coordinator, at=CLOSED, reason="Ingetrokken.")
    assert complaint.retention_result == R.NOT_HANDLED
    assert erasure_due_on(complaint) == D(2027, 3, 3)
