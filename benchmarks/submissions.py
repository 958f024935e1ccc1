"""Benchmark: public web form submissions per second through the full stack on PostgreSQL (target: >= 200/s).

    .venv/bin/python benchmarks/submissions.py [--complaints N] [--seconds S] [--clients C] [--workers W]

With 1,000,000 complaints loaded (see bulk_load.py) in the database of
BENCH_DATABASE_URL, it starts a real gunicorn server on 127.0.0.1 (the
repository's gunicorn.conf.py when there is one, as in production, with W
sync workers) with DEBUG off, Celery on the real Redis (broker
redis://127.0.0.1:6379/14, not eager: the acknowledgment is queued as in
production, no worker runs) and the rate-limit cache on Redis db 13. A load
generator in a process of its own (_web_load.py) plays C citizens for S
seconds, each GETting the form and POSTing it complete (see that file); then
the same rows are written by bare SQL with psycopg (the floor) by C
connections. Everything is verified: every POST that counts answered 302 to
the confirmation page, and the rows in every table a submission writes, the
reference counter and the Celery queue grew by exactly the number of counted
submissions. Afterwards every row both wrote is deleted again, the counter is
put back, both Redis databases are emptied and the tables are vacuumed, so
the database holds the loaded complaints only.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from _setup import ROOT, ensure_complaints, setup

TARGET_PER_SECOND = 200
BROKER_URL = "redis://127.0.0.1:6379/14"
CACHE_URL = "redis://127.0.0.1:6379/13"
# The tables one submission writes to, with the rows it writes there (checked against pg_stat_user_tables).
WRITTEN = {
    "cases_complainant": "the complainant",
    "cases_referencecounter": "the year's counter (updated)",
    "cases_complaint": "the complaint",
    "cases_complaint_departments": "its department, when the citizen chose one",
    "cases_complaintpart": "its one part",
    "cases_complaintevent": "the timeline's first event",
    "intake_websubmission": "the spent form token",
    "correspondence_letter": "the queued acknowledgment",
    "django_session": "the session that shows the confirmation",
}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def _machine_busy_seconds() -> float:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            if ppid == pid:
                found.append(int(entry.name))
    return found


class Meter:
    """CPU seconds of the server (master and workers), the bench database's backends, and the whole machine."""

    def __init__(self, conn, database: str, server_pid: int) -> None:
        self.conn, self.database, self.server_pid = conn, database, server_pid

    def _sample(self) -> dict:
        backends = [
            row[0]
            for row in self.conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            )
        ]
        return {
            "server": {pid: _cpu_seconds(pid) for pid in [self.server_pid, *_children(self.server_pid)]},
            "database": {pid: _cpu_seconds(pid) for pid in backends},
            "machine": _machine_busy_seconds(),
        }

    def start(self) -> None:
        self.before = self._sample()

    def stop(self) -> dict[str, float]:
        after = self._sample()
        spent = {
            group: sum(cpu - self.before[group].get(pid, 0.0) for pid, cpu in after[group].items())
            for group in ("server", "database")
        }
        spent["machine"] = after["machine"] - self.before["machine"]
        return spent


# --- database bookkeeping ---------------------------------------------------------------------


def _snapshot(conn, year: int) -> dict:
    conn.execute("SELECT pg_stat_clear_snapshot()")
    inserted = dict(
        conn.execute(
            "SELECT relname, n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd > 0"
        ).fetchall()
    )
    counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in WRITTEN}
    return {
        "written": inserted,
        "counts": counts,
        "counter": conn.execute(
            "SELECT last_number FROM cases_referencecounter WHERE year = %s", [year]
        ).fetchone()[0],
        "max_complaint": conn.execute("SELECT coalesce(max(id), 0) FROM cases_complaint").fetchone()[0],
        "max_complainant": conn.execute("SELECT coalesce(max(id), 0) FROM cases_complainant").fetchone()[0],
        "sessions": {row[0] for row in conn.execute("SELECT session_key FROM django_session")},
    }


def _written_tables(before: dict, after: dict, submissions: int) -> dict[str, float]:
    """Rows written (inserted or updated) per submission, per table, from PostgreSQL's own statistics."""
    return {
        table: (after["written"].get(table, 0) - before["written"].get(table, 0)) / submissions
        for table in sorted(set(after["written"]) | set(before["written"]))
        if after["written"].get(table, 0) != before["written"].get(table, 0)
    }


def _verify(
    conn,
    before: dict,
    year: int,
    submissions: int,
    with_department: int,
    label: str,
    *,
    sessions: bool = True,
) -> None:
    after = _snapshot(conn, year)
    grown = {table: after["counts"][table] - before["counts"][table] for table in WRITTEN}
    expected = dict.fromkeys(WRITTEN, submissions)
    expected["cases_referencecounter"] = 0
    expected["cases_complaint_departments"] = with_department
    expected["django_session"] = submissions if sessions else 0
    problems = [
        f"{t}: {grown[t]:+,} rows, expected {expected[t]:+,}" for t in WRITTEN if grown[t] != expected[t]
    ]
    if after["counter"] - before["counter"] != submissions:
        problems.append(
            f"reference counter {after['counter'] - before['counter']:+,}, expected {submissions:+,}"
        )
    if problems:
        raise SystemExit(
            f"{label}: the database does not match the counted submissions: " + "; ".join(problems)
        )


def _cleanup(conn, before: dict, year: int) -> None:
    """Delete every row written since `before`, put the counter back and vacuum (autovacuum may be off)."""
    base, people = before["max_complaint"], before["max_complainant"]
    with conn.transaction():
        # The timeline is append-only, enforced by a trigger; as superuser the benchmark may lift it for its own rows.
        conn.execute("SET LOCAL session_replication_role = replica")
        for table in (
            "intake_websubmission",
            "correspondence_letter",
            "cases_complaintevent",
            "cases_complaintpart",
            "cases_complaint_departments",
        ):
            conn.execute(f"DELETE FROM {table} WHERE complaint_id > %s", [base])
        conn.execute("DELETE FROM cases_complaint WHERE id > %s", [base])
        conn.execute("DELETE FROM cases_complainant WHERE id > %s", [people])
        new_sessions = [
            key
            for (key,) in conn.execute("SELECT session_key FROM django_session")
            if key not in before["sessions"]
        ]
        conn.execute("DELETE FROM django_session WHERE session_key = ANY(%s)", [new_sessions])
        conn.execute(
            "UPDATE cases_referencecounter SET last_number = %s WHERE year = %s", [before["counter"], year]
        )
    conn.execute(
        "VACUUM (ANALYZE) cases_complainant, cases_complaint, cases_complaint_departments, cases_complaintpart,"
        " cases_complaintevent, intake_websubmission, correspondence_letter, django_session, cases_referencecounter"
    )


# --- the web run ----------------------------------------------------------------------------------


def _server_env(
    database_url: str,
    port: int,
    *,
    broker_url: str = BROKER_URL,
    cache_url: str = CACHE_URL,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "CELERY_TASK_ALWAYS_EAGER", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="gehoord.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url,
        CELERY_TASK_ALWAYS_EAGER="false",
        CACHE_URL=cache_url,
        # The load generator gives every citizen an address of their own in X-Real-IP: the form's
        # rate limit (20 submissions per hour per client) stays on, per citizen.
        CLIENT_IP_HEADER="HTTP_X_REAL_IP",
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    env.update(extra or {})
    return env


def _start_server(
    database_url: str, workers: int, log: Path, **env: Any
) -> tuple[subprocess.Popen, int, str]:
    """gunicorn on a free port, answering /health/; `env` goes to :func:`_server_env`."""
    port = _free_port()
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "gehoord.wsgi:application"]
    config = ROOT / "gunicorn.conf.py"
    described = "gunicorn defaults"
    if config.exists():
        command += ["--config", str(config)]
        described = "gunicorn.conf.py"
    command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--no-control-socket"]
    server = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=_server_env(database_url, port, **env),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start (exit {server.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as answer:
                if answer.status == 200:
                    return server, port, described
        except OSError:
            time.sleep(0.3)
    _stop_server(server)
    raise SystemExit(f"gunicorn did not answer /health/ within 60 s; see {log}")


def _stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _load(
    port: int, clients: int, seconds: float, first_address: int, follow: bool, meter: Meter | None = None
) -> dict:
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "_web_load.py"),
        "--port", str(port),
        "--clients", str(clients),
        "--seconds", str(seconds),
        "--first-address", str(first_address),
    ]  # fmt: skip
    if follow:
        command.append("--follow")
    if meter:
        meter.start()
    finished = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603
    spent = meter.stop() if meter else None
    if finished.returncode:
        raise SystemExit(f"the load generator failed (exit {finished.returncode})")
    result = json.loads(finished.stdout)
    if spent:
        spent["client"] = result["cpu_seconds"]
        spent["other"] = max(
            spent.pop("machine") - spent["server"] - spent["database"] - spent["client"], 0.0
        )
        result["cpu"] = spent
    return result


# --- the floor: the same rows, bare SQL -------------------------------------------------------------


def _row(conn, sql: str, params) -> dict:
    from psycopg.rows import dict_row
    from psycopg.types.json import Jsonb

    cursor = conn.cursor(row_factory=dict_row)
    row = cursor.execute(sql, params).fetchone()
    json_columns = {column.name for column in cursor.description if column.type_code in (114, 3802)}
    return {k: (Jsonb(v) if k in json_columns and v is not None else v) for k, v in row.items()}


def _templates(conn, base: int) -> dict:
    """The rows of the last web submission that chose a department, to be written again by bare SQL."""
    complaint_id = conn.execute(
        "SELECT max(complaint_id) FROM cases_complaint_departments WHERE complaint_id > %s", [base]
    ).fetchone()[0]
    complaint = _row(conn, "SELECT * FROM cases_complaint WHERE id = %s", [complaint_id])
    return {
        "cases_complainant": _row(
            conn, "SELECT * FROM cases_complainant WHERE id = %s", [complaint["complainant_id"]]
        ),
        "cases_complaint": complaint,
        "cases_complaint_departments": _row(
            conn, "SELECT * FROM cases_complaint_departments WHERE complaint_id = %s", [complaint_id]
        ),
        **{
            table: _row(conn, f"SELECT * FROM {table} WHERE complaint_id = %s", [complaint_id])
            for table in (
                "cases_complaintpart",
                "cases_complaintevent",
                "intake_websubmission",
                "correspondence_letter",
            )
        },
        "django_session": _row(conn, "SELECT * FROM django_session ORDER BY expire_date DESC LIMIT 1", []),
    }


def _insert(table: str, row: dict, returning: bool = True) -> tuple[str, list[str]]:
    columns = [c for c in row if c != "id"]
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {table} ({names}) VALUES ({values})" + (
        " RETURNING id" if returning else ""
    ), columns


def _floor(url: str, templates: dict, clients: int, count: int, year: int) -> tuple[float, int, int]:
    """Write `count` submissions' rows with bare SQL over `clients` connections; (seconds, submissions, with department)."""
    import psycopg

    statements = {
        table: _insert(table, row, returning=table not in {"cases_complaint_departments", "django_session"})
        for table, row in templates.items()
    }
    numbers = iter(range(count))
    lock = threading.Lock()
    done = [0, 0]
    errors: list[BaseException] = []

    def values(table: str, **changes) -> list:
        _sql, columns = statements[table]
        row = {**templates[table], **changes}
        return [row[c] for c in columns]

    def work() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            while True:
                with lock:
                    n = next(numbers, None)
                if n is None:
                    return
                try:
                    with conn.transaction():
                        person = conn.execute(
                            statements["cases_complainant"][0],
                            values("cases_complainant", last_name=f"Vloer {n}", email=f"vloer{n}@example.nl"),
                        ).fetchone()[0]
                        number = conn.execute(
                            "UPDATE cases_referencecounter SET last_number = last_number + 1 WHERE year = %s"
                            " RETURNING last_number",
                            [year],
                        ).fetchone()[0]
                        complaint = conn.execute(
                            statements["cases_complaint"][0],
                            values(
                                "cases_complaint",
                                reference=f"K-{year}-{number:05d}",
                                reference_number=number,
                                public_token=uuid.uuid4(),
                                complainant_id=person,
                            ),
                        ).fetchone()[0]
                        chose = n % 3 != 0  # as the load generator: two in three citizens choose a department
                        if chose:
                            conn.execute(
                                statements["cases_complaint_departments"][0],
                                values("cases_complaint_departments", complaint_id=complaint),
                            )
                        for table in ("cases_complaintpart", "cases_complaintevent", "correspondence_letter"):
                            conn.execute(statements[table][0], values(table, complaint_id=complaint))
                        conn.execute(
                            statements["intake_websubmission"][0],
                            values(
                                "intake_websubmission",
                                complaint_id=complaint,
                                token=secrets.token_urlsafe(24),
                            ),
                        )
                    conn.execute(
                        statements["django_session"][0],
                        values("django_session", session_key=secrets.token_hex(16)),
                    )
                except Exception as error:  # reported below: the run fails
                    errors.append(error)
                    return
                with lock:
                    done[0] += 1
                    done[1] += chose

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"the bare-SQL floor failed: {errors[0]!r}")
    return elapsed, done[0], done[1]


# --- how long a submission holds the year's counter ------------------------------------------------


def _counter_lock_hold(count: int) -> list[float]:
    """Seconds from locking the year's reference counter to the commit, per submission, one at a time.

    References are gap-free: the counter row stays locked until the complaint's
    transaction commits, so submissions pass it one by one, whatever the number
    of cores. Measured in this process on the application's own service, with the
    same form data as the load generator.
    """
    from django.db import connection, transaction

    from gehoord.intake import services
    from gehoord.intake.forms import ComplaintForm
    from gehoord.organisation.models import Department

    departments = list(Department.objects.filter(is_active=True).values_list("pk", flat=True))
    held: list[float] = []

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "FOR UPDATE" in sql and "cases_referencecounter" in sql:
            locked = time.perf_counter()
            transaction.on_commit(lambda: held.append(time.perf_counter() - locked))
        return result

    with connection.execute_wrapper(wrapper):
        for n in range(count):
            form = ComplaintForm(
                {
                    "first_name": "Sanne",
                    "last_name": f"Teller {n}",
                    "email": f"teller{n}@example.nl",
                    "street": "Kerkstraat",
                    "house_number": "1",
                    "postal_code": "1234 AB",
                    "city": "Voorbeeldstad",
                    "description": "De medewerker aan de balie was onvriendelijk en hielp mij niet.",
                    "conduct_date_day": "2",
                    "conduct_date_month": "11",
                    "conduct_date_year": "2026",
                    "department": str(departments[n % len(departments)]) if n % 3 else "",
                    "involved_description": "" if n % 3 else "De medewerker aan de balie",
                    "desired_outcome": "Excuses en een uitleg van wat er misging.",
                    "preferred_contact": "email",
                    "contact_times": "doordeweeks na 17.00 uur",
                }
            )
            if not form.is_valid():
                raise SystemExit(f"the form refused the benchmark's data: {form.errors.as_text()}")
            services.submit_web_complaint(token=secrets.token_urlsafe(24), data=form.cleaned_data, files=[])
    return held


# --- main -------------------------------------------------------------------------------------------


def _redis(url: str):
    import redis

    return redis.Redis.from_url(url)


def _check_unused(client) -> None:
    """The benchmark empties its two Redis databases afterwards: refuse one that something else uses."""
    db = client.connection_pool.connection_kwargs["db"]
    me = client.client_id()
    others = [c for c in client.client_list() if int(c.get("db", -1)) == db and int(c["id"]) != me]
    # Kombu leaves its queue bindings behind; anything else is someone's data.
    data = [key for key in client.scan_iter(count=100) if not key.startswith(b"_kombu.binding")]
    if others or data:
        raise SystemExit(
            f"Redis database {db} is in use ({len(others)} clients, {len(data)} keys); not touching it"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=6, help="concurrent citizens (and floor connections)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--follow", action="store_true", help="also GET the confirmation page after the POST")
    parser.add_argument("--floor-submissions", type=int, default=10_000)
    args = parser.parse_args()
    # This process, too, runs the application as in production (its own submissions are timed below).
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("CACHE_URL", CACHE_URL)
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")  # no broker here: the letter task is not run
    url = setup()
    ensure_complaints(args.complaints)

    import psycopg
    from django.utils import timezone

    year = timezone.localdate().year
    broker, cache = _redis(BROKER_URL), _redis(CACHE_URL)
    for client in (broker, cache):
        _check_unused(client)

    with psycopg.connect(url, autocommit=True) as conn:
        before = _snapshot(conn, year)
        headroom = 10**5 - 1 - before["counter"]
        if headroom < args.floor_submissions + 400 * (args.seconds + 3):
            raise SystemExit(f"only {headroom:,} references left in {year}; lower --floor-submissions")
        log = Path(tempfile.mkdtemp(prefix="gehoord-bench-")) / "gunicorn.log"
        try:
            server, port, config = _start_server(url, args.workers, log)
            try:
                flow = "GET the form, POST it complete" + (", GET the confirmation" if args.follow else "")
                print(
                    f"gunicorn ({config}), {args.workers} sync workers on 127.0.0.1:{port}; log: {log}\n"
                    f"{args.clients} citizens for {args.seconds:.0f} s, each: {flow}",
                    flush=True,
                )
                # Warm up: every worker imports, connects and renders once; verified like the run.
                warm = _load(port, args.clients, 3, first_address=1, follow=args.follow)
                if warm["failures"]:
                    raise SystemExit(f"warm-up failures: {warm['failures']}")
                _verify(conn, before, year, warm["submissions"], warm["with_department"], "warm-up")
                measured = _snapshot(conn, year)
                meter = Meter(conn, url.rsplit("/", 1)[1], server.pid)
                run = _load(port, args.clients, args.seconds, 1_000_000, args.follow, meter)
                _verify(conn, measured, year, run["submissions"], run["with_department"], "measured run")
                queued, expected = broker.llen("celery"), warm["submissions"] + run["submissions"]
                if queued != expected:
                    raise SystemExit(f"{queued:,} letters on the Celery queue, expected {expected:,}")
            finally:
                _stop_server(server)
            # The workers' backends report their statistics when they exit.
            time.sleep(1)
            # Warm-up and run together: a backend may report the warm-up's writes during the run.
            written = _written_tables(before, _snapshot(conn, year), warm["submissions"] + run["submissions"])
            web_rate = run["submissions"] / run["elapsed"]

            floor_before = _snapshot(conn, year)
            templates = _templates(conn, before["max_complaint"])
            floor_seconds, floor_done, floor_departments = _floor(
                url, templates, args.clients, args.floor_submissions, year
            )
            _verify(conn, floor_before, year, floor_done, floor_departments, "floor")
            floor_rate = floor_done / floor_seconds

            hold_before = _snapshot(conn, year)
            held = _counter_lock_hold(200)
            _verify(
                conn,
                hold_before,
                year,
                len(held),
                sum(1 for n in range(len(held)) if n % 3),
                "counter",
                sessions=False,
            )
        finally:
            _cleanup(conn, before, year)
            broker.flushdb()
            cache.flushdb()
        after = _snapshot(conn, year)
        if after["counts"] != before["counts"] or after["counter"] != before["counter"]:
            raise SystemExit(
                "cleanup incomplete: the benchmark database no longer holds only the loaded complaints"
            )

    cpu = run["cpu"]
    per = {group: seconds / max(run["submissions"], 1) * 1000 for group, seconds in cpu.items()}
    print("\nwritten per submission (pg_stat_user_tables: rows inserted or updated):")
    for table, rows in written.items():
        print(f"  {table}: {rows:.2f}  {WRITTEN.get(table, '')}")
    busy = sum(cpu.values()) / run["elapsed"] / (os.cpu_count() or 1) * 100
    print(
        f"\nCPU per submission: gunicorn {per['server']:.1f} ms, PostgreSQL {per['database']:.1f} ms, "
        f"load generator {per['client']:.1f} ms, other processes {per['other']:.1f} ms "
        f"(all {os.cpu_count()} CPUs {busy:.0f}% busy)"
    )
    print("\n| case | submissions | seconds | per second | POST p50 | POST p95 | failed |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| web form through gunicorn | {run['submissions']:,} | {run['elapsed']:.1f} | {web_rate:.0f} "
        f"| {run['post']['p50'] * 1000:.0f} ms | {run['post']['p95'] * 1000:.0f} ms "
        f"| {sum(run['failures'].values())} |"
    )
    print(f"| bare SQL, the same rows | {floor_done:,} | {floor_seconds:.1f} | {floor_rate:.0f} | | | 0 |")
    print(f"\nweb / bare SQL: {web_rate / floor_rate:.2f} (bare SQL is {floor_rate / web_rate:.1f}x faster)")
    hold = statistics.median(held)
    print(
        f"the year's reference counter is locked {hold * 1000:.1f} ms per submission (median of {len(held)}, "
        f"one at a time): at most {1 / hold:.0f} submissions per second through it, on any number of cores"
    )
    if run["failures"]:
        print(f"failed requests (not counted): {run['failures']}")
    verdict = "MET" if web_rate >= TARGET_PER_SECOND else "NOT MET"
    print(f"submissions per second: {web_rate:.0f} — target at least {TARGET_PER_SECOND}: {verdict}")


if __name__ == "__main__":
    main()
