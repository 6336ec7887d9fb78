"""Zones, enterprises, their status history and workforce snapshots."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date
from dangvu.core.models import AuditKind
from dangvu.core.text import fold, normalize, text_sort_key

from ..choices import DOMESTIC_OWNERSHIPS, FOREIGN_OWNERSHIPS, Country, Industry, Ownership, ZoneKind
from ..models import (
    Enterprise,
    EnterpriseStatusChange,
    InvestorCountry,
    MassOrganization,
    PartyCoverage,
    WorkforceSnapshot,
    Zone,
)
from .common import (
    Status,
    _check_exists,
    _count,
    _day,
    _raise,
    _statuses,
    _who,
    clean_tax_code,
    enterprise_sort_key,
)

# Zones ------------------------------------------------------------------------------------------------------


def _clean_zone(data: dict, instance: Zone | None) -> dict:
    errors: dict = {}
    cleaned = {}
    if instance is None or "code" in data:
        code = normalize(data.get("code")).upper().replace(" ", "")
        if not code:
            errors["code"] = [_("Nhập mã khu (ví dụ DINHVU).")]
        elif Zone.objects.filter(code=code).exclude(pk=getattr(instance, "pk", None)).exists():
            errors["code"] = [_("Mã khu %(code)s đã có: chọn mã khác.") % {"code": code}]
        cleaned["code"] = code
    if instance is None or "name" in data:
        cleaned["name"] = normalize(data.get("name"))
        if not cleaned["name"]:
            errors["name"] = [_("Nhập tên khu.")]
    if instance is None or "kind" in data:
        cleaned["kind"] = data.get("kind")
        if cleaned["kind"] not in ZoneKind.values:
            errors["kind"] = [_("Chọn loại khu: khu công nghiệp hoặc khu kinh tế.")]
    if "note" in data:
        cleaned["note"] = normalize(data["note"])
    _raise(errors)
    return cleaned


def _zone_keys(zone: Zone):
    zone.search_key = fold(f"{zone.name} {zone.code}")
    zone.sort_key = text_sort_key(zone.name)


@transaction.atomic
def create_zone(data: dict, *, acting_user=None) -> Zone:
    """A new industrial or economic zone, with a unique code."""
    zone = Zone(**_clean_zone(data, None))
    _zone_keys(zone)
    zone.save()
    audit.record(AuditKind.CREATE, zone, after=audit.snapshot(zone), acting_user=acting_user)
    return zone


@transaction.atomic
def update_zone(zone: Zone, data: dict, *, acting_user=None) -> Zone:
    before = audit.snapshot(zone)
    for name, value in _clean_zone(data, zone).items():
        setattr(zone, name, value)
    _zone_keys(zone)
    zone.save()
    audit.record(AuditKind.UPDATE, zone, before=before, after=audit.snapshot(zone), acting_user=acting_user)
    return zone


# Enterprises ------------------------------------------------------------------------------------------------

ENTERPRISE_FIELDS = ["name", "tax_code", "zone", "address", "ownership", "industry", "note", "countries"]


def _clean_countries(values, errors: dict) -> list[str]:
    codes = []
    for value in values or []:
        code = normalize(value).upper()
        if code not in Country.values:
            errors.setdefault("countries", []).append(
                _("Mã nước “%(code)s” không có trong danh mục: dùng mã ISO 2 chữ cái, ví dụ JP, KR, SG.")
                % {"code": value}
            )
        elif code not in codes:
            codes.append(code)
    return codes


def _clean_enterprise(data: dict, instance: Enterprise | None) -> tuple[dict, list[str] | None]:
    errors: dict = {}
    cleaned = {}
    creating = instance is None
    if creating or "name" in data:
        cleaned["name"] = normalize(data.get("name"))
        if not cleaned["name"]:
            errors["name"] = [_("Nhập tên doanh nghiệp.")]
    if creating or "tax_code" in data:
        try:
            cleaned["tax_code"] = clean_tax_code(data.get("tax_code"))
        except ValidationError as exc:
            errors["tax_code"] = exc.messages
        else:
            clash = Enterprise.objects.filter(tax_code=cleaned["tax_code"])
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            other = clash.first()
            if other is not None:
                errors["tax_code"] = [
                    _("Mã số thuế %(code)s đã thuộc doanh nghiệp “%(name)s”.")
                    % {"code": cleaned["tax_code"], "name": other.name}
                ]
    if "zone" in data:
        zone = data["zone"]
        if zone is not None and not isinstance(zone, Zone):
            errors["zone"] = [_("Chọn khu công nghiệp, khu kinh tế trong danh mục.")]
        cleaned["zone"] = zone
    for name in ("address", "note"):
        if name in data:
            cleaned[name] = normalize(data[name])
    if creating or "ownership" in data:
        cleaned["ownership"] = data.get("ownership")
        if cleaned["ownership"] not in Ownership.values:
            errors["ownership"] = [
                _(
                    "Chọn hình thức sở hữu trong danh mục: vốn nước ngoài, liên doanh, tư nhân trong nước hoặc nhà nước."
                )
            ]
    if creating or "industry" in data:
        cleaned["industry"] = data.get("industry")
        if cleaned["industry"] not in Industry.values:
            errors["industry"] = [_("Chọn ngành nghề trong danh mục.")]
    countries = None
    if creating or "countries" in data:
        countries = _clean_countries(data.get("countries"), errors)
    # Ownership and investor countries must agree, whichever of them changes.
    ownership = cleaned.get("ownership", getattr(instance, "ownership", None))
    if "countries" not in errors and ownership in Ownership.values:
        final = countries if countries is not None else instance.countries
        foreign = [c for c in final if c != Country.VN]
        if ownership in FOREIGN_OWNERSHIPS and not foreign:
            errors["countries"] = [
                _("Doanh nghiệp %(ownership)s: ghi ít nhất một nước đầu tư (ngoài Việt Nam).")
                % {"ownership": Ownership(ownership).label.lower()}
            ]
        elif ownership in DOMESTIC_OWNERSHIPS and foreign:
            errors["countries"] = [
                _(
                    "Doanh nghiệp %(ownership)s không có nhà đầu tư nước ngoài: bỏ %(codes)s hoặc chọn "
                    "hình thức liên doanh, 100%% vốn nước ngoài."
                )
                % {"ownership": Ownership(ownership).label.lower(), "codes": ", ".join(foreign)}
            ]
    _raise(errors)
    return cleaned, countries


def _enterprise_snapshot(enterprise: Enterprise) -> dict:
    return {**audit.snapshot(enterprise), "countries": enterprise.countries}


def _set_countries(enterprise: Enterprise, countries: list[str]):
    """The investor countries in the order written (the first is the main investor)."""
    if enterprise.countries == countries:
        return
    InvestorCountry.objects.filter(enterprise=enterprise).delete()
    InvestorCountry.objects.bulk_create(
        [InvestorCountry(enterprise=enterprise, country=c) for c in countries]
    )
    getattr(enterprise, "_prefetched_objects_cache", {}).pop("investor_countries", None)


@transaction.atomic
def create_enterprise(
    data: dict,
    *,
    status: str = Status.LICENSED,
    date: datetime.date | None = None,
    decision_number: str = "",
    note: str = "",
    acting_user=None,
) -> Enterprise:
    """Register an enterprise with its first status (usually the investment licence on its date): an
    enterprise without a status would count nowhere, so the status comes with it."""
    errors: dict = {}
    unknown = sorted(set(data) - set(ENTERPRISE_FIELDS))
    if unknown:
        raise ValidationError(_("Trường không dùng được: %(fields)s.") % {"fields": ", ".join(unknown)})
    try:
        cleaned, countries = _clean_enterprise(data, None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        cleaned, countries = {}, []
    if status not in (Status.LICENSED, Status.BUILDING, Status.OPERATING):
        errors["status"] = [
            _("Tình trạng đầu tiên phải là được cấp phép, đang xây dựng hoặc hoạt động ổn định.")
        ]
    day = _day(date, "date", _("Ngày của tình trạng đầu tiên"), errors)
    _raise(errors)
    enterprise = Enterprise(**cleaned)
    enterprise.search_key = fold(enterprise.name)
    enterprise.sort_key = enterprise_sort_key(enterprise.name)
    enterprise.save()
    _set_countries(enterprise, countries)
    audit.record(
        AuditKind.CREATE, enterprise, after=_enterprise_snapshot(enterprise), acting_user=acting_user
    )
    change = EnterpriseStatusChange.objects.create(
        enterprise=enterprise,
        status=status,
        date=day,
        decision_number=normalize(decision_number),
        note=normalize(note),
        recorded_by=_who(acting_user),
    )
    audit.record(AuditKind.EVENT, change, after=audit.snapshot(change), acting_user=acting_user)
    return enterprise


@transaction.atomic
def update_enterprise(enterprise: Enterprise, data: dict, *, acting_user=None) -> Enterprise:
    """Change the register entry (name, tax code, zone, address, ownership, industry, investor countries);
    the keys left out stay as they are. Status goes through `record_status`."""
    unknown = sorted(set(data) - set(ENTERPRISE_FIELDS))
    if unknown:
        raise ValidationError(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(unknown)})
    before = _enterprise_snapshot(enterprise)
    cleaned, countries = _clean_enterprise(data, enterprise)
    for name, value in cleaned.items():
        setattr(enterprise, name, value)
    enterprise.search_key = fold(enterprise.name)
    enterprise.sort_key = enterprise_sort_key(enterprise.name)
    enterprise.save()
    if countries is not None:
        _set_countries(enterprise, countries)
    audit.record(
        AuditKind.UPDATE,
        enterprise,
        before=before,
        after=_enterprise_snapshot(enterprise),
        acting_user=acting_user,
    )
    return enterprise


@transaction.atomic
def record_status(
    enterprise: Enterprise,
    status: str,
    date: datetime.date,
    *,
    decision_number: str = "",
    note: str = "",
    acting_user=None,
) -> EnterpriseStatusChange:
    """The enterprise's status from `date` on. Changes are recorded in date order (a change before the
    latest one is a correction of the history: void the wrong change instead); nothing follows a closure;
    an enterprise closes only after its mass organizations are dissolved and party coverage ended."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    errors: dict = {}
    if status not in Status.values:
        errors["status"] = [_("Chọn tình trạng trong danh mục.")]
    day = _day(date, "date", _("Ngày"), errors)
    _raise(errors)
    changes = _statuses(enterprise)
    if changes:
        last = changes[-1]
        if last.status == Status.CLOSED:
            errors["status"] = [
                _("Doanh nghiệp đã chấm dứt hoạt động từ ngày %(day)s: không ghi thêm tình trạng.")
                % {"day": format_vn_date(last.date)}
            ]
        elif last.date > day:
            errors["date"] = [
                _(
                    "Đã có tình trạng ngày %(last)s, sau ngày %(day)s: ghi từ ngày đó trở đi; để sửa lịch sử, "
                    "hãy đính chính thay đổi sai."
                )
                % {"last": format_vn_date(last.date), "day": format_vn_date(day)}
            ]
        elif last.status == status:
            errors["status"] = [
                _("Doanh nghiệp đã ở tình trạng “%(status)s” từ ngày %(day)s.")
                % {"status": Status(status).label, "day": format_vn_date(last.date)}
            ]
    if status == Status.CLOSED and not errors:
        still = MassOrganization.objects.filter(enterprise=enterprise).exclude(dissolved_on__lte=day)
        for org in still:
            errors.setdefault("status", []).append(
                _("“%(org)s” còn hoạt động ngày %(day)s: ghi giải thể tổ chức này trước.")
                % {"org": org.name, "day": format_vn_date(day)}
            )
        covering = PartyCoverage.objects.filter(enterprise=enterprise).exclude(end__lte=day)
        for coverage in covering.select_related("organization"):
            errors.setdefault("status", []).append(
                _("%(org)s còn phụ trách doanh nghiệp ngày %(day)s: ghi ngày thôi phụ trách trước.")
                % {"org": coverage.organization.name, "day": format_vn_date(day)}
            )
    _raise(errors)
    change = EnterpriseStatusChange.objects.create(
        enterprise=enterprise,
        status=status,
        date=day,
        decision_number=normalize(decision_number),
        note=normalize(note),
        recorded_by=_who(acting_user),
    )
    audit.record(AuditKind.EVENT, change, after=audit.snapshot(change), acting_user=acting_user)
    return change


@transaction.atomic
def void_status_change(change: EnterpriseStatusChange, reason: str, *, acting_user=None):
    """Correction: the status change stops counting and stays in the history with the reason."""
    reason = normalize(reason)
    if not reason:
        raise ValidationError({"reason": [_("Ghi lý do đính chính.")]})
    if change.voided_at is not None:
        raise ValidationError(_("Thay đổi này đã được đính chính."))
    changes = _statuses(change.enterprise)
    if changes and changes[0].pk == change.pk:
        raise ValidationError(
            _(
                "Không hủy được tình trạng đầu tiên: ghi tình trạng đúng sau nó, hoặc đính chính các thay đổi sau."
            )
        )
    before = audit.snapshot(change)
    change.voided_at = timezone.now()
    change.void_reason = reason
    change.save(update_fields=["voided_at", "void_reason", "updated_at"])
    audit.record(
        AuditKind.CORRECTION, change, before=before, after=audit.snapshot(change), acting_user=acting_user
    )
    return change


# Snapshots: workforce and membership ------------------------------------------------------------------------


def _clean_workforce(enterprise: Enterprise, data: dict, instance: WorkforceSnapshot | None) -> dict:
    errors: dict = {}
    merged = {
        "date": getattr(instance, "date", None),
        "workers": getattr(instance, "workers", None),
        "women": getattr(instance, "women", 0),
        "young_workers": getattr(instance, "young_workers", 0),
        "note": getattr(instance, "note", ""),
        **data,
    }
    cleaned = {"note": normalize(merged["note"])}
    cleaned["date"] = _day(merged["date"], "date", _("Ngày số liệu"), errors)
    cleaned["workers"] = _count(merged["workers"], "workers", _("Số người lao động"), errors)
    cleaned["women"] = _count(merged["women"] or 0, "women", _("Số lao động nữ"), errors)
    cleaned["young_workers"] = _count(
        merged["young_workers"] or 0, "young_workers", _("Số thanh niên"), errors
    )
    if cleaned["workers"] is not None:
        for field, label in (("women", _("Số lao động nữ")), ("young_workers", _("Số thanh niên"))):
            if cleaned[field] is not None and cleaned[field] > cleaned["workers"]:
                errors.setdefault(field, []).append(
                    _("%(label)s (%(n)s) không thể lớn hơn số người lao động (%(total)s).")
                    % {"label": label, "n": cleaned[field], "total": cleaned["workers"]}
                )
    if cleaned["date"] is not None:
        _check_exists(enterprise, cleaned["date"], "date", errors)
        clash = WorkforceSnapshot.objects.filter(enterprise=enterprise, date=cleaned["date"])
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors.setdefault("date", []).append(
                _("Đã có số liệu lao động ngày %(day)s: sửa số liệu đó thay vì thêm mới.")
                % {"day": format_vn_date(cleaned["date"])}
            )
    _raise(errors)
    return cleaned


@transaction.atomic
def record_workforce(enterprise: Enterprise, data: dict, *, acting_user=None) -> WorkforceSnapshot:
    """The workforce counted on a date (workers, of whom women and young workers); it stands in the figures
    from that date until the next snapshot."""
    snapshot = WorkforceSnapshot(enterprise=enterprise, **_clean_workforce(enterprise, data, None))
    snapshot.save()
    audit.record(AuditKind.CREATE, snapshot, after=audit.snapshot(snapshot), acting_user=acting_user)
    return snapshot


@transaction.atomic
def change_workforce(snapshot: WorkforceSnapshot, data: dict, *, acting_user=None) -> WorkforceSnapshot:
    before = audit.snapshot(snapshot)
    for name, value in _clean_workforce(snapshot.enterprise, data, snapshot).items():
        setattr(snapshot, name, value)
    snapshot.save()
    audit.record(
        AuditKind.UPDATE, snapshot, before=before, after=audit.snapshot(snapshot), acting_user=acting_user
    )
    return snapshot


@transaction.atomic
def delete_workforce(snapshot: WorkforceSnapshot, *, acting_user=None):
    before = audit.snapshot(snapshot)
    audit.record(AuditKind.DELETE, snapshot, before=before, acting_user=acting_user)
    snapshot.delete()
