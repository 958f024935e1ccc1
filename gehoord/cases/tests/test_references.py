"""Complaint references: K-<year>-<5 digits>, unique and gap-free per year."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from gehoord.cases.models import Complaint
from gehoord.cases.references import allocate_reference_number, format_reference
from gehoord.cases.tests.factories import make_complaint

AMS = ZoneInfo("Europe/Amsterdam")


def test_format_reference():
    assert format_reference(2026, 7) == "K-2026-00007"
    assert format_reference(2027, 12345) == "K-2027-12345"


@pytest.mark.django_db(transaction=True)
def test_allocation_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        allocate_reference_number(2026)


def test_numbers_restart_each_year_by_dutch_date(db):
    # 31 Dec 2026 23:30 UTC is already 1 Jan 2027 in the Netherlands.
    last_of_2026 = make_complaint(received_at=dt.datetime(2026, 12, 31, 12, 0, tzinfo=AMS))
    first_of_2027 = make_complaint(received_at=dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC))
    second_of_2026 = make_complaint(received_at=dt.datetime(2026, 6, 1, 9, 0, tzinfo=AMS))
    assert last_of_2026.reference == "K-2026-00001"
    assert first_of_2027.reference == "K-2027-00001"
    assert second_of_2026.reference == "K-2026-00002"


def test_a_failed_creation_leaves_no_gap(db):
    received = dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMS)
    make_complaint(received_at=received)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        make_complaint(received_at=received)
        raise Boom

    assert make_complaint(received_at=received).reference == "K-2026-00002"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_gives_unique_gap_free_references():
    threads_count, per_thread = 8, 6
    barrier = threading.Barrier(threads_count)
    received = dt.datetime(2026, 5, 20, 9, 0, tzinfo=AMS)
    errors: list[BaseException] = []

    def create_some() -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(per_thread):
                make_complaint(received_at=received)
        except BaseException as error:  # reported below, a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create_some) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    numbers = sorted(Complaint.objects.filter(reference_year=2026).values_list("reference_number", flat=True))
    assert numbers == list(range(1, threads_count * per_thread + 1))
    references = set(Complaint.objects.values_list("reference", flat=True))
    assert len(references) == threads_count * per_thread
