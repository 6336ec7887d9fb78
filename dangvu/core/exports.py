"""Spreadsheets (.xlsx) that office staff can compute with: numbers are numbers and dates are dates, never
text; a bold, frozen header row; columns wide enough to read. Every export in dangvu goes through here.

    columns = [ExportColumn("Họ và tên"), ExportColumn("Ngày sinh", DATE), ExportColumn("Số đảng viên", INT)]
    content = write_xlsx("Đảng viên", columns, rows)   # rows: iterables of Python values

The sheet is written in openpyxl's write-only mode, so a long list streams through in constant memory; the
column widths are taken from the header and the first rows.
"""

import datetime
import decimal
import io
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

TEXT = "text"
INT = "int"
DECIMAL = "decimal"
DATE = "date"
PERCENT = "percent"  # a number of percent points (50.5), shown as 50,5 with a "%" header hint

NUMBER_FORMATS = {
    INT: "#,##0",
    DECIMAL: "#,##0.0",
    PERCENT: "0.0",
    DATE: "dd/mm/yyyy",
}
MIN_WIDTH = 6
MAX_WIDTH = 60
SAMPLE_ROWS = 200  # rows read ahead to size the columns
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters openpyxl refuses in a cell (control characters other than tab and line breaks).
_ILLEGAL = {i: None for i in itertools.chain(range(0, 9), range(11, 13), range(14, 32))}


@dataclass(frozen=True)
class ExportColumn:
    header: str
    kind: str = TEXT
    width: int | None = None  # in characters; None: from the content


def _cell_value(value, kind: str):
    """The value as the spreadsheet should hold it: a real date or number where the column says so."""
    if value is None or value == "":
        return None
    if kind == DATE:
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None)
        if isinstance(value, datetime.date):
            return value
        raise TypeError(f"date column got {value!r}")
    if kind in (INT, DECIMAL, PERCENT):
        if isinstance(value, bool) or not isinstance(value, int | float | decimal.Decimal):
            raise TypeError(f"number column got {value!r}")
        return float(value) if isinstance(value, decimal.Decimal) else value
    return str(value).translate(_ILLEGAL)


def _shown_length(value, kind: str) -> int:
    if value is None:
        return 0
    if kind == DATE:
        return 10
    if kind in (INT, DECIMAL, PERCENT):
        return len(f"{value:,}") + 1
    return max((len(line) for line in str(value).splitlines()), default=0)


def write_xlsx(title: str, columns: list[ExportColumn], rows: Iterable[Iterable]) -> bytes:
    """One sheet named `title` with a bold frozen header row, then one row per item of `rows`."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    rows = iter(rows)
    sample = [
        [_cell_value(v, c.kind) for v, c in zip(row, columns, strict=True)]
        for row in itertools.islice(rows, SAMPLE_ROWS)
    ]

    for index, column in enumerate(columns, start=1):
        if column.width is not None:
            width = column.width
        else:
            longest = max((_shown_length(row[index - 1], column.kind) for row in sample), default=0)
            width = max(len(column.header), longest) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8EAED")
    header_alignment = Alignment(vertical="center", wrap_text=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = header_alignment
        header.append(cell)
    sheet.append(header)

    def styled(values):
        out = []
        for value, column in zip(values, columns, strict=True):
            fmt = NUMBER_FORMATS.get(column.kind)
            if fmt is None or value is None:
                out.append(value)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = fmt
            out.append(cell)
        return out

    for values in sample:
        sheet.append(styled(values))
    for row in rows:
        sheet.append(styled([_cell_value(v, c.kind) for v, c in zip(row, columns, strict=True)]))

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet")[:31]


def xlsx_response(filename: str, title: str, columns: list[ExportColumn], rows: Iterable[Iterable]):
    """An attachment download of `write_xlsx(...)`; `filename` without the extension."""
    response = HttpResponse(write_xlsx(title, columns, rows), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
