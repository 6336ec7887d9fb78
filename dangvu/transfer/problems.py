"""The problem report of an import: every problem as sheet, row number as Excel shows it, column, value and
what to fix — on the screen, on the command line and as a spreadsheet to work through."""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.exports import INT, ExportColumn, write_xlsx


@dataclass
class Problem:
    sheet: str  # the sheet's name in the file ("" for the file as a whole)
    row: int | None  # the row number Excel shows
    column: str  # the column's header in the file
    value: str  # the cell as the file holds it
    message: str  # what is wrong and what to fix

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Problem":
        return cls(data["sheet"], data["row"], data["column"], data["value"], data["message"])

    def line(self) -> str:
        """One line of the command line's report."""
        where = [part for part in (self.sheet, _("dòng %(n)s") % {"n": self.row} if self.row else "") if part]
        if self.column:
            where.append(_("cột %(c)s") % {"c": self.column})
        if self.value:
            where.append(_("giá trị “%(v)s”") % {"v": self.value})
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


REPORT_COLUMNS = [
    (gettext_lazy("Trang tính"), None),
    (gettext_lazy("Dòng"), INT),
    (gettext_lazy("Cột"), None),
    (gettext_lazy("Giá trị"), None),
    (gettext_lazy("Lỗi và cách sửa"), None),
]


def report_xlsx(problems: list[Problem]) -> bytes:
    """The problems as a spreadsheet, in the order of the file."""
    columns = [ExportColumn(str(label), kind or "text") for label, kind in REPORT_COLUMNS]
    columns[-1] = ExportColumn(columns[-1].header, width=90)
    rows = ([p.sheet, p.row, p.column, p.value, p.message] for p in problems)
    return write_xlsx(_("Lỗi nhập dữ liệu"), columns, rows)


def sort_key(problem: Problem):
    """The order of the report: the file's own problems, then sheet by sheet in the template's order (a sheet
    named in capitals or without marks is the same sheet), row by row."""
    from .columns import SHEETS, word_key

    order = {word_key(sheet.title): index for index, sheet in enumerate(SHEETS)}
    sheet = order.get(word_key(problem.sheet), len(SHEETS)) if problem.sheet else -1
    return (sheet, problem.sheet, problem.row or 0)
