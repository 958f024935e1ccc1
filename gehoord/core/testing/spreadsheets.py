"""Test helpers: read a CSV or XLSX download and check that no cell can run as a formula."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from gehoord.core.exports import looks_like_formula

# A formula in XLSX is an <f> element inside a cell (ECMA-376, 18.3.1.40); no export writes one.
_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download of gehoord.core.exports (streamed, UTF-8 with BOM, semicolons)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def assert_no_formula_in_csv(rows: list[list[str]]) -> None:
    """Every cell reads as text or a number: none starts like a formula (it carries the quote prefix)."""
    runnable = [cell for row in rows for cell in row if looks_like_formula(cell)]
    assert not runnable, f"cells a spreadsheet would run: {runnable}"


def xlsx_values(content: bytes) -> list[object]:
    """Every cell value of every sheet, after checking that the file holds no formula at all."""
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert not _FORMULA_ELEMENT.search(archive.read(name)), f"a formula in {name}"
    book = load_workbook(io.BytesIO(content))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and looks_like_formula(cell.value):
                    # Excel's own mark for "typed with an apostrophe": stays text when edited.
                    assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate} lacks the quote prefix"
                values.append(cell.value)
    return values
