"""Benchmark: the annual report (PDF and XLSX) on PostgreSQL with 1,000,000 complaints (target: under 30 s).

    .venv/bin/python benchmarks/annual_report.py [--complaints N]

Loads the complaints once (see bulk_load.py), then makes last year's report the
way the background task does (gehoord.reporting.annual.build) and reports the
time of each step as the progress column records it, and the sizes of the files.
"""

from __future__ import annotations

import argparse
import itertools
import time

from _setup import ensure_complaints, setup

TARGET_SECONDS = 30.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    args = parser.parse_args()
    setup()
    ensure_complaints(args.complaints)

    import datetime as dt

    from gehoord.cases.constants import WRITTEN_CHANNELS
    from gehoord.cases.tests import factories
    from gehoord.reporting import annual
    from gehoord.reporting.figures import Period
    from gehoord.reporting.models import ReportRun, ReportStatus

    year = dt.date.today().year - 1
    period = Period.year(year)
    coordinator = factories.coordinator(username=f"bench-{time.time_ns()}")
    run = ReportRun.objects.create(start=period.start, end=period.end, requested_by=coordinator)

    steps: list[tuple[str, float]] = []
    original = annual._progress

    def timed_progress(report, percent, step):
        steps.append((step, time.perf_counter()))
        original(report, percent, step)

    annual._progress = timed_progress
    started = time.perf_counter()
    run = annual.build(run)
    total = time.perf_counter() - started
    assert run.status == ReportStatus.DONE, run.error
    written = (
        annual.complaints_for(None).filter(period.within("received_at"), channel__in=WRITTEN_CHANNELS).count()
    )

    print(f"\nannual report {year}: {written:,} written complaints in the register")
    print("| step | seconds |")
    print("| --- | --- |")
    marks = [*steps, ("(done)", started + total)]
    for (step, at), (_next, until) in itertools.pairwise(marks):
        print(f"| {step} | {until - at:.1f} |")
    print(f"| **total** | **{total:.1f}** |")
    print(f"\nPDF {run.pdf.size / 1e6:.1f} MB, XLSX {run.xlsx.size / 1e6:.1f} MB")
    verdict = "MET" if total < TARGET_SECONDS else "NOT MET"
    print(f"total {total:.1f} s — target under {TARGET_SECONDS:.0f} s: {verdict}")
    run.pdf.delete()
    run.xlsx.delete()
    run.delete()
    coordinator.delete()


if __name__ == "__main__":
    main()
