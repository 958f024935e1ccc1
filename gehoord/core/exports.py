"""Downloads of lists as CSV and XLSX: one format, and one defence against formulas, everywhere.

Every export of the application (the inbox, the measures register, the social
signals, the flower voucher order lists, the survey answers, the archive
transfer list, the audit trail, the annual report) writes its cells through
this module, so that a value typed by a citizen or an employee can never run as
a spreadsheet formula (CSV/formula injection: `=cmd|' /C calc'!A0` as a street
name, `=HYPERLINK("http://…","…")` as a measure).

A value "looks like a formula" when it starts with = + - @, a tab or a carriage
return, also after leading whitespace (a spreadsheet ignores the spaces).

- **CSV** knows no types: the spreadsheet guesses them, so such a value gets a
  leading apostrophe, the quote prefix that spreadsheets read as "this is text"
  (the OWASP advice). The apostrophe shows; the formula does not run.
- **XLSX** stores a cell's type in the file: a formula is a separate `<f>`
  element that only a cell of type "f" gets. openpyxl makes any text starting
  with "=" such a cell, and "#N/A" an error cell. Here every text is written as
  a text cell, whatever it starts with, so no text from the database can ever
  become a formula; the value stays exactly as typed (the florist gets the real
  street name, not one with an apostrophe). A value that looks like a formula
  also gets the cell style's quotePrefix, which is what Excel itself stores for
  a typed `'=…`: the cell stays text when someone edits it and presses Enter.
  Characters that XLSX cannot hold (control characters) are left out instead
  of failing the whole export.

CSV is semicolon-separated UTF-8 with a byte order mark, so that Excel with
Dutch settings opens the file as it should.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@")
_LAYOUT_START = ("\t", "\r")
# An XLSX cell holds at most this many characters (Excel's limit; openpyxl cuts silently).
_XLSX_CELL_MAX = 32_767
# Written as they are: a spreadsheet reads them as numbers, which they are.
_NUMBERS = (int, float, Decimal)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would run `text` as a formula (or as the start of one)."""
    return text.startswith(_LAYOUT_START) or text.lstrip().startswith(_FORMULA_START)


def csv_cell(value: object) -> object:
    """`value` as a CSV cell: numbers as numbers, everything else as text that cannot run."""
    if value is None:
        return ""
    if isinstance(value, _NUMBERS) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if looks_like_formula(text) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    """Stream `rows` under `header` as a CSV download named `filename` (without extension)."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff"
        yield writer.writerow([csv_cell(column) for column in header])
        for row in rows:
            yield writer.writerow([csv_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a title (at most 31 characters, Excel's limit) and its rows, header first."""

    title: str
    rows: Iterable[Sequence[object]]


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The workbook with `sheets`, every text a text cell (see the module's docstring)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(str(sheet.title)[:31])
        for row in sheet.rows:
            worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def xlsx_response(filename: str, sheets: Iterable[Sheet]) -> HttpResponse:
    """`sheets` as an XLSX download named `filename` (without extension)."""
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _xlsx_cell(worksheet, value: object):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or (isinstance(value, _NUMBERS) and not isinstance(value, bool)):
        return WriteOnlyCell(worksheet, value)
    if isinstance(value, dt.datetime):
        # XLSX knows no time zones: the moment as the municipality's clock shows it.
        return WriteOnlyCell(
            worksheet, timezone.localtime(value).replace(tzinfo=None) if value.tzinfo else value
        )
    if isinstance(value, dt.date | dt.time | bool):
        return WriteOnlyCell(worksheet, value)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(worksheet, text[:_XLSX_CELL_MAX])
    # openpyxl typed it a formula ("=…") or an error ("#N/A"); it is the text that was typed.
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell
