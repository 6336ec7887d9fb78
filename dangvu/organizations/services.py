"""Actions that change the organization tree. Each validates, writes its events and audit rows in one
transaction, and refuses with Vietnamese messages that say what to fix (Zulip-style `do_*` actions).

Several changes taken by one decision (an upgrade that turns every subordinate cell into a grassroots cell,
a restructuring that moves hundreds of organizations) go through `apply_decision` together, and the tree is
checked as it stands after all of them.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date, today
from dangvu.core.models import AuditKind
from dangvu.core.text import fold, normalize, text_sort_key

from .choices import (
    ALLOWED_PARENT_KINDS,
    ENDING_EVENT_KINDS,
    STARTING_EVENT_KINDS,
    OrganizationEventKind,
    OrganizationKind,
    Sector,
)
from .models import Organization, OrganizationEvent
from .tree import History, OrgState

Kind = OrganizationEventKind


@dataclass
class Found:
    code: str
    name: str
    kind: str
    sector: str
    parent: Organization | None = None
    enterprise_kind: str = ""
    external_parent: str = ""
    is_core_cell: bool = False
    event_kind: str = OrganizationEventKind.FOUNDED  # or RECEIVED from another party committee
    # Its own founding decision, when one call records the foundings of several decisions of the same day
    # (the Excel importer); by default the decision of the call.
    decision_number: str | None = None


@dataclass
class Change:
    """A change of one organization: any of name, kind, sector, parent; or its end (dissolved, merged)."""

    organization: Organization
    event_kind: str
    name: str | None = None
    org_kind: str | None = None
    sector: str | None = None
    enterprise_kind: str | None = None
    parent: Organization | None = None
    parent_changed: bool = False
    external_parent: str | None = None
    related: Organization | None = None
    extra: dict = field(default_factory=dict)


def _label(state: OrgState | None, org: Organization | None = None) -> str:
    if state is not None:
        return f"{state.name} ({state.code})"
    return str(org) if org is not None else "?"


def _check_date(day: datetime.date, errors: list[str]):
    if day > today():
        errors.append(
            _("Ngày %(day)s ở tương lai: chỉ ghi sự kiện đã xảy ra.") % {"day": format_vn_date(day)}
        )


def _members_from(org_id: int, day: datetime.date) -> int:
    """Members who belong to the organization from `day` on, and membership events of `day` that place
    someone in it (an organization that ends on D does not exist on D, so those events would no longer
    replay: admitted and moved on the same day leaves no period, a temporary transfer leaves none)."""
    from django.db.models import Q

    from dangvu.members.choices import EventKind
    from dangvu.members.models import MembershipEvent, MembershipPeriod

    placing = [EventKind.ADMISSION, EventKind.TRANSFER_IN, EventKind.TEMPORARY_TRANSFER]
    return (
        MembershipPeriod.objects.filter(organization_id=org_id)
        .exclude(end__isnull=False, end__lte=day)
        .count()
    ) + MembershipEvent.objects.filter(
        Q(organization_id=org_id, kind__in=placing) | Q(to_organization_id=org_id),
        voided_at__isnull=True,
        date=day,
    ).count()


@transaction.atomic
def apply_decision(
    day: datetime.date,
    decision_number: str,
    changes: list,
    *,
    acting_user=None,
    note: str = "",
    history: History | None = None,
    audit_rows: list | None = None,
) -> list[OrganizationEvent]:
    """Record every change of one decision on `day`; validate the tree after all of them.

    `history`, when given, is the tree's `History` as recorded (the caller's, kept across several decisions
    instead of being loaded for each): it is checked against the same way, and the decision's events are
    added to it once they are written. `audit_rows`, when given, receives the decision's audit rows for the
    caller to write (`audit.record_many`, in the same transaction) with those of its other decisions."""
    errors: list[str] = []
    _check_date(day, errors)
    decision_number = normalize(decision_number)
    shared = history is not None
    if not shared:
        history = History.load()
    states: dict[int, OrgState] = dict(history.tree_on(day).states)
    touched: set[int] = set()
    pending: list[tuple[Organization, OrganizationEvent, dict | None]] = []
    recorded_by = getattr(acting_user, "username", "") or ""
    founded = [normalize(change.code) for change in changes if isinstance(change, Found)]
    taken = (
        set(Organization.objects.filter(code__in=founded).values_list("code", flat=True))
        if founded
        else set()
    )

    for change in changes:
        if isinstance(change, Found):
            code = normalize(change.code)
            if not code:
                errors.append(_("Thiếu mã tổ chức."))
                continue
            if code in taken:
                errors.append(_("Mã tổ chức %(code)s đã có: chọn mã khác.") % {"code": code})
                continue
            taken.add(code)  # twice in the same decision is the same mistake
            name = normalize(change.name)
            if not name:
                errors.append(_("Thiếu tên tổ chức %(code)s.") % {"code": code})
                continue
            if change.event_kind not in STARTING_EVENT_KINDS:
                errors.append(_("Tổ chức %(code)s: chọn thành lập hoặc tiếp nhận.") % {"code": code})
                continue
            org = Organization(
                code=code,
                name=name,
                kind=change.kind,
                sector=change.sector,
                enterprise_kind=change.enterprise_kind if change.sector == Sector.ENTERPRISE else "",
                parent=change.parent,
                external_parent=normalize(change.external_parent),
                founded_on=day,
                is_core_cell=change.is_core_cell,
            )
            event = OrganizationEvent(
                kind=change.event_kind,
                date=day,
                decision_number=decision_number
                if change.decision_number is None
                else normalize(change.decision_number),
                note=note,
                recorded_by=recorded_by,
                name=name,
                org_kind=change.kind,
                sector=change.sector,
                enterprise_kind=org.enterprise_kind,
                parent=change.parent,
                external_parent=org.external_parent,
                exists=True,
            )
            # A negative id stands for the organization until it is saved.
            temp_id = -(len(pending) + 1)
            org._temp_id = temp_id
            states[temp_id] = OrgState(
                temp_id,
                code,
                name,
                change.kind,
                change.sector,
                org.enterprise_kind,
                change.parent.pk if change.parent else None,
                org.external_parent,
                change.is_core_cell,
            )
            touched.add(temp_id)
            pending.append((org, event, None))
            continue

        org = change.organization
        current = states.get(org.pk)
        if current is None:
            errors.append(
                _("Tổ chức %(org)s không tồn tại ngày %(day)s.")
                % {"org": str(org), "day": format_vn_date(day)}
            )
            continue
        last = history.timelines.get(org.pk, [])
        if last and last[-1][0] > day:
            errors.append(
                _(
                    "%(org)s đã có sự kiện ngày %(last)s, sau ngày %(day)s: sự kiện mới phải từ ngày đó trở đi; "
                    "để sửa lịch sử, hãy đính chính sự kiện."
                )
                % {"org": _label(current), "last": format_vn_date(last[-1][0]), "day": format_vn_date(day)}
            )
            continue
        exists = change.event_kind not in ENDING_EVENT_KINDS
        parent_id = (
            change.parent.pk
            if change.parent_changed and change.parent
            else (None if change.parent_changed else current.parent_id)
        )
        new_state = OrgState(
            org.pk,
            current.code,
            normalize(change.name) if change.name is not None else current.name,
            change.org_kind or current.kind,
            change.sector or current.sector,
            change.enterprise_kind if change.enterprise_kind is not None else current.enterprise_kind,
            parent_id,
            normalize(change.external_parent)
            if change.external_parent is not None
            else current.external_parent,
            current.is_core_cell,
        )
        if new_state.sector != Sector.ENTERPRISE:
            new_state = OrgState(**{**new_state.__dict__, "enterprise_kind": ""})
        if exists:
            states[org.pk] = new_state
            touched.add(org.pk)
        else:
            states.pop(org.pk, None)
            if _members_from(org.pk, day):
                errors.append(
                    _(
                        "%(org)s còn đảng viên sinh hoạt từ ngày %(day)s: chuyển sinh hoạt họ trước khi giải thể "
                        "hoặc sáp nhập."
                    )
                    % {"org": _label(current), "day": format_vn_date(day)}
                )
        event = OrganizationEvent(
            organization=org,
            kind=change.event_kind,
            date=day,
            decision_number=decision_number,
            note=note,
            recorded_by=recorded_by,
            name=new_state.name,
            org_kind=new_state.kind,
            sector=new_state.sector,
            enterprise_kind=new_state.enterprise_kind,
            parent_id=new_state.parent_id,
            external_parent=new_state.external_parent,
            exists=exists,
            related=change.related,
        )
        pending.append((org, event, {"before": current.__dict__}))

    # The tree after every change: parents exist, kinds fit, no cycles, nothing left under an ended one.
    for org_id in sorted(touched | {c for s in states.values() if s.parent_id in touched for c in [s.id]}):
        state = states.get(org_id)
        if state is None:
            continue
        parent = states.get(state.parent_id) if state.parent_id is not None else None
        if state.parent_id is not None and parent is None:
            errors.append(
                _("Tổ chức cấp trên của %(org)s không tồn tại ngày %(day)s.")
                % {"org": _label(state), "day": format_vn_date(day)}
            )
            continue
        allowed = ALLOWED_PARENT_KINDS[OrganizationKind(state.kind)]
        parent_kind = OrganizationKind(parent.kind) if parent else None
        if parent_kind not in allowed:
            errors.append(
                _(
                    "%(kind)s %(org)s không thể trực thuộc %(parent)s: chọn cấp trên phù hợp hoặc đổi loại tổ chức."
                )
                % {
                    "kind": OrganizationKind(state.kind).label,
                    "org": _label(state),
                    "parent": OrganizationKind(parent.kind).label + " " + _label(parent)
                    if parent
                    else _("cấp ngoài hệ thống"),
                }
            )
        seen = {org_id}
        cursor = parent
        while cursor is not None:
            if cursor.id in seen:
                errors.append(_("%(org)s không thể nằm dưới chính nó.") % {"org": _label(state)})
                break
            seen.add(cursor.id)
            cursor = states.get(cursor.parent_id) if cursor.parent_id is not None else None
    for state in states.values():
        if (
            state.parent_id is not None
            and state.parent_id not in states
            and state.parent_id in history.timelines
        ):
            errors.append(
                _("%(org)s vẫn trực thuộc một tổ chức đã kết thúc: chuyển nó sang cấp trên khác trước.")
                % {"org": _label(state)}
            )

    if errors:
        raise ValidationError(errors)

    saved: list[OrganizationEvent] = []
    temp_to_org: dict[int, Organization] = {}
    rows: list[dict] = []  # the audit rows, written together at the end (a decision may found hundreds)
    if len(pending) > 1 and all(org.pk is None for org, _event, _before in pending):
        _found_together(pending, rows, saved)
        pending = []
    for org, event, before in pending:
        created = org.pk is None
        if created:
            _name_keys(org, org.name)
            org.save()
            rows.append({"kind": AuditKind.CREATE, "obj": org, "after": audit.snapshot(org)})
            temp_to_org[org._temp_id] = org
            event.organization = org
        if event.parent_id is not None and event.parent_id < 0:
            event.parent = temp_to_org[event.parent_id]
        event.save()
        if not created:  # a new organization's row already holds the state of its founding
            _refresh_current(org, acting_user=acting_user, rows=rows)
        rows.append(
            {
                "kind": AuditKind.EVENT,
                "obj": event,
                "before": before["before"] if before else None,
                "after": audit.snapshot(event),
            }
        )
        saved.append(event)
    if audit_rows is None:
        audit.record_many(rows, acting_user=acting_user)
    else:  # named now: the objects may change before the caller writes the rows
        for row in rows:
            obj = row.pop("obj")
            audit_rows.append(
                {**row, "object_type": obj._meta.label, "object_id": obj.pk, "object_repr": str(obj)}
            )
    if shared:
        history.add(saved)
    return saved


def _name_keys(org: Organization, name: str):
    """The stored search and sort keys of the organization's name."""
    org.search_key = fold(name)
    org.sort_key = text_sort_key(name)


def _found_together(pending: list, rows: list, saved: list):
    """Write a decision that only founds organizations with two inserts (its organizations, then their
    events) instead of two per organization: the same rows, ids and audit rows, in the same order, as the
    loop of `apply_decision` writes them one by one. Their parents were recorded before (a decision cannot
    found an organization under another one it founds)."""
    for org, _event, _before in pending:
        _name_keys(org, org.name)
    Organization.objects.bulk_create([org for org, _event, _before in pending])
    for org, event, _before in pending:
        event.organization = org
    OrganizationEvent.objects.bulk_create([event for _org, event, _before in pending])
    for org, event, _before in pending:
        rows.append({"kind": AuditKind.CREATE, "obj": org, "after": audit.snapshot(org)})
        rows.append({"kind": AuditKind.EVENT, "obj": event, "before": None, "after": audit.snapshot(event)})
        saved.append(event)


def _refresh_current(org: Organization, *, acting_user=None, rows: list | None = None):
    """Copy the state after the latest event onto the organization row (see models), with the audit row of
    the row's change (added to `rows` when given, to be written with the others); an unchanged row is not
    written."""
    last = org.events.filter(voided_at__isnull=True).order_by("date", "id").last()
    first = org.events.filter(voided_at__isnull=True).order_by("date", "id").first()
    if last is None:
        return
    before = audit.snapshot(org)
    org.name = last.name
    _name_keys(org, last.name)
    org.kind = last.org_kind
    org.sector = last.sector
    org.enterprise_kind = last.enterprise_kind
    org.parent_id = last.parent_id
    org.external_parent = last.external_parent
    org.founded_on = first.date
    org.ended_on = None if last.exists else last.date
    if audit.snapshot(org) == before:
        return  # nothing changed (a new organization already holds its first state)
    org.save()
    row = {"kind": AuditKind.UPDATE, "obj": org, "before": before, "after": audit.snapshot(org)}
    if rows is not None:
        rows.append(row)
    else:
        audit.record(**row, acting_user=acting_user)


def found_organization(day, decision_number, *, acting_user=None, note="", **fields) -> Organization:
    """Found one organization (a decision of the competent committee)."""
    event = apply_decision(day, decision_number, [Found(**fields)], acting_user=acting_user, note=note)[0]
    return event.organization


def rename(org, day, decision_number, name, *, acting_user=None):
    return apply_decision(
        day, decision_number, [Change(org, Kind.RENAMED, name=name)], acting_user=acting_user
    )[0]


def move(org, day, decision_number, parent, *, acting_user=None, external_parent=None):
    change = Change(org, Kind.MOVED, parent=parent, parent_changed=True, external_parent=external_parent)
    return apply_decision(day, decision_number, [change], acting_user=acting_user)[0]


def change_kind(org, day, decision_number, org_kind, *, acting_user=None):
    return apply_decision(
        day, decision_number, [Change(org, Kind.CHANGED_KIND, org_kind=org_kind)], acting_user=acting_user
    )[0]


def dissolve(org, day, decision_number, *, acting_user=None, note=""):
    return apply_decision(
        day, decision_number, [Change(org, Kind.DISSOLVED)], acting_user=acting_user, note=note
    )[0]


@transaction.atomic
def merge(org, into, day, decision_number, *, acting_user=None):
    """Merge `org` into `into`: its members move to `into` on `day`, then it ends, in one decision."""
    from dangvu.members.services import members_of_org_on, record_transfer

    for member in members_of_org_on(org, day):
        record_transfer(member, into, day, decision_number, acting_user=acting_user)
    change = Change(org, Kind.MERGED, related=into)
    return apply_decision(day, decision_number, [change], acting_user=acting_user)[0]


@transaction.atomic
def void_event(event: OrganizationEvent, reason: str, *, acting_user=None):
    """Correction: the event stops counting (it stays in the history with the reason)."""
    reason = normalize(reason)
    if not reason:
        raise ValidationError(_("Ghi lý do đính chính."))
    if event.voided_at is not None:
        raise ValidationError(_("Sự kiện này đã được đính chính."))
    if event.kind in (Kind.FOUNDED, Kind.RECEIVED):
        raise ValidationError(
            _("Không thể hủy sự kiện thành lập: hãy ghi giải thể hoặc đính chính các sự kiện sau.")
        )
    before = audit.snapshot(event)
    from django.utils import timezone

    event.voided_at = timezone.now()
    event.void_reason = reason
    event.save(update_fields=["voided_at", "void_reason", "updated_at"])
    _refresh_current(event.organization, acting_user=acting_user)
    audit.record(
        AuditKind.CORRECTION, event, before=before, after=audit.snapshot(event), acting_user=acting_user
    )
    return event
