"""The organization tree on any date (organizations.tree), read back from events recorded by the services."""

import datetime

import pytest

from dangvu.organizations import services
from dangvu.organizations.choices import OrganizationKind as K
from dangvu.organizations.choices import Sector
from dangvu.organizations.services import Change, apply_decision
from dangvu.organizations.tree import History
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def zone():
    """A root, two grassroots committees with a subordinate cell each, and a grassroots cell."""
    root = f.root(D(2000, 1, 1))
    g1 = f.org(K.GRASSROOTS_COMMITTEE, parent=root, day=D(2001, 1, 1), code="G1", name="Đảng bộ Một")
    g2 = f.org(K.GRASSROOTS_COMMITTEE, parent=root, day=D(2001, 1, 1), code="G2", name="Đảng bộ Hai")
    c1 = f.org(K.SUBORDINATE_CELL, parent=g1, day=D(2002, 1, 1), code="C1", name="Chi bộ Một")
    c2 = f.org(K.SUBORDINATE_CELL, parent=g2, day=D(2002, 1, 1), code="C2", name="Chi bộ Hai")
    cell = f.org(K.GRASSROOTS_CELL, parent=root, day=D(2003, 6, 1), code="CS", name="Chi bộ cơ sở")
    return root, g1, g2, c1, c2, cell


def test_an_organization_exists_from_its_founding_until_its_end(zone):
    root, _g1, _g2, _c1, _c2, cell = zone
    services.dissolve(cell, D(2010, 3, 1), "5-QĐ/ĐU")
    history = History.load()
    assert not history.tree_on(D(2003, 5, 31)).exists(cell.pk)
    assert history.tree_on(D(2003, 6, 1)).exists(cell.pk)  # "on D" is the end of day D
    assert history.tree_on(D(2010, 2, 28)).exists(cell.pk)
    assert not history.tree_on(D(2010, 3, 1)).exists(cell.pk)
    assert not history.tree_on(D(1999, 12, 31)).exists(root.pk)
    assert history.founded_on(cell.pk) == D(2003, 6, 1)


def test_parent_name_and_kind_on_a_date_are_those_of_the_latest_event(zone):
    root, g1, g2, c1, _c2, _cell = zone
    services.rename(c1, D(2005, 1, 1), "1-QĐ/ĐU", "Chi bộ Công ty Một")
    services.move(c1, D(2008, 1, 1), "2-QĐ/ĐU", g2)
    apply_decision(
        D(2012, 1, 1),
        "3-QĐ/ĐU",
        [Change(c1, "changed_kind", org_kind=K.GRASSROOTS_CELL, parent=root, parent_changed=True)],
    )
    history = History.load()
    before, renamed, moved, upgraded = (
        history.state_on(c1.pk, day) for day in (D(2004, 12, 31), D(2005, 1, 1), D(2008, 1, 1), D(2012, 1, 1))
    )
    assert (before.name, before.parent_id, before.kind) == ("Chi bộ Một", g1.pk, K.SUBORDINATE_CELL)
    assert (renamed.name, renamed.parent_id) == ("Chi bộ Công ty Một", g1.pk)
    assert (moved.parent_id, moved.kind) == (g2.pk, K.SUBORDINATE_CELL)
    assert (upgraded.parent_id, upgraded.kind) == (root.pk, K.GRASSROOTS_CELL)
    c1.refresh_from_db()
    assert (c1.name, c1.parent_id, c1.kind) == ("Chi bộ Công ty Một", root.pk, K.GRASSROOTS_CELL)


def test_under_and_direct_subordinates_follow_the_moves(zone):
    root, g1, g2, c1, c2, cell = zone
    services.move(c1, D(2008, 1, 1), "2-QĐ/ĐU", g2)
    history = History.load()
    tree = history.tree_on(D(2007, 12, 31))
    assert tree.under(g1.pk) == {g1.pk, c1.pk}
    assert tree.under(root.pk) == {root.pk, g1.pk, g2.pk, c1.pk, c2.pk, cell.pk}
    assert tree.direct_subordinates(root.pk) == sorted(
        [g1.pk, g2.pk, cell.pk], key=lambda i: tree.states[i].code
    )
    assert tree.is_under(c1.pk, root.pk) and tree.is_under(c1.pk, g1.pk) and not tree.is_under(c1.pk, g2.pk)
    tree = history.tree_on(D(2008, 1, 1))
    assert tree.under(g1.pk) == {g1.pk}
    assert tree.under(g2.pk) == {g2.pk, c1.pk, c2.pk}
    assert tree.ancestors(c1.pk) == [g2.pk, root.pk]
    assert tree.roots() == [root.pk]
    assert tree.under(None) == set(tree.states)


def test_depth_first_lists_the_tree_in_display_order(zone):
    root, g1, g2, c1, c2, cell = zone
    tree = History.load().tree_on(D(2005, 1, 1))
    assert tree.depth_first() == [(root.pk, 0), (cell.pk, 1), (g1.pk, 1), (c1.pk, 2), (g2.pk, 1), (c2.pk, 2)]
    assert tree.depth_first(g2.pk) == [(g2.pk, 0), (c2.pk, 1)]


def test_a_tree_before_anything_was_founded_is_empty(zone):
    tree = History.load().tree_on(D(1990, 1, 1))
    assert tree.states == {} and tree.roots() == [] and tree.under(zone[0].pk) == set()


def test_a_voided_event_no_longer_shapes_the_tree(zone):
    _root, g1, g2, c1, _c2, _cell = zone
    event = services.move(c1, D(2008, 1, 1), "2-QĐ/ĐU", g2)
    services.void_event(event, "Nhầm quyết định")
    history = History.load()
    assert history.tree_on(D(2020, 1, 1)).states[c1.pk].parent_id == g1.pk
    c1.refresh_from_db()
    assert c1.parent_id == g1.pk


def test_one_decision_upgrades_the_committee_and_its_cells_together():
    top = f.org(K.GRASSROOTS_COMMITTEE, code="KKT", day=D(2000, 1, 1), sector=Sector.ADMINISTRATIVE)
    cells = [f.org(K.SUBORDINATE_CELL, parent=top, day=D(2001, 1, 1)) for _ in range(3)]
    apply_decision(
        D(2022, 1, 5),
        "1-QĐ/TU",
        [Change(top, "changed_kind", org_kind=K.UPPER_COMMITTEE)]
        + [Change(cell, "changed_kind", org_kind=K.GRASSROOTS_CELL) for cell in cells],
    )
    history = History.load()
    before, after = history.tree_on(D(2022, 1, 4)), history.tree_on(D(2022, 1, 5))
    assert before.states[top.pk].kind == K.GRASSROOTS_COMMITTEE
    assert after.states[top.pk].kind == K.UPPER_COMMITTEE
    assert {after.states[c.pk].kind for c in cells} == {K.GRASSROOTS_CELL}
    assert after.direct_subordinates(top.pk) == before.direct_subordinates(top.pk)


def test_merge_moves_the_members_and_ends_the_organization(zone):
    _root, g1, _g2, c1, c2, _cell = zone
    member = f.member(c1, D(2015, 5, 1))
    services.merge(c1, c2, D(2020, 1, 1), "9-QĐ/ĐU")
    history = History.load()
    assert not history.tree_on(D(2020, 1, 1)).exists(c1.pk)
    assert history.tree_on(D(2019, 12, 31)).exists(c1.pk)
    assert member.periods.get(end__isnull=True).organization_id == c2.pk
    c1.refresh_from_db()
    assert c1.ended_on == D(2020, 1, 1)
    assert history.tree_on(D(2020, 1, 1)).under(g1.pk) == {g1.pk}


def test_the_end_after_a_day_is_the_first_end_that_follows_it():
    """`History.end_after` (asked for every stretch a ledger replays) on a timeline that ends, starts again
    and ends again; and again once a decision adds an end."""
    state = object()  # any state: only None (ended) matters here
    history = History({7: [(D(2000, 1, 1), state), (D(2005, 1, 1), None), (D(2008, 1, 1), state), (D(2010, 1, 1), None)]})  # fmt: skip
    assert history.end_after(7, D(1999, 1, 1)) == D(2005, 1, 1)
    assert history.end_after(7, D(2004, 12, 31)) == D(2005, 1, 1)
    assert history.end_after(7, D(2005, 1, 1)) == D(2010, 1, 1)  # after the day, not on it
    assert history.end_after(7, D(2010, 1, 1)) is None
    assert history.end_after(8, D(2000, 1, 1)) is None  # no such organization
    history = History({7: [(D(2000, 1, 1), state)]})
    assert history.end_after(7, D(2001, 1, 1)) is None

    class Ended:  # an organization event as History.add() reads it
        organization = type("Org", (), {"pk": 7, "code": "X", "is_core_cell": False})()
        exists, date, kind = False, D(2012, 1, 1), "dissolved"

    history.add([Ended()])
    assert history.end_after(7, D(2001, 1, 1)) == D(2012, 1, 1)
