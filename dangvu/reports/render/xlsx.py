"""The report as a workbook: a first sheet with the title, parameters and narrative, then one sheet per table
with a bold, filled, frozen header row; numbers and dates are real values with number formats (a percent is
the number of percent points, 50.5, as the tables hold it)."""

import datetime
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..document import DATE, DECIMAL, INT, PERCENT, Report, RowCounter

HEADER_FILL = PatternFill("solid", fgColor="E8EAED")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)


def sheet_title(title: str, taken: set[str]) -> str:
    """At most 31 characters, none of []:*?/\\, unique in the workbook."""
    cleaned = ("".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip() or "Bảng")[:31]
    name, n = cleaned, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = cleaned[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def number_format(value, kind: str) -> str | None:
    if kind == DATE:
        return "dd/mm/yyyy"
    if kind == INT:
        return "#,##0"
    if kind in (PERCENT, DECIMAL):
        # As many decimals as the value has: 50,5 and 18 print as the documents print them.
        places = -value.as_tuple().exponent if isinstance(value, Decimal) else 1
        return "#,##0" + ("." + "0" * places if places > 0 else "")
    return None


def cell_value(value, kind: str):
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and value.as_tuple().exponent >= 0
            else float(value)
        )
    if isinstance(value, datetime.date | int | float):
        return value
    return str(value)


def render(report: Report, progress=None) -> bytes:
    workbook = Workbook()
    info = workbook.active
    taken: set[str] = set()
    info.title = sheet_title(_("Thông tin báo cáo"), taken)
    info.append([report.title])
    info["A1"].font = TITLE
    info.append([report.org_name])
    info.append([])
    for label, value in report.parameters:
        info.append([label, value])
        info.cell(info.max_row, 1).font = BOLD
    info.append([])
    info.append([_("Tóm tắt")])
    info.cell(info.max_row, 1).font = BOLD
    for paragraph in report.narrative:
        info.append([paragraph])
        info.cell(info.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        info.merge_cells(start_row=info.max_row, start_column=1, end_row=info.max_row, end_column=6)
        info.row_dimensions[info.max_row].height = 15 * max(2, len(paragraph) // 90 + 1)
    info.column_dimensions["A"].width = 24
    for letter in "BCDEF":
        info.column_dimensions[letter].width = 24

    counter = RowCounter(report, progress)
    for table in report.tables:
        sheet = workbook.create_sheet(sheet_title(table.title, taken))
        sheet.append([table.title])
        sheet["A1"].font = BOLD
        sheet.append([])
        sheet.append([c.header for c in table.columns])
        header_row = sheet.max_row
        for index, _column in enumerate(table.columns, start=1):
            cell = sheet.cell(header_row, index)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        widths = [len(c.header) for c in table.columns]
        for row_index, row in enumerate(table.rows):
            counter()
            sheet.append([cell_value(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
            for index, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
                cell = sheet.cell(sheet.max_row, index)
                fmt = number_format(value, column.kind)
                if fmt and cell.value is not None:
                    cell.number_format = fmt
                if row_index in table.strong_rows:
                    cell.font = BOLD
                shown = 10 if column.kind == DATE else len(str(value)) if value is not None else 0
                widths[index - 1] = max(widths[index - 1], shown)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = sheet.cell(header_row + 1, 1)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
