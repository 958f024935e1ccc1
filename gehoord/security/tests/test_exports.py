"""Every CSV and XLSX export: text typed by a citizen or an employee never runs as a formula.

A complainant's street `=cmd|' /C calc'!A0`, a measure `=HYPERLINK(…)`, a
handle `@…`, a survey answer with a tab or spaces before the `=`: each export
is downloaded as the coordinator and opened the way a spreadsheet would. A CSV
cell that looks like a formula must carry the quote prefix; an XLSX file must
hold no formula element at all and give the text back exactly as typed.
A last test keeps the list complete: a module that writes an export and is not
in EXPORTS fails the suite.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import pytest
from django.urls import resolve, reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from gehoord.accounts.testing import login_staff
from gehoord.audit.models import Action as AuditAction
from gehoord.audit.models import ActorKind, AuditEntry
from gehoord.cases import lifecycle
from gehoord.cases.constants import Judgement, RetentionResult, Status
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.core.testing.spreadsheets import assert_no_formula_in_csv, csv_rows, xlsx_values
from gehoord.learning.models import ImprovementMeasure
from gehoord.reporting import annual
from gehoord.reporting.figures import Period
from gehoord.reporting.models import ReportRun
from gehoord.security.tests.test_arbitrary_input import fuzz, query_string
from gehoord.social.tests.factories import SocialSignalFactory
from gehoord.surveys.models import Question, QuestionKind, SurveyAnswer, SurveyResponse
from gehoord.vouchers import services as vouchers
from gehoord.vouchers.tests.test_vouchers import decide

pytestmark = pytest.mark.django_db

# What people type, each starting as a spreadsheet formula would (OWASP's list, and after spaces).
STREET = "=cmd|' /C calc'!A0"
MEASURE = '=HYPERLINK("http://kwaad.example","Klik hier")'
DEPARTMENT = "+SUM(1;1) Burgerzaken"
HANDLER_FIRST_NAME = "-2+3"
CITY = "  =1+1"
SIGNAL_TEXT = "\t=1+1 de gemeente"
SIGNAL_HANDLE = "@boze_burger"
SURVEY_ANSWER = "\r=2+2"
ACTOR_LABEL = "@import"


@dataclass(frozen=True)
class Export:
    module: str  # the module whose code writes the export
    url: str
    typed: tuple[str, ...]  # the formulas above that this export carries


@pytest.fixture
def exports(coordinator) -> list[Export]:
    department = factories.DepartmentFactory(name=DEPARTMENT, code="bz")
    handler = factories.handler(first_name=HANDLER_FIRST_NAME, last_name="Behandelaar")
    decided = decide(
        coordinator,
        [Judgement.FOUNDED],
        street_address=STREET,
        postal_code="2641 AA",
        city=CITY,
        first_name="Els",
        last_name="Klager",
    )
    decided.departments.add(department)
    batch = vouchers.create_batch(actor=coordinator)
    open_complaint = factories.make_complaint(departments=[department])
    lifecycle.perform(open_complaint, "start_triage", actor=coordinator)
    lifecycle.assign_handler(open_complaint, handler, actor=coordinator)
    measure = ImprovementMeasure.objects.create(
        description=MEASURE,
        department=department,
        responsible=handler,
        due_date=timezone.localdate(),
        created_by=coordinator,
    )
    measure.complaints.add(open_complaint)
    SocialSignalFactory(text=SIGNAL_TEXT, author_handle=SIGNAL_HANDLE)
    response = SurveyResponse.objects.create(quarter="2026-K1", route=decided.route)
    question = Question.objects.filter(kind=QuestionKind.OPEN).first() or Question.objects.create(
        text="Wat kan beter?", kind=QuestionKind.OPEN, position=99
    )
    response.departments.add(department)
    SurveyAnswer.objects.create(response=response, question=question, text=SURVEY_ANSWER)
    Complaint.objects.filter(pk=decided.pk).update(
        status=Status.CLOSED, closed_at=timezone.now(), retention_result=RetentionResult.PERMANENT
    )
    AuditEntry.objects.create(actor_label=ACTOR_LABEL, actor_kind=ActorKind.STAFF, action=AuditAction.VIEW)
    today = timezone.localdate()
    run = annual.build(
        ReportRun.objects.create(
            start=Period.year(today.year).start, end=Period.year(today.year).end, requested_by=coordinator
        )
    )
    return [
        Export(
            "gehoord.cases.views",
            reverse("cases:list") + "?status=all&formaat=csv",
            (DEPARTMENT, f"{HANDLER_FIRST_NAME} Behandelaar"),
        ),
        Export("gehoord.learning.views", reverse("learning:list") + "?formaat=csv", (MEASURE, DEPARTMENT)),
        Export(
            "gehoord.social.views", reverse("social:queue") + "?formaat=csv", (SIGNAL_TEXT, SIGNAL_HANDLE)
        ),
        Export("gehoord.vouchers.views", reverse("vouchers:export", args=[batch.pk, "csv"]), (STREET, CITY)),
        Export("gehoord.vouchers.views", reverse("vouchers:export", args=[batch.pk, "xlsx"]), (STREET, CITY)),
        Export("gehoord.surveys.views", reverse("surveys:export"), (SURVEY_ANSWER, DEPARTMENT)),
        Export("gehoord.privacy.views", reverse("privacy:transfer_list") + "?formaat=csv", ()),
        Export("gehoord.audit.admin", reverse("admin:audit_auditentry_export"), (ACTOR_LABEL,)),
        Export(
            "gehoord.reporting.annual",
            reverse("annual_report_file", args=[run.pk, "xlsx"]),
            (MEASURE, DEPARTMENT),
        ),
    ]


def test_no_export_carries_a_formula(client, coordinator, exports):
    coordinator.is_staff = coordinator.is_superuser = True  # the audit trail's export is in the admin
    coordinator.save()
    login_staff(client, coordinator)

    for export in exports:
        response = client.get(export.url)
        assert response.status_code == 200, export.url
        if export.url.endswith("xlsx"):
            content = b"".join(response.streaming_content) if response.streaming else response.content
            values = xlsx_values(content)
            for typed in export.typed:
                assert typed in values, (export.url, typed)
        else:
            rows = csv_rows(response)
            assert_no_formula_in_csv(rows)
            cells = [cell for row in rows for cell in row]
            for typed in export.typed:
                assert f"'{typed}" in cells, (export.url, typed)


def test_the_list_of_exports_is_complete(exports):
    """Every module that writes a CSV or XLSX through gehoord.core.exports has an export above."""
    root = Path(__file__).resolve().parents[2]
    writes = re.compile(r"\b(?:csv_response|xlsx_response|xlsx_bytes)\(")
    writers = {
        ".".join(path.relative_to(root.parent).with_suffix("").parts)
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "testing" not in path.parts and writes.search(path.read_text())
    }
    writers.discard("gehoord.core.exports")
    covered = {export.module for export in exports}
    # The annual report's file is written by gehoord.reporting.annual and served by its view.
    assert resolve(next(e.url for e in exports if e.module.endswith("annual"))).func.__module__ == (
        "gehoord.reporting.views"
    )
    assert writers == covered


def test_a_csv_without_the_defence_would_be_caught(exports):
    """The check itself bites: a cell as it was typed is a formula for a spreadsheet."""
    with pytest.raises(AssertionError):
        assert_no_formula_in_csv([["Kenmerk", STREET]])
    with pytest.raises(AssertionError):
        assert_no_formula_in_csv([[SIGNAL_TEXT]])


def test_the_annual_report_keeps_its_figures_as_numbers(coordinator, exports):
    run = ReportRun.objects.latest("pk")
    values = xlsx_values(run.xlsx.read())
    received_at = values.index("Ontvangen klachten")
    assert isinstance(values[received_at + 1], int)


def test_dates_and_moments_stay_dates(coordinator):
    from gehoord.core.exports import Sheet, xlsx_bytes

    moment = timezone.make_aware(dt.datetime(2026, 3, 31, 12, 0))
    values = xlsx_values(xlsx_bytes([Sheet("x", [[moment, dt.date(2026, 3, 31), 1.5, None, True]])]))
    assert values[0] == dt.datetime(2026, 3, 31, 12, 0)  # local time, as the municipality reads it
    assert values[1:] == [dt.datetime(2026, 3, 31), 1.5, None, True]


# --- Odd parameters on every export: ignored or a 400, never a server error ----------------------

# Numbers that are digits to str.isdigit() but not to int() ("²"), digits of another script
# ("٣"), signs, NUL characters, unknown keys and the admin's own list parameters.
ODD_PARAMETERS = [
    {"page": "²"}, {"page": "-1"}, {"page": "٣"}, {"page": "1e3"}, {"pagina": "²"}, {"pagina": "-1"},
    {"pagina": "99999999999999999999999"}, {"sort": "\x00"}, {"sort": "-"}, {"status": "\x00"},
    {"status": ["open", "²"]}, {"q": "\x00"}, {"q": "K-2026-0000\x00"}, {"q": "²"}, {"onbekend": "x"},
    {"formaat": "xlsx"}, {"formaat": ["csv", "pdf"]}, {"department": "²"}, {"department": "\x00"},
    {"handler": "²"}, {"handler": "٣"}, {"overdue": "\x00"}, {"mine": "²"}, {"start": "²"},
    {"o": "²"}, {"o": "-99.x"}, {"p": "²"}, {"e": "1"}, {"at__gte": "gisteren"}, {"at__lt": "²"},
    {"action": "\x00"}, {"action__exact": "²"}, {"actor_kind__exact": "\x00"}, {"foo__bar": "1"},
    {"complaint_reference": "\x00"}, {"all": ""}, {"_changelist_filters": "\x00"}, {"q": "x", "p": "-1"},
]  # fmt: skip


def pages(exports: list[Export]) -> list[tuple[str, dict[str, str]]]:
    """Each export as (path, parameters), and the list it is a download of (the same view, on screen)."""
    found = []
    for export in exports:
        path, _, query = export.url.partition("?")
        parameters = dict(parse_qsl(query))
        found.append((path, parameters))
        if parameters.pop("formaat", None):
            found.append((path, parameters))
    return found


def test_odd_parameters_on_every_export_are_never_a_server_error(client, coordinator, exports):
    coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save()
    login_staff(client, coordinator)

    for path, parameters in pages(exports):
        for odd in ODD_PARAMETERS:
            # The test client raises a view's exception: a crash fails here with its traceback.
            response = client.get(path, {**parameters, **odd})
            assert response.status_code in (200, 400), (path, odd, response.status_code)


# Known names and any others, with arbitrary values (test_arbitrary_input's strategies).
NAMES = sorted({name for odd in ODD_PARAMETERS for name in odd})


@fuzz(60)
@given(data=st.data())
def test_arbitrary_query_strings_on_every_export_are_never_a_server_error(client, coordinator, exports, data):
    coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save()
    login_staff(client, coordinator)
    path, parameters = data.draw(st.sampled_from(pages(exports)), label="export")
    query = data.draw(query_string(NAMES), label="query")
    known = urlencode(parameters)

    response = client.get(f"{path}?{known}&{query}" if known else f"{path}?{query}")

    assert response.status_code in (200, 400), response.status_code
