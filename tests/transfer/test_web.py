"""The import page: upload → check with a progress bar → preview (counts, problems, downloadable report) →
confirm → write with a progress bar → result; the template; who may do it."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry, AuditKind
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.transfer.models import ImportRun

from . import workbooks
from .conftest import make_user

pytestmark = pytest.mark.django_db
HOME = reverse("transfer:home")


def upload(client, content: bytes, name="danh-sach.xlsx"):
    return client.post(HOME, {"file": _file(content, name)})


def _file(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def strict_csp(body: str):
    assert "<script>" not in body and " style=" not in body and "<style" not in body


def test_the_whole_flow(client_admin, scenario):
    page = client_admin.get(HOME)
    body = page.content.decode()
    assert page.status_code == 200
    assert reverse("transfer:template") in body and 'enctype="multipart/form-data"' in body
    assert 'aria-current="page"' in body and "Nhập dữ liệu từ Excel" in body
    strict_csp(body)

    response = upload(client_admin, workbooks.write(scenario))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("transfer:run", args=[run.pk])
    # Checked (the task ran at once in tests): the preview, nothing written yet.
    assert run.status == ImportRun.Status.CHECKED and run.content
    assert Member.objects.count() == 0 and Organization.objects.count() == 0
    preview = client_admin.get(response["Location"]).content.decode()
    strict_csp(preview)
    assert "Kết quả kiểm tra" in preview and "Xác nhận và ghi" in preview
    assert re.search(rf"Đảng viên</th><td class=\"num\">{len(scenario.people)}</td>", preview)

    confirmed = client_admin.post(reverse("transfer:confirm", args=[run.pk]))
    assert confirmed.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.content == b"" and run.finished_at
    assert Member.objects.count() == len(scenario.people)
    result = client_admin.get(confirmed["Location"]).content.decode()
    assert "Đã ghi toàn bộ tệp" in result and run.sha256 in result
    entry = AuditEntry.objects.get(pk=run.audit_id)
    assert entry.kind == AuditKind.IMPORT and entry.after["sha256"] == run.sha256
    assert entry.after["run"] == run.pk and entry.username == "quantri"
    assert verify_chain() is None  # the bulk audit rows of a user's import chain as record() would
    # A confirmed run cannot be confirmed again.
    assert client_admin.post(reverse("transfer:confirm", args=[run.pk])).status_code == 404


def test_the_progress_bar_polls_while_the_task_runs(client_admin, scenario):
    upload(client_admin, workbooks.write(scenario))
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.IMPORTING, phase="members", done=10, total=40
    )
    url = reverse("transfer:progress", args=[run.pk])
    fragment = client_admin.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'hx-get="{url}"' in fragment and 'hx-trigger="every 1s"' in fragment
    assert '<progress max="100" value="25">' in fragment and "10 / 40" in fragment
    page = client_admin.get(reverse("transfer:run", args=[run.pk])).content.decode()
    assert 'id="import-progress"' in page
    strict_csp(page)
    # Done: htmx is sent to the run's page.
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.DONE)
    finished = client_admin.get(url, HTTP_HX_REQUEST="true")
    assert finished.status_code == 204 and finished["HX-Redirect"] == reverse("transfer:run", args=[run.pk])
    assert client_admin.get(url).status_code == 302


def test_a_refused_file_shows_every_problem_and_offers_the_report(client_admin, scenario):
    def edit(sheets):
        sheets["Đảng viên"][1][4]["Số CCCD"] = "12AB"
        sheets["Đảng viên"][1][6]["Mã tổ chức"] = "CB-X"

    upload(client_admin, workbooks.write(scenario, edit=edit), name="loi.xlsx")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REFUSED and run.problem_count == 2 and run.content == b""
    page = client_admin.get(reverse("transfer:run", args=[run.pk])).content.decode()
    assert "Tệp có 2 lỗi: không dòng nào được ghi" in page and "Xác nhận và ghi" not in page
    assert "12AB" in page and "Không có tổ chức mã CB-X" in page
    report = client_admin.get(reverse("transfer:problems", args=[run.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Trang tính", "Dòng", "Cột", "Giá trị", "Lỗi và cách sửa")
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("ĐẢNG VIÊN", workbooks.row_of(4)),
        ("ĐẢNG VIÊN", workbooks.row_of(6)),
    ]
    assert Member.objects.count() == 0 and Organization.objects.count() == 0


def test_not_a_spreadsheet(client_admin):
    upload(client_admin, b"%PDF-1.4 not a workbook", name="bao-cao.pdf")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REFUSED
    assert "không phải bảng tính" in client_admin.get(reverse("transfer:run", args=[run.pk])).content.decode()


def test_the_template_download(client_admin):
    response = client_admin.get(reverse("transfer:template"))
    assert response.status_code == 200 and "mau-nhap-du-lieu.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Tổ chức", "Đảng viên", "Biến động"]


def test_who_may_import(client, scenario, imported):
    committee = Organization.objects.get(code="DB-A")
    viewer = make_user("xem", committee, ["members.view", "organizations.view"])
    client.force_login(viewer)
    assert client.get(HOME).status_code == 403
    assert "Nhập dữ liệu từ Excel" not in client.get(reverse("web:member-list")).content.decode()
    board = make_user(
        "bantochuc",
        committee,
        ["members.view", "members.change", "organizations.view", "organizations.change", "members.export"],
    )
    client.force_login(board)
    assert client.get(HOME).status_code == 200
    # Members of a cell outside the committee: refused, row by row.
    outside = next(p for p in scenario.people if p.org == "CB-B")
    inside = next(p for p in scenario.people if p.org == "DB-A1" and not p.events)
    rows = [
        {**inside.row(), "Điện thoại": "0900000001"},
        {**outside.row(), "Điện thoại": "0900000002"},
    ]
    content = workbooks.tidy({"Đảng viên": ([*workbooks.MEMBER_HEADERS, "Điện thoại"], rows)})
    upload(client, content)
    run = ImportRun.objects.get(user=board)
    assert run.status == ImportRun.Status.REFUSED
    [problem] = run.problems
    assert problem["row"] == 3 and "ngoài phạm vi quản lý" in problem["message"]
    # Without the outside row, the committee's own member is updated.
    content = workbooks.tidy({"Đảng viên": ([*workbooks.MEMBER_HEADERS, "Điện thoại"], rows[:1])})
    upload(client, content)
    run = ImportRun.objects.filter(user=board).latest("id")
    assert run.status == ImportRun.Status.CHECKED, run.problems
    client.post(reverse("transfer:confirm", args=[run.pk]))
    assert Member.objects.get(national_id=inside.national_id).phone == "0900000001"
    # Someone else's run is not found.
    client.force_login(viewer)
    other = make_user("khac", committee, ["members.change", "organizations.change"])
    client.force_login(other)
    assert client.get(reverse("transfer:run", args=[run.pk])).status_code == 404


def test_the_full_export_is_for_those_who_may_reveal(client, imported):
    committee = Organization.objects.get(code="KKT-T")
    clerk = make_user("xuat", committee, ["members.view", "members.export", "organizations.view"])
    client.force_login(clerk)
    url = reverse("web:member-list")
    assert "Xuất đầy đủ theo mẫu nhập" not in client.get(url).content.decode()
    response = client.get(url, {"export": "xlsx", "full": "1"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Đảng viên"]
    ids = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids and all(value.startswith("********") for value in ids)
    entry = AuditEntry.objects.filter(kind=AuditKind.EXPORT).latest("id")
    assert entry.after["personal_data"] == "masked" and entry.username == "xuat"
