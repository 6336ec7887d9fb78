import datetime

import pytest
from django.core.exceptions import ValidationError

from dangvu.figures.counting import Scope, flows, member_counts, organization_counts
from dangvu.members import services
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.tree import History
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def test_counts_follow_the_ledger():
    root = f.root()
    a = f.org(parent=root, day=D(2005, 1, 1))
    b = f.org(parent=root, day=D(2005, 1, 1), sector=Sector.ADMINISTRATIVE)
    m1 = f.member(a, D(2015, 5, 1), name="Nguyễn Thị Hằng", gender="female")
    f.member(b, D(2016, 5, 1), name="Trần Văn Bình")
    services.recognize(m1, D(2016, 5, 1))
    services.record_transfer(m1, b, D(2018, 1, 1))

    def counts(day, org=None):
        return member_counts(Scope(day, org.pk if org else None, History.load()))

    assert counts(D(2015, 4, 30)).total == 0
    c = counts(D(2015, 5, 1))
    assert (c.total, c.full, c.probationary, c.female, c.enterprise) == (1, 0, 1, 1, 1)
    c = counts(D(2016, 5, 1))
    assert (c.total, c.full, c.administrative) == (2, 1, 1)
    assert counts(D(2018, 1, 1), a).total == 0
    assert counts(D(2018, 1, 1), b).total == 2
    fl = flows(History.load(), a.pk, D(2015, 1, 1), D(2018, 12, 31))
    assert (fl.admitted, fl.transferred_out) == (1, 1)
    oc = organization_counts(Scope(D(2020, 1, 1), root.pk, History.load()))
    assert oc["direct_subordinates"] == 2 and oc["grassroots_cells"] == 2


def test_too_young_is_refused_and_nothing_written():
    root = f.root()
    a = f.org(parent=root)
    with pytest.raises(ValidationError) as exc:
        f.member(a, D(2015, 5, 1), birth=D(1997, 6, 1))
    assert "18 tuổi" in str(exc.value)
    from dangvu.members.models import Member

    assert Member.objects.count() == 0


def test_upgrade_changes_children_in_one_decision():
    from dangvu.organizations.services import Change, apply_decision

    top = f.org(
        OrganizationKind.GRASSROOTS_COMMITTEE, code="KKT", day=D(2000, 1, 1), sector=Sector.ADMINISTRATIVE
    )
    cell = f.org(OrganizationKind.SUBORDINATE_CELL, parent=top, day=D(2001, 1, 1))
    with pytest.raises(ValidationError):
        apply_decision(
            D(2022, 1, 5), "1", [Change(top, "changed_kind", org_kind=OrganizationKind.UPPER_COMMITTEE)]
        )
    apply_decision(
        D(2022, 1, 5),
        "1",
        [
            Change(top, "changed_kind", org_kind=OrganizationKind.UPPER_COMMITTEE),
            Change(cell, "changed_kind", org_kind=OrganizationKind.GRASSROOTS_CELL),
        ],
    )
    h = History.load()
    assert h.tree_on(D(2021, 12, 31)).states[cell.pk].kind == OrganizationKind.SUBORDINATE_CELL
    assert h.tree_on(D(2022, 1, 5)).states[cell.pk].kind == OrganizationKind.GRASSROOTS_CELL
