"""Spreadsheets with real numbers and dates, and the Vietnamese template filters."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.template import Context, Template

from dangvu.core.exports import DATE, INT, PERCENT, ExportColumn, write_xlsx

D = datetime.date


def test_write_xlsx_types_header_freeze_and_widths():
    columns = [
        ExportColumn("Họ và tên"),
        ExportColumn("Ngày vào Đảng", DATE),
        ExportColumn("Số đảng viên", INT),
        ExportColumn("Tỷ lệ (%)", PERCENT),
    ]
    rows = [["Nguyễn Thị Hằng", D(2015, 5, 4), 1062, Decimal("50.5")], ["Trần Văn Bình", None, 0, None]]
    sheet = openpyxl.load_workbook(io.BytesIO(write_xlsx("Đảng viên: 31/03/2024", columns, rows))).active
    assert sheet.title == "Đảng viên  31 03 2024"  # characters Excel refuses are replaced
    assert [c.value for c in sheet[1]] == ["Họ và tên", "Ngày vào Đảng", "Số đảng viên", "Tỷ lệ (%)"]
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
    _name, admitted, count, share = (c.value for c in sheet[2])
    assert isinstance(admitted, datetime.datetime) and admitted.date() == D(2015, 5, 4)
    assert count == 1062 and isinstance(count, int) and share == 50.5
    assert sheet["B2"].number_format == "dd/mm/yyyy" and sheet["C2"].number_format == "#,##0"
    assert sheet["B3"].value is None and sheet["C3"].value == 0
    assert sheet.column_dimensions["A"].width >= len("Nguyễn Thị Hằng")
    assert 6 <= sheet.column_dimensions["B"].width <= 60


def test_write_xlsx_refuses_text_in_a_date_or_number_column():
    with pytest.raises(TypeError):
        write_xlsx("x", [ExportColumn("Ngày", DATE)], [["31/03/2024"]])
    with pytest.raises(TypeError):
        write_xlsx("x", [ExportColumn("Số", INT)], [["1.062"]])


def render(source: str, **context) -> str:
    return Template("{% load vn %}" + source).render(Context(context))


def test_vn_filters():
    assert render("{{ d|vn_date }}", d=D(2024, 3, 31)) == "31/03/2024"
    assert render("{{ d|vn_date }}", d=None) == ""
    moment = datetime.datetime(2024, 3, 31, 1, 30, tzinfo=datetime.UTC)
    assert render("{{ t|vn_datetime }}", t=moment) == "31/03/2024 08:30"  # Vietnam time
    assert render("{{ n|vn_int }}", n=1062) == "1.062"
    assert render("{{ n|vn_int }}", n=1091000) == "1.091.000"
    assert render("{{ n|vn_int }}", n=0) == "0"
    assert render("{{ p|vn_percent }}", p=Decimal("50.5")) == "50,5%"
    assert render("{{ p|vn_percent }}", p=None) == "—"
    assert render("{{ a|vn_share:b }}", a=96, b=190) == "50,5%"
    assert render("{{ a|vn_share:b }}", a=2, b=11) == "18,2%"
    assert render("{{ a|vn_share:b }}", a=1, b=0) == "—"
