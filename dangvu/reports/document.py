"""The neutral form of a report, which every renderer (JSON, .xlsx, .docx, PDF, the HTML preview) reads: a
title, its parameters, tables of real values (ints, Decimals, dates, text) and a narrative in Vietnamese
built from the same figures. A report holds no formatted number: the renderers format (1.062, 50,5%,
31/03/2024) or keep the value (.xlsx, JSON), so the numbers are the same in every format."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from dangvu.core.dates import format_vn_date
from dangvu.core.exports import DATE, DECIMAL, INT, PERCENT, TEXT
from dangvu.core.numbers import format_int, format_percent

__all__ = ["DATE", "DECIMAL", "INT", "PERCENT", "TEXT", "Column", "Issuer", "Report", "Table"]


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT  # core.exports: TEXT, INT, DECIMAL, PERCENT (percent points: 50.5), DATE


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    # Rows whose first cell is a group's total (shown bold); indexes into `rows`.
    strong_rows: set[int] = field(default_factory=set)


@dataclass
class Issuer:
    """The header and the closing of the party document: who issues it, where, and who signs."""

    upper_body: str  # the level above the issuing body ("THÀNH ỦY HẢI PHÒNG")
    body: str  # the issuing body ("ĐẢNG ỦY KHU KINH TẾ HẢI PHÒNG")
    symbol: str  # "BC/ĐU": the number is filled in when the document is signed
    place: str
    signature_on_behalf: str  # "T/M BAN THƯỜNG VỤ"
    signature_title: str  # "BÍ THƯ"
    recipients: list[str] = field(default_factory=list)

    @property
    def number_line(self) -> str:
        # Non-breaking spaces: the blank where the number is written by hand survives every renderer.
        return "Số " + "\u00a0" * 8 + f"-{self.symbol}"


@dataclass
class Report:
    slug: str
    title: str  # "BÁO CÁO" then this line, as the document prints it
    org_code: str
    org_name: str
    day: datetime.date  # the date the figures are for (the end of the period for a period report)
    date_from: datetime.date | None = None
    parameters: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    personal_data: bool = False
    issuer: Issuer | None = None

    @property
    def row_count(self) -> int:
        return sum(len(table.rows) for table in self.tables)


class RowCounter:
    """Calls `progress(done, total)` every `every` table rows a renderer has written (the background runs'
    progress bar); does nothing without a callback."""

    def __init__(self, report: Report, progress=None, every: int = 50):
        self.progress = progress
        self.total = report.row_count
        self.every = every
        self.done = 0

    def __call__(self):
        self.done += 1
        if self.progress is not None and (self.done % self.every == 0 or self.done == self.total):
            self.progress(self.done, self.total)


def json_value(value):
    """A cell as JSON holds it: numbers stay numbers (Decimals with their digits), dates ISO."""
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and value.as_tuple().exponent >= 0
            else float(value)
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def text(value, kind: str = TEXT) -> str:
    """A cell as the documents print it: 1.062, 50,5%, 12,5, 31/03/2024; "" for nothing."""
    if value is None or value == "":
        return ""
    if kind == DATE or isinstance(value, datetime.date):
        return format_vn_date(value)
    if kind == PERCENT:
        return format_percent(Decimal(value))
    if kind == DECIMAL:
        return format_decimal(value)
    if kind == INT or isinstance(value, int):
        return format_int(value)
    return str(value)


def format_decimal(value) -> str:
    value = Decimal(value)
    whole, _dot, decimals = f"{value}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = format_int(abs(int(whole)))
    return sign + whole + ("," + decimals if decimals else "")


def short_date(day: datetime.date) -> str:
    """31/3/2024: how the narrative writes a date."""
    return f"{day.day}/{day.month}/{day.year}"


def long_date(day: datetime.date) -> str:
    """ "ngày 31 tháng 3 năm 2024": how the header writes the document's date."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def report_setting(name: str, default):
    return getattr(settings, name, default)
