"""The core cell model (issue 4, point 5)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import rules
from dangvu.core.dates import format_vn_date
from dangvu.figures.counting import Scope, member_counts, standing_on
from dangvu.members import services as member_services
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations import services as org_services
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from ..choices import StepKind
from ..models import Candidate, same_enterprise
from .steps import reassign_candidate

# The core cell ------------------------------------------------------------------------------------------------


@dataclass
class FoundCell:
    organization: Organization
    transfers: list[MembershipEvent] = field(default_factory=list)
    reassigned: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@transaction.atomic
def found_cell_from_core(
    enterprise_name: str,
    new_code: str,
    new_name: str,
    date: datetime.date,
    decision: str,
    members: list[Member],
    *,
    core_cell: Organization | None = None,
    parent: Organization | None = None,
    kind: str = OrganizationKind.GRASSROOTS_CELL,
    enterprise_kind: str = "",
    acting_user=None,
) -> FoundCell:
    """The core cell model (issue 4, point 5): found the cell of an enterprise and transfer the chosen members
    of the core cell into it, by one decision and all or nothing. The enterprise's candidates prepared by the
    core cell pass to the new cell. A cell with fewer than 3 full members is a warning (rules.md), not a
    refusal."""
    history = History.load()
    errors = []
    if not isinstance(date, datetime.date):
        raise ValidationError({"date": [_("Nhập ngày quyết định (dd/mm/yyyy).")]})
    if core_cell is None:
        cores = [
            org
            for org in Organization.objects.filter(is_core_cell=True)
            if history.state_on(org.pk, date) is not None
        ]
        if len(cores) != 1:
            raise ValidationError({"core_cell": [_("Chọn chi bộ nòng cốt có các đảng viên chuyển đi.")]})
        core_cell = cores[0]
    core_state = history.state_on(core_cell.pk, date)
    if core_state is None or not core_cell.is_core_cell:
        raise ValidationError(
            {
                "core_cell": [
                    _("%(org)s không phải chi bộ nòng cốt đang hoạt động ngày %(day)s.")
                    % {"org": str(core_cell), "day": format_vn_date(date)}
                ]
            }
        )
    if not members:
        errors.append(_("Chọn các đảng viên chuyển từ chi bộ nòng cốt sang chi bộ mới."))
    standing = standing_on([m.pk for m in members], date)
    for member in members:
        found = standing.get(member.pk)
        if found is None or found.organization_id != core_cell.pk:
            errors.append(
                _("%(name)s không sinh hoạt ở %(core)s ngày %(day)s.")
                % {"name": member.full_name, "core": core_state.name, "day": format_vn_date(date)}
            )
    if errors:
        raise ValidationError(errors)
    if parent is None and core_state.parent_id is not None:
        parent = Organization.objects.get(pk=core_state.parent_id)
    organization = org_services.found_organization(
        date,
        decision,
        code=new_code,
        name=new_name,
        kind=kind,
        sector=Sector.ENTERPRISE,
        parent=parent,
        enterprise_kind=enterprise_kind,
        acting_user=acting_user,
    )
    result = FoundCell(organization)
    for member in members:
        result.transfers.append(
            member_services.record_transfer(member, organization, date, decision, acting_user=acting_user)
        )
    history = History.load()
    open_here = Candidate.objects.filter(preparing_organization=core_cell, member__isnull=True).exclude(
        stage=StepKind.STOPPED
    )
    for candidate in open_here:
        if same_enterprise(candidate, enterprise_name) and candidate.stage_on <= date:
            reassign_candidate(
                candidate,
                organization=organization,
                date=date,
                document_number=decision,
                acting_user=acting_user,
                history=history,
            )
            result.reassigned.append(candidate)
    full = member_counts(Scope(date, organization.pk, history), breakdowns=False).full
    minimum = rules.value("organization.cell_min_full_members", date)
    if full < minimum:
        result.warnings.append(
            _("Chi bộ mới có %(full)s đảng viên chính thức, dưới mức %(min)s của Điều lệ Đảng (Điều 21).")
            % {"full": full, "min": minimum}
        )
    return result
