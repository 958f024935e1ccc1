"""Complaint references: ``K-<year>-<5 digits>``, unique and gap-free per year.

A counter row per year is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite
serialises writers with BEGIN IMMEDIATE) and incremented inside the same
transaction that stores the complaint. If storing fails, the increment rolls
back with it, so no number is ever skipped; concurrent creators wait for each
other on the counter row, so no number is ever handed out twice.
"""

import re

from django.db import transaction

from gehoord.cases.models import ReferenceCounter

REFERENCE_DIGITS = 5
# A whole reference, as written: K-2026-00012.
FULL_REFERENCE = re.compile(rf"K-\d{{4}}-\d{{{REFERENCE_DIGITS}}}")


def format_reference(year: int, number: int) -> str:
    return f"K-{year}-{number:0{REFERENCE_DIGITS}d}"


def allocate_reference_number(year: int) -> int:
    """The next number of `year`. Must be called inside the transaction that uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_reference_number must run inside transaction.atomic().")
    # Create the year's row if it is missing without racing another creator.
    ReferenceCounter.objects.bulk_create([ReferenceCounter(year=year)], ignore_conflicts=True)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    if counter.last_number >= 10**REFERENCE_DIGITS:
        raise OverflowError(f"More than {10**REFERENCE_DIGITS - 1} complaints in {year}.")
    counter.save(update_fields=["last_number"])
    return counter.last_number
