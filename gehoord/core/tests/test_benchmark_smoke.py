"""Smoke runs of the benchmarks: a tiny volume, a few seconds, so that a change cannot silently break one.

`benchmarks/search.py` runs twice on a small load in a PostgreSQL database of its own (next to the
test database): it must finish, print both tables, and leave its accounts switched off — the audit
trail protects them from deletion, so the second run reuses them.
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


def _bench_url() -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{settings['NAME']}_bench_smoke"


def run_search(url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BENCH_DATABASE_URL": url, "CACHE_URL": "redis://127.0.0.1:6379/13"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "benchmarks/search.py", "--complaints", "300", "--runs", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_search_benchmark_finishes_twice_and_switches_its_accounts_off():
    url = _bench_url()
    for _ in range(2):
        result = run_search(url)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "### inbox" in result.stdout and "### api" in result.stdout
        assert "inbox: slowest p95" in result.stdout and "api: slowest p95" in result.stdout
    with psycopg.connect(url) as bench:
        accounts = bench.execute(
            "SELECT username, is_active FROM accounts_user WHERE username IN ('bench-search', 'bench-api')"
        ).fetchall()
        clients = bench.execute("SELECT is_active FROM api_apiclient WHERE name = 'bench-search'").fetchall()
    assert sorted(accounts) == [("bench-api", False), ("bench-search", False)]
    assert clients == [(False,)]
