"""The demo enterprises give exactly the figures of ../shared/domain/figures.md marked demo in the union and
mass-organization tables, through `dangvu coverage`: on the demo party tree, and on any small tree."""

import io
import json

import pytest
from django.core.management import call_command

from dangvu.enterprises.demo import load_enterprise_demo
from dangvu.enterprises.models import Enterprise, PartyCoverage, Workplace
from dangvu.members import services as member_services
from dangvu.organizations import services as org_services
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.tree import History
from tests import factories as f

from .conftest import D

pytestmark = pytest.mark.django_db


def coverage_json(day: str, *args) -> dict:
    out = io.StringIO()
    call_command("coverage", "--as-of", day, "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def assert_demo_figures() -> dict:
    workshop = coverage_json("2022-09-10")
    unions = workshop["unions"]
    # 275 enterprises with a trade union = 95,2% of the 289 eligible.
    assert (unions["enterprises_with_union"], unions["eligible"], unions["percent_of_eligible"]) == (
        275,
        289,
        95.2,
    )
    assert unions["eligible_with_union"] == 275
    # 51 enterprises with a party organization = 15,4% of the 331 operating stably.
    party = workshop["party"]
    assert (party["operating_with_party"], party["operating"], party["percent_of_operating"]) == (
        51,
        331,
        15.4,
    )
    # 156.915 workers and 148.630 trade-union members in those enterprises.
    assert unions["workers_in_enterprises_with_union"] == 156_915
    assert unions["members_in_enterprises"] == unions["members"] == 148_630
    review = coverage_json("2024-06-30")
    # 317 grassroots trade unions with more than 227.000 members; 26 Youth Union organizations, 1.411 members.
    assert (review["unions"]["organizations"], review["unions"]["members"]) == (317, 227_416)
    assert (review["youth_union"]["organizations"], review["youth_union"]["members"]) == (26, 1_411)
    # The three socio-political organizations of the Zone.
    assert [(o["kind"], o["name"]) for o in review["zone_organizations"]] == [
        ("trade_union", "Công đoàn Khu kinh tế Hải Phòng"),
        ("youth_union", "Đoàn Thanh niên Khu kinh tế Hải Phòng"),
        ("veterans", "Hội Cựu chiến binh Khu kinh tế Hải Phòng"),
    ]
    # Every zone's rows add up to the whole.
    assert sum(row["with_union"] for row in workshop["by_zone"]) == 275
    assert sum(row["operating_with_party"] for row in workshop["by_zone"]) == 51
    return workshop


def small_tree():
    """A committee with two cells, a cell, a cell dissolved in 2019, a cell founded in 2023 from the core
    cell, an administrative cell and the core cell."""
    root = f.root()
    committee = f.org(
        OrganizationKind.GRASSROOTS_COMMITTEE, parent=root, day=D(2015, 3, 2), code="DB1",
        name="Đảng bộ Công ty TNHH Sakura Denki Việt Nam",
    )  # fmt: skip
    f.org(
        OrganizationKind.SUBORDINATE_CELL,
        parent=committee,
        day=D(2016, 1, 5),
        code="DB1-1",
        name="Chi bộ Xưởng 1",
    )
    f.org(
        OrganizationKind.SUBORDINATE_CELL,
        parent=committee,
        day=D(2021, 4, 6),
        code="DB1-2",
        name="Chi bộ Xưởng 2",
    )
    f.org(parent=root, day=D(2014, 6, 3), code="CB1", name="Chi bộ Công ty Cổ phần Cảng Hải Minh")
    gone = f.org(parent=root, day=D(2012, 6, 3), code="CB2", name="Chi bộ Công ty TNHH Gia Phát")
    org_services.dissolve(gone, D(2019, 6, 1), "9-QĐ/ĐU")
    f.org(parent=root, day=D(2010, 1, 1), code="HC", sector=Sector.ADMINISTRATIVE, name="Chi bộ Văn phòng")
    core = f.org(parent=root, day=D(2016, 3, 3), code="NC", is_core_cell=True, name="Chi bộ nòng cốt")
    worker = f.member(core, D(2020, 5, 4), name="Lê Thị Hoa")
    stays = f.member(core, D(2021, 5, 4), name="Phạm Văn Nam")
    new_cell = f.org(
        parent=root, day=D(2023, 4, 4), code="CB3", name="Chi bộ Công ty TNHH Kazamori Precision Việt Nam"
    )
    member_services.record_transfer(worker, new_cell, D(2023, 4, 4))
    return worker, stays, new_cell


def test_demo_on_a_small_tree():
    worker, stays, _new_cell = small_tree()
    result = load_enterprise_demo()
    assert result.enterprises == Enterprise.objects.count() == 380
    workshop = assert_demo_figures()
    # Four enterprise party organizations exist on 10/09/2022 (the committee, its two cells and CB1) and
    # cover 51 enterprises: their own and the sister companies of their groups.
    assert workshop["party"]["organizations"] == 4
    sakura = Enterprise.objects.get(name="Công ty TNHH Sakura Denki Việt Nam")
    assert {c.organization.code for c in sakura.party_coverage.all()} == {"DB1", "DB1-1", "DB1-2"}
    dissolved = PartyCoverage.objects.get(organization__code="CB2")
    assert (dissolved.start, dissolved.end) == (D(2012, 6, 3), D(2019, 6, 1))
    # The core cell's member who founded CB3 worked in its enterprise; before CB3 it had a union and no cell.
    kazamori = Enterprise.objects.get(name="Công ty TNHH Kazamori Precision Việt Nam")
    assert Workplace.objects.get(member=worker).enterprise == kazamori
    assert Workplace.objects.filter(member=stays).count() == 1
    targets = {row["name"]: row for row in workshop["union_without_party"]}
    assert targets[kazamori.name]["party_members"] == 1
    later = coverage_json("2023-04-04")
    assert kazamori.name not in {row["name"] for row in later["union_without_party"]}
    with pytest.raises(ValueError, match="đã có dữ liệu"):
        load_enterprise_demo()


def test_demo_on_the_demo_party_tree():
    from dangvu.demo.load import load_demo

    load_demo()
    load_enterprise_demo()
    workshop = assert_demo_figures()
    # Every enterprise party organization of that day covers an enterprise (the core cell aside).
    tree = History.load().tree_on(D(2022, 9, 10))
    organizations = [s for s in tree.states.values() if s.sector == Sector.ENTERPRISE and not s.is_core_cell]
    assert workshop["party"]["organizations"] == len(organizations)
    # Members of the core cell show where the Committee's next cells will be.
    assert sum(row["party_members"] for row in workshop["union_without_party"]) > 0
