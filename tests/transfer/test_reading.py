"""Reading cells and finding sheets the way office files hold them."""

import datetime
import io
import unicodedata

import openpyxl
import pytest

from dangvu.members.choices import EventKind, Gender
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.transfer import reader, values
from dangvu.transfer.columns import header_key
from dangvu.transfer.reader import MAX_TITLE_ROWS, Workbook, locate, locate_first

from . import workbooks

D = datetime.date


@pytest.mark.parametrize(
    "cell, expected",
    [
        (datetime.datetime(2015, 5, 4, 0, 0), D(2015, 5, 4)),
        (D(2015, 5, 4), D(2015, 5, 4)),
        (42128.0, D(2015, 5, 4)),  # Excel's day number
        (42128, D(2015, 5, 4)),
        ("4/5/2015", D(2015, 5, 4)),
        ("04/05/2015", D(2015, 5, 4)),
        (" 04 / 05 / 2015 ", D(2015, 5, 4)),
        ("4-5-2015", D(2015, 5, 4)),
        ("4.5.2015", D(2015, 5, 4)),
        ("2015-05-04", D(2015, 5, 4)),
        ("", None),
        (None, None),
    ],
)
def test_dates(cell, expected):
    assert values.date(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/2015", "4/5/15", "tháng 5/2015", "2015", -3, "13/13/2015"])
def test_dates_that_are_not(cell):
    with pytest.raises(values.CellError) as caught:
        values.date(cell)
    assert "dd/mm/yyyy" in caught.value.message or "năm" in caught.value.message.lower()


@pytest.mark.parametrize(
    "cell, expected",
    [
        (31190000101, "031190000101"),  # a number that lost its zero
        (31190000101.0, "031190000101"),
        (1190000101, "001190000101"),  # lost two zeros
        ("031190000101", "031190000101"),
        ("'031190000101", "031190000101"),  # typed with Excel's text mark
        ("031 190 000 101", "031190000101"),
        ("31190000101", "031190000101"),
    ],
)
def test_national_ids(cell, expected):
    assert values.national_id(cell) == expected


@pytest.mark.parametrize(
    "cell", ["03119000A101", "0311900001011", 123456789, 3.1e10 + 0.5, "", "1.23457E+11"]
)
def test_national_ids_that_are_not(cell):
    with pytest.raises(values.CellError):
        values.national_id(cell)


def test_words_in_any_case_with_or_without_marks():
    for cell in ("NAM", "nam", " Nam "):
        assert values.choice(cell, "gender") == Gender.MALE
    for cell in ("nữ", "NỮ", "Nu", "nu"):
        assert values.choice(cell, "gender") == Gender.FEMALE
    assert values.choice("CHI BO TRUC THUOC", "organization_kind") == OrganizationKind.SUBORDINATE_CELL
    assert (
        values.choice("Đảng ủy cấp trên trực tiếp cơ sở", "organization_kind")
        == OrganizationKind.UPPER_COMMITTEE
    )
    assert values.choice("hành chính - sự nghiệp", "sector") == Sector.ADMINISTRATIVE
    assert values.choice("chuyen sinh hoat  tam thoi", "event_kind") == EventKind.TEMPORARY_TRANSFER
    assert values.choice("Xoá tên", "event_kind") == EventKind.STRUCK_OFF
    with pytest.raises(values.CellError, match="chọn một trong Nam, Nữ"):
        values.choice("Khác", "gender")


def test_text_is_normalized():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị\tHằng ")
    assert values.text(decomposed) == "Nguyễn Thị Hằng" == unicodedata.normalize("NFC", "Nguyễn Thị Hằng")
    assert values.text(52001234.0) == "52001234"


def test_headers_forgive_case_marks_spacing_and_brackets():
    assert "ngay vao dang" in header_key("  NGÀY   VÀO  ĐẢNG ")
    assert header_key("GIOI TINH (NAM/NU)")[1] == "gioi tinh"
    assert header_key("Số CCCD")[0] == header_key("so cccd")[0]


def book_with_title_rows(count: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Đảng viên"
    for index in range(count):
        sheet.append([f"Dòng tiêu đề {index + 1}"])
    sheet.append(workbooks.MEMBER_HEADERS)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_up_to_ten_title_rows():
    found, problems = locate(Workbook(book_with_title_rows(MAX_TITLE_ROWS)))
    assert problems == [] and found["members"].header_row == MAX_TITLE_ROWS + 1
    found, problems = locate(Workbook(book_with_title_rows(MAX_TITLE_ROWS + 1)))
    assert "Không tìm thấy dòng tiêu đề" in problems[0].message


def test_a_sheet_is_found_by_its_headers_when_its_name_differs():
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.active.append(["STT", *workbooks.MEMBER_HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    found, problems = locate(Workbook(buffer.getvalue()))
    assert problems == [] and found["members"].name == "Sheet1" and set(found) == {"members"}


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_both_engines_read_the_same_rows(engine):
    content = workbooks.write(workbooks.Scenario())
    found, problems = locate(Workbook(content, engine))
    assert problems == []
    members = list(found["members"].records())
    assert [number for number, _row in members][:2] == [workbooks.row_of(0), workbooks.row_of(1)]
    assert len(members) == len(workbooks.Scenario().people)  # the numbering row and the total are skipped
    first = members[0][1]
    assert values.national_id(first["national_id"]) == "001000000000"
    assert values.choice(first["gender"], "gender") == Gender.FEMALE


def test_sheets_read_in_the_background_give_the_same_rows():
    content = workbooks.write(workbooks.Scenario())

    def rows(workbook, later=()):
        found, problems, rest = locate_first(workbook, later)
        more, more_problems = rest()
        assert problems == more_problems == []
        found.update(more)
        return {key: list(sheet.records()) for key, sheet in found.items()}

    expected = rows(Workbook(content))
    background = Workbook(content)
    background.prefetch()
    assert sorted(background._loading) == ["Biến động", "Tổ chức", "ĐẢNG VIÊN"]
    assert rows(background, later=("members",)) == expected
    assert set(expected) == {"organizations", "members", "events"}
    assert background._loading == {}  # every sheet read was waited for


def test_a_sheet_that_fails_in_the_background_fails_as_when_read_directly(monkeypatch):
    workbook = Workbook(workbooks.write(workbooks.Scenario()))

    def broken(self):
        self.error = ValueError("hỏng")

    monkeypatch.setattr(reader._Load, "run", broken)
    workbook.prefetch(["Tổ chức"])
    with pytest.raises(ValueError, match="hỏng"):
        list(workbook.rows("Tổ chức"))
