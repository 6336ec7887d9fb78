"""Issue 7, Done when: for the demo on 31/03/2024 the statistical report in all four formats states 1.062
members, 96/190 (50,5%) and 2/11 (18%), and the .xlsx (openpyxl), the .docx (python-docx) and the PDF (text
extraction) hold the numbers of `dangvu report statistics --format json`."""

import datetime
import io
import json
import re
from decimal import Decimal

import docx
import openpyxl
import pypdf
import pytest
from django.core.management import call_command

from dangvu.reports.document import text

CLAIMS = ("1.062 đảng viên", "96/190 (50,5%)", "2/11 (18%)")


@pytest.fixture
def files(demo_db, tmp_path):
    out = io.StringIO()
    call_command("report", "statistics", "--org", demo_db.root.code, "--as-of", "31/03/2024", stdout=out)
    found = {"json": json.loads(out.getvalue())}
    for fmt in ("xlsx", "docx", "pdf"):
        path = tmp_path / f"thong-ke.{fmt}"
        call_command(
            "report",
            "statistics",
            "--org",
            demo_db.root.code,
            "--as-of",
            "2024-03-31",
            "--format",
            fmt,
            "-o",
            str(path),
            verbosity=0,
        )
        found[fmt] = path
    return found


def flat(value: str) -> str:
    return " ".join(value.split())


def test_json_states_the_published_figures(files):
    data = files["json"]
    assert (data["org"], data["as_of"]) == ("KKT", "2024-03-31")
    members = data["tables"][0]
    assert members["rows"][0][:2] == ["Tổng số đảng viên", 1062]
    targets = next(t for t in data["tables"] if t["title"] == "Tiến độ thực hiện chỉ tiêu")
    year = [row for row in targets["rows"] if row[1] == "năm 2024"]
    assert [row[3:] for row in year] == [[190, 96, 50.5], [11, 2, 18]]
    for claim in CLAIMS:
        assert claim in data["narrative"][0]


def test_xlsx_holds_the_json_numbers(files):
    data = files["json"]
    book = openpyxl.load_workbook(files["xlsx"])
    info = [row[0] for row in book["Thông tin báo cáo"].iter_rows(values_only=True)]
    assert data["narrative"][0] in info
    assert len(book.sheetnames) == 1 + len(data["tables"])
    for sheet_name, table in zip(book.sheetnames[1:], data["tables"], strict=True):
        sheet = book[sheet_name]
        assert sheet["A1"].value == table["title"]
        assert [c.value for c in sheet[3]] == [c["header"] for c in table["columns"]]
        values = [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]
        assert values == [[None if v in ("", None) else v for v in row] for row in table["rows"]]
    targets = book["Tiến độ thực hiện chỉ tiêu"]
    assert (targets["D4"].value, targets["E4"].value, targets["F4"].value) == (190, 96, 50.5)
    assert (targets["D5"].value, targets["E5"].value, targets["F5"].value) == (11, 2, 18)
    assert isinstance(targets["D4"].value, int) and targets["F4"].number_format == "#,##0.0"


def _shown(row, columns):
    out = []
    for value, column in zip(row, columns, strict=True):
        if column["type"] == "date" and value:
            value = datetime.date.fromisoformat(value)
        elif isinstance(value, float):
            value = Decimal(str(value))
        out.append(text(value, column["type"]))
    return out


def test_docx_holds_the_json_numbers(files):
    data = files["json"]
    document = docx.Document(str(files["docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    assert data["narrative"][0] in paragraphs
    for claim in CLAIMS:
        assert any(claim in p for p in paragraphs)
    # The header block, the tables of the report, the closing block.
    tables = document.tables[1:-1]
    assert len(tables) == len(data["tables"])
    for grid, table in zip(tables, data["tables"], strict=True):
        assert [c.text for c in grid.rows[0].cells] == [c["header"] for c in table["columns"]]
        shown = [[c.text for c in row.cells] for row in grid.rows[1:]]
        assert shown == [_shown(row, table["columns"]) for row in table["rows"]]
    head = document.tables[0].rows[0].cells
    assert "ĐẢNG ỦY KHU KINH TẾ HẢI PHÒNG" in head[0].text and "ĐẢNG CỘNG SẢN VIỆT NAM" in head[1].text


def test_pdf_states_the_json_numbers(files):
    data = files["json"]
    reader = pypdf.PdfReader(str(files["pdf"]))
    content = flat("\n".join(page.extract_text() for page in reader.pages))
    for claim in CLAIMS:
        assert claim in content
    assert flat(data["narrative"][0]) in content
    assert "ĐẢNG ỦY KHU KINH TẾ HẢI PHÒNG" in content and "Hải Phòng, ngày 31 tháng 3 năm 2024" in content
    # Every row of every table, as the documents print it, in order.
    for table in data["tables"]:
        for row in table["rows"]:
            cells = [cell for cell in _shown(row, table["columns"]) if cell]
            pattern = r"\s*".join(re.escape(cell).replace(r"\ ", r"\s*") for cell in cells)
            assert re.search(pattern, content), (table["title"], cells)
