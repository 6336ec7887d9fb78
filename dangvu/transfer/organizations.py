"""The sheet "Tổ chức": read, compare with the recorded tree, found and dissolve through the services.

A row whose code is new founds an organization on "Ngày thành lập" (`organizations.services.apply_decision`,
one call per level, date and decision number, so that the services check the tree exactly as when a
decision is recorded on the screen), and, when "Ngày giải thể" is given, dissolves it on that date. A row
whose code is known is compared with the organization's history: a name, kind, parent or sector it had at
some time counts as the same (an older file is not wrong), a dissolution date not yet recorded is recorded,
and anything else that differs is a problem — a rename or a move needs its own date and decision, which the
sheet does not hold. An empty cell never erases what is recorded.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date, today
from dangvu.core.text import normalize
from dangvu.organizations import services as org_services
from dangvu.organizations.choices import OrganizationEventKind
from dangvu.organizations.models import Organization, OrganizationEvent
from dangvu.organizations.tree import History

from . import values
from .columns import CHOICE, CODE, DATE, ORGANIZATIONS, WORDS
from .reader import FoundSheet


def code_key(code: str) -> str:
    """Codes are compared without regard to case ("cb-a" is CB-A)."""
    return normalize(code).upper()


@dataclass
class OrgLine:
    row: int
    raw: dict
    data: dict = field(default_factory=dict)  # the parsed non-empty cells
    existing: Organization | None = None
    depth: int = 0
    failed: bool = False

    @property
    def code(self) -> str:
        return self.data.get("code", "")


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return {"new": self.new, "changed": self.changed, "unchanged": self.unchanged}


class _Rollback(Exception):
    pass


# (column key, OrgState attribute) of what the tree records over time
_STATE_FIELDS = (("name", "name"), ("kind", "kind"), ("sector", "sector"), ("parent", "parent_id"))


class OrganizationSheet:
    """Reads the sheet, then `apply()` writes it; `problems` and `counts` say how it went."""

    def __init__(self, importer, sheet: FoundSheet | None):
        self.importer = importer
        self.sheet = sheet
        self.lines: list[OrgLine] = []
        self.counts = Counts()
        self.failed_codes: set[str] = set()  # codes of the file that could not be written
        self.history: History | None = None  # loaded by apply(), kept up to date by the decisions

    # -- reading --------------------------------------------------------------------------------------------

    def problem(self, line: OrgLine, key: str, message: str):
        self.importer.problem(self.sheet, line.row, key, line.raw.get(key), message)
        line.failed = True

    def read(self):
        if self.sheet is None:
            return
        seen: dict[str, int] = {}
        for number, raw in self.sheet.records():
            line = OrgLine(number, raw)
            for column in ORGANIZATIONS.columns:
                if not column.read or column.key not in raw or values.is_empty(raw[column.key]):
                    continue
                try:
                    if column.kind == DATE:
                        value = values.date(raw[column.key])
                    elif column.kind == CHOICE:
                        value = values.choice(raw[column.key], column.choices)
                    else:
                        value = values.text(raw[column.key])
                except values.CellError as error:
                    self.problem(line, column.key, error.message)
                    continue
                if column.kind == CODE:
                    value = value.strip()
                line.data[column.key] = value
            if not line.code:
                self.problem(line, "code", _("Nhập mã tổ chức."))
            elif code_key(line.code) in seen:
                self.problem(
                    line,
                    "code",
                    _("Mã tổ chức %(code)s trùng với dòng %(row)s: mỗi tổ chức một dòng.")
                    % {"code": line.code, "row": seen[code_key(line.code)]},
                )
            else:
                seen[code_key(line.code)] = number
            self.lines.append(line)

    # -- planning and writing -------------------------------------------------------------------------------

    def apply(self):
        """Compare with the recorded tree, then found the new organizations and record the dissolutions."""
        if not self.lines:
            return
        importer = self.importer
        known = {code_key(org.code): org for org in Organization.objects.all()}
        history = self.history = History.load()
        by_code = {code_key(line.code): line for line in self.lines if line.code}
        for line in self.lines:
            line.existing = known.get(code_key(line.code)) if line.code else None
        change_scope = importer.scope("organizations.change", history)
        view_scope = importer.scope("organizations.view", history)
        first_events = self._first_events([line.existing for line in self.lines if line.existing])

        dissolve: list[OrgLine] = []
        new: list[OrgLine] = []
        for line in self.lines:
            if line.failed:
                continue
            if line.existing is None:
                if self._check_new(line, by_code, known, change_scope):
                    new.append(line)
                    if "ended_on" in line.data:
                        dissolve.append(line)
                continue
            org = line.existing
            if view_scope is not None and org.pk not in view_scope:
                self.problem(
                    line,
                    "code",
                    _("Tổ chức mã %(code)s ngoài phạm vi quản lý của bạn.") % {"code": line.code},
                )
                continue
            changed = self._compare(line, org, history, by_code, known, first_events.get(org.pk))
            if changed is None:
                continue
            if changed:
                if change_scope is not None and org.pk not in change_scope:
                    self.problem(
                        line,
                        "ended_on",
                        _("Bạn không có quyền ghi giải thể %(org)s.") % {"org": f"{org.name} ({org.code})"},
                    )
                    continue
                dissolve.append(line)
            else:
                self.counts.unchanged += 1

        self._depths(new, by_code)
        self.audit_rows: list[dict] = []  # of every decision, written together at the end
        self._found(new, known)
        self._dissolve([line for line in dissolve if not line.failed], known)
        audit.record_many(self.audit_rows, acting_user=importer.acting_user)
        self.failed_codes = {code_key(line.code) for line in self.lines if line.failed and line.code}

    def _first_events(self, orgs: list[Organization]) -> dict[int, OrganizationEvent]:
        first: dict[int, OrganizationEvent] = {}
        ids = sorted(org.pk for org in orgs)
        for event in OrganizationEvent.objects.filter(
            organization_id__in=ids, voided_at__isnull=True
        ).order_by("date", "id"):
            first.setdefault(event.organization_id, event)
        return first

    def _parent(self, line: OrgLine, by_code: dict, known: dict):
        """(the parent's line in the file or None, the recorded parent or None, ok)."""
        code = line.data.get("parent", "")
        if not code:
            return None, None, True
        key = code_key(code)
        if key == code_key(line.code):
            self.problem(line, "parent", _("Tổ chức không thể là cấp trên của chính nó."))
            return None, None, False
        parent_line = by_code.get(key)
        parent = known.get(key)
        if parent_line is None and parent is None:
            self.problem(
                line,
                "parent",
                _(
                    "Không có tổ chức mã %(code)s trong trang Tổ chức hay trong hệ thống: kiểm tra mã cấp trên."
                )
                % {"code": code},
            )
            return None, None, False
        return parent_line, parent, True

    def _check_new(self, line: OrgLine, by_code, known, change_scope) -> bool:
        data = line.data
        for key, message in (
            ("name", _("Nhập tên tổ chức.")),
            ("kind", _("Chọn loại tổ chức.")),
            ("sector", _("Chọn khối: Doanh nghiệp hoặc Hành chính sự nghiệp.")),
            ("founded_on", _("Nhập ngày thành lập (dd/mm/yyyy).")),
        ):
            if key not in data:
                self.problem(line, key, message)
        if line.failed:
            return False
        founded = data["founded_on"]
        if founded > today():
            self.problem(
                line,
                "founded_on",
                _("Ngày %(day)s ở tương lai: chỉ ghi sự kiện đã xảy ra.") % {"day": format_vn_date(founded)},
            )
        ended = data.get("ended_on")
        if ended is not None and ended <= founded:
            self.problem(line, "ended_on", _("Ngày giải thể phải sau ngày thành lập."))
        elif ended is not None and ended > today():
            self.problem(
                line,
                "ended_on",
                _("Ngày %(day)s ở tương lai: chỉ ghi sự kiện đã xảy ra.") % {"day": format_vn_date(ended)},
            )
        parent_line, parent, ok = self._parent(line, by_code, known)
        if not ok:
            return False
        if parent_line is not None and parent is None:
            # A parent founded by the same file: it must stand on the child's founding date and after it.
            parent_founded = parent_line.data.get("founded_on")
            parent_ended = parent_line.data.get("ended_on")
            if parent_founded and parent_founded > founded:
                self.problem(
                    line,
                    "founded_on",
                    _(
                        "Tổ chức cấp trên %(code)s thành lập ngày %(day)s, sau tổ chức này: kiểm tra hai ngày thành lập."
                    )
                    % {"code": parent_line.code, "day": format_vn_date(parent_founded)},
                )
            if parent_ended and (parent_ended <= founded or ended is None or ended > parent_ended):
                self.problem(
                    line,
                    "ended_on",
                    _(
                        "Tổ chức cấp trên %(code)s giải thể ngày %(day)s: tổ chức này phải kết thúc trước hoặc cùng ngày."
                    )
                    % {"code": parent_line.code, "day": format_vn_date(parent_ended)},
                )
        if change_scope is not None:
            # The nearest recorded organization above: the new one is founded under it.
            anchor, cursor, guard = None, line, set()
            while True:
                code = code_key(cursor.data.get("parent", ""))
                if not code or code in guard:
                    break
                guard.add(code)
                if code in known:
                    anchor = known[code]
                    break
                cursor = by_code.get(code)
                if cursor is None:
                    break
            if anchor is None or anchor.pk not in change_scope:
                self.problem(
                    line,
                    "parent",
                    _(
                        "Bạn chỉ được thành lập tổ chức trực thuộc các tổ chức trong phạm vi quản lý của mình."
                    ),
                )
        return not line.failed

    def _compare(
        self, line: OrgLine, org: Organization, history: History, by_code, known, first
    ) -> bool | None:
        """False: the row says what is recorded; True: it adds a dissolution; None: a problem."""
        data = line.data
        _parent_line, parent, ok = self._parent(line, by_code, known)
        if not ok:
            return None
        # The cells given must match one state the organization had (an older file is not wrong); an empty
        # cell says nothing, so an empty parent matches too.
        wanted = {name: data[key] for key, name in _STATE_FIELDS if key in data and key != "parent"}
        if data.get("parent"):
            wanted["parent_id"] = parent.pk if parent is not None else None
        states = [state for _day, state in history.timelines.get(org.pk, []) if state is not None]
        if states and not any(all(getattr(s, n) == v for n, v in wanted.items()) for s in states):
            current = states[-1]
            parent_state = history.last_state_on(current.parent_id, today()) if current.parent_id else None
            column = next(
                (
                    key
                    for key, name in _STATE_FIELDS
                    if name in wanted and getattr(current, name) != wanted[name]
                ),
                "name",
            )
            self.problem(
                line,
                column,
                _(
                    "Tổ chức mã %(code)s đã có trong hệ thống: %(name)s, %(kind)s, khối %(sector)s, cấp trên "
                    "%(parent)s. Tệp ghi khác: sửa tệp cho khớp, hoặc ghi đổi tên, chuyển trực thuộc, đổi loại "
                    "trên trang của tổ chức (có ngày và số quyết định) rồi nhập lại."
                )
                % {
                    "code": org.code,
                    "name": current.name,
                    "kind": WORDS["organization_kind"].get(current.kind, current.kind),
                    "sector": WORDS["sector"].get(current.sector, current.sector),
                    "parent": parent_state.code if parent_state else _("(không có)"),
                },
            )
            return None
        founded = history.founded_on(org.pk)
        if "founded_on" in data and founded is not None and data["founded_on"] != founded:
            self.problem(
                line,
                "founded_on",
                _("Tổ chức đã ghi thành lập ngày %(day)s: sửa ngày trong tệp cho khớp.")
                % {"day": format_vn_date(founded)},
            )
        if first is not None:
            if data.get("founding_decision") and data["founding_decision"] != first.decision_number:
                self.problem(
                    line,
                    "founding_decision",
                    _("Tổ chức đã ghi quyết định thành lập số “%(n)s”: sửa tệp cho khớp.")
                    % {"n": first.decision_number},
                )
            if data.get("founding_kind") and data["founding_kind"] != first.kind:
                self.problem(
                    line,
                    "founding_kind",
                    _("Tổ chức đã ghi hình thức “%(k)s”: sửa tệp cho khớp.")
                    % {"k": WORDS["founding_kind"].get(first.kind, first.kind)},
                )
        for key, recorded in (
            ("enterprise_kind", org.enterprise_kind),
            ("is_core_cell", org.is_core_cell),
            ("external_parent", org.external_parent),
        ):
            if (
                key in data
                and data[key] != recorded
                and not (key == "is_core_cell" and not data[key] and not recorded)
            ):
                self.problem(
                    line,
                    key,
                    _("Đã ghi “%(v)s”: sửa tệp cho khớp.") % {"v": values.shown(_word(key, recorded)) or "—"},
                )
        ended = data.get("ended_on")
        if ended is not None and org.ended_on is not None and ended != org.ended_on:
            self.problem(
                line,
                "ended_on",
                _("Tổ chức đã kết thúc ngày %(day)s: sửa ngày trong tệp cho khớp.")
                % {"day": format_vn_date(org.ended_on)},
            )
        if line.failed:
            return None
        return ended is not None and org.ended_on is None

    def _depths(self, new: list[OrgLine], by_code: dict):
        """Each new organization's level among the new ones (parents are founded before their children)."""
        pending = {code_key(line.code): line for line in new}
        for line in new:
            depth, cursor, seen = 0, line, set()
            while True:
                parent_code = code_key(cursor.data.get("parent", ""))
                if not parent_code or parent_code not in pending:
                    break
                if parent_code in seen:
                    self.problem(
                        line, "parent", _("Các tổ chức trong tệp là cấp trên của nhau thành vòng tròn.")
                    )
                    break
                seen.add(parent_code)
                cursor = pending[parent_code]
                depth += 1
            line.depth = depth

    def _run(self, day: datetime.date, number: str, group: list[tuple[OrgLine, object]], key: str):
        """One decision through the services, against the history loaded once (the service adds what it
        records to it); when it is refused, find the rows it is refused for (each tried on its own and taken
        back, against a history of its own)."""
        try:
            with transaction.atomic():
                return org_services.apply_decision(
                    day,
                    number,
                    [change for _line, change in group],
                    acting_user=self.importer.acting_user,
                    history=self.history,
                    audit_rows=self.audit_rows,
                )
        except ValidationError as error:
            blamed = False
            if len(group) > 1:
                for line, change in group:
                    try:
                        with transaction.atomic():
                            org_services.apply_decision(
                                day, number, [change], acting_user=self.importer.acting_user
                            )
                            raise _Rollback
                    except _Rollback:
                        continue
                    except ValidationError as single:
                        blamed = True
                        for message in single.messages:
                            self.problem(line, key, message)
            if not blamed:
                for line, _change in group:
                    for message in error.messages:
                        self.problem(line, key, message)
            return None

    def _found(self, new: list[OrgLine], known: dict):
        """One decision per level and date (each organization keeps its own decision number), parents first."""
        groups: dict[tuple, list[OrgLine]] = {}
        for line in new:
            if not line.failed:
                groups.setdefault((line.depth, line.data["founded_on"]), []).append(line)
        for (_depth, day), lines in sorted(groups.items(), key=lambda item: item[0]):
            group = []
            for line in lines:
                parent_code = code_key(line.data.get("parent", ""))
                if parent_code and parent_code not in known:
                    self.problem(line, "parent", _("Tổ chức cấp trên chưa ghi được (xem dòng của nó)."))
                    continue
                data = line.data
                found = org_services.Found(
                    code=line.code,
                    name=data["name"],
                    kind=data["kind"],
                    sector=data["sector"],
                    parent=known.get(parent_code) if parent_code else None,
                    enterprise_kind=data.get("enterprise_kind", ""),
                    external_parent=data.get("external_parent", ""),
                    is_core_cell=bool(data.get("is_core_cell", False)),
                    event_kind=data.get("founding_kind", OrganizationEventKind.FOUNDED),
                    decision_number=data.get("founding_decision", ""),
                )
                group.append((line, found))
            if not group:
                continue
            events = self._run(day, "", group, "founded_on")
            for event in events or []:
                known[code_key(event.organization.code)] = event.organization
                self.counts.new += 1
            self.importer.tick(self.counts.new + self.counts.unchanged)

    def _dissolve(self, lines: list[OrgLine], known: dict):
        groups: dict[tuple, list[OrgLine]] = {}
        for line in lines:
            org = known.get(code_key(line.code))
            if org is None:
                continue  # its founding was refused
            groups.setdefault((line.data["ended_on"], line.data.get("ending_decision", "")), []).append(line)
        for (day, number), lines_of_day in sorted(groups.items(), key=lambda item: item[0]):
            group = [
                (line, org_services.Change(known[code_key(line.code)], OrganizationEventKind.DISSOLVED))
                for line in sorted(lines_of_day, key=lambda item: -item.depth)
            ]
            if self._run(day, number, group, "ended_on") is not None:
                self.counts.changed += sum(1 for line, _change in group if line.existing is not None)


def _word(key: str, value):
    if key == "enterprise_kind":
        return WORDS["enterprise_kind"].get(value, value)
    if key == "is_core_cell":
        return WORDS["yes_no"][bool(value)]
    return value
