"""Founding an enterprise's cell out of the core cell: one action, all or nothing."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.models import AuditEntry
from dangvu.development import services
from dangvu.development.choices import StepKind
from dangvu.figures.counting import Scope, member_counts
from dangvu.members import services as member_services
from dangvu.members.models import MembershipEvent
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History
from tests import factories as f

from .helpers import D, propose, world

pytestmark = pytest.mark.django_db


def core_world():
    w = world()
    core = w["core"]
    people = []
    for index, name in enumerate(["Phan Văn Sơn", "Vương Thị Tâm", "Kiều Văn Uy", "Lục Thị Vân"]):
        member = f.member(core, D(2018, 3, 1 + index), name=name)
        member_services.recognize(member, D(2019, 3, 1 + index))
        people.append(member)
    return w, core, people


def members_of(org, day):
    return member_counts(Scope(day, org.pk, History.load()), breakdowns=False).total


def test_found_a_cell_and_transfer_its_members_out_of_the_core_cell():
    w, core, people = core_world()
    waiting = propose(
        core, name="Hà Thị Xuân", enterprise_name="Công ty TNHH Beta Việt Nam", day=D(2022, 1, 5)
    )
    elsewhere = propose(core, name="Âu Văn Yên", enterprise_name="Công ty TNHH Gamma", day=D(2022, 1, 5))
    result = services.found_cell_from_core(
        "Công ty TNHH Beta Việt Nam",
        "CB-BETA",
        "Chi bộ Công ty TNHH Beta Việt Nam",
        D(2022, 6, 1),
        "15-QĐ/ĐU",
        members=people[:3],
    )
    cell = result.organization
    assert cell.parent_id == w["root"].pk and not cell.is_core_cell
    assert len(result.transfers) == 3
    assert members_of(cell, D(2022, 6, 1)) == 3
    assert members_of(core, D(2022, 6, 1)) == 1
    assert members_of(core, D(2022, 5, 31)) == 4
    assert result.warnings == []
    # The enterprise's candidate passes to the new cell; the other stays in the core cell.
    waiting.refresh_from_db()
    elsewhere.refresh_from_db()
    assert waiting.preparing_organization_id == cell.pk
    assert waiting.steps.filter(kind=StepKind.REASSIGNED).count() == 1
    assert elsewhere.preparing_organization_id == core.pk


def test_founding_from_the_core_cell_is_all_or_nothing():
    w, core, people = core_world()
    outsider = w["members"][0]  # in another cell
    before = (Organization.objects.count(), MembershipEvent.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.found_cell_from_core(
            "Công ty TNHH Beta",
            "CB-BETA",
            "Chi bộ Beta",
            D(2022, 6, 1),
            "15-QĐ/ĐU",
            members=[people[0], outsider],
        )
    assert "Nguyễn Văn An không sinh hoạt ở Chi bộ nòng cốt" in " ".join(exc.value.messages)
    assert (
        Organization.objects.count(),
        MembershipEvent.objects.count(),
        AuditEntry.objects.count(),
    ) == before
    # A failure after the founding (the ledger refuses the second transfer: that member already has a
    # later transfer out of the core cell) undoes the founding and the first transfer too.
    member_services.record_transfer(people[1], w["cell"], D(2022, 7, 1))
    before = (Organization.objects.count(), MembershipEvent.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError):
        services.found_cell_from_core(
            "Công ty TNHH Beta",
            "CB-BETA",
            "Chi bộ Beta",
            D(2022, 6, 1),
            "15-QĐ/ĐU",
            members=[people[0], people[1]],
        )
    assert (
        Organization.objects.count(),
        MembershipEvent.objects.count(),
        AuditEntry.objects.count(),
    ) == before
    assert not Organization.objects.filter(code="CB-BETA").exists()
    assert members_of(core, D(2022, 6, 1)) == 4


def test_a_small_new_cell_is_a_warning_not_a_refusal():
    _w, _core, people = core_world()
    result = services.found_cell_from_core(
        "Công ty TNHH Beta", "CB-BETA", "Chi bộ Beta", D(2022, 6, 1), "15-QĐ/ĐU", members=people[:2]
    )
    assert result.warnings and "dưới mức 3" in result.warnings[0]
