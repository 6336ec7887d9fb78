"""Workbooks like the offices make them, for the import tests, and the figures they must give.

`Scenario` is a small committee written as the template's three sheets (plain Python values), with the
figures `dangvu stats` must print once it is imported, worked out here from the scenario itself (who was
where from when), not by dangvu's counting. `write()` turns it into an .xlsx file, messy on request: title
rows above the headers, shuffled upper-case headers without marks, extra STT / Ghi chú columns, a row that
numbers the columns, dates as Excel dates, as Excel day numbers and as d/m/yyyy and dd/mm/yyyy text,
national IDs as numbers that lost their leading zeros, names decomposed (NFD) with double spaces, NAM / nữ.
"""

import datetime
import io
import random
import unicodedata
from dataclasses import dataclass, field

import openpyxl

from dangvu.core.dates import add_months

D = datetime.date
AS_OF = D(2023, 12, 31)

ORG_HEADERS = [
    "Mã tổ chức", "Tên tổ chức", "Loại tổ chức", "Mã tổ chức cấp trên", "Khối", "Ngày thành lập",
    "Số quyết định thành lập", "Ngày giải thể",
]  # fmt: skip
MEMBER_HEADERS = [
    "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Dân tộc", "Tôn giáo", "Quê quán", "Mã tổ chức",
    "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên",
]  # fmt: skip
EVENT_HEADERS = [
    "Số CCCD",
    "Loại biến động",
    "Ngày",
    "Mã tổ chức",
    "Mã tổ chức đến",
    "Số quyết định",
    "Ghi chú",
]
DATE_HEADERS = {"Ngày thành lập", "Ngày giải thể", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "Ngày"}


@dataclass
class Org:
    code: str
    name: str
    kind: str
    parent: str
    sector: str
    founded: datetime.date
    ended: datetime.date | None = None

    def row(self) -> dict:
        return {
            "Mã tổ chức": self.code,
            "Tên tổ chức": self.name,
            "Loại tổ chức": self.kind,
            "Mã tổ chức cấp trên": self.parent,
            "Khối": self.sector,
            "Ngày thành lập": self.founded,
            "Số quyết định thành lập": f"{self.code}-QĐ/ĐU",
            "Ngày giải thể": self.ended,
        }


@dataclass
class Person:
    name: str
    gender: str  # Nam / Nữ
    birth: datetime.date
    national_id: str
    org: str  # where they are (or were last)
    admitted: datetime.date
    recognized: datetime.date | None
    events: list[dict] = field(default_factory=list)  # rows of "Biến động"
    stretches: list[tuple[str, datetime.date, datetime.date | None]] = field(default_factory=list)
    admitted_here: bool = True

    def row(self) -> dict:
        return {
            "Họ và tên": self.name,
            "Giới tính": self.gender,
            "Ngày sinh": self.birth,
            "Số CCCD": self.national_id,
            "Dân tộc": "Kinh",
            "Tôn giáo": "Không",
            "Quê quán": "Hải Phòng",
            "Mã tổ chức": self.org,
            "Ngày vào Đảng": self.admitted,
            "Ngày chính thức": self.recognized,
            "Số thẻ đảng viên": f"5200{self.national_id[-4:]}",
        }


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = {"Nam": ["Văn", "Đức", "Minh", "Quang"], "Nữ": ["Thị", "Ngọc", "Thu", "Bích"]}
GIVEN = {
    "Nam": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng"],
    "Nữ": ["Hằng", "Lan", "Mai", "Nga", "Hà", "Yến"],
}


class Scenario:
    """A committee of 8 organizations and `size` members with simple ledgers (module docstring)."""

    def __init__(self, size: int = 40, id_base: int = 31190000100):
        self.orgs = [
            Org("KKT-T", "Đảng ủy Khu kinh tế thử nghiệm", "Đảng ủy cấp trên cơ sở", "", "Hành chính sự nghiệp", D(2000, 1, 1)),
            Org("DB-A", "Đảng bộ Công ty An Phát", "Đảng bộ cơ sở", "KKT-T", "Doanh nghiệp", D(2005, 3, 15)),
            Org("DB-A1", "Chi bộ Phân xưởng 1", "Chi bộ trực thuộc", "DB-A", "Doanh nghiệp", D(2005, 3, 15)),
            Org("DB-A2", "Chi bộ Phân xưởng 2", "Chi bộ trực thuộc", "DB-A", "Doanh nghiệp", D(2010, 6, 10)),
            Org("CB-B", "Chi bộ Công ty Bình Minh", "Chi bộ cơ sở", "KKT-T", "Doanh nghiệp", D(2008, 9, 1)),
            Org("CB-C", "Chi bộ Ban Quản lý", "Chi bộ cơ sở", "KKT-T", "Hành chính sự nghiệp", D(2012, 1, 2)),
            Org("CB-D", "Chi bộ Công ty Đông Đô", "Chi bộ cơ sở", "KKT-T", "Doanh nghiệp", D(2023, 4, 20)),
            Org("CB-E", "Chi bộ Công ty Cũ", "Chi bộ cơ sở", "KKT-T", "Doanh nghiệp", D(2009, 1, 1), D(2019, 7, 1)),
        ]  # fmt: skip
        self.sectors = {org.code: org.sector for org in self.orgs}
        self.people: list[Person] = []
        cells = ["DB-A1", "DB-A2", "CB-B", "CB-C"]
        for i in range(size):
            gender = "Nữ" if i % 3 == 0 else "Nam"
            name = f"{FAMILY[i % 10]} {MIDDLE[gender][i % 4]} {GIVEN[gender][(i // 3) % 6]}"
            # Every fourth number starts with 00 (Excel drops both zeros), the others with 03.
            number = str(id_base + i).zfill(12) if i % 4 else f"0010{i:08d}"
            cell = cells[i % 4]
            admitted = D(2013 + i % 11, 1 + (i * 5) % 12, 1 + (i * 7) % 27)
            person = Person(
                name,
                gender,
                D(1972 + i % 18, 1 + i % 12, 1 + (i * 3) % 27),
                number,
                cell,
                admitted,
                add_months(admitted, 12),
            )
            kind = i % 9
            if kind == 3:  # admitted, recognized, then moved to another cell
                to = cells[(i + 1) % 4]
                moved = D(admitted.year + 2, 2, 1)
                person.org = to
                person.events = [
                    self._row(person, "Kết nạp", admitted, cell),
                    self._row(person, "Công nhận chính thức", person.recognized, cell),
                    self._row(person, "Chuyển sinh hoạt", moved, cell, to),
                ]
                person.stretches = [(cell, admitted, moved), (to, moved, None)]
            elif kind == 5:  # admitted elsewhere, transferred in
                came = D(2014 + i % 9, 3, 1)
                person.admitted = D(2008, 5, 19)
                person.recognized = D(2009, 5, 19)
                person.admitted_here = False
                person.events = [
                    self._row(person, "Chuyển đến", came, cell, note="Từ Đảng bộ phường Lạch Tray")
                ]
                person.stretches = [(cell, came, None)]
            elif kind == 7:  # died in 2021, or transferred out in 2024
                ended, how = (D(2021, 5, 10), "Từ trần") if i % 2 else (D(2024, 2, 1), "Chuyển đi")
                if admitted >= ended:
                    person.stretches = [(cell, admitted, None)]
                else:
                    person.events = [
                        self._row(person, "Kết nạp", admitted, cell),
                        self._row(person, how, ended, cell),
                    ]
                    person.recognized = person.recognized if person.recognized < ended else None
                    if person.recognized:
                        person.events.insert(
                            1, self._row(person, "Công nhận chính thức", person.recognized, cell)
                        )
                    person.stretches = [(cell, admitted, ended)]
            else:
                person.stretches = [(cell, admitted, None)]
            self.people.append(person)
        # The closed cell's member moved before it closed; a probationary member of the 2023 cell; a member
        # whose rows start with a transfer (admitted where that row says).
        closing = Person(
            "Lý  Văn Phúc", "Nam", D(1980, 2, 2), "031190009001", "CB-B", D(2010, 4, 1), D(2011, 4, 1)
        )
        closing.events = [self._row(closing, "Chuyển sinh hoạt", D(2019, 6, 1), "CB-E", "CB-B")]
        closing.stretches = [("CB-E", D(2010, 4, 1), D(2019, 6, 1)), ("CB-B", D(2019, 6, 1), None)]
        newcomer = Person("Đinh Thị Ánh", "Nữ", D(1999, 9, 9), "031199009002", "CB-D", D(2023, 9, 1), None)
        newcomer.stretches = [("CB-D", D(2023, 9, 1), None)]
        self.people += [closing, newcomer]

    @staticmethod
    def _row(person, kind, day, org, to="", note=""):
        return {
            "Số CCCD": person.national_id,
            "Loại biến động": kind,
            "Ngày": day,
            "Mã tổ chức": org,
            "Mã tổ chức đến": to,
            "Số quyết định": f"{day.year}-QĐ/ĐU",
            "Ghi chú": note,
        }

    def expected(self, day: datetime.date = AS_OF) -> dict:
        """What `dangvu stats --as-of DAY --json` prints for the root, worked out from the scenario."""
        members = {
            "total": 0,
            "full": 0,
            "probationary": 0,
            "enterprise": 0,
            "administrative": 0,
            "female": 0,
        }
        for person in self.people:
            here = [s for s in person.stretches if s[1] <= day and (s[2] is None or s[2] > day)]
            if not here:
                continue
            members["total"] += 1
            full = person.recognized is not None and person.recognized <= day
            members["full" if full else "probationary"] += 1
            sector = self.sectors[here[0][0]]
            members["enterprise" if sector == "Doanh nghiệp" else "administrative"] += 1
            members["female"] += person.gender == "Nữ"
        start = D(day.year, 1, 1)
        alive = [o for o in self.orgs[1:] if o.founded <= day and (o.ended is None or o.ended > day)]
        kinds = [o.kind for o in alive]
        return {
            "members": members,
            "admitted_in_year": sum(1 for p in self.people if p.admitted_here and start <= p.admitted <= day),
            "founded_in_year": sum(1 for o in self.orgs if start <= o.founded <= day),
            "organizations": {
                "direct_subordinates": sum(1 for o in alive if o.parent == "KKT-T"),
                "grassroots_committees": kinds.count("Đảng bộ cơ sở"),
                "grassroots_cells": kinds.count("Chi bộ cơ sở"),
                "subordinate_cells": kinds.count("Chi bộ trực thuộc"),
            },
        }

    def sheets(self) -> dict[str, tuple[list[str], list[dict]]]:
        return {
            "Tổ chức": (ORG_HEADERS, [org.row() for org in self.orgs]),
            "Đảng viên": (MEMBER_HEADERS, [person.row() for person in self.people]),
            "Biến động": (EVENT_HEADERS, [row for person in self.people for row in person.events]),
        }


# -- writing ------------------------------------------------------------------------------------------------


def _unmarked_upper(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


def _messy_header(header: str, index: int) -> str:
    if header == "Giới tính":
        return "GIOI TINH (NAM/NU)"
    if index % 3 == 0:
        return _unmarked_upper(header)  # "NGAY SINH"
    if index % 3 == 1:
        return "  " + header.upper().replace(" ", "   ") + " "  # "  NGÀY   SINH "
    return header


def _messy_value(header: str, value, index: int, sheet):
    if value is None or value == "":
        return None
    if header in DATE_HEADERS and isinstance(value, datetime.date):
        style = index % 4
        if style == 0:
            return value  # a real Excel date
        if style == 1:
            return f"{value.day}/{value.month}/{value.year}"  # d/m/yyyy text
        if style == 2:
            return value.strftime("%d/%m/%Y")  # dd/mm/yyyy text
        return (value - D(1899, 12, 30)).days  # Excel's day number, in a cell formatted as a number
    if header == "Số CCCD":
        return int(value) if value.isdigit() and value.startswith("0") else value  # Excel drops the zeros
    if header == "Họ và tên":
        return unicodedata.normalize("NFD", value.replace(" ", "  "))  # decomposed marks, double spaces
    if header == "Giới tính":
        return ["NAM", "nam", "Nam"][index % 3] if value == "Nam" else ["nữ", "NỮ", "Nữ"][index % 3]
    if header == "Mã tổ chức" and sheet == "Đảng viên" and index % 5 == 0:
        return value.lower()  # codes in any case
    return value


def write(
    scenario: Scenario,
    *,
    messy: bool = True,
    seed: int = 8,
    edit=None,
    drop: tuple[str, str] | None = None,
) -> bytes:
    """The scenario as an .xlsx file. `edit(sheets)` may change the rows first (to put a defect in);
    `drop=(sheet, header)` leaves a column out."""
    rng = random.Random(seed)
    sheets = scenario.sheets()
    if edit is not None:
        edit(sheets)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title.upper() if messy and title == "Đảng viên" else title)
        headers = [h for h in headers if not drop or drop != (title, h)]
        if not messy:
            sheet.append(headers)
            for row in rows:
                sheet.append([row.get(h) for h in headers])
            continue
        order = headers[:]
        rng.shuffle(order)
        extra = [] if "Ghi chú" in headers else ["Ghi chú"]
        written = ["STT", *order[:3], *extra, *order[3:]]
        for line in [
            "ĐẢNG BỘ KHU KINH TẾ THỬ NGHIỆM",
            f"DANH SÁCH {title.upper()}",
            "(kèm theo báo cáo năm 2023)",
            None,
        ]:
            sheet.append([line])
        sheet.append([h if h in ("STT", "Ghi chú") else _messy_header(h, i) for i, h in enumerate(written)])
        sheet.append([f"({i + 1})" for i in range(len(written))])
        for number, row in enumerate(rows, start=1):
            values = []
            for header in written:
                if header == "STT":
                    values.append(number)
                elif header == "Ghi chú" and header not in headers:
                    values.append("đã kiểm tra" if number % 4 == 0 else None)
                else:
                    values.append(_messy_value(header, row.get(header), number, title))
            sheet.append(values)
        sheet.append([f"Tổng cộng: {len(rows)} dòng"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def header_row(messy: bool = True) -> int:
    """The row number of the headers in a written sheet."""
    return 5 if messy else 1


def row_of(index: int, messy: bool = True) -> int:
    """The Excel row number of the data row `index` (0-based) in a written sheet."""
    return header_row(messy) + (2 if messy else 1) + index


def tidy(sheets: dict) -> bytes:
    """A tidy workbook with only the given sheets and rows: {title: (headers, rows as dicts)}."""
    return write(Scenario(size=0), messy=False, edit=lambda found: (found.clear(), found.update(sheets)))
