"""The annual complaints report (jaarverslag klachten, Awb 9:12a): figures, register, measures; PDF and XLSX.

:func:`request_report` stores a :class:`ReportRun` and hands it to a Celery
task after the commit; :func:`build` makes it, writing its progress to the
row so the screen can show it. The register lists every *written* complaint
received in the period (Awb 9:12a asks for the written ones) with a summary
that is anonymous by construction: it is made from the department, the
channel, the outcome and the breached norms, never from the complainant's
words. The PDF holds the register up to :data:`PDF_REGISTER_LIMIT` rows (a
council reads a few hundred, not tens of thousands); the XLSX always holds
all of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gehoord.cases.constants import (
    FOUNDED_JUDGEMENTS,
    WRITTEN_CHANNELS,
    Channel,
    Outcome,
    Route,
    Rung,
    Status,
)
from gehoord.cases.models import Complaint, ComplaintPart
from gehoord.core import exports
from gehoord.learning.models import ImprovementMeasure, MeasureStatus
from gehoord.organisation.models import Department, Municipality
from gehoord.reporting.figures import Figures, Period, complaints_for, figures
from gehoord.reporting.models import ReportRun, ReportStatus

if TYPE_CHECKING:
    from gehoord.accounts.models import User

logger = logging.getLogger(__name__)

PDF_REGISTER_LIMIT = 1_000
CHUNK = 5_000


@dataclass(frozen=True)
class RegisterRow:
    reference: str
    received: str
    channel: str
    departments: str
    outcome: str
    in_time: str
    summary: str


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def register(period: Period, department: Department | None = None) -> list[RegisterRow]:
    """The written complaints received in the period, in order of receipt, with anonymous summaries.

    Three flat queries (complaints, their departments, the norms of their
    founded parts) instead of model instances: the register of a large
    municipality has tens of thousands of rows.
    """
    channels, outcomes = _labels(Channel.choices), _labels(Outcome.choices)
    complaints = complaints_for(department).filter(period.within("received_at"), channel__in=WRITTEN_CHANNELS)
    ids = complaints.values("pk")
    departments: dict[int, list[str]] = {}
    through = Complaint.departments.through
    for complaint_id, name in through.objects.filter(complaint_id__in=ids).values_list(
        "complaint_id", "department__name"
    ):
        departments.setdefault(complaint_id, []).append(name)
    norms: dict[int, set[str]] = {}
    founded = ComplaintPart.objects.filter(
        complaint_id__in=ids, judgement__in=FOUNDED_JUDGEMENTS, norms__isnull=False
    )
    for complaint_id, name in founded.values_list("complaint_id", "norms__name"):
        norms.setdefault(complaint_id, set()).add(name)
    zone = timezone.get_current_timezone()
    rows = []
    for pk, reference, received_at, channel, outcome_value, decided_at, decision_due in (
        complaints.order_by("received_at", "pk")
        .values_list("pk", "reference", "received_at", "channel", "outcome", "decided_at", "decision_due")
        .iterator(chunk_size=CHUNK)
    ):
        names = ", ".join(sorted(departments.get(pk, []))) or _("geen afdeling")
        outcome = outcomes.get(outcome_value, "") or _("nog in behandeling")
        summary = _("Klacht over %(departments)s, per %(channel)s; %(outcome)s") % {
            "departments": names,
            "channel": channels[channel].lower(),
            "outcome": outcome.lower(),
        }
        if pk in norms:
            summary += "; " + _("geschonden: %(norms)s") % {"norms": ", ".join(sorted(norms[pk]))}
        in_time = ""
        if decided_at is not None:
            in_time = _("ja") if decided_at.astimezone(zone).date() <= decision_due else _("nee")
        rows.append(
            RegisterRow(
                reference=reference,
                received=f"{received_at.astimezone(zone):%d-%m-%Y}",
                channel=channels[channel],
                departments=names,
                outcome=outcome,
                in_time=in_time,
                summary=summary + ".",
            )
        )
    return rows


def measures_taken(period: Period, department: Department | None = None):
    measures = ImprovementMeasure.objects.filter(period.within("created_at")).select_related("department")
    if department is not None:
        measures = measures.filter(department=department)
    return measures.order_by("department__name", "due_date")


def request_report(*, period: Period, department: Department | None, actor: User) -> ReportRun:
    """Store the request and start making it in the background (after the commit)."""
    from gehoord.reporting.tasks import build_report

    run = ReportRun.objects.create(
        start=period.start, end=period.end, department=department, requested_by=actor
    )
    transaction.on_commit(lambda: build_report.delay(run.pk), robust=True)
    return run


def _progress(run: ReportRun, percent: int, step: str) -> None:
    ReportRun.objects.filter(pk=run.pk).update(progress=percent, step=step, status=ReportStatus.RUNNING)


def _chart_rows(counts: dict[str, int], choices) -> list[tuple[str, int]]:
    labels = _labels(choices)
    return [(labels.get(key, key), value) for key, value in counts.items()]


def _context(result: Figures, rows: list[RegisterRow], total: int, measures) -> dict:
    return {
        "figures": result,
        "municipality": Municipality.load(),
        "register": rows,
        "register_total": total,
        "register_truncated": total > len(rows),
        "measures": measures,
        "open_by_status": _chart_rows(result.open_by_status, Status.choices),
        "intake_by_channel": _chart_rows(result.intake_by_channel, Channel.choices),
        "outcomes": _chart_rows(result.outcomes, Outcome.choices),
        "rungs": _chart_rows(result.rungs, Rung.choices),
        "measures_by_status": _chart_rows(result.measures_by_status, MeasureStatus.choices),
        "lead_times": [(str(label), result.lead_time[route]) for route, label in Route.choices],
        "generated_at": timezone.now(),
    }


def render_pdf(context: dict) -> bytes:
    # WeasyPrint takes a while to import; only processes that render PDFs pay for it.
    from gehoord.core.pdf import html_to_pdf

    return html_to_pdf(render_to_string("reporting/annual_report.html", context))


def render_xlsx(result: Figures, rows: list[RegisterRow], measures) -> bytes:
    summary: list[list[object]] = [
        [_("Periode"), f"{result.period.start:%d-%m-%Y}", f"{result.period.end:%d-%m-%Y}"],
        *([label, value] for label, value in figure_lines(result)),
    ]
    for title, counts, choices in (
        (_("Binnengekomen per kanaal"), result.intake_by_channel, Channel.choices),
        (_("Uitkomsten"), result.outcomes, Outcome.choices),
        (_("Trede van de klachtenladder"), result.rungs, Rung.choices),
        (_("Verbetermaatregelen per status"), result.measures_by_status, MeasureStatus.choices),
    ):
        summary += [[], [title], *([label, value] for label, value in _chart_rows(counts, choices))]
    summary += [
        [],
        [_("Geschonden behoorlijkheidsnormen")],
        *([name, value] for name, value in result.breached_norms),
    ]
    register_header = [
        _("Kenmerk"), _("Ontvangen"), _("Kanaal"), _("Afdeling"), _("Uitkomst"), _("Op tijd beslist"),
        _("Samenvatting"),
    ]  # fmt: skip
    register_rows = (
        [row.reference, row.received, row.channel, row.departments, row.outcome, row.in_time, row.summary]
        for row in rows
    )
    measure_header = [_("Maatregel"), _("Afdeling"), _("Klaar op"), _("Status")]
    measure_rows = (
        [
            measure.description,
            measure.department.name,
            f"{measure.due_date:%d-%m-%Y}",
            measure.get_status_display(),
        ]
        for measure in measures
    )
    # Department names, measure texts and norms are typed by people: exports writes them as text.
    return exports.xlsx_bytes(
        [
            exports.Sheet(_("Cijfers"), summary),
            exports.Sheet(_("Register"), [register_header, *register_rows]),
            exports.Sheet(_("Maatregelen"), [measure_header, *measure_rows]),
        ]
    )


def _days(value: float | None) -> str:
    return f"{value:.1f}".replace(".", ",") if value is not None else "—"


def _percent(value: float | None) -> str:
    return f"{value * 100:.0f}%" if value is not None else "—"


def figure_lines(result: Figures) -> list[tuple[str, object]]:
    """The headline figures as (label, value): the same lines in the PDF and the XLSX."""
    return [
        (_("Ontvangen klachten"), result.received),
        (_("Informeel behandeld"), _percent(result.informal_share)),
        (_("Afgesloten klachten"), result.closed),
        (_("Formeel beslist"), result.decided),
        (_("Beslist binnen de wettelijke termijn"), _percent(result.decided_in_time_share)),
        (
            _("Doorlooptijd informeel, gemiddeld (dagen)"),
            _days(result.lead_time[Route.INFORMAL].average_days),
        ),
        (_("Doorlooptijd informeel, mediaan (dagen)"), _days(result.lead_time[Route.INFORMAL].median_days)),
        (_("Doorlooptijd formeel, gemiddeld (dagen)"), _days(result.lead_time[Route.FORMAL].average_days)),
        (_("Doorlooptijd formeel, mediaan (dagen)"), _days(result.lead_time[Route.FORMAL].median_days)),
        (_("Eerste contact, mediaan (dagen)"), _days(result.first_contact.median_days)),
        (_("Eerste contact binnen de eigen termijn"), _percent(result.first_contact_in_time_share)),
        (_("Naar de ombudsman"), result.ombudsman),
        (_("Bloemenbonnen verstuurd"), result.vouchers_sent),
        (_("Open klachten nu"), sum(result.open_by_status.values())),
        (_("Over de beslistermijn nu"), result.overdue),
        (_("9:8-bericht te laat nu (Awb 9:8 lid 3)"), result.notice_overdue),
    ]


def build(run: ReportRun) -> ReportRun:
    """Make the report's PDF and XLSX, writing progress as it goes; a failure is recorded, not lost."""
    period = Period(run.start, run.end)
    try:
        with translation.override("nl"):
            _progress(run, 5, _("Cijfers berekenen"))
            result = figures(period, run.department)
            _progress(run, 25, _("Register van schriftelijke klachten"))
            rows = register(period, run.department)
            measures = list(measures_taken(period, run.department))
            _progress(run, 45, _("Pdf maken"))
            context = _context(result, rows[:PDF_REGISTER_LIMIT], len(rows), measures)
            pdf = render_pdf({**context, "figure_lines": figure_lines(result)})
            _progress(run, 70, _("Excel-bestand maken"))
            xlsx = render_xlsx(result, rows, measures)
            _progress(run, 95, _("Opslaan"))
            name = f"jaarverslag-klachten-{run.start:%Y%m%d}-{run.end:%Y%m%d}"
            run.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
            run.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
            run.status, run.progress, run.step, run.finished_at = ReportStatus.DONE, 100, "", timezone.now()
            run.save()
    except Exception as error:
        logger.exception("Annual report %s failed", run.pk)
        ReportRun.objects.filter(pk=run.pk).update(
            status=ReportStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:500],
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
    return run
