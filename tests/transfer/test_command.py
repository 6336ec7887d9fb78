"""`dangvu import FILE [--dry-run]`, `dangvu import template -o FILE`, `dangvu export -o FILE`."""

import io
import json

import openpyxl
import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations.models import Organization
from dangvu.transfer.columns import EVENTS, MEMBERS, ORGANIZATIONS

from . import workbooks

pytestmark = pytest.mark.django_db

CONTRACT = {
    "Tổ chức": [
        "Mã tổ chức", "Tên tổ chức", "Loại tổ chức", "Mã tổ chức cấp trên", "Khối", "Ngày thành lập",
        "Số quyết định thành lập", "Ngày giải thể",
    ],
    "Đảng viên": [
        "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Dân tộc", "Tôn giáo", "Quê quán", "Mã tổ chức",
        "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên",
    ],
    "Biến động": ["Số CCCD", "Loại biến động", "Ngày", "Mã tổ chức", "Mã tổ chức đến", "Số quyết định", "Ghi chú"],
}  # fmt: skip


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def database():
    return (
        sorted(Member.objects.values_list("id", "national_id", "full_name", "updated_at")),
        sorted(MembershipEvent.objects.values_list("id", "member_id", "kind", "date")),
        sorted(
            MembershipPeriod.objects.values_list("member_id", "organization_id", "start", "end", "is_latest")
        ),
        sorted(Organization.objects.values_list("id", "code", "name", "updated_at")),
    )


def test_the_template_has_the_three_sheets_and_the_contract_headers(tmp_path):
    target = tmp_path / "mau.xlsx"
    out, _err = run("template", "-o", str(target))
    assert "Đã ghi tệp mẫu" in out
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Tổ chức", "Đảng viên", "Biến động", "Hướng dẫn"]
    for title, headers in CONTRACT.items():
        written = [cell.value for cell in book[title][1]]
        assert written[: len(headers)] == headers, title
        assert book[title].max_row == 1  # no data: an empty template
    assert [c.header for c in ORGANIZATIONS.columns][:8] == CONTRACT["Tổ chức"]
    assert [c.header for c in MEMBERS.columns][:11] == CONTRACT["Đảng viên"]
    assert [c.header for c in EVENTS.columns if c.read][:7] == CONTRACT["Biến động"]
    # The choice columns offer their words in a list.
    lists = [v.formula1 for v in book["Đảng viên"].data_validations.dataValidation]
    assert '"Nam,Nữ"' in lists
    # The empty template imports (and changes nothing).
    out, _err = run(str(target))
    assert Member.objects.count() == 0


def test_import_dry_run_then_import_then_again(tmp_path, scenario):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(workbooks.write(scenario))

    out, _err = run(str(path), "--dry-run")
    assert "Chạy thử (--dry-run): tệp hợp lệ, không ghi gì." in out
    assert f"Đảng viên: {len(scenario.people)} mới, 0 thay đổi, 0 không đổi" in out
    assert "Tổ chức đảng: 8 mới" in out
    assert database() == ([], [], [], [])

    out, _err = run(str(path))
    assert "Đã ghi vào cơ sở dữ liệu" in out
    assert Member.objects.count() == len(scenario.people)
    written = database()

    out, _err = run(str(path))
    assert f"Đảng viên: 0 mới, 0 thay đổi, {len(scenario.people)} không đổi" in out
    assert "Biến động: 0 mới, 0 thay đổi" in out
    assert "Tổ chức đảng: 0 mới, 0 thay đổi, 8 không đổi" in out
    assert database() == written


def test_a_refused_file_exits_non_zero_with_the_report(tmp_path, scenario):
    def edit(sheets):
        sheets["Đảng viên"][1][4]["Số CCCD"] = "12AB"

    path = tmp_path / "loi.xlsx"
    path.write_bytes(workbooks.write(scenario, edit=edit))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Tệp bị từ chối: 1 lỗi, không ghi gì"):
        call_command("import", str(path), stdout=out, stderr=err)
    assert f"ĐẢNG VIÊN, dòng {workbooks.row_of(4)}, cột" in err.getvalue()
    assert "giá trị “12AB”: Số CCCD “12AB” không hợp lệ" in err.getvalue()
    assert database() == ([], [], [], [])
    # As the console command: exit status 1.
    command = load_command_class("dangvu.transfer", "import")
    with pytest.raises(SystemExit) as exited:
        command.run_from_argv(["dangvu", "import", str(path)])
    assert exited.value.code == 1


def test_json_output(tmp_path, scenario):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(workbooks.write(scenario, messy=False))
    out, _err = run(str(path), "--json", "--dry-run")
    data = json.loads(out)
    assert data["committed"] is False and data["problems"] == []
    assert data["counts"]["members"]["new"] == len(scenario.people)
    assert len(data["sha256"]) == 64


def test_export_command_writes_a_file_that_imports_back_unchanged(tmp_path, imported):
    target = tmp_path / "toan-bo.xlsx"
    out = io.StringIO()
    call_command("export", "-o", str(target), stdout=out)
    assert f"{len(imported.people)} đảng viên" in out.getvalue()
    before = database()
    out, _err = run(str(target))
    assert f"Đảng viên: 0 mới, 0 thay đổi, {len(imported.people)} không đổi" in out
    assert database() == before


def test_a_missing_file():
    with pytest.raises(CommandError, match="Không có tệp"):
        run("/nonexistent/khong-co.xlsx")


def test_exit_status_of_the_console_command(tmp_path, scenario, capsys, monkeypatch):
    """As run from a shell: 0 when the file is (or, with --dry-run, would be) imported; 1 with the report on
    stderr when it is refused, with --dry-run too."""
    from django.db import connections

    # run_from_argv() closes the connections when it ends, which would end the test's transaction
    monkeypatch.setattr(connections, "close_all", lambda: None)
    command = load_command_class("dangvu.transfer", "import")
    good = tmp_path / "dung.xlsx"
    good.write_bytes(workbooks.write(scenario))
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(
        workbooks.write(
            scenario, edit=lambda sheets: sheets["Đảng viên"][1][7].update({"Mã tổ chức": "CB-X"})
        )
    )

    with pytest.raises(SystemExit) as exited:
        command.run_from_argv(["dangvu", "import", str(bad), "--dry-run"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert f"dòng {workbooks.row_of(7)}" in err and "Không có tổ chức mã CB-X" in err

    command.run_from_argv(["dangvu", "import", str(good), "--dry-run"])  # returns: exit status 0
    assert "tệp hợp lệ, không ghi gì" in capsys.readouterr().out
    assert database() == ([], [], [], [])
    command.run_from_argv(["dangvu", "import", str(good)])
    assert "Đã ghi vào cơ sở dữ liệu" in capsys.readouterr().out
    assert Member.objects.count() == len(scenario.people)
