"""Reading a workbook as office staff make them: find the three sheets, their header rows, their columns.

python-calamine reads the file (a Rust reader: .xlsx, .xlsm, .xls and .ods; cells come as numbers, text,
dates), and the rows are converted to Python one at a time as the importer asks for them, so that a sheet
of 200,000 rows never exists as 200,000 Python lists. openpyxl's read-only mode is kept as a second
engine for the benchmark that compares the two (`bench/import_bench.py`).

A sheet is found by its name (forgiving case, marks and spacing) or, failing that, by its headers; the
header row is looked for in the first rows (up to ten title rows above it); each header is matched to a
column of the contract (`columns`), forgiving case, marks, spacing and order, and columns the contract does
not know are ignored.
"""

import io
import operator
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .columns import SHEETS, Sheet, header_key, word_key
from .problems import Problem
from .values import is_empty

MAX_TITLE_ROWS = 10
ENGINES = ("calamine", "openpyxl")


class NotASpreadsheet(Exception):
    pass


class Workbook:
    """The sheets of a workbook, each read as (Excel row number, list of cell values)."""

    def __init__(self, content: bytes, engine: str = "calamine"):
        self.engine = engine
        self._content = content
        self._sheets: dict = {}
        self._loading: dict[str, _Load] = {}
        try:
            if engine == "calamine":
                from python_calamine import CalamineWorkbook

                self._book = CalamineWorkbook.from_filelike(io.BytesIO(content))
                self.sheet_names = list(self._book.sheet_names)
            else:
                import openpyxl

                self._book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
                self.sheet_names = list(self._book.sheetnames)
        except Exception as exc:  # every reader error means the same to the user: not a readable workbook
            raise NotASpreadsheet(str(exc)) from exc

    def prefetch(self, names=None):
        """Start reading these sheets (all of the contract's, found by name, by default) in the background:
        calamine reads a sheet whole and lets go of the interpreter meanwhile, so the importer works on one
        sheet while another, larger one is being read on the other processor. Each is read by its own reader
        of the file (a reader reads one sheet at a time). Nothing to do for openpyxl, which reads as it goes."""
        if self.engine != "calamine":
            return
        if names is None:
            titles = {word_key(spec.title) for spec in SHEETS}
            names = [name for name in self.sheet_names if word_key(name) in titles]
        for name in names:
            if name not in self._sheets and name not in self._loading:
                self._loading[name] = _Load(self._content, name)
                self._loading[name].start()

    def _sheet(self, name: str):
        """calamine reads a sheet whole when asked for it: once per sheet."""
        if name not in self._sheets:
            loading = self._loading.pop(name, None)
            self._sheets[name] = loading.result() if loading else self._book.get_sheet_by_name(name)
        return self._sheets[name]

    def height(self, name: str) -> int:
        """The number of rows of the sheet (its last row's number), for the progress bar."""
        if self.engine == "calamine":
            end = self._sheet(name).end
            return end[0] + 1 if end else 0
        return self._book[name].max_row or 0

    def rows(self, name: str) -> Iterator[tuple[int, list]]:
        if self.engine == "calamine":
            # iter_rows() starts at the sheet's first row, and its cells at the first used column.
            for index, row in enumerate(self._sheet(name).iter_rows()):
                yield index + 1, row
        else:
            for index, row in enumerate(self._book[name].iter_rows(values_only=True)):
                yield index + 1, list(row)

    def close(self):
        for loading in self._loading.values():  # sheets read in the background and never asked for
            loading.join()
        self._loading.clear()
        self._sheets.clear()
        if self.engine == "openpyxl":
            self._book.close()


class _Load(threading.Thread):
    """A sheet read in the background (`Workbook.prefetch`); `result()` waits for it, and raises what reading
    it raised."""

    def __init__(self, content: bytes, name: str):
        super().__init__(name=f"dangvu-read-{name}", daemon=True)
        self.content = content
        self.sheet_name = name
        self.sheet = None
        self.error: BaseException | None = None

    def run(self):
        from python_calamine import CalamineWorkbook

        try:
            self.sheet = CalamineWorkbook.from_filelike(io.BytesIO(self.content)).get_sheet_by_name(
                self.sheet_name
            )
        except BaseException as exc:  # raised again in the importer's thread, as reading there would
            self.error = exc

    def result(self):
        self.join()
        if self.error is not None:
            raise self.error
        return self.sheet


@dataclass
class FoundSheet:
    """A sheet of the contract found in the file, with the position of each of its columns."""

    spec: Sheet
    name: str  # as the file names it
    header_row: int
    positions: dict[str, int]  # column key → index in the row
    headers: dict[str, str]  # column key → the header as the file writes it
    rows: Iterator[tuple[int, list]] = field(repr=False)
    height: int = 0

    def has(self, key: str) -> bool:
        return key in self.positions

    def header(self, key: str) -> str:
        return self.headers.get(key) or self.spec.column(key).header

    def records(self) -> Iterator[tuple[int, dict]]:
        """(row number, {column key: raw value}) of each data row; rows with nothing in the contract's
        columns (blank lines, a 'Tổng cộng' in the STT column) are skipped, and so is a row that only numbers
        the columns — (1), (2), (3) — as official forms do under the header."""
        positions = list(self.positions.items())
        keys = [key for key, _index in positions]
        needed = max((index for _key, index in positions), default=-1) + 1
        cells = operator.itemgetter(*[index for _key, index in positions]) if len(positions) > 1 else None
        for number, row in self.rows:
            width = len(row)
            if cells is not None and width >= needed:  # most rows: the cells in one call
                values = dict(zip(keys, cells(row), strict=True))
            else:
                values = {key: row[index] if index < width else None for key, index in positions}
            # The first cell filled (not is_empty(value), inlined: this runs for every row of the file).
            for value in values.values():
                if value is not None and (type(value) is not str or value.strip()):
                    break
            else:
                continue  # nothing in the contract's columns
            if type(value) is str and _is_column_number(value):
                filled = [
                    value
                    for value in values.values()
                    if value is not None and (type(value) is not str or value.strip())
                ]
                if all(_is_column_number(value) for value in filled):
                    continue
            yield number, values


def _is_column_number(value) -> bool:
    text = str(value).strip()
    return text.startswith("(") and text.endswith(")") and text[1:-1].strip().isdigit()


def _match_header(spec: Sheet, row: list) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Which column of the contract each cell of a row names; and the headers named twice."""
    keys = [(column, column.keys()) for column in spec.columns if column.read]
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    doubled: list[str] = []
    for index, cell in enumerate(row):
        if is_empty(cell) or not isinstance(cell, str):
            continue
        full, short = header_key(cell)
        # The whole header first ("Ngày vào Đảng (nơi cũ)"), then without its brackets ("Giới tính (Nam/Nữ)").
        column = next((c for c, k in keys if full in k), None) or next(
            (c for c, k in keys if short and short in k), None
        )
        if column is None:
            continue
        if column.key in positions:
            doubled.append(str(cell).strip())
            continue
        positions[column.key] = index
        headers[column.key] = " ".join(str(cell).split())
    return positions, headers, doubled


def _find_header(spec: Sheet, first_rows: list[tuple[int, list]]):
    """The header row among the first rows: the first that names every required column, else the one that
    names the most columns (to say which are missing)."""
    best = None
    for number, row in first_rows:
        positions, headers, doubled = _match_header(spec, row)
        if all(column.key in positions for column in spec.required):
            return number, positions, headers, doubled
        if len(positions) >= 2 and (best is None or len(positions) > len(best[1])):
            best = (number, positions, headers, doubled)
    return best


class _Locator:
    """Finds the sheets of the contract one by one (`sheet()`), remembering the sheets already taken."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.found: dict[str, FoundSheet] = {}
        self.problems: list[Problem] = []
        self.used: set[str] = set()
        self.peeked: dict[str, tuple[list[tuple[int, list]], Iterator]] = {}

    def by_name(self, spec: Sheet) -> list[str]:
        return [name for name in self.workbook.sheet_names if word_key(name) == word_key(spec.title)]

    def peek(self, name: str):
        if name not in self.peeked:
            rows = self.workbook.rows(name)
            first = []
            for item in rows:
                first.append(item)
                if len(first) > MAX_TITLE_ROWS:
                    break
            self.peeked[name] = (first, rows)
        return self.peeked[name]

    def sheet(self, spec: Sheet):
        workbook, problems = self.workbook, self.problems
        by_name = self.by_name(spec)
        candidates = by_name or [name for name in workbook.sheet_names if name not in self.used]
        for name in candidates:
            first, rest = self.peek(name)
            header = _find_header(spec, first)
            complete = header is not None and all(c.key in header[1] for c in spec.required)
            if not by_name and not complete:
                continue  # another sheet, not this one
            self.used.add(name)
            if header is None:
                problems.append(
                    Problem(
                        name,
                        None,
                        "",
                        "",
                        _(
                            "Không tìm thấy dòng tiêu đề trong %(n)s dòng đầu: dòng tiêu đề phải có các cột %(cols)s."
                        )
                        % {"n": MAX_TITLE_ROWS + 1, "cols": ", ".join(c.header for c in spec.required)},
                    )
                )
                return
            number, positions, headers, doubled = header
            for column in spec.required:
                if column.key not in positions:
                    problems.append(
                        Problem(
                            name,
                            number,
                            column.header,
                            "",
                            _("Thiếu cột “%(col)s”: thêm cột này vào dòng tiêu đề (dòng %(row)s).")
                            % {"col": column.header, "row": number},
                        )
                    )
            for text in doubled:
                problems.append(
                    Problem(
                        name,
                        number,
                        text,
                        "",
                        _("Cột “%(col)s” có hai lần: giữ một cột, xóa cột còn lại.") % {"col": text},
                    )
                )
            remaining = iter([item for item in first if item[0] > number])
            self.found[spec.key] = FoundSheet(
                spec, name, number, positions, headers, _chain(remaining, rest), workbook.height(name)
            )
            return


def locate(workbook: Workbook) -> tuple[dict[str, FoundSheet], list[Problem]]:
    """The sheets of the contract in the workbook, and the problems that stop the import before any row is
    read (a missing sheet or column, a column named twice)."""
    found, problems, _nothing_later = locate_first(workbook)
    return found, problems


def locate_first(
    workbook: Workbook, later: tuple[str, ...] = ()
) -> tuple[dict[str, FoundSheet], list[Problem], Callable[[], tuple[dict[str, FoundSheet], list[Problem]]]]:
    """`locate()`, except that the sheets of the contract named in `later` (keys), when one sheet has the
    name, are only examined by the function returned third, which gives what `locate()` would have found and
    reported for them: the importer starts on the other sheets while the large one is still being read
    (`Workbook.prefetch`)."""
    locator = _Locator(workbook)
    postponed = []
    for spec in SHEETS:
        named = locator.by_name(spec)
        if spec.key in later and len(named) == 1:
            locator.used.add(named[0])
            postponed.append(spec)
            continue
        locator.sheet(spec)
    if not locator.found and not locator.problems and not postponed:
        locator.problems.append(
            Problem(
                "",
                None,
                "",
                "",
                _(
                    "Không tìm thấy trang tính Tổ chức, Đảng viên hay Biến động: dùng tệp mẫu (nút “Tải tệp mẫu” "
                    "hoặc lệnh dangvu import template) và giữ tên trang tính, dòng tiêu đề."
                ),
            )
        )
    first = (dict(locator.found), list(locator.problems))

    def rest():
        locator.found.clear()
        locator.problems.clear()
        for spec in postponed:
            locator.sheet(spec)
        return dict(locator.found), list(locator.problems)

    return *first, rest


def _chain(first: Iterator, rest: Iterator) -> Iterator:
    yield from first
    yield from rest
