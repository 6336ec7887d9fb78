"""Creating many members with their whole ledgers at once: the path of the Excel importer and the demo loader.

Each record is a member's personal data and the list of their ledger events. Every record goes through the
same checks as the forms — the personal data through `services`' cleaning, the ledger through
`ledger.replay()` against one loaded `History` — and, because the ledger arrives whole rather than one
event after another, one more: no stretch of membership may outlive its organization (`services` enforces
that when the organization ends; here the organization may have ended already). Every problem of every
record is collected; if there is any, nothing is written and one `BulkValidationError` lists them all as
(record index, message). Otherwise members, events, periods and audit rows are inserted in bulk, in one
transaction, the audit rows chained as `core.audit.record()` would chain them one by one.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, rules
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from . import services
from .choices import ENDING_KINDS, EventKind
from .ledger import EventData, Replay, replay
from .models import Member, MembershipEvent, MembershipPeriod

# Kinds for which `services.record_event` fills in the organization the member belongs to that day.
_FILLED_KINDS = set(EventKind.values) - {
    EventKind.ADMISSION,
    EventKind.TRANSFER_IN,
    EventKind.TEMPORARY_TRANSFER,
}


class BulkValidationError(ValidationError):
    """Every problem of a batch: `problems` is a list of (record index, message), in record order."""

    def __init__(self, problems: list[tuple[int, str]], labels: dict[int, str] | None = None):
        self.problems = problems
        labels = labels or {}
        messages = []
        for index, message in problems:
            label = labels.get(index, "")
            prefix = (
                _("Bản ghi %(n)s (%(name)s)") % {"n": index + 1, "name": label}
                if label
                else _("Bản ghi %(n)s") % {"n": index + 1}
            )
            messages.append(f"{prefix}: {message}")
        super().__init__(messages)


@dataclass
class _Prepared:
    member: Member
    events: list[dict]
    result: Replay


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
        elif name in ("decision_number", "note", "external_organization"):
            fields[name] = normalize(value)
        else:
            fields[name] = value
    return fields


def _fill_organizations(events: list[dict]) -> None:
    """Endings, recognitions, transfers and exemptions concern the organization the member belongs to on
    their date (as `services.record_event` fills it in); fill it in where the record leaves it out."""
    current = None
    for event in sorted(events, key=lambda e: e["date"]):  # stable: same-day events keep their order
        kind = event["kind"]
        if kind in _FILLED_KINDS and event.get("organization_id") is None:
            event["organization_id"] = current
        if kind in (EventKind.ADMISSION, EventKind.TRANSFER_IN):
            current = event.get("organization_id")
        elif kind == EventKind.TRANSFER:
            current = event.get("to_organization_id")
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


def _prepare(
    index: int, record: dict, history: History, seen_ids: dict[str, int], taken: set[str]
) -> tuple[_Prepared | None, list[str]]:
    data = {name: value for name, value in record.items() if name != "events"}
    raw_events = list(record.get("events") or [])
    problems: list[str] = []
    try:
        cleaned = services._clean_member_data(data, taken=taken)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            problems += [m for messages in exc.message_dict.values() for m in messages]
        else:
            problems += exc.messages
        cleaned = None
    if cleaned is not None:
        national_id = cleaned["national_id"]
        if national_id in seen_ids:
            problems.append(
                _("Số CCCD %(v)s trùng với bản ghi %(n)s.")
                % {"v": national_id, "n": seen_ids[national_id] + 1}
            )
        else:
            seen_ids[national_id] = index
    if not raw_events:
        problems.append(_("Ghi sự kiện đầu tiên: kết nạp hoặc chuyển đến."))
    events = []
    for position, raw in enumerate(raw_events):
        if raw.get("kind") not in EventKind.values:
            problems.append(_("Sự kiện %(n)s: chọn loại biến động.") % {"n": position + 1})
        elif not isinstance(raw.get("date"), datetime.date):
            problems.append(_("Sự kiện %(n)s: nhập ngày của biến động (dd/mm/yyyy).") % {"n": position + 1})
        else:
            fields = _event_fields(raw)
            unknown = [
                fields[name]
                for name in ("organization_id", "to_organization_id")
                if fields.get(name) is not None and fields[name] not in history.timelines
            ]
            for org_id in unknown:
                problems.append(
                    _("Sự kiện %(n)s: không có tổ chức đảng mã số %(id)s.")
                    % {"n": position + 1, "id": org_id}
                )
            if not unknown:
                events.append(fields)
    ledger_ok = bool(events) and len(events) == len(raw_events)
    if ledger_ok:
        first = min(events, key=lambda e: e["date"])
        if first["kind"] not in (EventKind.ADMISSION, EventKind.TRANSFER_IN):
            problems.append(_("Sự kiện đầu tiên phải là kết nạp hoặc chuyển đến."))
            ledger_ok = False
    # The ledger is replayed even when the personal data has problems, so that all of them are reported.
    birth = cleaned["birth_date"] if cleaned is not None else data.get("birth_date")
    if ledger_ok and isinstance(birth, datetime.date):
        _fill_organizations(events)
        result = replay(birth, [_data(e, i) for i, e in enumerate(events)], history)
        problems += [message for _key, message in result.errors]
    if problems or cleaned is None:
        return None, problems
    member = Member(**cleaned)
    services._apply_keys(member)
    return _Prepared(member, events, result), []


def _taken_national_ids(records) -> set[str]:
    """The identity numbers of the batch that already belong to members: one query for the whole batch."""
    numbers = set()
    for record in records:
        try:
            numbers.add(services.clean_national_id(record.get("national_id")))
        except ValidationError:
            continue  # reported with the record
    taken = set()
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 500):
        taken |= set(
            Member.objects.filter(national_id__in=ordered[start : start + 500]).values_list(
                "national_id", flat=True
            )
        )
    return taken


@transaction.atomic
def bulk_create_members(records, *, acting_user=None, history: History | None = None) -> list[Member]:
    """Validate every record, then create all of them or none (see the module docstring).

    A record is a dict of personal data (the fields `services.create_member` takes) with an "events" list of
    event dicts (the fields `services.record_event` takes: kind, date, organization, to_organization,
    ceremony_date, decision_number, ...; organizations as instances or ids)."""
    records = list(records)
    history = history or History.load()
    problems: list[tuple[int, str]] = []
    labels: dict[int, str] = {}
    prepared: list[_Prepared] = []
    seen_ids: dict[str, int] = {}
    taken = _taken_national_ids(records)
    with rules.cached():
        for index, record in enumerate(records):
            labels[index] = normalize(record.get("full_name"))
            item, found = _prepare(index, record, history, seen_ids, taken)
            problems += [(index, message) for message in found]
            if item is not None:
                prepared.append(item)
    if problems:
        raise BulkValidationError(problems, labels)

    members = Member.objects.bulk_create([item.member for item in prepared], batch_size=500)
    recorded_by = getattr(acting_user, "username", "") or ""
    events: list[MembershipEvent] = []
    periods: list[MembershipPeriod] = []
    for item, member in zip(prepared, members, strict=True):
        # Ledger order is (date, id): insert each member's events in date order, same-day ones as given.
        for fields in sorted(item.events, key=lambda e: e["date"]):
            events.append(MembershipEvent(member=member, recorded_by=recorded_by, **fields))
        periods += [
            MembershipPeriod(
                member=member,
                organization_id=p.organization_id,
                start=p.start,
                end=p.end,
                admitted_on=p.admitted_on,
                recognized_on=p.recognized_on,
            )
            for p in item.result.periods
        ]
    MembershipEvent.objects.bulk_create(events, batch_size=500)
    MembershipPeriod.objects.bulk_create(periods, batch_size=500)

    names = {member.pk: member.full_name for member in members}
    by_member: dict[int, list[MembershipEvent]] = {}
    for event in events:
        by_member.setdefault(event.member_id, []).append(event)
    rows = []
    for member in members:
        rows.append({"kind": AuditKind.CREATE, "obj": member, "after": audit.snapshot(member)})
        for event in by_member.get(member.pk, []):
            rows.append(
                {
                    "kind": AuditKind.EVENT,
                    "obj": event,
                    "after": audit.snapshot(event),
                    "object_repr": f"{names[member.pk]}: {event}",
                }
            )
    audit.record_many(rows, acting_user=acting_user)
    return members
