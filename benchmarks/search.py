"""Benchmark: searching 1,000,000 complaints, in the staff inbox and in the API list (p95 <= 150 ms and <= 2x bare SQL).

    .venv/bin/python benchmarks/search.py [--complaints N] [--runs R] [--case inbox|api|both]

Loads the complaints once (COPY, see bulk_load.py) into the database of
BENCH_DATABASE_URL, with DEBUG off as in production. For each search term
(a reference, its number alone, a reference prefix, a surname, a first name
with a surname, words from the description and a first name shared by a
sixth of all complainants) it times, R times each after two warm-up requests:

- inbox: ``GET /medewerkers/klachten/?q=...`` through Django's test client
  as a signed-in coordinator (password and second factor), the inbox as it
  opens (complaints in progress) with the counts per status above it;
- api: ``GET /api/v1/complaints/?q=...`` with the bearer token of an API
  client with scope ``read`` whose service account is a coordinator.

Beside each, the bare query: the SQL statements about complaints that the
request sent (captured from the request itself: the rows, their count or the
counts per status, and in the API the departments of the rows), run with
psycopg on a connection of its own, as many times. The ratio is page p95 /
bare p95. Requests and bare runs alternate, so both see the same machine.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import time

from _setup import ensure_complaints, setup

TARGET_MS = 150
TARGET_RATIO = 2.0
COUNT_ON_PAGE = re.compile(r'id="inbox-count">([\d.]+) klacht(?:en)? gevonden')


def _quantiles(values: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94]


def _complaint_statements(queries: list[dict]) -> list[tuple[str, str]]:
    """The statements of a request that read complaints for the list, labelled; not session, user, form choices."""
    found = []
    for query in queries:
        sql = query["sql"]
        head, _sep, rest = sql.partition(" FROM ")
        if "_prefetch_related_val_complaint_id" in head:
            found.append(("departments", sql))
        elif sql.startswith('SELECT "cases_complaint"."id"'):
            # The rows; their select list may hold subqueries of its own (opened by me, late terms).
            found.append(("rows", sql))
        elif not (rest.startswith('"cases_complaint"') or rest.startswith("((SELECT")):
            continue  # session, user, second factor, roles, the form's choices
        elif "COUNT(" in head and "GROUP BY" in sql:
            found.append(("counts per status", sql))
        elif head.startswith("SELECT COUNT(") and " FILTER (WHERE " in head:
            found.append(("counts per saved view", sql))
        elif head.startswith("SELECT COUNT("):
            found.append(("count", sql))
        else:
            # The rows may carry counts of their own (late terms): still the rows.
            found.append(("rows", sql))
    return found


def _terms() -> list[tuple[str, str]]:
    """Search terms taken from the loaded data, the same on every run over the same load."""
    from gehoord.cases.lifecycle import ACTIVE_STATUSES
    from gehoord.cases.models import Complaint

    open_ones = (
        Complaint.objects.filter(status__in=ACTIVE_STATUSES)
        .select_related("complainant")
        .order_by("-received_at", "-pk")
    )
    # The 201st newest open complaint; in a smoke run's small load, the last one.
    open_one = open_ones[min(200, open_ones.count() - 1)]
    person = open_one.complainant
    return [
        ("a reference", open_one.reference),
        ("its number alone", f"{open_one.reference_number:05d}"),
        ("a reference prefix", open_one.reference[:-1]),
        ("a surname", person.last_name),
        ("first name and surname", f"{person.first_name} {person.last_name}"),
        ("a word from the description", "parkeervergunning"),
        ("two words from the description", "afval opgehaald"),
        ("a first name (1 in 6 complainants)", "Fatima"),
    ]


def _account(user_model, factories, username: str):
    """The benchmark's coordinator account `username`, made on the first run and switched on for this one."""
    user = user_model.objects.filter(username=username).first() or factories.coordinator(username=username)
    user_model.objects.filter(pk=user.pk).update(is_active=True)
    user.refresh_from_db()
    return user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--case", choices=["inbox", "api", "both"], default="both")
    args = parser.parse_args()
    # As in production: DEBUG off, which needs a secret key and a shared cache (Redis db 13, emptied afterwards).
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/13")
    url = setup()
    ensure_complaints(args.complaints)

    import psycopg
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gehoord.accounts.models import User
    from gehoord.accounts.testing import login_staff
    from gehoord.api.models import ApiClient, Scope
    from gehoord.cases.tests import factories
    from gehoord.core.tokens import hash_token, new_token

    bare = psycopg.connect(url, autocommit=True)
    # This server may run without autovacuum; a production database's tables are vacuumed, so these are too.
    visible = bare.execute(
        "SELECT min(relallvisible::float / greatest(relpages, 1)) FROM pg_class"
        " WHERE relname IN ('cases_complaint', 'cases_complainant')"
    ).fetchone()[0]
    if visible < 0.9:
        print("vacuuming the complaint tables (as autovacuum would) ...", flush=True)
        bare.execute("VACUUM (ANALYZE) cases_complaint, cases_complainant, cases_complaint_departments")

    # The benchmark's accounts are made once and reused: the audit trail keeps who did what, and its
    # rows protect the accounts from deletion. Between runs they are switched off (see the end).
    coordinator = _account(User, factories, "bench-search")
    service = _account(User, factories, "bench-api")
    # An API client acts as a service account of its own (gehoord.api.models).
    User.objects.filter(pk=service.pk).update(is_service_account=True)
    token = new_token()
    api_client, _created = ApiClient.objects.update_or_create(
        user=service,
        defaults={
            "name": "bench-search",
            "scopes": [Scope.READ],
            "token_hash": hash_token(token),
            "is_active": True,
        },
    )
    cases = {
        "inbox": (login_staff(Client(), coordinator), "/medewerkers/klachten/"),
        "api": (Client(headers={"Authorization": f"Bearer {token}"}), "/api/v1/complaints/"),
    }
    chosen = ["inbox", "api"] if args.case == "both" else [args.case]
    terms = _terms()
    results = []
    try:
        for case in chosen:
            client, path = cases[case]
            print(f"\n### {case}: GET {path}?q=...  ({args.runs} runs per term)\n")
            print(
                "| search term | what | found | page p50 | page p95 | bare SQL p50 | bare SQL p95 | page/bare | met |"
            )
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for label, q in terms:
                for _ in range(2):
                    response = client.get(path, {"q": q})
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path, {"q": q})
                assert response.status_code == 200, (case, q, response.status_code)
                if case == "inbox":
                    shown = COUNT_ON_PAGE.search(response.content.decode())
                    if shown is None:
                        raise SystemExit(
                            f"inbox {q!r}: no count on the page:\n{response.content.decode()[:3000]}"
                        )
                    found = int(shown[1].replace(".", ""))
                else:
                    found = response.json()["count"]
                statements = _complaint_statements(captured.captured_queries)
                kinds = [kind for kind, _sql in statements]
                if "rows" not in kinds and found:
                    raise SystemExit(f"{case} {q!r}: no statement for the rows among {kinds}")
                page_times, bare_times = [], []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    response = client.get(path, {"q": q})
                    page_times.append(time.perf_counter() - started)
                    assert response.status_code == 200, (case, q, response.status_code)
                    started = time.perf_counter()
                    for _kind, sql in statements:
                        bare.execute(sql).fetchall()
                    bare_times.append(time.perf_counter() - started)
                page_p50, page_p95 = _quantiles(page_times)
                bare_p50, bare_p95 = _quantiles(bare_times)
                ratio = page_p95 / bare_p95
                met = page_p95 * 1000 <= TARGET_MS and ratio <= TARGET_RATIO
                results.append((case, label, page_p95, ratio, met))
                print(
                    f"| `{q}` | {label} | {found:,} | {page_p50 * 1000:.0f} ms | {page_p95 * 1000:.0f} ms "
                    f"| {bare_p50 * 1000:.1f} ms | {bare_p95 * 1000:.1f} ms | {ratio:.1f}x "
                    f"| {'yes' if met else 'no'} |",
                    flush=True,
                )
            print(f"\nbare SQL per request (last term): {', '.join(kinds)}")
    finally:
        ApiClient.objects.filter(pk=api_client.pk).update(is_active=False)
        User.objects.filter(pk__in=[coordinator.pk, service.pk]).update(is_active=False)
        bare.close()
        from django.core.cache import cache

        cache.clear()

    print()
    for case in chosen:
        mine = [r for r in results if r[0] == case]
        slowest = max(mine, key=lambda r: r[2])
        worst = max(mine, key=lambda r: r[3])
        verdict = "MET" if all(r[4] for r in mine) else "NOT MET"
        print(
            f"{case}: slowest p95 {slowest[2] * 1000:.0f} ms ({slowest[1]}), highest ratio {worst[3]:.1f}x "
            f"({worst[1]}) — target p95 <= {TARGET_MS} ms and <= {TARGET_RATIO:.0f}x bare SQL: {verdict} "
            f"({sum(r[4] for r in mine)} of {len(mine)} terms)"
        )


if __name__ == "__main__":
    main()
