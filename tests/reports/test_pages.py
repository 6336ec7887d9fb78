"""The report pages: catalogue, parameters with Vietnamese validation, scope, preview, downloads recorded in
the audit trail, and background runs with their page."""

import io
import json

import openpyxl

from dangvu.core.models import AuditEntry, AuditKind
from dangvu.reports.models import ReportRun


def exports():
    return AuditEntry.objects.filter(kind=AuditKind.EXPORT, object_type="reports.Report")


def test_catalogue_lists_what_the_role_may_use(world, login):
    page = login(world.users["thongke"]).get("/reports/").content.decode()
    assert "Báo cáo thống kê đảng viên và tổ chức đảng" in page
    assert "Danh sách đảng viên theo tổ chức" not in page  # no members.view
    page = login(world.users["bithu"]).get("/reports/").content.decode()
    assert "Danh sách đảng viên theo tổ chức" in page


def test_preview_and_download_links(world, login):
    client = login(world.users["thongke"])
    response = client.get("/reports/statistics/", {"as_of": "31/03/2024"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tính đến ngày 31/3/2024, toàn Đảng bộ có 5 đảng viên" in page
    for fmt in ("xlsx", "docx", "pdf", "json"):
        assert f"Tải .{fmt}</a>" in page
    assert "format=xlsx" in page


def test_download_is_audited_with_what_it_held(world, login):
    client = login(world.users["thongke"])
    response = client.get("/reports/statistics/", {"as_of": "31/03/2024", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-statistics-ROOT-2024-03-31.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book["Đảng viên"]["B4"].value == 5
    [entry] = exports()
    assert entry.username == "thongke"
    assert (
        entry.after["format"] == "xlsx"
        and entry.after["org"] == "ROOT"
        and entry.after["as_of"] == "2024-03-31"
    )
    assert {"title": "Đảng viên", "rows": 7} in entry.after["tables"]
    assert len(entry.after["sha256"]) == 64


def test_json_download_equals_the_command_output(world, login, capsys):
    from django.core.management import call_command

    client = login(world.users["thongke"])
    data = json.loads(client.get("/reports/targets/", {"as_of": "31/03/2024", "format": "json"}).content)
    call_command("report", "targets", "--as-of", "31/03/2024")
    assert json.loads(capsys.readouterr().out) == data
    assert exports().count() == 2


def test_invalid_dates_are_refused_in_vietnamese(world, login):
    client = login(world.users["thongke"])
    response = client.get("/reports/statistics/", {"as_of": "31/02/2024", "format": "xlsx"})
    assert response.status_code == 422
    assert "Nhập ngày dạng dd/mm/yyyy" in response.content.decode()
    response = client.get("/reports/development/", {"date_from": "01/03/2024", "date_to": "01/01/2024"})
    assert response.status_code == 422
    assert "Ngày cuối kỳ phải sau hoặc bằng ngày đầu kỳ." in response.content.decode()
    response = client.get("/reports/statistics/", {"as_of": "31/12/2999"})
    assert "Ngày này chưa đến" in response.content.decode()
    assert not exports().exists()


def test_a_cell_secretary_cannot_pick_another_cell(world, login):
    client = login(world.users["bithu"])
    response = client.get(
        "/reports/member_list/", {"as_of": "31/03/2024", "organization": "CB-B", "format": "xlsx"}
    )
    assert response.status_code == 422
    assert "Không tìm thấy tổ chức “CB-B”" in response.content.decode()
    assert not exports().exists()
    # Without an organization: the secretary's own cell, nothing of cell B.
    data = json.loads(client.get("/reports/member_list/", {"as_of": "31/03/2024", "format": "json"}).content)
    assert data["org"] == "CB-A"
    names = [row[1] for row in data["tables"][1]["rows"]]
    assert "Phạm Văn Dũng" not in names and len(names) == 3


def test_personal_reports_need_the_member_permission(world, login):
    client = login(world.users["thongke"])
    assert client.get("/reports/member_list/").status_code == 403
    assert client.get("/reports/movements/").status_code == 403
    assert client.get("/reports/nothing/").status_code == 404


def test_background_run(world, login):
    client = login(world.users["thuongtruc"])
    response = client.post(
        "/reports/member_list/", {"as_of": "31/03/2024", "organization": "", "format": "docx"}
    )
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/runs/{run.pk}/"
    # The test settings run tasks at once (ImmediateBackend): the run is done.
    assert run.status == ReportRun.Status.DONE and run.filename.endswith(".docx")
    assert run.summary["tables"][1] == {"title": "Danh sách đảng viên", "rows": 5}
    assert not exports().exists()
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert "Tải .docx" in page
    assert client.get(f"/reports/runs/{run.pk}/progress/").status_code == 302
    download = client.get(f"/reports/runs/{run.pk}/download/")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert exports().get().after["filename"] == run.filename
    # Another user does not find it.
    other = login(world.users["bithu"])
    assert other.get(f"/reports/runs/{run.pk}/").status_code == 404
    assert other.get(f"/reports/runs/{run.pk}/download/").status_code == 404


def test_background_run_needs_a_format(world, login):
    client = login(world.users["thuongtruc"])
    response = client.post("/reports/statistics/", {"as_of": "31/03/2024", "format": "exe"})
    assert response.status_code == 422
    assert "Chọn định dạng .xlsx, .docx, .pdf hoặc .json." in response.content.decode()
    assert not ReportRun.objects.exists()
