"""Creating and updating many members with their ledgers at once: the path of the Excel importer and the
demo loader.

A record is a member's personal data and a list of ledger events. For a new member the events are the whole
ledger. For an existing member (`record["member"]`, found by the caller — the importer matches by national
ID) the personal data are the fields to change and the events are added to the ledger already recorded.
Every record goes through the same checks as the forms: the personal data through `services`' cleaning, the
ledger — the recorded events and the new ones together — through `ledger.replay()` against one loaded
`History` (which also refuses a stretch of membership that outlives its organization). Every problem of
every record is collected, with the field or the event it concerns.

`MemberBatch` validates and writes batch after batch inside the caller's transaction, so that a large file
streams through in bounded memory (when a later batch has problems, the caller raises and the transaction
takes the earlier batches back). `bulk_create_members()` is the one-call form: all records or none.

The rows are written in bulk (`core.fastinsert`): members, events, the projection into periods exactly as
`services.period_rows()` builds it, and one audit row per created or changed member and per event, chained
as `core.audit.record()` would chain them one by one.
"""

import datetime
import enum
import functools
import json
import operator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit, fastinsert, rules
from dangvu.core.dates import format_vn_date, today
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from . import services
from .choices import ENDING_KINDS, EventKind
from .ledger import EventData, Replay, replay
from .models import Member, MembershipEvent, MembershipPeriod

EVENT_KINDS = frozenset(EventKind.values)
_MEMBER_CHOICES = [f.attname for f in Member._meta.concrete_fields if f.choices]
_EVENT_CHOICES = ("kind",)
STARTING = frozenset({EventKind.ADMISSION, EventKind.TRANSFER_IN})
# Kinds for which `services.record_event` fills in the organization the member belongs to that day.
_FILLED_KINDS = EVENT_KINDS - {EventKind.ADMISSION, EventKind.TRANSFER_IN, EventKind.TEMPORARY_TRANSFER}
_TEXT_EVENT_FIELDS = ("decision_number", "note", "external_organization")
_ID_QUERY_BATCH = 500


@dataclass
class Problem:
    index: int  # the record's position in the batch (or in the whole stream, see MemberBatch.validate)
    message: str
    field: str = ""  # the personal-data field concerned, if any
    key: object = None  # the "key" the caller gave the event concerned, if any


class BulkValidationError(ValidationError):
    """Every problem of a batch: `details` are the `Problem`s; `problems` the (record index, message) pairs,
    in record order."""

    def __init__(self, problems: list[Problem], labels: dict[int, str] | None = None):
        self.details = problems
        self.problems = [(p.index, p.message) for p in problems]
        labels = labels or {}
        messages = []
        for problem in problems:
            label = labels.get(problem.index, "")
            prefix = (
                _("Bản ghi %(n)s (%(name)s)") % {"n": problem.index + 1, "name": label}
                if label
                else _("Bản ghi %(n)s") % {"n": problem.index + 1}
            )
            messages.append(f"{prefix}: {problem.message}")
        super().__init__(messages)


def _plain_choices(values: dict, names) -> None:
    """The choices among `values` as plain text, in place: the rows and what they are built from go to
    another process, and an enum pickles slowly (the text stored is the same)."""
    for name in names:
        value = values.get(name)
        if isinstance(value, enum.Enum):
            values[name] = value.value


@dataclass(slots=True)
class Prepared:
    """A validated record, ready to write."""

    index: int
    existing: Member | None
    data: dict  # a new member: every cleaned field; an existing one: only the fields that change
    events: list[dict]  # the events to add, as stored (organization ids, normalized texts), in ledger order
    result: Replay | None  # the whole ledger, recorded and new events, replayed
    keys: list = field(default_factory=list)  # the caller's key of each event of `events`
    periods: list[tuple] | None = None  # services.period_values(result), when `result` is not kept
    plain: bool = False  # its choices are plain text already (`received`)

    def period_values(self) -> list[tuple]:
        return self.periods if self.periods is not None else services.period_values(self.result)

    def shipped(self) -> tuple:
        """What `build()` needs of a new member, as plain values that pickle quickly (the importer's worker
        process sends them to the process that writes): `Prepared.received()` makes it whole again."""
        if self.existing is not None:
            raise ValueError("only new members are sent between processes")
        # In place: the item is not used again.
        _plain_choices(self.data, _MEMBER_CHOICES)
        for fields in self.events:
            _plain_choices(fields, _EVENT_CHOICES)
        return self.data, self.events, self.period_values()

    @classmethod
    def received(cls, shipped: tuple) -> "Prepared":
        data, events, periods = shipped
        return cls(-1, None, data, events, None, periods=periods, plain=True)

    @property
    def changed(self) -> bool:
        return self.existing is None or bool(self.data) or bool(self.events)


def _org_id(value):
    return value.pk if isinstance(value, Organization) else value


def _event_fields(raw: dict) -> dict:
    """The event's fields as `services` stores them (organizations as ids, texts normalized)."""
    fields = {}
    for name in services.EVENT_FIELDS:
        if name not in raw:
            continue
        value = raw[name]
        if name in ("organization", "to_organization"):
            fields[name + "_id"] = _org_id(value)
        elif name in _TEXT_EVENT_FIELDS:
            fields[name] = normalize(value)
        else:
            fields[name] = value
    return fields


def _get(event, name):
    return event.get(name) if isinstance(event, dict) else getattr(event, name)


def _fill_organizations(recorded: list[EventData], events: list[dict]) -> None:
    """Endings, recognitions, transfers and exemptions concern the organization the member belongs to on
    their date (as `services.record_event` fills it in); fill it in where the new event leaves it out.
    Same-day events: the recorded ones first, then the new ones in the order given (the ledger's order)."""
    walk = [(e.date, 0, i, e) for i, e in enumerate(recorded)]
    walk += [(e["date"], 1, i, e) for i, e in enumerate(events)]
    walk.sort(key=lambda item: item[:3])
    current = None
    for _day, group, _i, event in walk:
        kind = _get(event, "kind")
        if group == 1 and kind in _FILLED_KINDS and event.get("organization_id") is None:
            event["organization_id"] = current
        if kind in STARTING:
            current = _get(event, "organization_id")
        elif kind == EventKind.TRANSFER:
            current = _get(event, "to_organization_id")
        elif kind in ENDING_KINDS:
            current = None


def _data(fields: dict, key) -> EventData:
    return EventData(
        kind=fields["kind"],
        date=fields["date"],
        organization_id=fields.get("organization_id"),
        to_organization_id=fields.get("to_organization_id"),
        ceremony_date=fields.get("ceremony_date"),
        original_admission_date=fields.get("original_admission_date"),
        original_recognition_date=fields.get("original_recognition_date"),
        until=fields.get("until"),
        key=key,
    )


def _personal_problems(exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [(name, message) for name, messages in exc.message_dict.items() for message in messages]
    return [("", message) for message in exc.messages]


def _taken_national_ids(records) -> set[str]:
    """The identity numbers of the batch that already belong to members: one query per 500 numbers."""
    numbers = set()
    for record in records:
        if "national_id" not in record:
            continue
        try:
            numbers.add(services.clean_national_id(record.get("national_id")))
        except ValidationError:
            continue  # reported with the record
    taken = set()
    ordered = sorted(numbers)
    for start in range(0, len(ordered), _ID_QUERY_BATCH):
        taken |= set(
            Member.objects.filter(national_id__in=ordered[start : start + _ID_QUERY_BATCH]).values_list(
                "national_id", flat=True
            )
        )
    return taken


def recorded_events(members: list[Member]) -> dict[int, list[MembershipEvent]]:
    """The effective ledgers of existing members, in ledger order: one query per 500 members."""
    found: dict[int, list[MembershipEvent]] = {member.pk: [] for member in members}
    ids = sorted(found)
    for start in range(0, len(ids), _ID_QUERY_BATCH):
        for event in MembershipEvent.objects.filter(
            member_id__in=ids[start : start + _ID_QUERY_BATCH], voided_at__isnull=True
        ).order_by("date", "id"):
            found[event.member_id].append(event)
    return found


class MemberBatch:
    """Validate records batch by batch against one `History` (identity numbers are checked across every
    batch), collect every problem in `problems`, and write the valid records (see the module docstring)."""

    def __init__(self, history: History | None = None, *, acting_user=None):
        self.history = history or History.load()
        self.acting_user = acting_user
        self.problems: list[Problem] = []
        self.labels: dict[int, str] = {}
        self._seen: dict[str, int] = {}
        self._defaults = {
            f.attname: f.get_default() for f in Member._meta.concrete_fields if not f.primary_key
        }
        self._keys: dict[str, tuple[str, str]] = {}  # name → (search key, sort key): names repeat a lot
        self._shown_dates: dict[datetime.date, str] = {}  # dates as the events' audit rows name them
        self._today: datetime.date | None = None  # set by validate()

    def error(self) -> BulkValidationError:
        return BulkValidationError(self.problems, self.labels)

    # -- validation -----------------------------------------------------------------------------------------

    def validate(self, records, start: int = 0, *, taken: set[str] | None = None) -> list[Prepared]:
        """Check `records` (numbered from `start`); return the valid ones, add the problems of the others to
        `self.problems`. What the caller has read already spares the queries: `record["existing_events"]`,
        and `taken`, the records' national IDs that belong to recorded members."""
        records = list(records)
        if taken is None:
            taken = _taken_national_ids(records)
        missing = [r["member"] for r in records if r.get("member") is not None and "existing_events" not in r]
        recorded = recorded_events(missing) if missing else {}
        prepared: list[Prepared] = []
        self._today = today()  # what the replay calls today, read once for the batch
        with rules.cached():
            for offset, record in enumerate(records):
                index = start + offset
                member = record.get("member")
                before = len(self.problems)
                if member is not None:
                    events = record.get("existing_events")
                    if events is None:
                        events = recorded.get(member.pk, [])
                    item = self._prepare_existing(index, record, member, events, taken)
                else:
                    item = self._prepare_new(index, record, taken)
                if item is not None:
                    prepared.append(item)
                if len(self.problems) > before:
                    self.labels[index] = normalize(
                        record.get("full_name") or (member.full_name if member else "")
                    )
        return prepared

    def _events(self, index: int, raw_events: list[dict]) -> tuple[list[dict], list, bool]:
        """The new events as stored, their keys, and whether every one of them could be read."""
        events, keys = [], []
        ok = True
        for position, raw in enumerate(raw_events):
            key = raw.get("key")
            prefix = "" if key is not None else _("Sự kiện %(n)s: ") % {"n": position + 1}
            if raw.get("kind") not in EVENT_KINDS:
                self.problems.append(Problem(index, prefix + _("chọn loại biến động."), key=key))
                ok = False
                continue
            if not isinstance(raw.get("date"), datetime.date):
                self.problems.append(
                    Problem(index, prefix + _("nhập ngày của biến động (dd/mm/yyyy)."), key=key)
                )
                ok = False
                continue
            fields = _event_fields(raw)
            unknown = [
                fields[name]
                for name in ("organization_id", "to_organization_id")
                if fields.get(name) is not None and fields[name] not in self.history.timelines
            ]
            for org_id in unknown:
                self.problems.append(
                    Problem(
                        index, prefix + _("không có tổ chức đảng mã số %(id)s.") % {"id": org_id}, key=key
                    )
                )
            if unknown:
                ok = False
                continue
            events.append(fields)
            keys.append(key)
        return events, keys, ok

    def _check_duplicate(self, index: int, national_id: str) -> bool:
        if national_id in self._seen:
            self.problems.append(
                Problem(
                    index,
                    _("Số CCCD %(v)s trùng với bản ghi %(n)s.")
                    % {"v": national_id, "n": self._seen[national_id] + 1},
                    field="national_id",
                )
            )
            return False
        self._seen[national_id] = index
        return True

    def _replay(self, index, birth, recorded, events, keys) -> Replay:
        _fill_organizations(recorded, events)
        new = [_data(fields, ("new", position)) for position, fields in enumerate(events)]
        result = replay(birth, [*recorded, *new], self.history, as_of=self._today)
        for key, message in result.errors:
            caller_key = keys[key[1]] if isinstance(key, tuple) and key[0] == "new" else None
            self.problems.append(Problem(index, message, key=caller_key))
        return result

    def _prepare_new(self, index: int, record: dict, taken: set[str]) -> Prepared | None:
        data = {name: value for name, value in record.items() if name not in ("events", "member")}
        before = len(self.problems)
        try:
            cleaned = services._clean_member_data(data, taken=taken, today=self._today)
        except ValidationError as exc:
            self.problems += [Problem(index, m, field=name) for name, m in _personal_problems(exc)]
            cleaned = None
        if cleaned is not None:
            self._check_duplicate(index, cleaned["national_id"])
        raw_events = list(record.get("events") or [])
        if not raw_events:
            self.problems.append(Problem(index, _("Ghi sự kiện đầu tiên: kết nạp hoặc chuyển đến.")))
        events, keys, ok = self._events(index, raw_events)
        if ok and events:
            first = min(range(len(events)), key=lambda i: events[i]["date"])
            if events[first]["kind"] not in STARTING:
                self.problems.append(
                    Problem(index, _("Sự kiện đầu tiên phải là kết nạp hoặc chuyển đến."), key=keys[first])
                )
                ok = False
        # The ledger is replayed even when the personal data has problems, so that all of them are reported.
        birth = cleaned["birth_date"] if cleaned is not None else data.get("birth_date")
        result = None
        if ok and events and isinstance(birth, datetime.date):
            # Ledger order: by date, same-day events as given.
            order = sorted(range(len(events)), key=lambda i: events[i]["date"])
            events, keys = [events[i] for i in order], [keys[i] for i in order]
            result = self._replay(index, birth, [], events, keys)
        if len(self.problems) > before or cleaned is None or result is None:
            return None
        return Prepared(index, None, cleaned, events, result, keys)

    def _prepare_existing(
        self, index: int, record: dict, member: Member, recorded_events: list, taken: set[str]
    ) -> Prepared | None:
        data = {
            name: value
            for name, value in record.items()
            if name not in ("events", "member", "existing_events")
        }
        before = len(self.problems)
        if "national_id" in data:
            try:
                if services.clean_national_id(data["national_id"]) == member.national_id:
                    del data["national_id"]
            except ValidationError:
                pass  # reported by the cleaning below
        changes: dict = {}
        try:
            cleaned = services._clean_member_data(data, instance=member, taken=taken, today=self._today)
        except ValidationError as exc:
            self.problems += [Problem(index, m, field=name) for name, m in _personal_problems(exc)]
        else:
            changes = {name: value for name, value in cleaned.items() if getattr(member, name) != value}
        self._check_duplicate(index, changes.get("national_id", member.national_id))
        events, keys, ok = self._events(index, list(record.get("events") or []))
        if not ok:
            return None
        order = sorted(range(len(events)), key=lambda i: events[i]["date"])
        events, keys = [events[i] for i in order], [keys[i] for i in order]
        recorded = [EventData.of(event) for event in recorded_events]
        birth = changes.get("birth_date", member.birth_date)
        result = self._replay(index, birth, recorded, events, keys)
        if len(self.problems) > before:
            return None
        return Prepared(index, member, changes, events, result, keys)

    # -- writing --------------------------------------------------------------------------------------------

    def write(self, prepared: list[Prepared]) -> list[int]:
        """Write validated records (inside the caller's transaction); return the new members' ids, in order.
        Records that change nothing are skipped."""
        created = sum(1 for item in prepared if item.existing is None)
        events = sum(len(item.events) for item in prepared)
        rows = self.build(
            prepared,
            fastinsert.allocate_ids(Member, created),
            fastinsert.allocate_ids(MembershipEvent, events),
        )
        self.store(rows)
        return rows.member_ids

    def build(self, prepared: list[Prepared], member_ids: list[int], event_ids: list[int]) -> "Rows":
        """The rows that write `prepared`, with the new members numbered by `member_ids` and the new events by
        `event_ids` (as many as there are of each), and their audit rows. Reads and writes nothing (the
        importer's worker process builds them); `store()` writes them. The audit rows of new members and events
        name their stored row (its index in `Rows.members` or `Rows.events`): `store()` serializes their values
        from it, so the worker leaves that work to the process that writes."""
        now = timezone.now()
        now_text = now.isoformat()  # as the audit snapshots write it
        stored_now = fastinsert.db_datetime(now, model=Member)
        recorded_by = getattr(self.acting_user, "username", "") or ""
        audit_rows: list[dict] = []
        labels = {kind: str(label) for kind, label in EventKind.choices}
        create, event_kind = str(AuditKind.CREATE), str(AuditKind.EVENT)
        member_label, event_label = Member._meta.label, MembershipEvent._meta.label

        created = [item for item in prepared if item.existing is None]
        member_columns = [f for f in Member._meta.concrete_fields]
        member_row = operator.itemgetter(*[f.attname for f in member_columns])
        member_template = {f.attname: self._defaults.get(f.attname) for f in member_columns}
        _plain_choices(member_template, _MEMBER_CHOICES)
        rows = Rows(member_ids=list(member_ids), now_text=now_text)
        names: dict[int, str] = {}
        for member_id, item in zip(member_ids, created, strict=True):
            values = member_template.copy()
            values.update(item.data)
            if not item.plain:
                _plain_choices(values, _MEMBER_CHOICES)
            values["id"] = member_id
            name = values["full_name"]
            keys = self._keys.get(name)
            if keys is None:
                keys = self._keys[name] = services.member_keys(name)
            values["search_key"], values["sort_key"] = keys
            names[member_id] = name
            values["created_at"] = values["updated_at"] = stored_now
            audit_rows.append((member_id, (create, member_label, str(member_id), name, len(rows.members))))
            rows.members.append(member_row(values))

        for item in prepared:
            if item.existing is not None and item.data:
                audit_rows.append((None, self._update(item.existing, item.data, now, rows)))
            if item.existing is not None:
                names[item.existing.pk] = item.data.get("full_name", item.existing.full_name)

        member_of = {id(item): member_id for member_id, item in zip(member_ids, created, strict=True)}
        next_event_id = iter(event_ids)
        event_columns = [f for f in MembershipEvent._meta.concrete_fields]
        event_row = operator.itemgetter(*[f.attname for f in event_columns])
        event_template = {f.attname: None if f.primary_key else f.get_default() for f in event_columns}
        _plain_choices(event_template, _EVENT_CHOICES)
        event_audit: dict[int, list[dict]] = {}
        shown_dates = self._shown_dates
        for item in prepared:
            if not item.events:
                continue
            member_id = item.existing.pk if item.existing is not None else member_of[id(item)]
            plain = item.plain
            for fields in item.events:
                values = event_template.copy()
                values.update(fields)
                if not plain:
                    _plain_choices(values, _EVENT_CHOICES)
                values["id"] = next(next_event_id)
                values["member_id"] = member_id
                values["recorded_by"] = recorded_by
                day = values["date"]
                shown = shown_dates.get(day)
                if shown is None:
                    shown = shown_dates[day] = format_vn_date(day)
                values["created_at"] = values["updated_at"] = stored_now
                event_audit.setdefault(member_id, []).append(
                    (
                        event_kind,
                        event_label,
                        str(values["id"]),
                        f"{names[member_id]}: {labels[values['kind']]} {shown}",
                        len(rows.events),
                    )
                )
                rows.events.append(event_row(values))
        if next(next_event_id, None) is not None:
            raise ValueError("more event ids than events")

        # The projection of every ledger that changed: replaced whole, as services.rebuild_periods does.
        touched = [item for item in prepared if item.existing is not None and (item.events or item.data)]
        rows.stale = sorted(item.existing.pk for item in touched)
        for item in [*created, *touched]:
            member_id = item.existing.pk if item.existing is not None else member_of[id(item)]
            rows.periods += [(member_id, *values) for values in item.period_values()]

        # Audit rows in the order record() would write them: each member, then its events.
        for member_id, row in audit_rows:
            rows.audit.append(row)
            if member_id is not None:
                rows.audit += event_audit.pop(member_id, [])
        for rows_of_member in event_audit.values():
            rows.audit += rows_of_member
        return rows

    def store(self, rows: "Rows"):
        """Write what `build()` made (inside the caller's transaction)."""
        fastinsert.insert_rows(Member, [f.column for f in Member._meta.concrete_fields], rows.members)
        for pk, fields in rows.updates:
            Member.objects.filter(pk=pk).update(**fields)
        fastinsert.insert_rows(
            MembershipEvent, [f.column for f in MembershipEvent._meta.concrete_fields], rows.events
        )
        for start in range(0, len(rows.stale), _ID_QUERY_BATCH):
            MembershipPeriod.objects.filter(
                member_id__in=rows.stale[start : start + _ID_QUERY_BATCH]
            ).delete()
        period_columns = [
            MembershipPeriod._meta.get_field(name).column for name in ("member_id", *services.PERIOD_FIELDS)
        ]
        fastinsert.insert_rows(MembershipPeriod, period_columns, rows.periods)
        audit.record_many(_snapshots_from_rows(rows), acting_user=self.acting_user)

    def _update(self, member: Member, changes: dict, now, rows: "Rows") -> dict:
        """The audit row of an existing member's changes; the change itself goes into `rows.updates`."""
        before = audit.snapshot(member)
        for name, value in changes.items():
            setattr(member, name, value)
        services._apply_keys(member)
        member.updated_at = now
        rows.updates.append(
            (
                member.pk,
                {**changes, "search_key": member.search_key, "sort_key": member.sort_key, "updated_at": now},
            )
        )
        return {
            "kind": AuditKind.UPDATE,
            "obj": member,
            "before": before,
            "after": audit.snapshot(member),
        }


class _FromRow:
    """How the snapshot of a stored row is made (`_snapshots_from_rows`): the columns in sorted order with
    their places in the row, and which of them (creation and change times aside) can hold a date."""

    def __init__(self, model):
        columns = list(model._meta.concrete_fields)
        place = {f.attname: index for index, f in enumerate(columns)}
        names, dates = _snapshot_fields(columns)
        self.items = [(name, place[name]) for name in names]
        self.dates = [name for name in dates if name not in ("created_at", "updated_at")]
        numbers = {f.attname for f in columns if isinstance(f, models.IntegerField | models.ForeignKey)}
        self.text = _compile_snapshot_text(self.items, set(self.dates), numbers)


def _compile_snapshot_text(items: list[tuple[str, int]], dates: set[str], numbers: set[str]):
    """A function (row, the creation time as JSON) → `audit.serialized_sorted()` of the row's snapshot, made
    for one table's columns: the JSON text written piece by piece, each value as the JSON encoder writes it
    (a test compares the two on rows of every kind of value), without building the dictionary first. The
    values a column usually holds (text; a date or nothing in a date column; a number or nothing in a number
    column) are written inline, anything else through `_json_date` or `_json_value`: a function call per
    value was a third of the time."""
    parts = []
    for position, (name, place) in enumerate(items):
        parts.append(repr(("{" if position == 0 else ", ") + json.dumps(name) + ": "))
        value = f"row[{place}]"
        if name in ("created_at", "updated_at"):
            parts.append("now")
        elif name in dates:
            parts.append(
                f"('\"' + {value}.isoformat() + '\"' if type({value}) is _date else "
                f"'null' if {value} is None else _json_date({value}))"
            )
        elif name in numbers:
            parts.append(
                f"(_int_text({value}) if type({value}) is int else "
                f"'null' if {value} is None else _json_value({value}))"
            )
        else:
            parts.append(f"(_encode({value}) if type({value}) is str else _json_value({value}))")
    parts.append("'}'")
    source = "def snapshot_text(row, now):\n    return ''.join((" + ", ".join(parts) + "))\n"
    namespace = {
        "_encode": audit.ENCODE_TEXT,
        "_json_value": _json_value,
        "_json_date": _json_date,
        "_date": datetime.date,
        "_int_text": int.__repr__,
    }
    exec(compile(source, "<snapshot_text>", "exec"), namespace)  # the source holds column names only
    return namespace["snapshot_text"]


def _json_value(value) -> str:
    """`audit.serialized()` of one value of a snapshot."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    return audit.serialized(value)


def _json_date(value) -> str:
    """A date column's value as the snapshot writes it: in ISO form."""
    if isinstance(value, datetime.date):
        return '"' + value.isoformat() + '"'
    return _json_value(value)


def _snapshots_from_rows(rows: "Rows"):
    """The audit rows of `rows` for `record_many()`, the values after of new members and events serialized
    from their stored rows: what `core.audit.snapshot()` gives for them (dates in ISO form, the times as
    `now.isoformat()`), serialized as `audit.serialized_sorted()` would."""
    shapes = {
        AuditKind.CREATE: (_shape(Member).text, rows.members),
        AuditKind.EVENT: (_shape(MembershipEvent).text, rows.events),
    }
    now = audit.ENCODE_TEXT(rows.now_text)
    for item in rows.audit:
        if type(item) is not tuple or type(item[4]) is not int:
            yield item
            continue
        kind, object_type, object_id, object_repr, index = item
        text, stored = shapes[kind]
        yield (kind, object_type, object_id, object_repr, text(stored[index], now))


@functools.cache
def _shape(model) -> _FromRow:
    return _FromRow(model)


@dataclass
class Rows:
    """What `MemberBatch.build()` makes: the stored rows as tuples in the tables' column order (periods:
    member id, then services.PERIOD_FIELDS), the changes of existing members as (id, fields), the members
    whose periods are replaced, and the audit rows in order (`core.audit.record_many()`'s items: the rows of
    new members and events as its plain tuples)."""

    member_ids: list[int] = field(default_factory=list)
    members: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    periods: list[tuple] = field(default_factory=list)
    updates: list[tuple[int, dict]] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    audit: list[dict | tuple] = field(default_factory=list)
    now_text: str = ""  # the creation time as the audit snapshots write it


def _snapshot_fields(columns) -> tuple[list[str], list[str]]:
    """The attribute names of the columns in sorted order (a snapshot made with them has its keys sorted, as
    `audit.serialized_sorted()` needs), and those of the date and time columns (the only ones that can hold
    a date)."""
    return sorted(f.attname for f in columns), [f.attname for f in columns if isinstance(f, models.DateField)]


@transaction.atomic
def bulk_create_members(records, *, acting_user=None, history: History | None = None) -> list[Member]:
    """Validate every record, then create all of them or none (see the module docstring).

    A record is a dict of personal data (the fields `services.create_member` takes) with an "events" list of
    event dicts (the fields `services.record_event` takes: kind, date, organization, to_organization,
    ceremony_date, decision_number, ...; organizations as instances or ids)."""
    batch = MemberBatch(history, acting_user=acting_user)
    prepared = batch.validate(records)
    if batch.problems:
        raise batch.error()
    ids = batch.write(prepared)
    found = Member.objects.in_bulk(ids)
    return [found[member_id] for member_id in ids]
