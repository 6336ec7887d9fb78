"""`dangvu report`: the catalogue, a file in each format, the checks of its arguments."""

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.core.models import AuditEntry, AuditKind


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_list():
    listing = run("--list")
    assert "statistics" in listing and "movements" in listing and "theo kỳ" in listing


def test_json_to_stdout_and_xlsx_to_a_file(world, tmp_path):
    data = json.loads(run("statistics", "--org", "ROOT", "--as-of", "31/03/2024"))
    assert data["as_of"] == "2024-03-31" and data["tables"][0]["rows"][0][1] == 5
    target = tmp_path / "tk.xlsx"
    run("statistics", "--as-of", "2024-03-31", "--format", "xlsx", "-o", str(target))
    assert openpyxl.load_workbook(target)["Đảng viên"]["B4"].value == 5
    assert (
        AuditEntry.objects.filter(
            kind=AuditKind.EXPORT, object_type="reports.Report", source="command"
        ).count()
        == 2
    )


def test_period_report(world):
    data = json.loads(run("movements", "--from", "01/01/2024", "--to", "31/03/2024", "--org", "CB-B"))
    assert [row[2] for row in data["tables"][1]["rows"]] == ["Phạm Văn Dũng", "Hoàng Thị Em"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("nothing",), "Không có báo cáo “nothing”"),
        (("movements", "--as-of", "2024-03-31"), "dùng --from và --to"),
        (("movements", "--to", "2024-03-31"), "cần --from"),
        (("movements", "--from", "2024-04-01", "--to", "2024-03-31"), "--from phải trước"),
        (("statistics", "--from", "2024-01-01"), "dùng --as-of"),
        (("statistics", "--as-of", "31/13/2024"), "không hợp lệ"),
        (("statistics", "--format", "pdf"), "cần tệp ghi ra"),
        (("statistics", "--org", "XYZ"), "Không có tổ chức mã “XYZ”"),
        ((), "--list"),
    ],
)
def test_refusals(world, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
