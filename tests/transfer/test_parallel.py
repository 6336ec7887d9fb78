"""A first import checked in a worker process (dangvu/transfer/parallel.py) does exactly what the importer
does alone: the same rows, the same audit trail (its chain intact), the same problems, all or nothing."""

import datetime

import pytest
from django.db import transaction

from dangvu.core import audit
from dangvu.core.models import AuditEntry
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations.models import Organization
from dangvu.transfer import importer, parallel
from dangvu.transfer import members as member_sheets
from dangvu.transfer.importer import run_import

from . import workbooks

pytestmark = pytest.mark.django_db
D = datetime.date
SERIAL = 10**9  # a threshold no test file reaches
NAMED = ("organization_id", "to_organization_id", "parent_id")
SKIPPED = {"id", "created_at", "updated_at", "member_id", *NAMED}


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch):
    """Pieces and chunks of a few rows, so that a 42-member file makes many of each and the importer waits
    for the worker (AHEAD) as it does on a large file."""
    monkeypatch.setattr(parallel, "PIECE", 7)
    monkeypatch.setattr(parallel, "AHEAD", 1)
    monkeypatch.setattr(member_sheets, "CHUNK", 5)


@pytest.fixture(autouse=True, params=[True, False], ids=["built-by-worker", "built-by-importer"])
def builder(request, monkeypatch):
    """Whichever process builds the rows (the worker on SQLite, the importing process on PostgreSQL)."""
    monkeypatch.setattr(parallel, "builds_in_worker", lambda: request.param)


def dump() -> dict:
    """Everything the import wrote, with the database's ids replaced by national IDs and codes (the two
    imports compared run one after the other, and PostgreSQL's sequences do not go back)."""
    national_id = dict(Member.objects.values_list("pk", "national_id"))
    code = dict(Organization.objects.values_list("pk", "code"))

    def plain(values: dict) -> tuple:
        named = []
        if "member_id" in values:
            named.append(national_id.get(values["member_id"]))
        for key in NAMED:
            if key in values:
                named.append(code.get(values[key]))
        return (*named, *[(k, v) for k, v in sorted(values.items()) if k not in SKIPPED])

    entries = [
        (e["kind"], e["object_type"], e["object_repr"], plain(e["after"] or {}))
        for e in AuditEntry.objects.order_by("id").values("kind", "object_type", "object_repr", "after")
        if e["kind"] != "import"
    ]
    return {
        "members": sorted((plain(v) for v in Member.objects.values()), key=repr),
        "events": sorted((plain(v) for v in MembershipEvent.objects.values()), key=repr),
        "periods": sorted((plain(v) for v in MembershipPeriod.objects.values()), key=repr),
        "audit": entries,
    }


def imported(settings, content: bytes, rows: int):
    """Import `content` with the worker from `rows` rows on, and take everything back afterwards."""
    settings.DANGVU_IMPORT_PARALLEL_ROWS = rows
    with transaction.atomic():
        result = run_import(content, filename="tep.xlsx")
        written = dump()
        assert audit.verify_chain() is None
        transaction.set_rollback(True)
    return result, written


def test_the_worker_writes_what_the_importer_alone_writes(settings):
    content = workbooks.write(workbooks.Scenario())
    alone, expected = imported(settings, content, SERIAL)
    assert alone.committed and expected["members"] and expected["audit"]
    worked, written = imported(settings, content, 1)
    assert worked.committed and worked.counts == alone.counts
    assert written == expected


def test_the_worker_is_used_only_for_a_first_import_of_enough_rows(settings, monkeypatch):
    content = workbooks.write(workbooks.Scenario())
    used = []
    original = parallel.run

    def run(sheets, records):
        used.append(True)
        return original(sheets, records)

    monkeypatch.setattr(parallel, "run", run)
    with transaction.atomic():
        # 44 rows below the headers: 42 members, the row numbering the columns and the total
        settings.DANGVU_IMPORT_PARALLEL_ROWS = 45
        assert run_import(content, filename="tep.xlsx").committed and not used
        settings.DANGVU_IMPORT_PARALLEL_ROWS = 1
        # Records are there now: the second import of the file looks them up, so it goes alone.
        result = run_import(content, filename="tep.xlsx")
        assert result.committed and result.counts["members"]["unchanged"] == 42 and not used
        transaction.set_rollback(True)
    assert run_import(content, filename="tep.xlsx").committed and used


def edit_member(index: int, **changes):
    def edit(sheets):
        sheets["Đảng viên"][1][index].update(changes)

    return edit


def edit_ledger(index: int, **changes):
    def edit(sheets):
        sheets["Biến động"][1][index].update(changes)

    return edit


def ledger_of_nobody(sheets):
    """A ledger row of a national ID that "Đảng viên" does not have: the worker reads "Biến động" and sends
    it back, and the importing process reports it."""
    sheets["Biến động"][1].append({**sheets["Biến động"][1][0], "Số CCCD": "031190099999"})


@pytest.mark.parametrize(
    "edit",
    [
        edit_member(2, **{"Ngày sinh": D(2008, 1, 1)}),  # too young, found by the ledger's replay
        edit_member(4, **{"Số CCCD": "03119A000104"}),  # malformed, found while reading the row
        edit_member(30, **{"Ngày chính thức": D(2000, 1, 1)}),  # recognized before admitted, in a late chunk
        edit_member(39, **{"Số CCCD": "031190000101"}),  # the number of the second member again
        edit_ledger(1, **{"Mã tổ chức": "CB-KHONG-CO"}),  # found while the worker reads "Biến động"
        ledger_of_nobody,
    ],
    ids=[
        "too-young",
        "malformed-id",
        "recognized-before-admitted",
        "duplicate-id",
        "ledger-unknown-organization",
        "ledger-of-nobody",
    ],
)
def test_a_defect_is_refused_whole_with_the_same_report(settings, edit):
    content = workbooks.write(workbooks.Scenario(), edit=edit)
    alone, _nothing = imported(settings, content, SERIAL)
    worked, written = imported(settings, content, 1)
    assert not alone.committed and not worked.committed
    assert [p.line() for p in worked.problems] == [p.line() for p in alone.problems] != []
    assert written["members"] == written["events"] == written["periods"] == []


def test_a_worker_that_fails_takes_the_whole_import_back(settings, monkeypatch):
    settings.DANGVU_IMPORT_PARALLEL_ROWS = 1

    def asks_the_database(self, line, item):
        Member.objects.count()  # the worker's connection is the importer's: refused

    monkeypatch.setattr(member_sheets.MemberSheets, "_agree", asks_the_database)
    with pytest.raises(parallel.WorkerFailed, match="must not use the database"):
        run_import(workbooks.write(workbooks.Scenario()), filename="tep.xlsx")
    assert not Organization.objects.exists() and not Member.objects.exists()


def test_the_progress_counts_the_members_the_worker_checked(settings, monkeypatch):
    settings.DANGVU_IMPORT_PARALLEL_ROWS = 1
    monkeypatch.setattr(importer, "PROGRESS_INTERVAL", 0)
    seen = []
    result = run_import(
        workbooks.write(workbooks.Scenario()),
        filename="tep.xlsx",
        progress=lambda phase, done, total: seen.append((phase, done, total)),
    )
    assert result.committed
    members = [(done, total) for phase, done, total in seen if phase == "members"]
    assert members[0][0] == 0 and max(done for done, _total in members) == 42


def test_a_dry_run_with_the_worker_counts_what_it_would_write_and_writes_nothing(settings):
    content = workbooks.write(workbooks.Scenario())
    settings.DANGVU_IMPORT_PARALLEL_ROWS = SERIAL
    alone = run_import(content, filename="tep.xlsx", dry_run=True)
    settings.DANGVU_IMPORT_PARALLEL_ROWS = 1
    worked = run_import(content, filename="tep.xlsx", dry_run=True)
    assert worked.ok and not worked.committed and worked.counts == alone.counts
    assert worked.counts["members"]["new"] == 42
    assert not Member.objects.exists() and not Organization.objects.exists()
