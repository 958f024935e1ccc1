"""Benchmark: the dashboard on PostgreSQL with 1,000,000 complaints (target: under 1 s).

    .venv/bin/python benchmarks/dashboard.py [--complaints N] [--runs R]

Loads the complaints once (COPY, see bulk_load.py) into the database of
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gehoord_bench),
then times the figures and the whole dashboard page (a signed-in coordinator,
through Django's test client: URL routing, middleware, queries, template) for
the last full year, this year, and last year for one department.
"""

from __future__ import annotations

import argparse
import statistics
import time

from _setup import ensure_complaints, setup

TARGET_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup()
    ensure_complaints(args.complaints)

    import datetime as dt

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gehoord.accounts.testing import login_staff
    from gehoord.cases.tests import factories
    from gehoord.organisation.models import Department
    from gehoord.reporting.figures import Period, figures

    today = dt.date.today()
    department = Department.objects.get(code="bz")
    cases = [
        ("last year", Period.year(today.year - 1), None, {"start": f"01-01-{today.year - 1}", "end": f"31-12-{today.year - 1}"}),
        ("this year", Period(dt.date(today.year, 1, 1), today), None, {}),
        ("last year, one department", Period.year(today.year - 1), department,
         {"start": f"01-01-{today.year - 1}", "end": f"31-12-{today.year - 1}", "department": department.pk}),
    ]  # fmt: skip
    coordinator = factories.coordinator(username=f"bench-{time.time_ns()}")
    client = login_staff(Client(), coordinator)
    print("\n| case | figures p50 | figures max | page p50 | page max | queries | received | closed |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    worst = 0.0
    for label, period, dept, params in cases:
        figure_times, page_times = [], []
        result = None
        for _ in range(args.runs):
            started = time.perf_counter()
            result = figures(period, dept)
            figure_times.append(time.perf_counter() - started)
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/medewerkers/dashboard/", params)
                page_times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        worst = max(worst, max(page_times))
        print(
            f"| {label} | {statistics.median(figure_times) * 1000:.0f} ms | {max(figure_times) * 1000:.0f} ms "
            f"| {statistics.median(page_times) * 1000:.0f} ms | {max(page_times) * 1000:.0f} ms | {len(queries)} "
            f"| {result.received:,} | {result.closed:,} |"
        )
        reset_queries()
    coordinator.delete()
    verdict = "MET" if worst < TARGET_SECONDS else "NOT MET"
    print(f"\nslowest page: {worst * 1000:.0f} ms — target under {TARGET_SECONDS * 1000:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
