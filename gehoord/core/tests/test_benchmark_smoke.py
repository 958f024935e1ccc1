"""Smoke runs of the benchmarks: a tiny volume, a few seconds each, so that a change cannot silently break one.

Each benchmark runs as its README says, on 300 complaints in a PostgreSQL database of its own next to the
test database (the soak in the database it makes and drops itself). It must finish and print its verdict;
the figures of a smoke run mean nothing. `search.py` runs twice and must leave its accounts switched off:
the audit trail protects them from deletion, so the second run reuses them.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[3]
SMALL = ["--complaints", "300"]


def _bench_url() -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{settings['NAME']}_bench_smoke"


def run_benchmark(script: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BENCH_DATABASE_URL": _bench_url()}
    # As from a shell: none of the test run's settings leak into the benchmark's own.
    for name in (
        "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "CACHE_URL", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER",
        "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL", "MEDIA_ROOT",
    ):  # fmt: skip
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, f"benchmarks/{script}", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.mark.parametrize(
    ("script", "args", "verdict"),
    [
        ("dashboard.py", [*SMALL, "--runs", "2"], "target under 1000 ms"),
        ("annual_report.py", SMALL, "target under 30 s"),
        (
            "submissions.py",
            [*SMALL, "--seconds", "2", "--clients", "2", "--workers", "1", "--floor-submissions", "200"],
            "target at least 200",
        ),
        (
            "soak.py",
            [
                "--count",
                "30",
                "--up",
                "3",
                "--down",
                "3",
                "--outages",
                "1",
                "--clients",
                "2",
                "--workers",
                "1",
            ],
            "each stored once with one acknowledgment sent once",
        ),
    ],
)
def test_a_benchmark_finishes_on_a_small_load(script, args, verdict):
    assert verdict in run_benchmark(script, *args).stdout


def test_the_search_benchmark_finishes_twice_and_switches_its_accounts_off():
    for _ in range(2):
        output = run_benchmark("search.py", *SMALL, "--runs", "2").stdout
        assert "### inbox" in output and "### api" in output
        assert "inbox: slowest p95" in output and "api: slowest p95" in output
    with psycopg.connect(_bench_url()) as bench:
        accounts = bench.execute(
            "SELECT username, is_active FROM accounts_user WHERE username IN ('bench-search', 'bench-api')"
        ).fetchall()
        clients = bench.execute("SELECT is_active FROM api_apiclient WHERE name = 'bench-search'").fetchall()
    assert sorted(accounts) == [("bench-api", False), ("bench-search", False)]
    assert clients == [(False,)]
