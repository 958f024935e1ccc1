"""Load a large, realistic set of complaints into PostgreSQL fast, with COPY.

Used by the benchmarks: ``load(n)`` fills an empty benchmark database with `n`
complaints spread over fifteen years, each with a complainant, one department and
one part, in the mix of channels, routes, statuses and outcomes a municipality
sees. Rows are written with psycopg's COPY, column lists taken from the Django
models (defaults for everything not set here), so the data looks exactly like
what the application stores. Deterministic (a fixed seed).
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.db import connection, models

AMS = ZoneInfo("Europe/Amsterdam")
# Fifteen years keeps a million complaints under 100,000 a year: references stay K-<year>-<5 digits>.
YEARS = 15
DESCRIPTIONS = [
    "Ik ben drie keer beloofd teruggebeld te worden en niemand belde.",
    "De medewerker aan de balie was onvriendelijk en hielp mij niet.",
    "Mijn aanvraag voor een parkeervergunning duurt al maanden.",
    "Het afval is weer niet opgehaald, ondanks mijn melding.",
    "Ik kreeg geen antwoord op mijn brief over de WOZ-waarde.",
    "De informatie op de website klopte niet met wat de medewerker zei.",
]
CHANNELS = (
    ["web"] * 45 + ["email"] * 20 + ["phone"] * 20 + ["desk"] * 8 + ["letter"] * 5 + ["social_media"] * 2
)


def _copy(model: type[models.Model], rows: Iterator[dict], columns: list[str]) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3
        names = ", ".join(f'"{column}"' for column in columns)
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[column] for column in columns])


def _columns(model: type[models.Model], given: set[str]) -> tuple[list[str], dict]:
    """Every concrete column; defaults for the ones the generator does not set."""
    columns, defaults = [], {}
    for field in model._meta.concrete_fields:
        column = field.column
        columns.append(column)
        if column not in given:
            default = field.get_default()
            if default is None and not field.null:
                default = "" if isinstance(field, models.CharField | models.TextField) else default
            defaults[column] = default
    return columns, defaults


def load(count: int, *, seed: int = 20261202, now: dt.datetime | None = None) -> float:
    """Fill an empty database with `count` complaints; returns the seconds it took."""
    from gehoord.cases.models import Complainant, Complaint, ComplaintPart, ReferenceCounter
    from gehoord.organisation.models import Department

    started = time.perf_counter()
    rng = random.Random(seed)
    now = now or dt.datetime.now(AMS)
    first = now - dt.timedelta(days=365 * YEARS)
    departments = [
        Department.objects.get_or_create(code=code, defaults={"name": name})[0].pk
        for name, code in [
            ("Burgerzaken", "bz"), ("Belastingen", "bel"), ("Openbare ruimte", "or"), ("Vergunningen", "verg"),
            ("Sociaal domein", "sd"), ("Klantcontactcentrum", "kcc"), ("Parkeren", "park"),
        ]
    ]  # fmt: skip

    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM cases_complainant")
        base = cursor.fetchone()[0]

    complainant_given = {"id", "first_name", "last_name", "email", "created_at"}
    columns, defaults = _columns(Complainant, complainant_given)

    def complainants():
        for n in range(1, count + 1):
            yield {
                **defaults,
                "id": base + n,
                "first_name": rng.choice(["Jan", "Maria", "Ahmed", "Sophie", "Kees", "Fatima"]),
                "last_name": f"Achternaam{n}",
                "email": f"klager{n}@example.org",
                "created_at": now,
            }

    _copy(Complainant, complainants(), columns)

    received = sorted(first + dt.timedelta(seconds=rng.uniform(0, 365 * YEARS * 86400)) for _ in range(count))
    per_year: dict[int, int] = {}
    complaint_given = {
        "id", "reference", "reference_year", "reference_number", "public_token", "complainant_id", "channel",
        "received_at", "description", "route", "status", "outcome", "resolution_rung", "acknowledgment_due",
        "first_contact_due", "decision_due", "not_handled_notice_due", "first_contact_at", "decided_at",
        "closed_at", "created_at", "updated_at", "ombudsman_on",
    }  # fmt: skip
    columns, defaults = _columns(Complaint, complaint_given)
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM cases_complaint")
        complaint_base = cursor.fetchone()[0]
    departments_of: list[int] = []

    def complaints():
        for n, at in enumerate(received, start=1):
            year = at.astimezone(AMS).year
            per_year[year] = per_year.get(year, 0) + 1
            age = (now - at).days
            route = "formal" if rng.random() < 0.25 else "informal"
            if age > 120 or (rng.random() < 0.6 and age > 30):
                status, closed = "closed", at + dt.timedelta(days=rng.uniform(2, 70))
            else:
                status, closed = rng.choice(["triage", "informal", "formal", "hearing"]), None
            if status == "closed":
                outcome = (
                    rng.choice(["gegrond", "deels_gegrond", "ongegrond", "geen_oordeel"])
                    if route == "formal"
                    else "informeel_opgelost"
                )
            else:
                outcome = ""
            decided = closed - dt.timedelta(days=1) if closed and route == "formal" else None
            day = at.astimezone(AMS).date()
            departments_of.append(rng.choice(departments))
            yield {
                **defaults,
                "id": complaint_base + n,
                "reference": f"K-{year}-{per_year[year]:05d}",
                "reference_year": year,
                "reference_number": per_year[year],
                "public_token": uuid.UUID(int=rng.getrandbits(128)),
                "complainant_id": base + n,
                "channel": rng.choice(CHANNELS),
                "received_at": at,
                "description": rng.choice(DESCRIPTIONS),
                "route": route,
                "status": status,
                "outcome": outcome,
                "resolution_rung": ("handler" if route == "formal" else rng.choice(["employee", "handler"]))
                if closed
                else "",
                "acknowledgment_due": day + dt.timedelta(days=7),
                "first_contact_due": day + dt.timedelta(days=3),
                "decision_due": day + dt.timedelta(weeks=6),
                "not_handled_notice_due": day + dt.timedelta(weeks=4),
                "first_contact_at": at + dt.timedelta(hours=rng.uniform(1, 96))
                if rng.random() < 0.9
                else None,
                "decided_at": decided,
                "closed_at": closed,
                "ombudsman_on": (closed + dt.timedelta(days=40)).date()
                if closed and rng.random() < 0.01
                else None,
                "created_at": at,
                "updated_at": closed or at,
            }

    _copy(Complaint, complaints(), columns)

    through = Complaint.departments.through
    _copy(
        through,
        (
            {"complaint_id": complaint_base + n, "department_id": d}
            for n, d in enumerate(departments_of, start=1)
        ),
        ["complaint_id", "department_id"],
    )
    part_given = {"complaint_id", "position", "description", "judgement", "reasoning"}
    columns, defaults = _columns(ComplaintPart, part_given)
    columns.remove("id")
    _copy(
        ComplaintPart,
        ({**defaults, "complaint_id": complaint_base + n, "position": 1, "description": "Onderdeel",
          "judgement": "", "reasoning": ""} for n in range(1, count + 1)),
        columns,
    )  # fmt: skip
    with connection.cursor() as cursor:
        for table in ("cases_complainant", "cases_complaint", "cases_complaintpart"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cursor.execute("ANALYZE")
    for year, last in per_year.items():
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last})
    return time.perf_counter() - started
