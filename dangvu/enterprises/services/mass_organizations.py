"""Mass organizations and their membership snapshots."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date
from dangvu.core.models import AuditKind
from dangvu.core.text import fold, normalize, text_sort_key

from ..choices import MassOrganizationKind, MassOrganizationLevel
from ..models import Enterprise, MassOrganization, MembershipSnapshot
from .common import Status, _check_exists, _count, _day, _raise, _statuses


def _clean_membership(org: MassOrganization, data: dict, instance: MembershipSnapshot | None) -> dict:
    errors: dict = {}
    merged = {
        "date": getattr(instance, "date", None),
        "members": getattr(instance, "members", None),
        "note": getattr(instance, "note", ""),
        **data,
    }
    cleaned = {"note": normalize(merged["note"])}
    cleaned["date"] = _day(merged["date"], "date", _("Ngày số liệu"), errors)
    cleaned["members"] = _count(merged["members"], "members", _("Số đoàn viên, hội viên"), errors)
    day = cleaned["date"]
    if day is not None:
        if day < org.founded_on or (org.dissolved_on is not None and day >= org.dissolved_on):
            errors.setdefault("date", []).append(
                _("“%(org)s” không hoạt động ngày %(day)s (thành lập %(start)s%(end)s).")
                % {
                    "org": org.name,
                    "day": format_vn_date(day),
                    "start": format_vn_date(org.founded_on),
                    "end": _(", giải thể %(d)s") % {"d": format_vn_date(org.dissolved_on)}
                    if org.dissolved_on
                    else "",
                }
            )
        clash = MembershipSnapshot.objects.filter(organization=org, date=day)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors.setdefault("date", []).append(
                _("Đã có số liệu ngày %(day)s của tổ chức này: sửa số liệu đó thay vì thêm mới.")
                % {"day": format_vn_date(day)}
            )
    _raise(errors)
    return cleaned


@transaction.atomic
def record_membership(org: MassOrganization, data: dict, *, acting_user=None) -> MembershipSnapshot:
    """The members of a mass organization counted on a date, while it exists; it stands in the figures from
    that date until the next snapshot."""
    snapshot = MembershipSnapshot(organization=org, **_clean_membership(org, data, None))
    snapshot.save()
    audit.record(AuditKind.CREATE, snapshot, after=audit.snapshot(snapshot), acting_user=acting_user)
    return snapshot


@transaction.atomic
def change_membership(snapshot: MembershipSnapshot, data: dict, *, acting_user=None) -> MembershipSnapshot:
    before = audit.snapshot(snapshot)
    for name, value in _clean_membership(snapshot.organization, data, snapshot).items():
        setattr(snapshot, name, value)
    snapshot.save()
    audit.record(
        AuditKind.UPDATE, snapshot, before=before, after=audit.snapshot(snapshot), acting_user=acting_user
    )
    return snapshot


@transaction.atomic
def delete_membership(snapshot: MembershipSnapshot, *, acting_user=None):
    audit.record(AuditKind.DELETE, snapshot, before=audit.snapshot(snapshot), acting_user=acting_user)
    snapshot.delete()


# Mass organizations -----------------------------------------------------------------------------------------

MASS_ORG_CREATE_FIELDS = [
    "kind",
    "level",
    "name",
    "enterprise",
    "unit",
    "founded_on",
    "founding_decision",
    "dissolved_on",
    "dissolution_decision",
    "chair",
    "note",
]
# Where an organization stands and what it is are fixed: a different one is a new organization.
MASS_ORG_CHANGE_FIELDS = [
    name for name in MASS_ORG_CREATE_FIELDS if name not in ("kind", "level", "enterprise", "unit")
]


def _clean_mass_org(data: dict, instance: MassOrganization | None) -> dict:
    """The whole state after the change, checked as one: where it stands, its dates, no second organization
    of the same kind at the same place at the same time, its snapshots inside its life."""
    errors: dict = {}
    fields = {name: getattr(instance, name) for name in MASS_ORG_CREATE_FIELDS} if instance else {}
    if instance is None:
        fields.update({"level": MassOrganizationLevel.GRASSROOTS, "enterprise": None, "unit": ""})
    fields.update(data)
    state = {
        "kind": fields.get("kind"),
        "level": fields.get("level"),
        "name": normalize(fields.get("name")),
        "enterprise": fields.get("enterprise"),
        "unit": normalize(fields.get("unit")),
        "founding_decision": normalize(fields.get("founding_decision")),
        "dissolution_decision": normalize(fields.get("dissolution_decision")),
        "chair": normalize(fields.get("chair")),
        "note": normalize(fields.get("note")),
    }
    if state["kind"] not in MassOrganizationKind.values:
        errors["kind"] = [
            _("Chọn loại: công đoàn, Đoàn Thanh niên, Hội Liên hiệp Thanh niên hoặc Hội Cựu chiến binh.")
        ]
    if state["level"] not in MassOrganizationLevel.values:
        errors["level"] = [_("Chọn cấp: cơ sở hoặc cấp Khu kinh tế.")]
    if not state["name"]:
        errors["name"] = [_("Nhập tên tổ chức.")]
    enterprise = state["enterprise"]
    if enterprise is not None and not isinstance(enterprise, Enterprise):
        errors["enterprise"] = [_("Chọn doanh nghiệp trong sổ.")]
        enterprise = None
    if state["level"] == MassOrganizationLevel.GRASSROOTS:
        if (enterprise is None) == (not state["unit"]):
            errors["enterprise"] = [
                _("Tổ chức cơ sở ở một doanh nghiệp hoặc một đơn vị: chọn doanh nghiệp, hoặc ghi tên đơn vị.")
            ]
    elif enterprise is not None or state["unit"]:
        errors["enterprise"] = [_("Tổ chức cấp Khu kinh tế không thuộc doanh nghiệp hay đơn vị nào.")]
    founded = _day(fields.get("founded_on"), "founded_on", _("Ngày thành lập"), errors)
    dissolved = _day(fields.get("dissolved_on"), "dissolved_on", _("Ngày giải thể"), errors, required=False)
    if founded and dissolved and dissolved <= founded:
        errors.setdefault("dissolved_on", []).append(
            _("Ngày giải thể phải sau ngày thành lập %(day)s.") % {"day": format_vn_date(founded)}
        )
    state["founded_on"], state["dissolved_on"] = founded, dissolved
    if errors:
        raise ValidationError(errors)

    if enterprise is not None:
        _check_exists(enterprise, founded, "founded_on", errors)
        if dissolved is not None:
            closed = [c for c in _statuses(enterprise) if c.status == Status.CLOSED and c.date < dissolved]
            if closed:
                errors.setdefault("dissolved_on", []).append(
                    _("Doanh nghiệp chấm dứt hoạt động từ ngày %(day)s: tổ chức giải thể chậm nhất ngày đó.")
                    % {"day": format_vn_date(closed[0].date)}
                )
    same_place = MassOrganization.objects.filter(kind=state["kind"], level=state["level"])
    if enterprise is not None:
        same_place = same_place.filter(enterprise=enterprise)
    else:
        same_place = same_place.filter(enterprise__isnull=True, unit__iexact=state["unit"])
    if instance is not None:
        same_place = same_place.exclude(pk=instance.pk)
    for other in same_place:
        if other.founded_on < (dissolved or datetime.date.max) and founded < (
            other.dissolved_on or datetime.date.max
        ):
            errors.setdefault("founded_on", []).append(
                _(
                    "Cùng nơi đã có “%(other)s” (%(kind)s) từ ngày %(start)s%(end)s: mỗi nơi chỉ một tổ chức "
                    "mỗi loại; ghi giải thể tổ chức đó trước."
                )
                % {
                    "other": other.name,
                    "kind": MassOrganizationKind(other.kind).label,
                    "start": format_vn_date(other.founded_on),
                    "end": _(" đến %(d)s") % {"d": format_vn_date(other.dissolved_on)}
                    if other.dissolved_on
                    else "",
                }
            )
    if instance is not None:
        outside = instance.snapshots.filter(
            Q(date__lt=founded) | Q(date__gte=dissolved) if dissolved else Q(date__lt=founded)
        )
        for snapshot in outside.order_by("date"):
            errors.setdefault("founded_on" if snapshot.date < founded else "dissolved_on", []).append(
                _(
                    "Có số liệu đoàn viên ngày %(day)s, ngoài thời gian hoạt động mới: sửa hoặc xóa số liệu đó trước."
                )
                % {"day": format_vn_date(snapshot.date)}
            )
    _raise(errors)
    return state


def _mass_org_keys(org: MassOrganization):
    org.search_key = fold(org.name)
    org.sort_key = text_sort_key(org.name)


@transaction.atomic
def found_mass_organization(data: dict, *, acting_user=None) -> MassOrganization:
    """A grassroots trade union, youth union, youth federation or veterans' association in an enterprise
    (which must be in the register on the founding date) or a unit, or one of the Zone's own organizations;
    one of each kind at a time in one place."""
    unknown = sorted(set(data) - set(MASS_ORG_CREATE_FIELDS))
    if unknown:
        raise ValidationError(_("Trường không dùng được: %(fields)s.") % {"fields": ", ".join(unknown)})
    org = MassOrganization(**_clean_mass_org(data, None))
    _mass_org_keys(org)
    org.save()
    audit.record(AuditKind.CREATE, org, after=audit.snapshot(org), acting_user=acting_user)
    return org


@transaction.atomic
def update_mass_organization(org: MassOrganization, data: dict, *, acting_user=None) -> MassOrganization:
    """Change the name, chair, decisions, dates or note; kind, level and place are fixed."""
    fixed = sorted(set(data) - set(MASS_ORG_CHANGE_FIELDS))
    if fixed:
        raise ValidationError(
            _(
                "Không sửa được %(fields)s: loại, cấp và nơi hoạt động là của một tổ chức khác; hãy thành lập mới."
            )
            % {"fields": ", ".join(fixed)}
        )
    before = audit.snapshot(org)
    for name, value in _clean_mass_org(data, org).items():
        setattr(org, name, value)
    _mass_org_keys(org)
    org.save()
    audit.record(AuditKind.UPDATE, org, before=before, after=audit.snapshot(org), acting_user=acting_user)
    return org


def dissolve_mass_organization(
    org: MassOrganization, date: datetime.date, decision_number: str = "", *, acting_user=None
) -> MassOrganization:
    """The organization ends on `date` (it no longer exists on that day)."""
    if org.dissolved_on is not None:
        raise ValidationError(
            {"dissolved_on": [_("Tổ chức đã giải thể ngày %(d)s.") % {"d": format_vn_date(org.dissolved_on)}]}
        )
    return update_mass_organization(
        org, {"dissolved_on": date, "dissolution_decision": decision_number}, acting_user=acting_user
    )
