"""Which party organization covers which enterprise, and where party members work."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.organizations.choices import Sector
from dangvu.organizations.tree import History

from ..models import Enterprise, PartyCoverage, Workplace
from .common import _check_exists, _day, _raise

# Party coverage and workplaces ------------------------------------------------------------------------------


def _overlaps(start: datetime.date, end: datetime.date | None, other_start, other_end) -> bool:
    return start < (other_end or datetime.date.max) and other_start < (end or datetime.date.max)


@transaction.atomic
def link_party_organization(
    organization,
    enterprise: Enterprise,
    start: datetime.date,
    *,
    decision_number: str = "",
    note: str = "",
    acting_user=None,
) -> PartyCoverage:
    """A party organization covers an enterprise from `start`: the organization exists then, in the
    enterprise sector, and is not the core cell (which gathers members from enterprises that have no
    organization yet); the enterprise is in the register; the same pair is not covered twice at once."""
    errors: dict = {}
    day = _day(start, "start", _("Ngày bắt đầu phụ trách"), errors)
    _raise(errors)
    state = History.load().state_on(organization.pk, day)
    if state is None:
        errors["organization"] = [
            _("%(org)s không tồn tại ngày %(day)s.") % {"org": organization.name, "day": format_vn_date(day)}
        ]
    elif state.sector != Sector.ENTERPRISE:
        errors["organization"] = [
            _(
                "%(org)s thuộc khối hành chính sự nghiệp ngày %(day)s: chỉ tổ chức đảng khối doanh nghiệp phụ trách doanh nghiệp."
            )
            % {"org": state.name, "day": format_vn_date(day)}
        ]
    elif state.is_core_cell:
        errors["organization"] = [
            _(
                "Chi bộ nòng cốt tập hợp đảng viên ở doanh nghiệp chưa có tổ chức đảng: ghi nơi làm việc của từng đảng viên thay vì phụ trách doanh nghiệp."
            )
        ]
    _check_exists(enterprise, day, "enterprise", errors)
    for other in PartyCoverage.objects.filter(organization=organization, enterprise=enterprise):
        if _overlaps(day, None, other.start, other.end):
            errors.setdefault("start", []).append(
                _("%(org)s đã phụ trách doanh nghiệp này từ ngày %(day)s.")
                % {"org": organization.name, "day": format_vn_date(other.start)}
            )
    _raise(errors)
    coverage = PartyCoverage.objects.create(
        organization=organization,
        enterprise=enterprise,
        start=day,
        decision_number=normalize(decision_number),
        note=normalize(note),
    )
    audit.record(AuditKind.CREATE, coverage, after=audit.snapshot(coverage), acting_user=acting_user)
    return coverage


@transaction.atomic
def end_party_coverage(
    coverage: PartyCoverage, end: datetime.date, *, decision_number: str = "", acting_user=None
) -> PartyCoverage:
    """The organization no longer covers the enterprise from `end` on."""
    errors: dict = {}
    if coverage.end is not None:
        errors["end"] = [_("Đã thôi phụ trách từ ngày %(d)s.") % {"d": format_vn_date(coverage.end)}]
    day = _day(end, "end", _("Ngày thôi phụ trách"), errors)
    if day is not None and day <= coverage.start:
        errors.setdefault("end", []).append(
            _("Ngày thôi phụ trách phải sau ngày bắt đầu %(d)s.") % {"d": format_vn_date(coverage.start)}
        )
    _raise(errors)
    before = audit.snapshot(coverage)
    coverage.end = day
    coverage.end_decision_number = normalize(decision_number)
    coverage.save()
    audit.record(
        AuditKind.UPDATE, coverage, before=before, after=audit.snapshot(coverage), acting_user=acting_user
    )
    return coverage


@transaction.atomic
def record_workplace(
    member, enterprise: Enterprise, start: datetime.date, *, note: str = "", acting_user=None
) -> Workplace:
    """A party member works in an enterprise from `start`: one workplace at a time (end the previous one
    first), in an enterprise that is in the register then."""
    errors: dict = {}
    day = _day(start, "start", _("Ngày bắt đầu làm việc"), errors)
    _raise(errors)
    _check_exists(enterprise, day, "enterprise", errors)
    for other in Workplace.objects.filter(member=member).select_related("enterprise"):
        if _overlaps(day, None, other.start, other.end):
            errors.setdefault("start", []).append(
                _("%(member)s đang làm việc ở “%(name)s” từ ngày %(day)s: ghi ngày thôi làm việc ở đó trước.")
                % {
                    "member": member.full_name,
                    "name": other.enterprise.name,
                    "day": format_vn_date(other.start),
                }
            )
    _raise(errors)
    workplace = Workplace.objects.create(
        member=member, enterprise=enterprise, start=day, note=normalize(note)
    )
    audit.record(AuditKind.CREATE, workplace, after=audit.snapshot(workplace), acting_user=acting_user)
    return workplace


@transaction.atomic
def end_workplace(workplace: Workplace, end: datetime.date, *, acting_user=None) -> Workplace:
    errors: dict = {}
    if workplace.end is not None:
        errors["end"] = [_("Đã thôi làm việc từ ngày %(d)s.") % {"d": format_vn_date(workplace.end)}]
    day = _day(end, "end", _("Ngày thôi làm việc"), errors)
    if day is not None and day <= workplace.start:
        errors.setdefault("end", []).append(
            _("Ngày thôi làm việc phải sau ngày bắt đầu %(d)s.") % {"d": format_vn_date(workplace.start)}
        )
    _raise(errors)
    before = audit.snapshot(workplace)
    workplace.end = day
    workplace.save()
    audit.record(
        AuditKind.UPDATE, workplace, before=before, after=audit.snapshot(workplace), acting_user=acting_user
    )
    return workplace
