"""The four renderers of one report: the same numbers in JSON, .xlsx (real numbers and dates), .docx (the
party document's form) and PDF (text extraction)."""

import datetime
import io
import json
import zipfile
from decimal import Decimal

import docx
import openpyxl
import pypdf
import pytest

from dangvu.reports import catalogue
from dangvu.reports.render import FORMATS, filename

from .conftest import DAY


@pytest.fixture
def report(world):
    return catalogue.build(catalogue.get("member_list"), catalogue.Params(world.root, DAY))


@pytest.fixture
def statistics(world):
    return catalogue.build(catalogue.get("statistics"), catalogue.Params(world.root, DAY))


def test_json_keeps_numbers_and_iso_dates(report):
    data = json.loads(FORMATS["json"].render(report))
    assert data["report"] == "member_list" and data["as_of"] == "2024-03-31"
    listing = data["tables"][1]
    assert listing["columns"][6] == {"header": "Ngày vào Đảng", "type": "date"}
    assert listing["rows"][0][0] == 1 and isinstance(listing["rows"][0][6], str)


def test_xlsx_has_real_numbers_dates_and_bold_headers(statistics, report):
    book = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(statistics)))
    assert book.sheetnames[0] == "Thông tin báo cáo"
    assert len(book.sheetnames) == 1 + len(statistics.tables)
    info = book["Thông tin báo cáo"]
    assert info["A1"].value == statistics.title and info["A1"].font.bold
    assert any(statistics.narrative[0] == row[0] for row in info.iter_rows(values_only=True))
    sheet = book["Tiến độ thực hiện chỉ tiêu"]
    assert sheet["A3"].value == "Chỉ tiêu" and sheet["A3"].font.bold
    assert (sheet["D4"].value, sheet["E4"].value, sheet["F4"].value) == (4, 3, 75)
    assert sheet["D4"].number_format == "#,##0"
    members = book["Đảng viên"]
    assert members["C4"].value == 100.0 and members["C4"].number_format == "#,##0.0"
    listing = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(report)))["Danh sách đảng viên"]
    assert isinstance(listing["G4"].value, datetime.datetime) and listing["G4"].number_format == "dd/mm/yyyy"


def test_docx_is_a_party_document(statistics):
    document = docx.Document(io.BytesIO(FORMATS["docx"].render(statistics)))
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    head = document.tables[0]
    left, right = (cell.text for cell in head.rows[0].cells)
    assert "THÀNH ỦY HẢI PHÒNG" in left and "ĐẢNG ỦY KHU KINH TẾ" in left and "-BC/ĐU" in left
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right
    dated = next(p for p in head.rows[0].cells[1].paragraphs if "Hải Phòng" in p.text)
    assert dated.text == "Hải Phòng, ngày 31 tháng 3 năm 2024" and dated.runs[0].italic
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and statistics.title in texts
    assert statistics.narrative[0] in texts
    closing = document.tables[-1]
    assert (
        "Nơi nhận:" in closing.rows[0].cells[0].text and "T/M BAN THƯỜNG VỤ" in closing.rows[0].cells[1].text
    )
    targets = document.tables[-2]
    assert [c.text for c in targets.rows[1].cells][3:] == ["4", "3", "75%"]
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "fldChar" in footer


def test_pdf_text_has_the_same_numbers_in_vietnamese(statistics):
    content = FORMATS["pdf"].render(statistics)
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Hải Phòng, ngày 31 tháng 3 năm 2024" in text
    assert "đạt 3/4 (75%)" in " ".join(text.split())
    assert "Nơi nhận:" in text
    # The vendored font is embedded (the output does not depend on the server's fonts).
    fonts = {str(font) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts


def test_filenames(statistics):
    assert filename(statistics, "xlsx") == "bao-cao-statistics-ROOT-2024-03-31.xlsx"


def test_docx_is_a_zip_with_a_document(statistics):
    with zipfile.ZipFile(io.BytesIO(FORMATS["docx"].render(statistics))) as archive:
        assert "word/document.xml" in archive.namelist()


def test_decimal_cells_in_documents():
    from dangvu.reports.document import text

    assert text(Decimal("50.5"), "percent") == "50,5%"
    assert text(1062, "int") == "1.062"
    assert text(Decimal("1234.5"), "decimal") == "1.234,5"
    assert text(datetime.date(2024, 3, 31), "date") == "31/03/2024"
