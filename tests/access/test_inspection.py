"""Discipline pages (/inspection/): the Inspection Committee and the administrator list, record and correct
discipline decisions; for everybody else the pages do not exist, and nothing names a record."""

import io

import openpyxl
import pytest
from django.test import Client

from dangvu.core.models import AuditEntry, AuditKind
from dangvu.inspection.models import DisciplineRecord
from dangvu.members.models import Member

pytestmark = pytest.mark.django_db


def client_of(world, role) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def test_the_inspection_committee_lists_its_scope_with_search_filters_and_export(world):
    client = client_of(world, "inspection_committee")
    body = client.get("/inspection/").content.decode()
    assert "Nguyễn Văn An" in body and "Trần Thị Bình" not in body and "Khiển trách" in body
    assert "Nguyễn Văn An" not in client.get("/inspection/", {"form": "warning"}).content.decode()
    assert "Nguyễn Văn An" in client.get("/inspection/", {"q": "nguyen an"}).content.decode()
    assert "Nguyễn Văn An" not in client.get("/inspection/", {"date_from": "01/01/2024"}).content.decode()
    response = client.get("/inspection/", {"export": "xlsx"})
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert [row[1] for row in rows] == ["Nguyễn Văn An"]
    everything = client_of(world, "superuser").get("/inspection/").content.decode()
    assert "Nguyễn Văn An" in everything and "Trần Thị Bình" in everything


def test_every_other_role_finds_no_page_and_no_record(world):
    record = world.scopes["in"]["discipline"]
    member = world.scopes["in"]["member"]
    for role in ("standing_board", "organization_board", "cell_secretary", "office", "statistics_viewer"):
        client = client_of(world, role)
        for url in ("/inspection/", f"/inspection/{record}/", f"/inspection/members/{member}/add/"):
            response = client.get(url)
            assert response.status_code == 404, (role, url)
            assert "Vi phạm quy chế" not in response.content.decode()
        page = client.get(f"/members/{member}/")
        assert "12-QĐ/UBKT" not in page.content.decode() and "Kỷ luật" not in page.content.decode(), role


def test_recording_an_expulsion_is_confirmed_and_ends_the_membership(world):
    client = client_of(world, "inspection_committee")
    member = Member.objects.get(pk=world.scopes["in"]["member"])
    page = client.get(f"/members/{member.pk}/").content.decode()
    assert "12-QĐ/UBKT" in page and f'href="/inspection/members/{member.pk}/add/"' in page
    data = {
        "form": "expulsion",
        "date": "04/06/2024",
        "decision_number": "20-QĐ/UBKT",
        "issuer": "Ủy ban Kiểm tra Đảng ủy",
        "reason": "Vi phạm nghiêm trọng",
    }
    refused = client.post(
        f"/inspection/members/{member.pk}/add/", {**data, "reason": "", "date": "31/02/2024"}
    )
    body = refused.content.decode()
    assert refused.status_code == 422 and "Nhập nội dung vi phạm." in body and "dd/mm/yyyy" in body
    confirm = client.post(f"/inspection/members/{member.pk}/add/", data)
    assert "Khai trừ chấm dứt tư cách đảng viên" in confirm.content.decode()
    assert DisciplineRecord.objects.count() == 2
    done = client.post(f"/inspection/members/{member.pk}/add/", {**data, "confirmed": "1"})
    record = DisciplineRecord.objects.get(decision_number="20-QĐ/UBKT")
    assert done.status_code == 302 and done["Location"] == f"/inspection/{record.pk}/"
    assert member.events.filter(kind="expelled", voided_at__isnull=True).exists()
    # Correcting it (confirmed) voids the expulsion too.
    confirm = client.post(f"/inspection/{record.pk}/correct/", {"reason": "Quyết định bị hủy"})
    assert "việc khai trừ khỏi Đảng cũng được đính chính" in confirm.content.decode()
    client.post(f"/inspection/{record.pk}/correct/", {"reason": "Quyết định bị hủy", "confirmed": "1"})
    record.refresh_from_db()
    assert record.voided_at is not None and record.void_reason == "Quyết định bị hủy"
    assert not member.events.filter(kind="expelled", voided_at__isnull=True).exists()
    kinds = set(
        AuditEntry.objects.filter(object_type="inspection.DisciplineRecord").values_list("kind", flat=True)
    )
    assert kinds == {AuditKind.CREATE, AuditKind.CORRECTION}
    assert client.get(f"/inspection/{record.pk}/correct/").status_code == 404  # already corrected


def test_a_record_outside_the_scope_is_not_found(world):
    client = client_of(world, "inspection_committee")
    outside = world.scopes["out"]
    for url in (
        f"/inspection/{outside['discipline']}/",
        f"/inspection/{outside['discipline']}/correct/",
        f"/inspection/members/{outside['member']}/add/",
    ):
        response = client.get(url)
        assert response.status_code == 404 and "Trần Thị Bình" not in response.content.decode(), url
