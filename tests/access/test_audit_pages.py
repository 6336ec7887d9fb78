"""The audit trail in the interface, for a user with audit.view over the whole installation: the list with
its filters, sort, pages and export; one entry with its values before and after; the check of the chain."""

import io
import re

import openpyxl
import pytest
from django.test import Client

from dangvu.accounts import services as account_services
from dangvu.core.models import AuditEntry, AuditKind
from dangvu.members import services as member_services
from dangvu.members.models import Member

pytestmark = pytest.mark.django_db

ROW_LINK = re.compile(r'<a href="/audit/(\d+)/">')


@pytest.fixture
def auditor(world):
    client = Client()
    client.force_login(world.users["superuser"])
    return client


def listed(response) -> list[int]:
    return [int(pk) for pk in ROW_LINK.findall(response.content.decode())]


def test_the_list_shows_the_newest_first_and_filters(world, auditor):
    member = Member.objects.get(pk=world.scopes["in"]["member"])
    member_services.update_member(
        member, {"phone": "0900000000"}, acting_user=world.users["organization_board"]
    )
    everything = listed(auditor.get("/audit/", {"per_page": 200}))
    assert everything == sorted(everything, reverse=True)
    assert len(everything) == min(AuditEntry.objects.count(), 200)
    updates = listed(auditor.get("/audit/", {"kind": "update", "user": "organization_board"}))
    assert updates == list(
        AuditEntry.objects.filter(kind=AuditKind.UPDATE, username="organization_board").values_list(
            "pk", flat=True
        )
    )
    assert len(updates) == 1
    by_type = listed(auditor.get("/audit/", {"object_type": "inspection.DisciplineRecord", "per_page": 200}))
    assert set(by_type) == set(
        AuditEntry.objects.filter(object_type="inspection.DisciplineRecord").values_list("pk", flat=True)
    )
    found = listed(auditor.get("/audit/", {"q": "Trần Thị Bình", "per_page": 200}))
    assert found and all("Trần Thị Bình" in AuditEntry.objects.get(pk=pk).object_repr for pk in found)
    oldest_first = listed(auditor.get("/audit/", {"sort": "at", "per_page": 25}))
    assert oldest_first[0] == AuditEntry.objects.order_by("pk").first().pk
    assert listed(auditor.get("/audit/", {"date_from": "01/01/2000", "date_to": "31/12/2000"})) == []
    bad = auditor.get("/audit/", {"date_from": "31/12/2024", "date_to": "01/01/2024"}).content.decode()
    assert "Ngày cuối phải sau hoặc bằng ngày đầu." in bad


def test_the_list_pages_and_exports(world, auditor):
    total = AuditEntry.objects.count()
    assert total > 25
    first = listed(auditor.get("/audit/", {"per_page": 25}))
    second = listed(auditor.get("/audit/", {"per_page": 25, "page": 2}))
    assert len(first) == 25 and not set(first) & set(second)
    response = auditor.get("/audit/", {"kind": "create", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Ngày", "Giờ", "Loại"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == AuditEntry.objects.filter(kind=AuditKind.CREATE).count()
    assert {row[header.index("Loại")] for row in rows} == {"Tạo mới"}
    export = AuditEntry.objects.filter(kind=AuditKind.EXPORT, object_type="core.AuditEntry").get()
    assert export.after["parameters"] == {"kind": "create"} and export.after["rows"] == len(rows)


def test_an_entry_shows_before_and_after_side_by_side(world, auditor):
    role = world.users["office"].roles.get()
    account_services.update_role(role, permissions=[*role.permissions, "members.view"])
    entry = AuditEntry.objects.filter(object_type="accounts.Role", kind=AuditKind.UPDATE).get()
    page = auditor.get(f"/audit/{entry.pk}/").content.decode()
    assert "Trước" in page and "Sau" in page and "Văn phòng Đảng ủy" in page
    changed = re.findall(r'<tr class="changed">\s*<th scope="row" class="mono">([^<]+)</th>', page)
    assert "permissions" in changed and "name" not in changed
    assert "members.view" in page
    assert entry.hash in page


def test_verifying_the_chain_says_intact_or_names_the_broken_entry(world, auditor):
    ok = auditor.post("/audit/verify/", HTTP_HX_REQUEST="true").content.decode()
    assert "Chuỗi nhật ký nguyên vẹn" in ok
    target = AuditEntry.objects.order_by("pk")[3]
    AuditEntry.objects.filter(pk=target.pk).update(object_repr=target.object_repr + "!")
    broken = auditor.post("/audit/verify/", HTTP_HX_REQUEST="true").content.decode()
    assert "Chuỗi nhật ký bị phá vỡ" in broken and f"#{target.pk}" in broken
    page = auditor.post("/audit/verify/").content.decode()
    assert "<html" in page and f"#{target.pk}" in page
    assert auditor.get("/audit/verify/").status_code == 405


def test_the_navigation_shows_the_trail_only_with_audit_view(world):
    def nav(role):
        client = Client()
        client.force_login(world.users[role])
        return client.get("/").content.decode()

    assert 'href="/audit/"' in nav("superuser")
    # The administrator role held at cell A does not cover the installation: no entry, and the page refuses.
    assert 'href="/audit/"' not in nav("admin")
    for role in ("standing_board", "cell_secretary", "statistics_viewer"):
        assert 'href="/audit/"' not in nav(role)
    assert 'href="/account/users/"' in nav("admin") and 'href="/account/users/"' not in nav("cell_secretary")
    assert 'href="/inspection/"' in nav("inspection_committee") and 'href="/inspection/"' not in nav("office")
