"""CSV and XLSX downloads: the same rows as on screen, Excel-ready, no formula injection.

Every export through the views, with typed formulas, is in gehoord/security/tests/test_exports.py.
"""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases.tests import factories
from gehoord.core.exports import Sheet, csv_cell, csv_response, xlsx_bytes
from gehoord.core.testing.spreadsheets import xlsx_values
from gehoord.learning.models import ImprovementMeasure
from gehoord.social.tests.factories import SocialSignalFactory

pytestmark = pytest.mark.django_db


def read(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the encoding from it
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_a_value_that_looks_like_a_formula_is_defused():
    rows = read(csv_response("x", ["a", "b"], [['=HYPERLINK("http://kwaad")', "-3"], ["gewoon", 5]]))

    assert rows == [["a", "b"], ['\'=HYPERLINK("http://kwaad")', "'-3"], ["gewoon", "5"]]


@pytest.mark.parametrize(
    "typed",
    ["=1+1", "+31 6 1234", "-2", "@SUM(A1)", "\t=1", "\r=1", "\tgewoon", " =1+1", "\n\n@x", "\u3000=1"],
)
def test_a_csv_cell_that_a_spreadsheet_would_run_gets_the_quote_prefix(typed):
    assert csv_cell(typed) == "'" + typed


@pytest.mark.parametrize("value", ["gewoon", "a=b", "e-mail", "", " tekst", "'=al veilig"])
def test_other_text_is_left_as_it_is(value):
    assert csv_cell(value) == value


def test_numbers_stay_numbers_and_other_values_become_text():
    from decimal import Decimal

    from django.utils.translation import gettext_lazy

    assert [csv_cell(value) for value in (-3, 2.5, Decimal("-1.50"), None)] == [-3, 2.5, Decimal("-1.50"), ""]
    # A lazy text or any other object is text like the rest: checked after turning it into one.
    assert csv_cell(gettext_lazy("=nee")) == "'=nee"
    assert csv_cell(type("Afdeling", (), {"__str__": lambda self: "@afdeling"})()) == "'@afdeling"


def test_an_xlsx_holds_every_text_as_text():
    content = xlsx_bytes(
        [Sheet("Blad", [["=cmd|' /C calc'!A0", "#N/A", " =1", "a\x00b\x1bc", "+31 6", 7, "gewoon"]])]
    )

    # xlsx_values also fails on any formula element in the file.
    assert xlsx_values(content) == ["=cmd|' /C calc'!A0", "#N/A", " =1", "abc", "+31 6", 7, "gewoon"]


def test_an_xlsx_with_the_quote_prefix_only_where_needed():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx_bytes([Sheet("Blad", [["=1", "gewoon", "#REF!"]])]))).active

    assert [(cell.data_type, cell.quotePrefix) for cell in sheet[1]] == [
        ("s", True),
        ("s", False),
        ("s", False),
    ]


def test_the_inbox_exports_what_its_filters_show(client, coordinator):
    phoned = factories.make_complaint(channel="phone")
    factories.make_complaint(channel="email")
    login_staff(client, coordinator)

    rows = read(client.get(reverse("cases:list"), {"channel": "phone", "formaat": "csv"}))

    assert rows[0][:3] == ["Kenmerk", "Ontvangen", "Kanaal"]
    assert [row[0] for row in rows[1:]] == [phoned.reference]
    assert phoned.complainant.last_name not in str(rows)  # no personal data of the complainant


def test_the_inbox_export_respects_who_may_see_what(client, handler):
    factories.make_complaint()
    login_staff(client, handler)

    assert read(client.get(reverse("cases:list"), {"formaat": "csv"}))[1:] == []


def test_the_measures_register_exports_its_filter(client, coordinator):
    department = factories.DepartmentFactory(name="Burgerzaken", code="bz")
    for description, due in (("Te laat", -1), ("Op tijd", 10)):
        ImprovementMeasure.objects.create(
            description=description,
            department=department,
            responsible=coordinator,
            due_date=timezone.localdate() + dt.timedelta(days=due),
            created_by=coordinator,
        )
    login_staff(client, coordinator)

    rows = read(client.get(reverse("learning:list"), {"overdue": "on", "formaat": "csv"}))

    assert [row[0] for row in rows[1:]] == ["Te laat"]
    assert rows[1][5] == "ja"


def test_the_signals_queue_exports_its_status(client, coordinator):
    SocialSignalFactory(text="Open signaal")
    SocialSignalFactory(text="Afgehandeld", status="dismissed")
    login_staff(client, coordinator)

    rows = read(client.get(reverse("social:queue"), {"status": "open", "formaat": "csv"}))

    assert [row[3] for row in rows[1:]] == ["Open signaal"]
