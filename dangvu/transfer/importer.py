"""Importing a workbook, all or nothing: the one entry point of the command line, the web page's background
task and the benchmark.

    result = run_import(content, filename="dang-vien.xlsx", acting_user=user, dry_run=False)
    result.ok, result.counts, result.problems

In one transaction: the sheet "Tổ chức" founds and dissolves organizations through
`organizations.services.apply_decision`; then "Đảng viên" and "Biến động" go through `members.bulk`, batch
after batch (a first import of a large file checks its members in a worker process: `parallel`). Every
problem of every row is collected; if there is any, or on a dry run, the transaction is
rolled back, so the database is exactly as before (a dry run checks with the same code as a real import,
organizations included, because it makes the same writes and takes them back). A real import is recorded
in the audit trail with the file's SHA-256, refused or not.

Who may import: a user with `members.change` and `organizations.change`, for the organizations in their
scope (`accounts.scoping`); without a user (the command line, run by the operator) everything.
"""

import contextlib
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.scoping import has_perm, scope_org_ids
from dangvu.core import audit
from dangvu.core.models import AuditKind
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod

from .members import MemberSheets
from .organizations import Counts, OrganizationSheet
from .problems import Problem, sort_key
from .reader import NotASpreadsheet, Workbook, locate_first
from .values import shown_cell

IMPORT_PERMISSIONS = ("members.change", "organizations.change")
PROGRESS_INTERVAL = 0.5  # seconds between two progress reports

# What the progress bar says during each phase.
PHASES = {
    "reading": gettext_lazy("Đang đọc tệp"),
    "organizations": gettext_lazy("Đang kiểm tra và ghi tổ chức đảng"),
    "members": gettext_lazy("Đang kiểm tra và ghi đảng viên, biến động"),
    "finishing": gettext_lazy("Đang hoàn tất"),
}


@dataclass
class ImportResult:
    filename: str
    sha256: str
    size: int
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    committed: bool = False
    audit_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict:
        return {
            "file": self.filename,
            "sha256": self.sha256,
            "size": self.size,
            "dry_run": self.dry_run,
            "counts": self.counts,
            "problems": len(self.problems),
            "seconds": round(self.seconds, 2),
        }


def can_import(user) -> bool:
    return all(has_perm(user, perm) for perm in IMPORT_PERMISSIONS)


class Importer:
    def __init__(self, *, acting_user=None, dry_run: bool = False, progress: Callable | None = None):
        self.acting_user = acting_user
        self.dry_run = dry_run
        self.progress = progress
        self.problems: list[Problem] = []
        self.phase = "reading"
        self.total = 0
        self._reported = 0.0

    # -- what the sheets call -------------------------------------------------------------------------------

    def add(self, sheet: str, row: int | None, column: str, value: str, message: str):
        self.problems.append(Problem(sheet, row, column, value, message))

    def problem(self, sheet, row: int | None, key: str, raw, message: str):
        """A problem in a cell of a found sheet (reader.FoundSheet), by the contract's column key."""
        self.add(sheet.name, row, sheet.header(key), shown_cell(sheet.spec, key, raw), message)

    def scope(self, perm: str, history) -> set[int] | None:
        """The organizations the acting user may act on with `perm`; None: all of them."""
        if self.acting_user is None:
            return None
        return scope_org_ids(self.acting_user, perm, history=history)

    def set_phase(self, phase: str, total: int = 0):
        self.phase = phase
        self.total = total
        self._report(0, force=True)

    def tick(self, done: int = 0):
        self._report(done)

    def _report(self, done: int, force: bool = False):
        if self.progress is None:
            return
        now = time.monotonic()
        if force or now - self._reported >= PROGRESS_INTERVAL:
            self._reported = now
            self.progress(self.phase, min(done, self.total) if self.total else done, self.total)

    # -- the run --------------------------------------------------------------------------------------------

    def run(
        self, content: bytes, *, filename: str = "", engine: str = "calamine", run_id=None
    ) -> ImportResult:
        started = time.monotonic()
        result = ImportResult(filename, hashlib.sha256(content).hexdigest(), len(content), self.dry_run)
        self.set_phase("reading")
        if self.acting_user is not None and not can_import(self.acting_user):
            self.add(
                "", None, "", "", _("Bạn không có quyền nhập dữ liệu (cần quyền sửa đảng viên và tổ chức).")
            )
        else:
            self._import(content, filename, engine, result)
        result.problems = sorted(self.problems, key=sort_key)
        result.seconds = time.monotonic() - started
        if not self.dry_run:
            self.set_phase("finishing")
            entry = audit.record(
                AuditKind.IMPORT,
                object_type="transfer.ImportRun" if run_id is not None else "",
                object_repr=(
                    _("Nhập tệp %(name)s") if result.committed else _("Nhập tệp %(name)s: bị từ chối")
                )
                % {"name": filename or "—"},
                after={**result.summary(), "committed": result.committed, "run": run_id},
                acting_user=self.acting_user,
            )
            result.audit_id = entry.pk
        return result

    def _import(self, content: bytes, filename: str, engine: str, result: ImportResult):
        try:
            workbook = Workbook(content, engine)
        except NotASpreadsheet:
            self.add(
                "",
                None,
                "",
                filename,
                _(
                    "Tệp không phải bảng tính đọc được (.xlsx, .xls hoặc .ods) hoặc đã hỏng: mở tệp bằng Excel, lưu "
                    "lại dạng .xlsx (Excel Workbook) rồi nhập lại."
                ),
            )
            return
        try:
            # "Đảng viên", the largest sheet, is read in the background while the organizations are written,
            # and its header examined only then: problems found there are reported alone, as if found first.
            workbook.prefetch()
            sheets, problems, rest = locate_first(workbook, later=("members",))
            self.problems += problems
            if problems:
                return
            with _large_page_cache(), transaction.atomic():
                organizations = OrganizationSheet(self, sheets.get("organizations"))
                organizations.read()
                self.set_phase("organizations", len(organizations.lines))
                organizations.apply()
                found, problems = rest()
                if problems:
                    self.problems[:] = problems
                    transaction.set_rollback(True)
                    return
                sheets.update(found)
                members_sheet = sheets.get("members")
                height = members_sheet.height - members_sheet.header_row if members_sheet else 0
                self.set_phase("members", max(height, 0))
                people = MemberSheets(self, members_sheet, sheets.get("events"), organizations.failed_codes)
                with _indexes_built_after() as rebuild:
                    people.run()
                    if self.problems or self.dry_run:
                        transaction.set_rollback(True)
                    else:
                        self.set_phase("finishing")
                        rebuild()
                result.counts = {
                    "organizations": organizations.counts.as_dict(),
                    "members": people.members.as_dict(),
                    "events": people.events.as_dict(),
                }
                if self.problems or self.dry_run:
                    transaction.set_rollback(True)
                else:
                    result.committed = True
        finally:
            workbook.close()


SQLITE_IMPORT_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def _large_page_cache():
    """SQLite keeps the pages a transaction changed in its page cache, and spills them to the write-ahead log
    when the cache is full — an index page changed a thousand times is then written a thousand times. A large
    cache for the import's transaction writes each page once, at the commit."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


_BULK_TABLES = (Member, MembershipEvent, MembershipPeriod)


@contextlib.contextmanager
def _indexes_built_after():
    """When the member tables are empty (the first import of an installation's records), their secondary
    indexes are set aside while the rows go in and built once at the end, by `rebuild()`: building an index
    from the whole table is much faster than growing it row by row. Inside the import's transaction: when the
    file is refused (or checked only), the rollback brings the indexes back without rebuilding them (on
    PostgreSQL, DROP INDEX also locks the tables until the end of the transaction — tables nobody has rows
    in yet). The import's own queries do not need them: with empty tables no member is looked up but by
    national ID, whose unique index stays, as do the primary keys and every index behind a constraint. On
    PostgreSQL their foreign keys are set aside as well and added back after the indexes, which checks every
    row written in one pass over each table."""
    if connection.vendor not in ("sqlite", "postgresql") or any(
        model.objects.exists() for model in _BULK_TABLES
    ):
        yield lambda: None
        return
    tables = [model._meta.db_table for model in _BULK_TABLES]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
                f"({', '.join(['%s'] * len(tables))}) ORDER BY name",
                tables,
            )
        else:
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                f"WHERE i.indrelid IN ({', '.join(['%s::regclass'] * len(tables))}) "
                "AND NOT i.indisprimary AND NOT i.indisunique "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
                "ORDER BY c.relname",
                [connection.ops.quote_name(table) for table in tables],
            )
        indexes = cursor.fetchall()
        foreign_keys = []
        if connection.vendor == "postgresql":
            # The foreign keys too: each row written would queue a check (a lookup that also locks the row it
            # names) run at the commit; adding the constraint back checks the whole table in one join. The
            # organizations' own pending checks run first: PostgreSQL alters a table with none pending only.
            connection.check_constraints()
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                f"WHERE contype = 'f' AND conrelid IN ({', '.join(['%s::regclass'] * len(tables))}) "
                "ORDER BY conrelid, conname",
                [connection.ops.quote_name(table) for table in tables],
            )
            foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    built = False

    def rebuild():
        nonlocal built
        if connection.vendor == "postgresql":
            # PostgreSQL refuses to alter or index a table with foreign-key checks still pending (they are
            # deferred to the commit): run them now, as the commit would.
            connection.check_constraints()
        with connection.cursor() as cursor:
            for _name, sql in indexes:
                cursor.execute(sql)
            for table, name, definition in foreign_keys:
                cursor.execute(
                    f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
                )
        built = True

    yield rebuild  # an exception rolls the transaction back, and the indexes come back with it
    if not built and not connection.needs_rollback:
        rebuild()  # never leave the tables without their indexes when the transaction goes on


def run_import(
    content: bytes,
    *,
    filename: str = "",
    dry_run: bool = False,
    acting_user=None,
    progress: Callable | None = None,
    engine: str = "calamine",
    run_id=None,
) -> ImportResult:
    """Import a workbook (see the module docstring). `progress(phase, done, total)` is called now and then."""
    importer = Importer(acting_user=acting_user, dry_run=dry_run, progress=progress)
    return importer.run(content, filename=filename, engine=engine, run_id=run_id)


__all__ = ["PHASES", "Counts", "ImportResult", "can_import", "run_import"]
