"""Each kind of defect refuses the whole file, names its row, and leaves the database as it was."""

import datetime

import pytest

from dangvu.core.dates import today
from dangvu.core.models import AuditEntry, AuditKind
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations.models import Organization, OrganizationEvent
from dangvu.transfer.columns import word_key
from dangvu.transfer.importer import run_import

from . import workbooks

pytestmark = pytest.mark.django_db
D = datetime.date
MEMBERS = "ĐẢNG VIÊN"  # the messy workbook names the sheet in capitals


def counts():
    return [
        model.objects.count()
        for model in (Organization, OrganizationEvent, Member, MembershipEvent, MembershipPeriod)
    ]


def member_edit(index: int, **changes):
    def edit(sheets):
        sheets["Đảng viên"][1][index].update(changes)

    return edit


def refused(content: bytes):
    before, audit_before = counts(), AuditEntry.objects.count()
    result = run_import(content, filename="loi.xlsx")
    assert not result.ok and not result.committed
    assert counts() == before == [0, 0, 0, 0, 0]
    # The only trace is the refusal in the audit trail, with the file's hash.
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == audit_before + 1
    assert entry.kind == AuditKind.IMPORT and entry.after["sha256"] == result.sha256
    assert entry.after["committed"] is False and entry.after["problems"] == len(result.problems)
    return result.problems


def only(problems, sheet, row, column):
    """The problem in that cell; every problem of the file is in that row (a rule broken at admission may
    leave the next events of the same ledger unplaced: the replay says so too)."""
    lines = [p.line() for p in problems]
    assert all(p.sheet == sheet and p.row == row for p in problems), lines
    found = [p for p in problems if word_key(p.column) == word_key(column)]
    assert found, lines
    return found[0]


def test_too_young():
    scenario = workbooks.Scenario()
    problems = refused(workbooks.write(scenario, edit=member_edit(2, **{"Ngày sinh": D(2008, 1, 1)})))
    problem = only(problems, MEMBERS, workbooks.row_of(2), "Ngày vào Đảng")
    assert "Chưa đủ 18 tuổi" in problem.message and "01/01/2008" in problem.message


def test_malformed_national_id():
    problems = refused(
        workbooks.write(workbooks.Scenario(), edit=member_edit(4, **{"Số CCCD": "03119A000104"}))
    )
    problem = only(problems, MEMBERS, workbooks.row_of(4), "Số CCCD")
    assert problem.value == "03119A000104" and "12 chữ số" in problem.message


def test_too_short_a_national_id():
    problems = refused(workbooks.write(workbooks.Scenario(), edit=member_edit(6, **{"Số CCCD": "12345"})))
    assert "chỉ có 5 chữ số" in only(problems, MEMBERS, workbooks.row_of(6), "Số CCCD").message


def test_unknown_organization():
    problems = refused(workbooks.write(workbooks.Scenario(), edit=member_edit(8, **{"Mã tổ chức": "CB-X"})))
    problem = only(problems, MEMBERS, workbooks.row_of(8), "Mã tổ chức")
    assert problem.value == "CB-X" and "Không có tổ chức mã CB-X" in problem.message


def test_recognition_before_admission():
    scenario = workbooks.Scenario()
    admitted = scenario.people[10].admitted
    content = workbooks.write(
        scenario, edit=member_edit(10, **{"Ngày chính thức": admitted - datetime.timedelta(days=30)})
    )
    problem = only(refused(content), MEMBERS, workbooks.row_of(10), "Ngày chính thức")
    assert "trước ngày vào Đảng" in problem.message


def test_recognition_before_the_end_of_probation():
    scenario = workbooks.Scenario()
    admitted = scenario.people[11].admitted
    content = workbooks.write(
        scenario, edit=member_edit(11, **{"Ngày chính thức": admitted + datetime.timedelta(days=200)})
    )
    problem = only(refused(content), MEMBERS, workbooks.row_of(11), "Ngày chính thức")
    assert "chưa đủ 12 tháng dự bị" in problem.message


def test_duplicate_national_id():
    scenario = workbooks.Scenario()
    content = workbooks.write(scenario, edit=member_edit(13, **{"Số CCCD": scenario.people[1].national_id}))
    problem = only(refused(content), MEMBERS, workbooks.row_of(13), "Số CCCD")
    assert f"trùng với dòng {workbooks.row_of(1)}" in problem.message


def test_date_in_the_future():
    later = today() + datetime.timedelta(days=20)
    content = workbooks.write(
        workbooks.Scenario(), edit=member_edit(15, **{"Ngày vào Đảng": later, "Ngày chính thức": None})
    )
    problem = only(refused(content), MEMBERS, workbooks.row_of(15), "Ngày vào Đảng")
    assert "ở tương lai" in problem.message


def test_a_ledger_row_in_the_future():
    scenario = workbooks.Scenario()
    later = today() + datetime.timedelta(days=3)

    def edit(sheets):
        sheets["Biến động"][1][2]["Ngày"] = later

    problems = refused(workbooks.write(scenario, edit=edit))
    problem = only(problems, "Biến động", workbooks.row_of(2), "Ngày")
    assert "ở tương lai" in problem.message


def test_missing_column():
    problems = refused(workbooks.write(workbooks.Scenario(), drop=("Đảng viên", "Ngày sinh")))
    problem = only(problems, MEMBERS, workbooks.header_row(), "Ngày sinh")
    assert problem.message.startswith("Thiếu cột “Ngày sinh”")


def test_a_missing_column_is_reported_alone_though_found_after_the_organizations_are_written():
    """The header of "Đảng viên" is examined while the organizations are being written (the sheet is read in
    the background meanwhile): a problem there is still reported alone, as before any row was read."""

    def edit(sheets):
        sheets["Tổ chức"][1][6]["Khối"] = "Nông nghiệp"  # a row problem, not reported with a missing column

    content = workbooks.write(workbooks.Scenario(), edit=edit, drop=("Đảng viên", "Ngày sinh"))
    [problem] = refused(content)
    assert problem.sheet == MEMBERS and problem.message.startswith("Thiếu cột “Ngày sinh”")


@pytest.mark.parametrize(
    "content",
    [
        b"Ho va ten;Ngay sinh;So CCCD\nNguyen Van An;01/01/1990;031190000001\n",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_not_a_spreadsheet_at_all(content):
    [problem] = refused(content)
    assert problem.sheet == "" and problem.row is None
    assert "không phải bảng tính" in problem.message


def test_a_workbook_without_the_sheets():
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Tên", "Tuổi"])
    book.active.append(["An", 30])
    buffer = io.BytesIO()
    book.save(buffer)
    [problem] = refused(buffer.getvalue())
    assert "Không tìm thấy trang tính" in problem.message


def test_every_problem_of_the_file_is_reported_at_once():
    scenario = workbooks.Scenario()

    def edit(sheets):
        member_edit(2, **{"Ngày sinh": D(2008, 1, 1)})(sheets)
        member_edit(6, **{"Mã tổ chức": "CB-X"})(sheets)
        sheets["Tổ chức"][1][6]["Khối"] = "Nông nghiệp"

    problems = refused(workbooks.write(scenario, edit=edit))
    assert {(p.sheet, p.row) for p in problems} == {
        (MEMBERS, workbooks.row_of(2)),
        (MEMBERS, workbooks.row_of(6)),
        ("Tổ chức", workbooks.row_of(6)),
    }
    # In the order of the file: organizations first.
    assert problems[0].sheet == "Tổ chức" and "chọn một trong Doanh nghiệp" in problems[0].message


def test_a_member_row_that_disagrees_with_its_own_ledger_rows():
    """A new member's rows of "Biến động" and the member's row must say the same: the last organization and
    the admission date."""
    scenario = workbooks.Scenario()
    moved = scenario.people[3]  # admitted, recognized, then moved to another cell (rows in "Biến động")
    first_cell = moved.events[0]["Mã tổ chức"]
    assert moved.org != first_cell
    problem = only(
        refused(workbooks.write(scenario, edit=member_edit(3, **{"Mã tổ chức": first_cell}))),
        MEMBERS,
        workbooks.row_of(3),
        "Mã tổ chức",
    )
    assert "Theo sổ biến động" in problem.message and f"({moved.org})" in problem.message

    earlier = moved.admitted - datetime.timedelta(days=10)
    problem = only(
        refused(workbooks.write(scenario, edit=member_edit(3, **{"Ngày vào Đảng": earlier}))),
        MEMBERS,
        workbooks.row_of(3),
        "Ngày vào Đảng",
    )
    assert f"ngày vào Đảng là {moved.admitted:%d/%m/%Y}" in problem.message


def test_a_defect_after_batches_already_written_leaves_nothing(monkeypatch):
    """Members are checked and written batch after batch: a defect in the last rows takes back the batches
    written before it."""
    from dangvu.members.bulk import MemberBatch
    from dangvu.transfer import members as member_sheets

    monkeypatch.setattr(member_sheets, "CHUNK", 5)
    written = []
    original = MemberBatch.write

    def spy(self, prepared):
        written.append(len(prepared))
        return original(self, prepared)

    monkeypatch.setattr(MemberBatch, "write", spy)
    scenario = workbooks.Scenario()
    last = len(scenario.people) - 1
    content = workbooks.write(scenario, edit=member_edit(last, **{"Ngày sinh": D(2008, 1, 1)}))
    problem = only(refused(content), MEMBERS, workbooks.row_of(last), "Ngày vào Đảng")
    assert "Chưa đủ 18 tuổi" in problem.message
    assert sum(written) >= 35  # the earlier batches were written, then rolled back with the file


def test_a_defect_in_a_file_that_adds_to_the_records_changes_nothing(imported):
    """On a database that holds records: a file with good changes and one defect changes nothing at all."""
    from dangvu.members.models import Member as MemberModel

    def database():
        return (
            sorted(MemberModel.objects.values_list("id", "national_id", "phone", "updated_at")),
            sorted(MembershipEvent.objects.values_list("id", "member_id", "kind", "date", "voided_at")),
            sorted(
                MembershipPeriod.objects.values_list("id", "member_id", "organization_id", "start", "end")
            ),
            sorted(Organization.objects.values_list("id", "code", "ended_on", "updated_at")),
        )

    before, audit_before = database(), AuditEntry.objects.count()
    people = imported.people
    newcomer = workbooks.Person(
        "Trịnh Văn Mới", "Nam", D(1995, 1, 1), "031195000777", "CB-B", D(2024, 3, 1), None
    )
    young = workbooks.Person("Mai Văn Trẻ", "Nam", D(2010, 1, 1), "031110000778", "CB-B", D(2024, 3, 1), None)
    rows = [
        {**people[0].row(), "Điện thoại": "0912345678"},  # a change
        newcomer.row(),  # an addition
        young.row(),  # too young: the defect
    ]
    org_rows = [{"Mã tổ chức": "CB-G", "Tên tổ chức": "Chi bộ Mới", "Loại tổ chức": "Chi bộ cơ sở",
                 "Mã tổ chức cấp trên": "KKT-T", "Khối": "Doanh nghiệp", "Ngày thành lập": D(2024, 1, 2)}]  # fmt: skip
    content = workbooks.tidy(
        {
            "Tổ chức": (workbooks.ORG_HEADERS, org_rows),
            "Đảng viên": ([*workbooks.MEMBER_HEADERS, "Điện thoại"], rows),
        }
    )
    result = run_import(content, filename="bo-sung-loi.xlsx")
    assert not result.committed
    assert [(p.sheet, p.row) for p in result.problems] == [("Đảng viên", 4)]
    assert database() == before
    assert AuditEntry.objects.count() == audit_before + 1  # only the refusal


def test_the_indexes_set_aside_during_a_first_import_come_back():
    """The first import builds the member tables' indexes at the end (importer._indexes_built_after): they are
    all there again after a refused file, a dry run and a written file."""
    from django.db import connection

    def indexes():
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'members_%' "
                    "ORDER BY name"
                )
            else:
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'members_%' "
                    "ORDER BY indexname"
                )
            return cursor.fetchall()

    before = indexes()
    assert len([name for name, sql in before if sql]) >= 10
    scenario = workbooks.Scenario()
    refused(workbooks.write(scenario, edit=member_edit(5, **{"Mã tổ chức": "CB-X"})))
    assert indexes() == before
    assert run_import(workbooks.write(scenario), dry_run=True).ok
    assert indexes() == before
    result = run_import(workbooks.write(scenario))
    assert result.committed and indexes() == before
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchone()[0] == "ok"
