"""Export → import of the demo data changes nothing (the round trip): the whole installation, and the
current view of the member list and of the organization list, as the pages export them."""

import io

import openpyxl
from django.urls import reverse

from dangvu.core.models import AuditEntry, AuditKind
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations.models import Organization, OrganizationEvent
from dangvu.transfer.columns import EVENTS, MEMBERS, ORGANIZATIONS
from dangvu.transfer.exports import full_export
from dangvu.transfer.importer import run_import


def snapshot():
    return (
        sorted(Member.objects.values_list(*[f.attname for f in Member._meta.concrete_fields])),
        sorted(
            MembershipEvent.objects.values_list(*[f.attname for f in MembershipEvent._meta.concrete_fields])
        ),
        sorted(
            MembershipPeriod.objects.values_list(*[f.attname for f in MembershipPeriod._meta.concrete_fields])
        ),
        sorted(Organization.objects.values_list(*[f.attname for f in Organization._meta.concrete_fields])),
        sorted(OrganizationEvent.objects.values_list("id", "date", "kind", "voided_at")),
    )


def unchanged(result, members: int | None = None):
    assert [p.line() for p in result.problems] == []
    assert result.committed
    for key in ("organizations", "members", "events"):
        assert result.counts[key]["new"] == 0 and result.counts[key]["changed"] == 0, (key, result.counts)
    if members is not None:
        assert result.counts["members"]["unchanged"] == members


def test_everything_exported_imports_back_unchanged(demo_db):
    before = snapshot()
    content, counts = full_export()
    assert counts == {
        "organizations": Organization.objects.count(),
        "members": Member.objects.count(),
        "events": MembershipEvent.objects.filter(voided_at__isnull=True).count(),
    }
    result = run_import(content, filename="toan-bo.xlsx")
    unchanged(result, members=Member.objects.count())
    assert result.counts["events"]["unchanged"] == counts["events"]
    assert result.counts["organizations"]["unchanged"] == counts["organizations"]
    assert snapshot() == before


def test_the_member_list_exports_its_view_in_the_template(demo_db, admin_client):
    before = snapshot()
    url = reverse("web:member-list")
    view = {"day": "31/03/2024", "organization": "DB01"}
    page = admin_client.get(url, view).content.decode()
    assert "Xuất đầy đủ theo mẫu nhập" in page and "full=1" in page
    response = admin_client.get(url, {**view, "export": "xlsx", "full": "1"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Tổ chức", "Đảng viên", "Biến động"]
    assert book.active.title == "Đảng viên"
    members = book["Đảng viên"]
    assert [c.value for c in members[1]] == [c.header for c in MEMBERS.columns]
    assert [c.value for c in book["Tổ chức"][1]] == [c.header for c in ORGANIZATIONS.columns]
    assert [c.value for c in book["Biến động"][1]] == [c.header for c in EVENTS.columns]
    rows = members.max_row - 1
    assert rows > 50  # the members of DB01 and everything under it on 31/03/2024, every page
    entry = AuditEntry.objects.filter(kind=AuditKind.EXPORT).latest("id")
    assert entry.after["members"] == rows and entry.after["personal_data"] == "full"
    assert entry.after["parameters"]["organization"] == "DB01" and f"{rows} dòng" in entry.object_repr
    result = run_import(response.content, filename="dang-vien.xlsx")
    unchanged(result, members=rows)
    assert snapshot() == before


def test_the_plain_member_export_masks_personal_data_and_does_not_import(demo_db, admin_client):
    before = snapshot()
    response = admin_client.get(reverse("web:member-list"), {"export": "xlsx", "organization": "DB01"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Đảng viên"]
    header = [c.value for c in sheet[1]]
    first = next(sheet.iter_rows(min_row=2, values_only=True))
    assert first[header.index("Số CCCD")].startswith("********")
    assert first[header.index("Ngày sinh")].startswith("**/**/")
    assert AuditEntry.objects.filter(kind=AuditKind.EXPORT).latest("id").after["personal_data"] == "masked"
    result = run_import(response.content, filename="che.xlsx")
    assert not result.committed and any("Số CCCD" in p.column for p in result.problems)
    assert snapshot() == before


def test_the_organization_list_exports_its_view_in_the_template(demo_db, admin_client):
    before = snapshot()
    response = admin_client.get(reverse("web:organization-list"), {"export": "xlsx", "day": "31/03/2024"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet.title == "Tổ chức"
    header = [c.value for c in sheet[1]]
    assert header[: len(ORGANIZATIONS.columns)] == [c.header for c in ORGANIZATIONS.columns]
    assert header[-1] == "Số đảng viên ngày 31/03/2024"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["KKT"][-1] == 1062  # the figure of the page, beside the template's columns
    result = run_import(response.content, filename="to-chuc.xlsx")
    unchanged(result)
    assert result.counts["organizations"]["unchanged"] == len(rows)
    assert snapshot() == before
