"""Imports that add to what is recorded: matched by national ID and organization code, validated against the
records, empty cells erasing nothing; what the sheet cannot say (a rename, a corrected event) is refused."""

import datetime

import pytest

from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry, AuditKind
from dangvu.members import services
from dangvu.members.choices import EventKind
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations import services as org_services
from dangvu.organizations.models import Organization
from dangvu.transfer.importer import run_import

from . import workbooks

pytestmark = pytest.mark.django_db
D = datetime.date


plain = workbooks.tidy


def member(person: workbooks.Person, **changes) -> dict:
    return {**person.row(), **changes}


def test_changes_and_additions_are_written_and_audited(imported):
    people = imported.people
    hang, an = people[0], people[1]
    audit_before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    newcomer = workbooks.Person(
        "Trịnh Văn Mới", "Nam", D(1995, 1, 1), "031195000777", "CB-B", D(2024, 3, 1), None
    )
    content = plain(
        {
            "Đảng viên": (
                [*workbooks.MEMBER_HEADERS, "Điện thoại"],
                [
                    # A new phone number; the other cells as recorded.
                    {**member(hang), "Điện thoại": "0912345678"},
                    # Moved to CB-B: the row says so, and "Biến động" carries the transfer.
                    member(an, **{"Mã tổ chức": "CB-B", "Dân tộc": None, "Quê quán": ""}),
                    newcomer.row(),
                ],
            ),
            "Biến động": (
                workbooks.EVENT_HEADERS,
                [workbooks.Scenario._row(an, "Chuyển sinh hoạt", D(2024, 5, 2), an.org, "CB-B")],
            ),
        }
    )
    result = run_import(content, filename="bo-sung.xlsx")
    assert [p.line() for p in result.problems] == []
    assert result.counts["members"] == {"new": 1, "changed": 2, "unchanged": 0}
    assert result.counts["events"]["new"] == 1 + 1  # the transfer; the newcomer's admission
    assert Member.objects.get(national_id=hang.national_id).phone == "0912345678"
    an_member = Member.objects.get(national_id=an.national_id)
    assert (
        an_member.ethnicity == "Kinh" and an_member.home_province == "Hải Phòng"
    )  # empty cells erase nothing
    assert services.current_organization(an_member, D(2024, 6, 1)) == Organization.objects.get(code="CB-B").pk
    latest = an_member.periods.get(is_latest=True)
    assert latest.organization.code == "CB-B" and latest.start == D(2024, 5, 2)
    rows = AuditEntry.objects.filter(pk__gt=audit_before).order_by("id")
    kinds = [row.kind for row in rows]
    assert kinds.count(AuditKind.UPDATE) == 1 and kinds.count(AuditKind.CREATE) == 1
    assert kinds.count(AuditKind.EVENT) == 2 and kinds[-1] == AuditKind.IMPORT
    update = rows.get(kind=AuditKind.UPDATE)
    assert update.before["phone"] == "" and update.after["phone"] == "0912345678"
    assert rows.last().after["sha256"] == result.sha256 and rows.last().after["committed"] is True
    assert verify_chain() is None


def test_a_recognition_recorded_later(imported):
    newcomer = imported.people[-1]  # probationary, no recognition recorded
    assert newcomer.recognized is None
    content = plain(
        {"Đảng viên": (workbooks.MEMBER_HEADERS, [member(newcomer, **{"Ngày chính thức": D(2024, 9, 1)})])}
    )
    result = run_import(content)
    assert [p.line() for p in result.problems] == []
    assert result.counts["members"]["changed"] == 1 and result.counts["events"]["new"] == 1
    event = Member.objects.get(national_id=newcomer.national_id).events.get(kind=EventKind.RECOGNITION)
    assert event.date == D(2024, 9, 1)


def test_a_row_that_disagrees_with_the_records_is_refused(imported):
    person = imported.people[2]
    content = plain({"Đảng viên": (workbooks.MEMBER_HEADERS, [member(person, **{"Mã tổ chức": "CB-C"})])})
    [problem] = run_import(content).problems
    assert problem.column == "Mã tổ chức" and problem.row == 2
    assert "Chi bộ Công ty Bình Minh (CB-B)" in problem.message


def test_a_recorded_event_said_otherwise_is_refused(imported):
    person = imported.people[3]  # has rows in "Biến động"
    rows = [dict(row) for row in person.events]
    rows[0]["Số quyết định"] = "99-QĐ/ĐU"
    content = plain({"Biến động": (workbooks.EVENT_HEADERS, rows)})
    [problem] = run_import(content).problems
    assert problem.sheet == "Biến động" and problem.row == 2 and problem.column == "Số quyết định"
    assert "đã ghi “" in problem.message and "đính chính" in problem.message


def test_ledger_rows_alone_add_to_recorded_members(imported):
    person = imported.people[2]
    row = workbooks.Scenario._row(person, "Từ trần", D(2025, 1, 5), "")
    result = run_import(plain({"Biến động": (workbooks.EVENT_HEADERS, [row])}))
    assert [p.line() for p in result.problems] == []
    assert result.counts["members"]["changed"] == 1 and result.counts["events"]["new"] == 1
    event = MembershipEvent.objects.get(kind=EventKind.DECEASED, member__national_id=person.national_id)
    assert event.organization.code == person.org  # the organization the member belonged to, filled in
    unknown = workbooks.Scenario._row(
        workbooks.Person("X", "Nam", D(1990, 1, 1), "031190999999", "", D(2020, 1, 1), None),
        "Từ trần",
        D(2025, 1, 5),
        "",
    )
    [problem] = run_import(plain({"Biến động": (workbooks.EVENT_HEADERS, [unknown])})).problems
    assert "Không có đảng viên số CCCD 031190999999" in problem.message


def test_organizations_compared_with_their_history(imported):
    cell = Organization.objects.get(code="CB-B")
    org_services.rename(cell, D(2024, 1, 10), "7-QĐ/ĐU", "Chi bộ Công ty Bình Minh Mới")
    old_row = next(org.row() for org in imported.orgs if org.code == "CB-B")
    # The name it had before the rename is still its name in an older file.
    result = run_import(plain({"Tổ chức": (workbooks.ORG_HEADERS, [old_row])}))
    assert result.ok and result.counts["organizations"] == {"new": 0, "changed": 0, "unchanged": 1}
    # A name it never had is refused: a rename needs its date and decision.
    [problem] = run_import(
        plain({"Tổ chức": (workbooks.ORG_HEADERS, [{**old_row, "Tên tổ chức": "Chi bộ Khác"}])})
    ).problems
    assert problem.column == "Tên tổ chức" and "Chi bộ Công ty Bình Minh Mới" in problem.message
    # A new cell under a recorded committee, and the dissolution of a recorded cell without members.
    empty = org_services.found_organization(
        D(2020, 1, 1),
        "1-QĐ",
        code="CB-F",
        name="Chi bộ Trống",
        kind="grassroots_cell",
        sector="enterprise",
        parent=Organization.objects.get(code="KKT-T"),
    )
    rows = [
        {"Mã tổ chức": "DB-A3", "Tên tổ chức": "Chi bộ Phân xưởng 3", "Loại tổ chức": "chi bo truc thuoc",
         "Mã tổ chức cấp trên": "db-a", "Khối": "DOANH NGHIỆP", "Ngày thành lập": "1/2/2024",
         "Số quyết định thành lập": "12-QĐ/ĐU"},
        {"Mã tổ chức": "CB-F", "Ngày giải thể": D(2024, 6, 30)},
    ]  # fmt: skip
    result = run_import(plain({"Tổ chức": (workbooks.ORG_HEADERS, rows)}))
    assert [p.line() for p in result.problems] == []
    assert result.counts["organizations"] == {"new": 1, "changed": 1, "unchanged": 0}
    created = Organization.objects.get(code="DB-A3")
    assert created.parent.code == "DB-A" and created.founded_on == D(2024, 2, 1)
    assert created.events.get().decision_number == "12-QĐ/ĐU"
    empty.refresh_from_db()
    assert empty.ended_on == D(2024, 6, 30)


def test_a_dissolution_with_members_left_is_refused(imported):
    rows = [{"Mã tổ chức": "CB-C", "Ngày giải thể": D(2024, 6, 30)}]
    [problem] = run_import(plain({"Tổ chức": (workbooks.ORG_HEADERS, rows)})).problems
    assert problem.column == "Ngày giải thể" and "còn đảng viên" in problem.message
    assert Organization.objects.get(code="CB-C").ended_on is None


def test_the_audit_rows_of_a_bulk_import_are_those_of_the_services(imported):
    from dangvu.core import audit

    person = imported.people[3]
    member_row = Member.objects.get(national_id=person.national_id)
    created = AuditEntry.objects.get(
        kind=AuditKind.CREATE, object_type="members.Member", object_id=str(member_row.pk)
    )
    assert created.after == audit.snapshot(member_row)
    assert created.object_repr == member_row.full_name
    for event in member_row.events.all():
        row = AuditEntry.objects.get(
            kind=AuditKind.EVENT, object_type="members.MembershipEvent", object_id=str(event.pk)
        )
        assert row.after == audit.snapshot(event)
        assert row.object_repr == f"{member_row.full_name}: {event}"
    assert verify_chain() is None
