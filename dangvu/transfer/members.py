"""The sheets "Đảng viên" and "Biến động": each member's ledger from the two, checked and written through
`members.bulk` (the forms' personal-data cleaning and `ledger.replay`), batch after batch.

A member is matched by national ID. A new member with no row in "Biến động" is admitted in "Mã tổ chức" on
"Ngày vào Đảng" and recognized on "Ngày chính thức". Rows in "Biến động" make the ledger: when they start
with "Chuyển đến" the member was admitted elsewhere ("Ngày vào Đảng" is that admission); when they start
with anything else the member was admitted on "Ngày vào Đảng" in the organization of the first row. A
recognition not in the rows comes from "Ngày chính thức". For a member already recorded, a row that matches
a recorded event (kind, date, organizations) is that event, the others are added to the ledger, and the
recorded ledger with them is replayed; empty cells change nothing. Whatever the ledger, it must agree with
the member's row: the last organization, the admission date and, when given, the recognition date.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date
from dangvu.members.bulk import MemberBatch, Prepared, recorded_events
from dangvu.members.choices import EventKind
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from . import parallel, values
from .columns import CHOICE, DATE, EVENTS, MEMBERS
from .organizations import Counts, code_key

CHUNK = 2000
_QUERY_BATCH = 500
BLOCKED = object()  # an organization of the file whose row has problems: its members are not checked further
# The personal-data columns of "Đảng viên" and the detail columns of "Biến động", as (key, column).
PERSONAL = [
    (c.key, c)
    for c in MEMBERS.columns
    if c.key not in ("national_id", "organization", "admitted_on", "recognized_on")
]
DETAILS = [
    (c.key, c)
    for c in EVENTS.columns
    if c.read and c.key not in ("national_id", "kind", "date", "organization", "to_organization")
]
STARTING = {EventKind.ADMISSION, EventKind.TRANSFER_IN}


def _parse(column, raw):
    if column.kind == DATE:
        return values.date(raw)
    if column.kind == CHOICE:
        return values.choice(raw, column.choices)
    return values.text(raw)


@dataclass(slots=True)
class LedgerLine:
    row: int
    raw: dict
    national_id: str
    kind: str
    date: datetime.date
    organization_id: int | None
    to_organization_id: int | None
    details: dict

    def key(self, column: str = "date") -> tuple:
        """Where a problem of the event is reported; the cell is shown only when there is one."""
        return ("events", self.row, column, self.raw.get(column))

    def event(self) -> dict:
        return {
            "kind": self.kind,
            "date": self.date,
            "organization": self.organization_id,
            "to_organization": self.to_organization_id,
            **self.details,
            "key": self.key(),
        }


@dataclass(slots=True)
class MemberLine:
    row: int
    raw: dict
    national_id: str
    data: dict = field(default_factory=dict)
    organization_id: int | None = None
    admitted_on: datetime.date | None = None
    recognized_on: datetime.date | None = None

    def key(self, column: str) -> tuple:
        return ("members", self.row, column, self.raw.get(column))


class MemberSheets:
    """Reads "Biến động" whole (it is the smaller sheet), then streams "Đảng viên" in batches of CHUNK rows:
    each batch is checked, and written while the file has no problem (the importer's transaction takes
    everything back otherwise)."""

    def __init__(self, importer, members_sheet, events_sheet, failed_codes: set[str]):
        self.importer = importer
        self.sheets = {"members": members_sheet, "events": events_sheet}
        self.failed_codes = failed_codes
        self.members = Counts()
        self.events = Counts()
        self.done = 0

    # -- helpers --------------------------------------------------------------------------------------------

    def problem(self, sheet_key: str, row: int, column: str, shown: str, message: str):
        sheet = self.sheets[sheet_key]
        self.importer.add(sheet.name, row, sheet.header(column) if column else "", shown, message)

    def problem_at(self, key: tuple, message: str):
        """A problem at a cell named by a line's `key()`: (sheet key, row, column key, the cell's value)."""
        sheet_key, row, column, raw = key
        spec = MEMBERS if sheet_key == "members" else EVENTS
        self.problem(sheet_key, row, column, values.shown_cell(spec, column, raw), message)

    def organization(self, code: str):
        key = code_key(code)
        if key in self.failed_codes:
            return BLOCKED
        return self.codes.get(key)

    def label(self, org_id: int | None, day: datetime.date) -> str:
        state = self.history.last_state_on(org_id, day) if org_id else None
        return f"{state.name} ({state.code})" if state else "—"

    # -- the run --------------------------------------------------------------------------------------------

    def run(self):
        importer = self.importer
        self.codes = {code_key(code): pk for code, pk in Organization.objects.values_list("code", "pk")}
        # Members recorded before this import. The ones it writes are never looked up again: each national
        # ID has one row on "Đảng viên" (a second is refused), and "Biến động" alone only adds to recorded
        # members. So into an empty table (a first import) nobody is looked up — on PostgreSQL the table
        # that fills up in the same transaction has no statistics yet, and each lookup would read it whole.
        self.recorded = Member.objects.exists()
        self.history = History.load()
        self.scope = importer.scope("members.change", self.history)
        self.batch = MemberBatch(self.history, acting_user=importer.acting_user)
        self.index = 0
        self.broken: set[str] = set()  # national IDs whose rows have problems already reported
        sheet = self.sheets["members"]
        worker = sheet is not None and parallel.suits(self, sheet)
        # A worker process reads "Biến động" itself, and sends back the rows of the members "Đảng viên" has not.
        self.ledger = {} if worker else self._read_ledger()
        self.seen: dict[str, int] = {}  # national ID → its row on "Đảng viên"
        self.chunk: list[MemberLine] = []
        self.builder = None  # in the worker process only (parallel.py): see _check_and_write()
        if sheet is not None:
            if worker:
                parallel.run(self, sheet.records())
            else:
                self.stream(sheet.records())
                self.flush()
        rest = [nid for nid in self.ledger if nid not in self.seen and nid not in self.broken]
        for start in range(0, len(rest), CHUNK):
            self._ledger_only(rest[start : start + CHUNK])

    def stream(self, records):
        """Rows of "Đảng viên" as (row number, cells), in the file's order: checked (and written) CHUNK
        members at a time; `flush()` after the last one."""
        seen = self.seen
        for number, raw in records:
            line = self._parse_member(number, raw)
            if line is None:
                continue
            if line.national_id in seen:
                self.problem(
                    "members",
                    number,
                    "national_id",
                    line.national_id,
                    _("Số CCCD %(v)s trùng với dòng %(row)s: mỗi đảng viên một dòng.")
                    % {"v": line.national_id, "row": seen[line.national_id]},
                )
                continue
            seen[line.national_id] = number
            if line.national_id in self.broken:
                continue
            self.chunk.append(line)
            if len(self.chunk) >= CHUNK:
                self._members(self.chunk)
                self.chunk = []

    def flush(self):
        if self.chunk:
            self._members(self.chunk)
            self.chunk = []

    # -- reading --------------------------------------------------------------------------------------------

    def _read_ledger(self) -> dict[str, list[LedgerLine]]:
        ledger: dict[str, list[LedgerLine]] = {}
        sheet = self.sheets["events"]
        if sheet is None:
            return ledger
        for number, raw in sheet.records():
            ok = True

            def fail(column, message, number=number, raw=raw):
                nonlocal ok
                ok = False
                self.problem(
                    "events", number, column, values.shown_cell(EVENTS, column, raw.get(column)), message
                )

            try:
                national_id = values.national_id(raw.get("national_id"))
            except values.CellError as error:
                fail("national_id", error.message)
                continue
            parsed = {}
            for key in ("kind", "date"):
                if values.is_empty(raw.get(key)):
                    fail(
                        key,
                        _("Chọn loại biến động.")
                        if key == "kind"
                        else _("Nhập ngày của biến động (dd/mm/yyyy)."),
                    )
                    continue
                try:
                    parsed[key] = _parse(EVENTS.column(key), raw[key])
                except values.CellError as error:
                    fail(key, error.message)
            organizations = {}
            for key in ("organization", "to_organization"):
                code = values.text(raw.get(key))
                if not code:
                    organizations[key] = None
                    continue
                found = self.organization(code)
                if found is None:
                    fail(
                        key,
                        _("Không có tổ chức mã %(code)s trong trang Tổ chức hay trong hệ thống: kiểm tra mã.")
                        % {"code": code},
                    )
                elif found is BLOCKED:
                    ok = False
                organizations[key] = found
            details = {}
            for key, column in DETAILS:
                if key not in raw or values.is_empty(raw[key]):
                    continue
                try:
                    details[key] = _parse(column, raw[key])
                except values.CellError as error:
                    fail(key, error.message)
            if not ok:
                self.broken.add(national_id)
                continue
            ledger.setdefault(national_id, []).append(
                LedgerLine(
                    number,
                    raw,
                    national_id,
                    parsed["kind"],
                    parsed["date"],
                    organizations["organization"],
                    organizations["to_organization"],
                    details,
                )
            )
        for lines in ledger.values():
            lines.sort(key=lambda line: line.date)  # stable: same-day rows keep the file's order
        return ledger

    def _parse_member(self, number: int, raw: dict) -> MemberLine | None:
        ok = True

        def fail(column, message):
            nonlocal ok
            ok = False
            self.problem(
                "members", number, column, values.shown_cell(MEMBERS, column, raw.get(column)), message
            )

        try:
            national_id = values.national_id(raw.get("national_id"))
        except values.CellError as error:
            fail("national_id", error.message)
            return None
        line = MemberLine(number, raw, national_id)
        for key, column in PERSONAL:
            if key not in raw or values.is_empty(raw[key]):
                continue
            try:
                line.data[key] = _parse(column, raw[key])
            except values.CellError as error:
                fail(key, error.message)
        code = values.text(raw.get("organization"))
        if not code:
            fail("organization", _("Nhập mã tổ chức nơi đảng viên đang sinh hoạt (hoặc sinh hoạt lần cuối)."))
        else:
            found = self.organization(code)
            if found is None:
                fail(
                    "organization",
                    _("Không có tổ chức mã %(code)s trong trang Tổ chức hay trong hệ thống: kiểm tra mã.")
                    % {"code": code},
                )
            elif found is BLOCKED:
                ok = False
            else:
                line.organization_id = found
        for key, required in (("admitted_on", True), ("recognized_on", False)):
            if values.is_empty(raw.get(key)):
                if required:
                    fail(key, _("Nhập ngày vào Đảng (dd/mm/yyyy)."))
                continue
            try:
                setattr(line, key, values.date(raw[key]))
            except values.CellError as error:
                fail(key, error.message)
        if ok and line.recognized_on and line.recognized_on < line.admitted_on:
            fail(
                "recognized_on",
                _(
                    "Ngày chính thức %(r)s trước ngày vào Đảng %(a)s: ngày chính thức là ngày hết 12 tháng dự bị, "
                    "sau ngày vào Đảng."
                )
                % {"r": format_vn_date(line.recognized_on), "a": format_vn_date(line.admitted_on)},
            )
        if not ok:
            self.broken.add(national_id)
            return None
        return line

    # -- checking and writing -------------------------------------------------------------------------------

    def _existing(self, national_ids: list[str]) -> dict[str, Member]:
        found = {}
        if not self.recorded:
            return found
        for start in range(0, len(national_ids), _QUERY_BATCH):
            for member in Member.objects.filter(national_id__in=national_ids[start : start + _QUERY_BATCH]):
                found[member.national_id] = member
        return found

    def _latest_periods(self, members: list[Member]) -> dict[int, MembershipPeriod]:
        latest: dict[int, MembershipPeriod] = {}
        ids = sorted(member.pk for member in members)
        for start in range(0, len(ids), _QUERY_BATCH):
            for period in MembershipPeriod.objects.filter(
                member_id__in=ids[start : start + _QUERY_BATCH]
            ).order_by("start", "id"):
                latest[period.member_id] = period
        return latest

    def _match(self, lines: list[LedgerLine], recorded: list[MembershipEvent]) -> list[LedgerLine]:
        """The rows that are not recorded events; a row that is a recorded event must not say otherwise."""
        free = list(recorded)
        new = []
        for line in lines:
            hit = next(
                (
                    event
                    for event in free
                    if event.kind == line.kind
                    and event.date == line.date
                    and line.organization_id in (None, event.organization_id)
                    and line.to_organization_id in (None, event.to_organization_id)
                ),
                None,
            )
            if hit is None:
                new.append(line)
                continue
            free.remove(hit)
            self.events.unchanged += 1
            for key, value in line.details.items():
                recorded_value = getattr(hit, key)
                if recorded_value != value:
                    self.problem(
                        "events",
                        line.row,
                        key,
                        values.shown_cell(EVENTS, key, line.raw.get(key)),
                        _(
                            "Biến động này đã ghi “%(v)s”: sửa tệp cho khớp, hoặc ghi đính chính trên trang của "
                            "đảng viên."
                        )
                        % {"v": values.shown(recorded_value) or "—"},
                    )
        return new

    def _new_ledger(self, line: MemberLine, rows: list[LedgerLine]) -> list[dict]:
        """A new member's ledger from the member's row and the rows of "Biến động" (module docstring)."""
        recognition = (
            {"kind": EventKind.RECOGNITION, "date": line.recognized_on, "key": line.key("recognized_on")}
            if line.recognized_on
            else None
        )
        admission = {
            "kind": EventKind.ADMISSION,
            "date": line.admitted_on,
            "organization": line.organization_id,
            "key": line.key("admitted_on"),
        }
        if not rows:
            return [admission, *([recognition] if recognition else [])]
        events = [row.event() for row in rows]
        first = events[0]
        if first["kind"] == EventKind.TRANSFER_IN:
            first.setdefault("original_admission_date", line.admitted_on)
            if line.recognized_on and line.recognized_on <= first["date"]:
                first.setdefault("original_recognition_date", line.recognized_on)
        elif first["kind"] != EventKind.ADMISSION:
            admission["organization"] = first["organization"] or line.organization_id
            events.insert(0, admission)
        recognized = any(
            e["kind"] == EventKind.RECOGNITION
            or (e["kind"] == EventKind.TRANSFER_IN and e.get("original_recognition_date"))
            for e in events
        )
        if recognition and not recognized:
            events.append(recognition)
        return events

    def _members(self, lines: list[MemberLine]):
        existing = self._existing([line.national_id for line in lines])
        members = list(existing.values())
        recorded = recorded_events(members)
        latest = self._latest_periods(members)
        records, owners = [], []
        for line in lines:
            rows = self.ledger.get(line.national_id, [])
            member = existing.get(line.national_id)
            if not self._in_scope(line, member, latest):
                continue
            if member is None:
                data = {"full_name": "", "gender": None, "birth_date": None, **line.data}
                records.append(
                    {"national_id": line.national_id, **data, "events": self._new_ledger(line, rows)}
                )
            else:
                events = [row.event() for row in self._match(rows, recorded[member.pk])]
                period = latest.get(member.pk)
                if (
                    line.recognized_on
                    and period is not None
                    and period.recognized_on is None
                    and not any(e["kind"] == EventKind.RECOGNITION for e in events)
                ):
                    events.append(
                        {
                            "kind": EventKind.RECOGNITION,
                            "date": line.recognized_on,
                            "key": line.key("recognized_on"),
                        }
                    )
                records.append(
                    {"member": member, "existing_events": recorded[member.pk], **line.data, "events": events}
                )
            owners.append(line)
        self._check_and_write(records, owners)

    def _ledger_only(self, national_ids: list[str]):
        """Rows of "Biến động" for members not on the member sheet: added to members already recorded."""
        existing = self._existing(national_ids)
        members = list(existing.values())
        recorded = recorded_events(members)
        latest = self._latest_periods(members)
        records, owners = [], []
        for national_id in national_ids:
            rows = self.ledger[national_id]
            member = existing.get(national_id)
            if member is None:
                for row in rows:
                    self.problem(
                        "events",
                        row.row,
                        "national_id",
                        national_id,
                        _(
                            "Không có đảng viên số CCCD %(v)s trong trang Đảng viên hay trong hệ thống: thêm đảng "
                            "viên vào trang Đảng viên."
                        )
                        % {"v": national_id},
                    )
                continue
            period = latest.get(member.pk)
            if self.scope is not None and (period is None or period.organization_id not in self.scope):
                self.problem(
                    "events",
                    rows[0].row,
                    "national_id",
                    national_id,
                    _("Số CCCD %(v)s thuộc một đảng viên ngoài phạm vi quản lý của bạn.")
                    % {"v": national_id},
                )
                continue
            events = [row.event() for row in self._match(rows, recorded[member.pk])]
            records.append({"member": member, "existing_events": recorded[member.pk], "events": events})
            owners.append(rows[0])
        self._check_and_write(records, owners)

    def _in_scope(self, line: MemberLine, member: Member | None, latest: dict) -> bool:
        if self.scope is None:
            return True
        if line.organization_id not in self.scope:
            self.problem(
                "members",
                line.row,
                "organization",
                values.shown_cell(MEMBERS, "organization", line.raw.get("organization")),
                _(
                    "Tổ chức này ngoài phạm vi quản lý của bạn: chỉ nhập đảng viên của các tổ chức bạn phụ trách."
                ),
            )
            return False
        period = latest.get(member.pk) if member is not None else None
        if member is not None and (period is None or period.organization_id not in self.scope):
            self.problem(
                "members",
                line.row,
                "national_id",
                line.national_id,
                _("Số CCCD %(v)s thuộc một đảng viên ngoài phạm vi quản lý của bạn.")
                % {"v": line.national_id},
            )
            return False
        return True

    def _check_and_write(self, records: list[dict], owners: list):
        batch = self.batch
        mark = len(batch.problems)
        start = self.index
        self.index += len(records)
        # The recorded members were looked up by national ID already: the others' numbers are free.
        taken = {record["member"].national_id for record in records if record.get("member") is not None}
        prepared = batch.validate(records, start=start, taken=taken)
        for problem in batch.problems[mark:]:
            owner = owners[problem.index - start]
            if problem.key is not None:
                self.problem_at(problem.key, problem.message)
            elif isinstance(owner, MemberLine):
                column = problem.field if problem.field in MEMBERS_KEYS else ""
                self.problem(
                    "members",
                    owner.row,
                    column,
                    values.shown_cell(MEMBERS, column, owner.raw.get(column)) if column else "",
                    problem.message,
                )
            else:
                self.problem("events", owner.row, "national_id", owner.national_id, problem.message)
        for item in prepared:
            owner = owners[item.index - start]
            if isinstance(owner, MemberLine):
                self._agree(owner, item)
            if item.existing is None:
                self.members.new += 1
            elif item.data or item.events:
                self.members.changed += 1
            else:
                self.members.unchanged += 1
            self.events.new += len(item.events)
        if not self.importer.problems and not self.importer.dry_run:
            if self.builder is None:
                batch.write(prepared)
            else:  # in the worker process (parallel.py): the rows are built here and written by the importer
                self.builder(prepared)
        self.done += len(owners)
        self.importer.tick(self.done)

    def _agree(self, line: MemberLine, item: Prepared):
        """The ledger must end where the member's row says, with the row's dates."""
        result = item.result
        last = result.periods[-1] if result.periods else None
        org_id = last.organization_id if last else result.organization_id
        admitted = last.admitted_on if last else result.admitted_on
        recognized = last.recognized_on if last else result.recognized_on
        day = line.admitted_on
        if org_id != line.organization_id:
            self.problem_at(
                line.key("organization"),
                _(
                    "Theo sổ biến động (dữ liệu đã có và trang Biến động), đảng viên sinh hoạt ở %(org)s (đang hoặc "
                    "lần cuối), không phải tổ chức này: sửa Mã tổ chức, hoặc thêm biến động chuyển sinh hoạt."
                )
                % {"org": self.label(org_id, last.start if last else day)},
            )
        if admitted != line.admitted_on:
            self.problem_at(
                line.key("admitted_on"),
                _("Theo sổ biến động, ngày vào Đảng là %(day)s: sửa cho khớp.")
                % {"day": format_vn_date(admitted)},
            )
        if line.recognized_on and recognized != line.recognized_on:
            self.problem_at(
                line.key("recognized_on"),
                _("Theo sổ biến động, ngày chính thức là %(day)s: sửa cho khớp.")
                % {"day": format_vn_date(recognized) or "—"},
            )


MEMBERS_KEYS = {column.key for column in MEMBERS.columns}
