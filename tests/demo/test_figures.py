"""Every figure of ../shared/domain/figures.md marked `demo` that concerns members and organizations, on its
date, from the demo data: through `figures.stats.statistics()` / `flows()` and through `dangvu stats --json`."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from dangvu.core.numbers import format_percent, percent
from dangvu.figures.counting import Scope, flows, member_counts, organization_counts
from dangvu.figures.stats import statistics
from dangvu.members.choices import EventKind
from dangvu.members.models import MembershipEvent
from dangvu.organizations.choices import OrganizationEventKind, OrganizationKind, Sector
from dangvu.organizations.models import Organization, OrganizationEvent
from dangvu.organizations.tree import History

D = datetime.date
Kind = OrganizationKind


@pytest.fixture
def history(demo_db):
    return History.load()


def stats_command(*args) -> dict:
    out = io.StringIO()
    call_command("stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def both(demo_db, history, as_of, period_from=None):
    """The statistics from the function and from the command; they must be the same."""
    data = statistics(demo_db.root, as_of, period_from=period_from, history=history)
    args = ["--as-of", as_of.isoformat()] + (["--from", period_from.isoformat()] if period_from else [])
    assert stats_command(*args) == json.loads(json.dumps(data, ensure_ascii=False))
    return data


def test_28_january_2010_a_grassroots_committee_under_the_city_committee(demo_db, history):
    data = both(demo_db, history, D(2010, 1, 28))
    assert data["members"]["total"] == 98
    assert data["organizations"]["direct_subordinates"] == 11
    assert data["organizations"]["subordinate_cells"] == 11
    before, on = (
        history.state_on(demo_db.root.pk, D(2010, 1, 27)),
        history.state_on(demo_db.root.pk, D(2010, 1, 28)),
    )
    assert (before.kind, before.external_parent) == (
        Kind.GRASSROOTS_COMMITTEE,
        "Đảng ủy Khối các cơ quan thành phố",
    )
    assert (on.kind, on.external_parent, on.parent_id) == (
        Kind.GRASSROOTS_COMMITTEE,
        "Thành ủy Hải Phòng",
        None,
    )


def test_the_names_and_levels_of_the_committee_since_1994(demo_db, history):
    root = demo_db.root.pk
    states = {
        day: history.state_on(root, day)
        for day in (D(1994, 10, 20), D(2003, 12, 31), D(2008, 12, 31), D(2022, 1, 13), D(2022, 1, 31))
    }
    assert history.state_on(root, D(1994, 10, 19)) is None
    assert [(s.name, s.kind) for s in states.values()] == [
        ("Chi bộ Ban Quản lý các Khu chế xuất Hải Phòng", Kind.GRASSROOTS_CELL),
        ("Đảng bộ Ban Quản lý các Khu chế xuất và công nghiệp Hải Phòng", Kind.GRASSROOTS_COMMITTEE),
        ("Đảng bộ Ban Quản lý Khu kinh tế Hải Phòng", Kind.GRASSROOTS_COMMITTEE),
        ("Đảng bộ Khu kinh tế Hải Phòng", Kind.GRASSROOTS_COMMITTEE),
        ("Đảng ủy Khu kinh tế Hải Phòng", Kind.UPPER_COMMITTEE),
    ]
    assert statistics(demo_db.root, D(1994, 10, 20), history=history)["members"]["total"] == 5
    founding = OrganizationEvent.objects.get(organization=demo_db.root, kind=OrganizationEventKind.FOUNDED)
    assert (
        founding.date == D(1994, 10, 20) and founding.external_parent == "Đảng ủy Khối các cơ quan thành phố"
    )


def test_the_upgrade_of_january_2022_is_one_decision(demo_db, history):
    upgrade = OrganizationEvent.objects.get(
        organization=demo_db.root, org_kind=Kind.UPPER_COMMITTEE, kind="changed_kind"
    )
    assert (upgrade.date.year, upgrade.date.month) == (2022, 1)
    day, before = upgrade.date, history.tree_on(upgrade.date - datetime.timedelta(days=1))
    after = history.tree_on(day)
    same_decision = OrganizationEvent.objects.filter(date=day, decision_number=upgrade.decision_number)
    changed = set(same_decision.values_list("organization_id", flat=True))
    direct_before = before.direct_subordinates(demo_db.root.pk)
    assert {before.states[i].kind for i in direct_before} == {Kind.SUBORDINATE_CELL, Kind.SECTION_COMMITTEE}
    assert changed == {demo_db.root.pk, *direct_before}
    for org in direct_before:
        expected = (
            Kind.GRASSROOTS_CELL
            if before.states[org].kind == Kind.SUBORDINATE_CELL
            else Kind.GRASSROOTS_COMMITTEE
        )
        assert after.states[org].kind == expected
    assert not [s for s in after.states.values() if s.kind == Kind.SECTION_COMMITTEE]


def test_admitted_and_founded_from_2010_to_june_2023(demo_db, history):
    data = both(demo_db, history, D(2023, 6, 30), D(2010, 1, 1))
    assert (data["period"]["admitted"], data["period"]["founded"]) == (680, 48)
    # "over 90% in enterprises": the sector of the organization admitted into, on the day.
    admissions = MembershipEvent.objects.filter(
        kind=EventKind.ADMISSION, date__range=(D(2010, 1, 1), D(2023, 6, 30))
    )
    enterprise = sum(
        1 for org, day in admissions.values_list("organization_id", "date")
        if history.state_on(org, day).sector == Sector.ENTERPRISE
    )  # fmt: skip
    assert enterprise / 680 > 0.9


def test_year_2023(demo_db, history):
    data = both(demo_db, history, D(2023, 12, 31))
    assert (data["admitted_in_year"], data["founded_in_year"]) == (175, 9)


def test_31_march_2024(demo_db, history):
    data = both(demo_db, history, D(2024, 3, 31))
    assert (data["admitted_in_year"], data["founded_in_year"]) == (96, 2)
    assert format_percent(percent(96, 190)) == "50,5%" and format_percent(percent(2, 11, 0)) == "18%"
    members = data["members"]
    assert members["total"] == 1062
    assert (members["enterprise"], members["administrative"]) == (961, 101)
    assert format_percent(percent(961, 1062)) == "90,5%" and format_percent(percent(101, 1062)) == "9,5%"
    orgs = data["organizations"]
    assert (orgs["direct_subordinates"], orgs["grassroots_committees"], orgs["grassroots_cells"]) == (
        29,
        5,
        24,
    )
    assert orgs["direct_enterprise"] == 27
    assert orgs["direct_by_kind_and_sector"] == {
        "grassroots_cell:administrative": 1,
        "grassroots_cell:enterprise": 23,
        "grassroots_committee:administrative": 1,
        "grassroots_committee:enterprise": 4,
    }
    tree = history.tree_on(D(2024, 3, 31))
    committees = [
        i for i in tree.direct_subordinates(demo_db.root.pk)
        if tree.states[i].kind == Kind.GRASSROOTS_COMMITTEE and tree.states[i].sector == Sector.ENTERPRISE
    ]  # fmt: skip
    cells = [c for i in committees for c in tree.direct_subordinates(i)]
    assert len(cells) == 52 and {tree.states[c].kind for c in cells} == {Kind.SUBORDINATE_CELL}


def test_30_june_2024_and_fifteen_years_of_resolution_28(demo_db, history):
    data = both(demo_db, history, D(2024, 6, 30), D(2009, 1, 1))
    assert data["members"]["total"] == 1091
    assert data["period"]["founded"] == 56


def test_2018_to_september_2022_and_the_core_cell(demo_db, history):
    day, start = D(2022, 9, 10), D(2018, 1, 1)
    data = both(demo_db, history, day, start)
    assert data["period"]["founded"] == 32
    assert data["period"]["admitted"] >= 257
    assert organization_counts(Scope(day, demo_db.root.pk, history))["enterprise"] == 51
    assert data["organizations"]["enterprise"] == 51
    core = Organization.objects.get(is_core_cell=True)
    assert core.name == "Chi bộ nòng cốt Công đoàn – Doanh nghiệp" and core.founded_on < start
    core_flows = flows(history, core.pk, start, day)
    assert (core_flows.admitted, core_flows.transferred_out) == (116, 86)
    # The 86 went into 16 of the 32 organizations founded in the period, on their founding day.
    moves = MembershipEvent.objects.filter(
        kind=EventKind.TRANSFER, organization=core, date__range=(start, day)
    )
    founded = {org: first for org, first in history.foundings() if start <= first <= day}
    assert all(founded.get(to) == on for to, on in moves.values_list("to_organization_id", "date"))
    assert len(set(moves.values_list("to_organization_id", flat=True))) == 16


def test_received_organizations_are_not_counted_as_founded(demo_db, history):
    received = OrganizationEvent.objects.filter(kind=OrganizationEventKind.RECEIVED)
    assert received.count() == 30
    assert {e.date.year for e in received} == {2022, 2023}
    founded = [org for org, first in history.foundings() if first >= D(2010, 1, 1)]
    existing = member_counts(Scope(D(2024, 3, 31), demo_db.root.pk, history), breakdowns=False)
    assert existing.total == 1062
    total = organization_counts(Scope(D(2024, 3, 31), demo_db.root.pk, history))["total"]
    assert total == 29 + 52 + 4 and total > len(founded) + 11
    # Their members came with them.
    transfer_in = MembershipEvent.objects.filter(kind=EventKind.TRANSFER_IN, date__in=received.values("date"))
    assert transfer_in.filter(organization__in=received.values("organization")).count() > 200
