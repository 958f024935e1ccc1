"""Soak test: 10,000 web form submissions while the mail server goes down and comes back, then exactly-once checks.

    .venv/bin/python benchmarks/soak.py [--count N] [--down S] [--up S] [--outages K] [--keep-database]

On a fresh PostgreSQL database of its own (SOAK_DATABASE_URL, default
``postgres://postgres@127.0.0.1:5432/gehoord_soak_bench``, dropped and
created again at the start), it runs the stack as in production: gunicorn
(DEBUG off, W sync workers, the repository's gunicorn.conf.py), a real Celery
worker (``celery -A gehoord worker``, late acknowledgment as configured) and
Celery beat (the letters' safety net, ``deliver_due_letters`` every minute) on
Redis database 10, the rate-limit cache on Redis database 11, and a real SMTP
server (``gehoord.core.testing.smtp_sink``, aiosmtpd in a process of its own,
every accepted message a file in a maildir).

The load generator (_web_load.py) plays citizens who GET the form and POST it
until exactly N submissions have been counted, each with a token of its own
in the description. Meanwhile a controller thread stops the SMTP server (its
process gets SIGTERM) and starts it again on the same port and maildir: up
``--up`` seconds, down ``--down`` seconds, over and over while the load runs
(or ``--outages`` times). Letters that fail are retried by the worker with
the letter's backoff, shortened here with LETTER_RETRY_BASE_SECONDS and
LETTER_RETRY_CAP_SECONDS (``--retry-base``, ``--retry-cap``). After the load,
with the mail server up, it waits until every letter is sent and the broker
holds no task any more.

Then it checks, and exits non-zero when any check fails: no request of the
load generator failed; the complaints grew by exactly N; every token is in
exactly one complaint; every complaint has exactly one acknowledgment, marked
sent, with exactly one "sent" entry on its timeline; and the maildir holds
exactly one acknowledgment message per complaint (matched on the reference in
the subject and the recipient address), none twice, none missing, none else.
Afterwards it stops every process it started and empties both Redis
databases; the soak database and the temporary directory (maildir, logs of
gunicorn, worker and beat) are removed when every check passed and kept for
inspection when one failed (or with --keep-database).
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from _setup import ROOT, setup
from submissions import _check_unused, _redis, _server_env, _start_server, _stop_server

if TYPE_CHECKING:
    from gehoord.core.testing.smtp_sink import SmtpSinkProcess

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gehoord_soak_bench"
BROKER_URL = "redis://127.0.0.1:6379/10"
CACHE_URL = "redis://127.0.0.1:6379/11"
TOKEN = re.compile(r"\(kenmerk ([0-9a-f]{32})\)")
REFERENCE = re.compile(r"K-\d{4}-\d{5}")
ACKNOWLEDGMENT_SUBJECT = "Ontvangstbevestiging van uw klacht"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


# --- the database ---------------------------------------------------------------------------------


def _fresh_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _drop_database(url: str) -> None:
    _fresh_database(url)


# --- the processes --------------------------------------------------------------------------------


def _start_celery(kind: str, env: dict[str, str], log_file: Path, *arguments: str) -> subprocess.Popen:
    command = [str(ROOT / ".venv" / "bin" / "celery"), "-A", "gehoord", kind, *arguments]
    process = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        stdout=log_file.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    if kind == "worker":
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(
                    f"the Celery {kind} stopped at start (exit {process.returncode}); see {log_file}"
                )
            if " ready." in log_file.read_text(errors="replace"):
                return process
            time.sleep(0.3)
        _stop_server(process)
        raise SystemExit(f"the Celery worker was not ready within 90 s; see {log_file}")
    return process


class Outages(threading.Thread):
    """Stops the SMTP server for `down` seconds after every `up` seconds, until told to stop."""

    def __init__(self, sink: SmtpSinkProcess, up: float, down: float, limit: int) -> None:
        super().__init__(daemon=True)
        self.sink, self.up, self.down, self.limit = sink, up, down, limit
        self.finished = threading.Event()
        self.periods: list[tuple[float, float]] = []

    def run(self) -> None:
        while not self.finished.wait(self.up):
            if self.limit and len(self.periods) >= self.limit:
                return
            stopped = time.monotonic()
            self.sink.stop()
            log(f"mail server DOWN (outage {len(self.periods) + 1})")
            self.finished.wait(self.down)
            self.sink.start()
            self.periods.append((stopped, time.monotonic()))
            log(f"mail server UP after {self.periods[-1][1] - stopped:.1f} s")

    def stop(self) -> None:
        self.finished.set()
        self.join()

    @property
    def seconds_down(self) -> float:
        return sum(end - start for start, end in self.periods)


# --- waiting for the outbox -----------------------------------------------------------------------


def _letter_counts(conn) -> tuple[int, int, int]:
    """(letters, sent, retrying): retrying are queued ones with a failed attempt behind them."""
    return conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE status = 'sent'),"
        " count(*) FILTER (WHERE status = 'queued' AND attempts > 0) FROM correspondence_letter"
    ).fetchone()


def _broker_idle(broker) -> bool:
    """No task waiting on the queue, and none held by the worker (reserved, or waiting for its countdown)."""
    return broker.llen("celery") == 0 and broker.hlen("unacked") == 0


def _drain(conn, broker, timeout: float) -> float | None:
    """Seconds until every letter is sent and the broker is idle; None after `timeout`."""
    started = time.monotonic()
    last_report = 0.0
    while True:
        letters, sent, retrying = _letter_counts(conn)
        waited = time.monotonic() - started
        if sent == letters and _broker_idle(broker):
            return waited
        if waited > timeout:
            return None
        if waited - last_report >= 10:
            last_report = waited
            log(
                f"outbox: {sent:,} of {letters:,} letters sent, {retrying:,} waiting for a retry,"
                f" {broker.llen('celery'):,} tasks queued, {broker.hlen('unacked'):,} held by the worker"
            )
        time.sleep(1)


# --- the checks -----------------------------------------------------------------------------------


def _maildir_messages(maildir: Path) -> list[tuple[str, str, str]]:
    """(recipient, subject, reference in the subject) of every message the SMTP server accepted."""
    found = []
    for path in sorted(maildir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        subject = str(message["Subject"] or "")
        reference = REFERENCE.search(subject)
        found.append((str(message["To"] or "").lower(), subject, reference[0] if reference else ""))
    return found


def _check(conn, submitted: list[tuple[str, str]], count: int, maildir: Path) -> tuple[list[str], dict]:
    """Every check of the soak: (the failures, the figures)."""
    problems: list[str] = []
    complaints = conn.execute(
        "SELECT c.id, c.reference, lower(p.email), c.description"
        " FROM cases_complaint c JOIN cases_complainant p ON p.id = c.complainant_id"
    ).fetchall()
    if len(complaints) != count:
        problems.append(f"{len(complaints):,} complaints stored, expected {count:,}")
    if len(submitted) != count:
        problems.append(f"the load generator counted {len(submitted):,} submissions, expected {count:,}")

    stored = Counter(match[1] for *_rest, description in complaints if (match := TOKEN.search(description)))
    tokens = Counter(token for token, _address in submitted)
    duplicated_tokens = [t for t, n in stored.items() if n > 1]
    missing_tokens = [t for t in tokens if stored[t] == 0]
    unknown_tokens = [t for t in stored if t not in tokens]
    if duplicated_tokens:
        problems.append(f"{len(duplicated_tokens):,} submissions stored more than once")
    if missing_tokens:
        problems.append(f"{len(missing_tokens):,} counted submissions not stored")
    if unknown_tokens:
        problems.append(f"{len(unknown_tokens):,} complaints stored that the load generator did not count")
    if sum(tokens.values()) != len(tokens):
        problems.append("the load generator used a token twice")

    letters = conn.execute(
        "SELECT l.id, l.complaint_id, l.kind, l.status, l.attempts, lower(l.recipient_email),"
        " (SELECT count(*) FROM cases_complaintevent e WHERE e.complaint_id = l.complaint_id"
        "   AND e.kind = 'letter' AND (e.data->>'letter')::int = l.id)"
        " FROM correspondence_letter l"
    ).fetchall()
    acknowledgments = Counter(
        complaint for _id, complaint, kind, *_rest in letters if kind == "acknowledgment"
    )
    other_letters = [row for row in letters if row[2] != "acknowledgment"]
    without = [c for c, *_rest in complaints if acknowledgments[c] == 0]
    twice = [c for c, n in acknowledgments.items() if n > 1]
    not_sent = [row for row in letters if row[3] != "sent"]
    events_wrong = [row for row in letters if row[6] != 1]
    if without:
        problems.append(f"{len(without):,} complaints without an acknowledgment letter")
    if twice:
        problems.append(f"{len(twice):,} complaints with more than one acknowledgment letter")
    if other_letters:
        problems.append(f"{len(other_letters):,} letters of another kind")
    if not_sent:
        problems.append(f"{len(not_sent):,} letters not marked sent: {Counter(row[3] for row in not_sent)}")
    if events_wrong:
        problems.append(f"{len(events_wrong):,} letters without exactly one 'sent' entry on the timeline")

    by_reference = {reference: address for _id, reference, address, _description in complaints}
    messages = _maildir_messages(maildir)
    received = Counter(reference for _to, _subject, reference in messages)
    mail_twice = {reference: n for reference, n in received.items() if n > 1 and reference in by_reference}
    mail_missing = [reference for reference in by_reference if received[reference] == 0]
    mail_unknown = [m for m in messages if m[2] not in by_reference]
    misaddressed = [m for m in messages if m[2] in by_reference and m[0] != by_reference[m[2]]]
    not_acknowledgment = [m for m in messages if not m[1].startswith(ACKNOWLEDGMENT_SUBJECT)]
    if mail_twice:
        problems.append(
            f"{len(mail_twice):,} acknowledgments delivered more than once"
            f" ({sum(mail_twice.values()) - len(mail_twice):,} extra messages), e.g. {sorted(mail_twice)[:5]}"
        )
    if mail_missing:
        problems.append(f"{len(mail_missing):,} acknowledgments not in the maildir, e.g. {mail_missing[:5]}")
    if mail_unknown:
        problems.append(f"{len(mail_unknown):,} messages for no stored complaint")
    if misaddressed:
        problems.append(f"{len(misaddressed):,} messages to another address than the complainant's")
    if not_acknowledgment:
        problems.append(f"{len(not_acknowledgment):,} messages that are not an acknowledgment")

    attempts = [row[4] for row in letters]
    figures = {
        "complaints": len(complaints),
        "letters": len(letters),
        "sent": len(letters) - len(not_sent),
        "messages": len(messages),
        "duplicates": len(duplicated_tokens) + len(twice) + sum(n - 1 for n in mail_twice.values()),
        "missing": len(missing_tokens) + len(without) + len(mail_missing),
        "letters_retried": sum(1 for a in attempts if a > 1),
        "failed_attempts": sum(a - 1 for a in attempts if a > 0),
        "max_attempts": max(attempts, default=0),
    }
    return problems, figures


def _interrupted(number: int, _frame) -> None:
    raise SystemExit(f"stopped by signal {number}")


# --- main -----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--count", type=int, default=10_000, help="submissions to make (10,000)")
    parser.add_argument("--clients", type=int, default=6, help="concurrent citizens (6)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--concurrency", type=int, default=4, help="Celery worker processes (4)")
    parser.add_argument(
        "--up", type=float, default=30, help="seconds the mail server is up between outages (30)"
    )
    parser.add_argument("--down", type=float, default=20, help="seconds each outage lasts (20)")
    parser.add_argument(
        "--outages", type=int, default=0, help="at most this many outages (0: while the load runs)"
    )
    parser.add_argument("--retry-base", type=int, default=5, help="LETTER_RETRY_BASE_SECONDS (5)")
    parser.add_argument("--retry-cap", type=int, default=60, help="LETTER_RETRY_CAP_SECONDS (60)")
    parser.add_argument(
        "--drain-timeout", type=float, default=3600, help="seconds to wait for the outbox (3600)"
    )
    parser.add_argument("--no-beat", action="store_true", help="run no Celery beat (no safety net)")
    parser.add_argument("--keep-database", action="store_true", help="keep the soak database afterwards")
    args = parser.parse_args()
    # Stopped early (SIGTERM, or Ctrl-C also when started in the background), it still cleans up.
    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, _interrupted)

    url = os.environ.get("SOAK_DATABASE_URL", DEFAULT_URL)
    broker, cache = _redis(BROKER_URL), _redis(CACHE_URL)
    for client in (broker, cache):
        _check_unused(client)
    _fresh_database(url)
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "soak-only-" + os.urandom(16).hex())
    os.environ.setdefault("CACHE_URL", CACHE_URL)
    setup()

    import psycopg

    from gehoord.core.testing.smtp_sink import SmtpSinkProcess, free_port

    work = Path(tempfile.mkdtemp(prefix="gehoord-soak-"))
    maildir, tokens_file = work / "maildir", work / "tokens.txt"
    smtp_port = free_port()
    extra = {
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "MEDIA_ROOT": str(work / "media"),
        "LETTER_RETRY_BASE_SECONDS": str(args.retry_base),
        "LETTER_RETRY_CAP_SECONDS": str(args.retry_cap),
    }
    sink = SmtpSinkProcess(smtp_port, maildir)
    processes: list[subprocess.Popen] = []
    outages: Outages | None = None
    failed = True
    try:
        sink.start()
        server, port, config = _start_server(
            url, args.workers, work / "gunicorn.log", broker_url=BROKER_URL, cache_url=CACHE_URL, extra=extra
        )
        processes.append(server)
        env = _server_env(url, port, broker_url=BROKER_URL, cache_url=CACHE_URL, extra=extra)
        worker = [
            "--concurrency",
            str(args.concurrency),
            "--without-gossip",
            "--without-mingle",
            "-n",
            "soak@%h",
            "-Q",
            "celery",
        ]
        processes.append(_start_celery("worker", env, work / "worker.log", *worker))
        if not args.no_beat:
            # Beat's tasks (the letters' safety net among them) have their own queue and worker, as in production.
            periodic = [
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "-n",
                "periodic@%h",
                "-Q",
                "periodic",
            ]
            processes.append(_start_celery("worker", env, work / "periodic-worker.log", *periodic))
            processes.append(_start_celery("beat", env, work / "beat.log", "-s", str(work / "beat-schedule")))
        log(
            f"gunicorn ({config}, {args.workers} workers) on :{port}, Celery worker ({args.concurrency} processes)"
            f"{'' if args.no_beat else ' and beat'} on {BROKER_URL}, SMTP server on :{smtp_port};"
            f" files in {work}"
        )
        log(
            f"{args.count:,} submissions by {args.clients} citizens; mail server up {args.up:.0f} s,"
            f" down {args.down:.0f} s{f', {args.outages} times' if args.outages else ', while the load runs'}"
        )

        with psycopg.connect(url, autocommit=True) as conn:
            before = conn.execute("SELECT count(*) FROM cases_complaint").fetchone()[0]
            outages = Outages(sink, args.up, args.down, args.outages)
            outages.start()
            started = time.monotonic()
            finished = subprocess.run(  # noqa: S603
                [
                    sys.executable, str(ROOT / "benchmarks" / "_web_load.py"),
                    "--port", str(port), "--clients", str(args.clients), "--count", str(args.count),
                    "--tokens-file", str(tokens_file), "--max-failures", str(max(100, args.count // 100)),
                ],
                stdout=subprocess.PIPE, text=True, check=False,
            )  # fmt: skip
            load_seconds = time.monotonic() - started
            outages.stop()
            if sink.process is None:
                sink.start()
            log(f"load done in {load_seconds:.0f} s; mail server up")
            if finished.returncode:
                raise SystemExit(f"the load generator failed (exit {finished.returncode})")
            load = json.loads(finished.stdout)
            submitted = [tuple(line.split()) for line in tokens_file.read_text().splitlines()]

            sent_at_load_end = _letter_counts(conn)[1]
            drained = _drain(conn, broker, args.drain_timeout)
            if drained is None:
                log(f"the outbox did not drain within {args.drain_timeout:.0f} s")
            else:
                log(f"outbox drained {drained:.0f} s after the load")
            problems, figures = _check(conn, submitted, before + args.count, maildir)
        failures = sum(load["failures"].values())
        if failures:
            problems.insert(0, f"{failures:,} failed requests: {load['failures']}")
        if drained is None:
            problems.insert(0, f"the outbox did not drain within {args.drain_timeout:.0f} s")
        failed = bool(problems)
    finally:
        if outages is not None and outages.is_alive():
            outages.stop()
        for process in reversed(processes):
            _stop_server(process)
        sink.stop()
        broker.flushdb()
        cache.flushdb()
        if failed or args.keep_database:
            print(f"the soak database is kept: {url}; files (maildir, logs) in {work}")
        else:
            _drop_database(url)
            shutil.rmtree(work)

    periods = outages.periods
    print("\n| figure | value |\n| --- | --- |")
    rows = [
        (
            "submissions",
            f"{figures['complaints']:,} in {load_seconds:.0f} s ({len(submitted) / load_seconds:.1f}/s)",
        ),
        ("POST p50 / p95", f"{load['post']['p50'] * 1000:.0f} ms / {load['post']['p95'] * 1000:.0f} ms"),
        ("failed requests", f"{failures:,}"),
        ("mail outages", f"{len(periods)}, {outages.seconds_down:.0f} s down in all"),
        ("letters sent while the load ran", f"{sent_at_load_end:,}"),
        (
            "letters retried",
            f"{figures['letters_retried']:,} ({figures['failed_attempts']:,} failed attempts,"
            f" at most {figures['max_attempts']} attempts for one letter)",
        ),
        (
            "outbox drained after the load",
            "not within the timeout" if drained is None else f"{drained:.0f} s",
        ),
        ("letters sent / messages in the maildir", f"{figures['sent']:,} / {figures['messages']:,}"),
        ("duplicates / missing", f"{figures['duplicates']} / {figures['missing']}"),
    ]
    for name, value in rows:
        print(f"| {name} | {value} |")
    if problems:
        print("\nFAILED:\n" + "\n".join(f"- {p}" for p in problems))
        raise SystemExit(1)
    print(
        f"\nOK: {figures['complaints']:,} complaints, each stored once with one acknowledgment sent once;"
        " no request failed."
    )


if __name__ == "__main__":
    main()
