"""Shared start of every benchmark: a PostgreSQL database of its own, migrated, with Django set up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gehoord_bench"


def setup() -> str:
    """Create the benchmark database when missing, set up Django on it and migrate; returns its URL."""
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def ensure_complaints(count: int) -> None:
    """Load `count` complaints once; a database with another number is loaded again from empty."""
    from django.db import connection

    from gehoord.cases.models import Complaint

    existing = Complaint.objects.count()
    if existing == count:
        print(f"{count:,} complaints already loaded")
        return
    if existing:
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE cases_complaint, cases_complainant, cases_complaintpart, cases_complaint_departments,"
                " cases_complaintevent, cases_referencecounter RESTART IDENTITY CASCADE"
            )
    from benchmarks.bulk_load import load

    print(f"loading {count:,} complaints with COPY ...", flush=True)
    seconds = load(count)
    print(f"loaded in {seconds:.0f} s", flush=True)
