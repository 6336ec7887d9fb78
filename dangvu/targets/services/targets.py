"""Assigning targets and splitting them among subordinate organizations.

A target records what was assigned; its progress is never typed in (dangvu.figures.targets computes it).
Each action validates, writes and records the audit trail in one transaction, or refuses with Vietnamese
messages and writes nothing."""

import datetime

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, rules
from dangvu.core.dates import format_vn_date
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from ..choices import MASS_ORGANIZATION_MEASURES, Measure, PeriodKind
from ..models import Target
from .common import Errors, past_day, whole_number

SPLIT_RULE = "targets.split_at_least_parent"
EDITABLE = (
    "assigner",
    "assigner_name",
    "receiver",
    "measure",
    "period_kind",
    "start",
    "end",
    "yearly",
    "number",
    "aim",
    "document_number",
    "document_date",
    "document_title",
    "note",
)
# What a part takes from the target it splits.
INHERITED = ("measure", "period_kind", "start", "end", "yearly")


def _exists_during(org: Organization, start: datetime.date, end: datetime.date, history: History) -> bool:
    """Whether the organization exists on some day of [start, end]."""
    if history.state_on(org.pk, start) is not None:
        return True
    return any(start < day <= end and state is not None for day, state in history.timelines.get(org.pk, []))


def _period(data: dict, errors: Errors) -> tuple[str, datetime.date | None, datetime.date | None, bool]:
    """The period from its kind: a year (1 January – 31 December), a term (its first to its last year, or
    the dates given), or dates."""
    kind = data.get("period_kind")
    start, end = data.get("start"), data.get("end")
    yearly = bool(data.get("yearly"))
    if kind not in PeriodKind.values:
        errors.add("period_kind", _("Chọn loại thời hạn: năm, nhiệm kỳ hoặc từ ngày đến ngày."))
        return kind, None, None, yearly
    if kind == PeriodKind.YEAR and data.get("year"):
        year = whole_number(data["year"], "year", _("năm"), errors, minimum=1930)
        if year is None:
            return kind, None, None, yearly
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if kind == PeriodKind.TERM and data.get("first_year") and data.get("last_year"):
        first = whole_number(data["first_year"], "first_year", _("năm đầu nhiệm kỳ"), errors, minimum=1930)
        last = whole_number(data["last_year"], "last_year", _("năm cuối nhiệm kỳ"), errors, minimum=1930)
        if first is None or last is None:
            return kind, None, None, yearly
        start, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    for name, value, label in (("start", start, _("ngày bắt đầu")), ("end", end, _("ngày kết thúc"))):
        if not isinstance(value, datetime.date):
            errors.add(name, _("Nhập %(label)s của thời hạn (dd/mm/yyyy).") % {"label": label})
    if errors.get("start") or errors.get("end"):
        return kind, None, None, yearly
    if end < start:
        errors.add("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return kind, None, None, yearly
    if kind == PeriodKind.YEAR and (start, end) != (
        datetime.date(start.year, 1, 1),
        datetime.date(start.year, 12, 31),
    ):
        errors.add("period_kind", _("Chỉ tiêu năm tính từ 01/01 đến 31/12 của năm đó."))
    if kind == PeriodKind.TERM and not 1 <= end.year - start.year <= 10:
        errors.add("period_kind", _("Nhiệm kỳ phải kéo dài từ 1 đến 10 năm (ví dụ 2020–2025)."))
    if yearly and kind != PeriodKind.TERM:
        errors.add("yearly", _("Chỉ tiêu “mỗi năm” chỉ dùng cho chỉ tiêu nhiệm kỳ."))
    return kind, start, end, yearly


def _clean(data: dict, instance: Target | None, history: History) -> dict:
    errors = Errors()
    merged = {name: getattr(instance, name) for name in EDITABLE} if instance is not None else {}
    merged.update(data)
    cleaned: dict = {}
    parent = instance.parent if instance is not None else None

    measure = merged.get("measure")
    if measure not in Measure.values:
        errors.add("measure", _("Chọn nội dung chỉ tiêu."))
    elif measure in MASS_ORGANIZATION_MEASURES and not apps.is_installed("dangvu.enterprises"):
        errors.add("measure", _("Chỉ tiêu về đoàn thể cần phân hệ doanh nghiệp và đoàn thể."))
    cleaned["measure"] = measure
    kind, start, end, yearly = _period(merged, errors)
    cleaned.update(period_kind=kind, start=start, end=end, yearly=yearly)

    cleaned["number"] = whole_number(merged.get("number"), "number", _("chỉ tiêu"), errors, minimum=1)
    aim = whole_number(merged.get("aim"), "aim", _("mức phấn đấu"), errors, minimum=1, required=False)
    if aim is not None and cleaned["number"] is not None and aim < cleaned["number"]:
        errors.add("aim", _("Mức phấn đấu không được thấp hơn chỉ tiêu."))
    cleaned["aim"] = aim

    receiver = merged.get("receiver")
    if not isinstance(receiver, Organization):
        errors.add("receiver", _("Chọn tổ chức nhận chỉ tiêu."))
        receiver = None
    elif start and end and not _exists_during(receiver, start, end, history):
        errors.add(
            "receiver",
            _("“%(org)s” không hoạt động trong thời hạn %(start)s – %(end)s.")
            % {"org": receiver.name, "start": format_vn_date(start), "end": format_vn_date(end)},
        )
    cleaned["receiver"] = receiver

    assigner = merged.get("assigner") or None
    assigner_name = normalize(merged.get("assigner_name") or "")
    if parent is not None:
        assigner, assigner_name = parent.receiver, ""
    if (assigner is None) == (not assigner_name):
        errors.add(
            "assigner",
            _(
                "Ghi cấp giao: chọn một tổ chức trong Đảng bộ, hoặc ghi tên cấp ngoài (ví dụ Ban Thường vụ Thành ủy)."
            ),
        )
    elif assigner is not None and receiver is not None and start and end:
        day = max(start, receiver.founded_on)
        if assigner.pk == receiver.pk or receiver.pk not in history.tree_on(day).under(assigner.pk):
            errors.add(
                "assigner",
                _("“%(receiver)s” không trực thuộc “%(assigner)s” ngày %(day)s: cấp giao phải là cấp trên.")
                % {"receiver": receiver.name, "assigner": assigner.name, "day": format_vn_date(day)},
            )
    cleaned["assigner"] = assigner
    cleaned["assigner_name"] = assigner_name

    cleaned["document_number"] = normalize(merged.get("document_number") or "")
    if not cleaned["document_number"] and parent is None:
        errors.add("document_number", _("Ghi số, ký hiệu văn bản giao chỉ tiêu (ví dụ 12-KH/TU)."))
    cleaned["document_date"] = past_day(
        merged.get("document_date"), "document_date", _("ngày văn bản"), errors, required=False
    )
    cleaned["document_title"] = normalize(merged.get("document_title") or "")
    cleaned["note"] = normalize(merged.get("note") or "")

    if instance is not None and instance.pk and instance.parts.exists():
        changed = [name for name in INHERITED if cleaned.get(name) != getattr(instance, name)]
        if changed or (receiver is not None and receiver.pk != instance.receiver_id):
            errors.add(
                None if not changed else changed[0],
                _(
                    "Chỉ tiêu đã phân bổ cho cấp dưới: xóa phân bổ trước khi đổi nội dung, thời hạn hoặc tổ chức nhận."
                ),
            )
    if parent is not None and any(cleaned.get(name) != getattr(parent, name) for name in INHERITED):
        errors.add(None, _("Phần phân bổ giữ nội dung và thời hạn của chỉ tiêu được phân bổ."))

    if not errors and parent is None:
        same = Target.objects.filter(
            parent__isnull=True,
            receiver=receiver,
            measure=measure,
            start=start,
            end=end,
            yearly=yearly,
        )
        if instance is not None and instance.pk:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors.add(
                None,
                _(
                    "“%(org)s” đã có chỉ tiêu “%(measure)s” cho thời hạn này: sửa chỉ tiêu đó thay vì thêm mới."
                )
                % {"org": receiver.name, "measure": Measure(measure).label},
            )
    errors.raise_if_any()
    return cleaned


def _check_split_total(target: Target, total: int, errors: Errors):
    """A split adds up to at least the target (rules: targets.split_at_least_parent, theo cấu hình)."""
    if total and rules.value(SPLIT_RULE, target.start) and total < target.number:
        errors.add(
            None,
            _(
                "Tổng chỉ tiêu phân bổ cho cấp dưới (%(total)s) thấp hơn chỉ tiêu được giao (%(number)s): phân bổ "
                "phải bằng hoặc cao hơn chỉ tiêu của cấp trên (theo cấu hình)."
            )
            % {"total": total, "number": target.number},
        )


@transaction.atomic
def create_target(data: dict, *, acting_user=None, history: History | None = None) -> Target:
    """Record a target assigned to an organization (a year, a term — possibly for each of its years — or
    dates), with the document that set it."""
    history = history or History.load()
    target = Target(**_clean(data, None, history))
    target.save()
    audit.record(AuditKind.CREATE, target, after=audit.snapshot(target), acting_user=acting_user)
    return target


@transaction.atomic
def update_target(target: Target, data: dict, *, acting_user=None, history: History | None = None) -> Target:
    """Correct a target. A target already split keeps its measure, period and receiver, and its new number
    is checked against the parts."""
    history = history or History.load()
    before = audit.snapshot(target)
    cleaned = _clean(data, target, history)
    errors = Errors()
    if target.parts.exists():
        probe = Target(**{**cleaned})
        _check_split_total(probe, sum(target.parts.values_list("number", flat=True)), errors)
    if target.parent_id is not None:
        siblings = target.parent.parts.exclude(pk=target.pk).values_list("number", flat=True)
        _check_split_total(target.parent, sum(siblings) + (cleaned["number"] or 0), errors)
    errors.raise_if_any()
    for name, value in cleaned.items():
        setattr(target, name, value)
    target.save()
    audit.record(
        AuditKind.UPDATE, target, before=before, after=audit.snapshot(target), acting_user=acting_user
    )
    return target


@transaction.atomic
def delete_target(target: Target, *, acting_user=None):
    """Remove a target recorded by mistake, with its parts."""
    for part in list(target.parts.all()):
        delete_target(part, acting_user=acting_user)
    before = audit.snapshot(target)
    label = str(target)
    pk = target.pk
    target.delete()
    audit.record(
        AuditKind.DELETE,
        before=before,
        object_type=Target._meta.label,
        object_repr=label,
        acting_user=acting_user,
    )
    return pk


@transaction.atomic
def split_target(
    target: Target,
    parts: list[dict],
    *,
    document_number: str = "",
    document_date: datetime.date | None = None,
    acting_user=None,
    history: History | None = None,
) -> list[Target]:
    """Pass a target on to organizations under its receiver: `parts` is the whole split, a list of
    {"receiver": Organization, "number": int, "aim": int | None}; parts of 0 or left out are removed.

    Refused, with the reason, when a receiver is not under the target's receiver when the period starts (or
    when it is founded during the period), or is the receiver itself, appears twice, or when the parts add up to less than the target (rules:
    targets.split_at_least_parent, theo cấu hình)."""
    history = history or History.load()
    errors = Errors()
    trees: dict = {}

    def under_on(day: datetime.date) -> set[int]:
        if day not in trees:
            trees[day] = history.tree_on(day).under(target.receiver_id) - {target.receiver_id}
        return trees[day]

    chosen: dict[int, dict] = {}
    for index, part in enumerate(parts):
        receiver = part.get("receiver")
        key = f"parts-{index}"
        if not isinstance(receiver, Organization):
            errors.add(key, _("Dòng %(n)s: chọn tổ chức nhận.") % {"n": index + 1})
            continue
        label = _("“%(org)s”") % {"org": receiver.name}
        number = whole_number(part.get("number"), key, label, errors, minimum=0, required=False)
        aim = whole_number(part.get("aim"), key, label, errors, minimum=1, required=False)
        if not number:
            continue
        # Under the receiver when the period starts, or when it is founded during the period.
        day = max(target.start, receiver.founded_on)
        if day > target.end or receiver.pk not in under_on(day):
            errors.add(
                key,
                _("“%(org)s” không trực thuộc “%(parent)s” ngày %(day)s: chỉ phân bổ cho tổ chức cấp dưới.")
                % {"org": receiver.name, "parent": target.receiver.name, "day": format_vn_date(day)},
            )
            continue
        if receiver.pk in chosen:
            errors.add(key, _("“%(org)s” được phân bổ hai lần.") % {"org": receiver.name})
            continue
        if aim is not None and aim < number:
            errors.add(key, _("%(org)s: mức phấn đấu thấp hơn chỉ tiêu.") % {"org": label})
            continue
        chosen[receiver.pk] = {"receiver": receiver, "number": number, "aim": aim}
    _check_split_total(target, sum(p["number"] for p in chosen.values()), errors)
    document_date = past_day(document_date, "document_date", _("ngày văn bản"), errors, required=False)
    errors.raise_if_any()

    existing = {part.receiver_id: part for part in target.parts.all()}
    result = []
    for receiver_id, part in existing.items():
        if receiver_id not in chosen:
            delete_target(part, acting_user=acting_user)
    for receiver_id, values in chosen.items():
        fields = {
            **{name: getattr(target, name) for name in INHERITED},
            "assigner": target.receiver,
            "assigner_name": "",
            "receiver": values["receiver"],
            "number": values["number"],
            "aim": values["aim"],
            "document_number": normalize(document_number) or target.document_number,
            "document_date": document_date or target.document_date,
        }
        current = existing.get(receiver_id)
        if current is None:
            part = Target(parent=target, **fields)
            part.save()
            audit.record(AuditKind.CREATE, part, after=audit.snapshot(part), acting_user=acting_user)
        else:
            before = audit.snapshot(current)
            if current.parts.exists():
                nested = Errors()
                _check_split_total(
                    Target(number=values["number"], start=target.start),
                    sum(current.parts.values_list("number", flat=True)),
                    nested,
                )
                nested.raise_if_any()
            for name, value in fields.items():
                setattr(current, name, value)
            current.save()
            part = current
            if before != audit.snapshot(part):
                audit.record(
                    AuditKind.UPDATE, part, before=before, after=audit.snapshot(part), acting_user=acting_user
                )
        result.append(part)
    return result
