"""Each coverage figure on a small history built through the services, and the "done when" of the issue:
a workforce snapshot or a union's founding changes the figures from its date only."""

from decimal import Decimal

import pytest
from django.apps import apps

from dangvu.core.models import RuleValue
from dangvu.enterprises import services
from dangvu.figures.coverage import coverage
from dangvu.members import services as member_services
from tests import factories as f

from .conftest import D, enterprise, mass_org, members, workforce, zone

pytestmark = pytest.mark.django_db
DAY = D(2022, 9, 10)


class Zone2022:
    """Two zones, five enterprises, one cell, a core cell, a unit and the Zone's trade union.

    On 10/09/2022: E1 operating (800 workers, union 760, youth union 40, covered by cell C1 with 3
    members); E2 operating (30 workers, union 25, no party organization, 1 member of the core cell works
    there); E3 operating (10 workers: not eligible); E4 building; E5 suspended (100 workers)."""

    def __init__(self):
        self.a = zone("AH", "Khu công nghiệp An Hải")
        self.b = zone("BD", "Khu công nghiệp Bến Đình")
        self.root = f.root()
        self.e1 = enterprise(
            "Công ty TNHH Điện tử Ánh Dương", zone=self.a, countries=["JP"], operating=D(2016, 1, 1)
        )
        workforce(self.e1, D(2016, 6, 30), 500, women=300, young=200)
        workforce(self.e1, D(2022, 6, 30), 800, women=500, young=300)
        self.union1 = mass_org(self.e1, D(2016, 3, 1))
        members(self.union1, D(2016, 6, 30), 450)
        members(self.union1, D(2022, 6, 30), 760)
        self.youth1 = mass_org(self.e1, D(2018, 1, 1), kind="youth_union")
        members(self.youth1, D(2018, 1, 1), 40)
        self.c1 = f.org(parent=self.root, day=D(2019, 5, 1), code="C1")
        for index in range(3):
            f.member(self.c1, D(2019, 5, 1), name=f"Nguyễn Văn {'ABC'[index]}")
        services.link_party_organization(self.c1, self.e1, D(2019, 5, 1))

        self.e2 = enterprise(
            "Công ty TNHH Cơ khí Bình Minh",
            zone=self.a,
            countries=["KR"],
            licensed=D(2017, 1, 1),
            operating=D(2018, 1, 1),
        )
        workforce(self.e2, D(2018, 1, 1), 30, women=10, young=15)
        self.union2 = mass_org(self.e2, D(2018, 6, 1))
        members(self.union2, D(2018, 6, 1), 25)
        self.core = f.org(parent=self.root, day=D(2015, 1, 1), code="NC", is_core_cell=True)
        self.worker = f.member(self.core, D(2020, 1, 1), name="Lê Thị Hoa")
        services.record_workplace(self.worker, self.e2, D(2020, 1, 1))

        self.e3 = enterprise(
            "Công ty Cổ phần Cảng Đông Hải",
            zone=self.b,
            countries=[],
            ownership="domestic_private",
            industry="logistics",
            licensed=D(2009, 1, 1),
            operating=D(2010, 1, 1),
        )
        workforce(self.e3, D(2010, 1, 1), 10)
        self.e4 = enterprise(
            "Công ty TNHH Bao bì Tân Tiến",
            zone=self.b,
            countries=["SG", "JP"],
            ownership="joint_venture",
            licensed=D(2021, 1, 1),
        )
        services.record_status(self.e4, "building", D(2021, 6, 1))
        self.e5 = enterprise(
            "Công ty TNHH Thực phẩm Hải Hà",
            zone=self.b,
            countries=[],
            ownership="domestic_private",
            industry="food",
            operating=D(2015, 6, 1),
        )
        workforce(self.e5, D(2018, 1, 1), 100)
        services.record_status(self.e5, "suspended", D(2020, 1, 1))

        unit_youth = mass_org(
            None,
            D(2012, 1, 1),
            kind="youth_union",
            unit="Ban Quản lý Khu kinh tế",
            name="Đoàn cơ sở Ban Quản lý",
        )
        members(unit_youth, D(2012, 1, 1), 30)
        zone_union = mass_org(None, D(2000, 1, 1), level="zone", name="Công đoàn Khu kinh tế Hải Phòng")
        members(zone_union, D(2020, 1, 1), 900)


@pytest.fixture
def built():
    return Zone2022()


def test_every_figure_on_the_date(built):
    data = coverage(DAY)
    assert data["enterprises"] == {
        "total": 5,
        "by_status": {"licensed": 0, "building": 1, "operating": 3, "suspended": 1, "closed": 0},
    }
    assert data["rule"] == {
        "key": "enterprise.union_eligible_min_workers",
        "min_workers": 20,
        "source": "theo cấu hình",
    }
    assert data["unions"] == {
        "eligible": 2,
        "eligible_with_union": 2,
        "percent_of_eligible": Decimal("100.0"),
        "enterprises_with_union": 2,
        "organizations": 2,  # the Zone's own trade union is not a grassroots union
        "members": 785,
        "workers_in_enterprises_with_union": 830,
        "members_in_enterprises": 785,
    }
    assert data["youth_union"] == {"organizations": 2, "members": 70, "enterprises_with_youth_union": 1}
    assert data["veterans"] == {"organizations": 0, "members": 0}
    # 3 members of C1 per 940 workers of the five enterprises: 3,19… → 3,2 per 1.000.
    assert data["party"] == {
        "operating": 3,
        "operating_with_party": 1,
        "percent_of_operating": Decimal("33.3"),
        "enterprises_with_party": 1,
        "organizations": 1,
        "members": 3,
        "members_per_1000_workers": Decimal("3.2"),
    }
    assert data["workers"] == {"total": 940, "women": 510, "young_workers": 315}
    assert data["zone_organizations"] == [
        {"kind": "trade_union", "name": "Công đoàn Khu kinh tế Hải Phòng", "members": 900}
    ]
    assert data["union_without_party"] == [
        {
            "id": built.e2.pk,
            "name": "Công ty TNHH Cơ khí Bình Minh",
            "tax_code": built.e2.tax_code,
            "zone": "AH",
            "status": "operating",
            "workers": 30,
            "union_members": 25,
            "has_youth_union": False,
            "party_members": 1,
            "candidates": None if not apps.is_installed("dangvu.development") else 0,
        }
    ]


def test_by_zone_and_by_investor_country(built):
    data = coverage(DAY)
    rows = {row["zone"]: row for row in data["by_zone"]}
    assert list(rows) == ["AH", "BD"]
    a, b = rows["AH"], rows["BD"]
    assert (a["enterprises"], a["operating"], a["eligible"], a["with_union"], a["with_party"]) == (
        2,
        2,
        2,
        2,
        1,
    )
    assert (a["workers"], a["union_members_in_enterprises"], a["party_members"]) == (830, 785, 3)
    assert a["party_percent_of_operating"] == Decimal("50.0")
    assert (b["enterprises"], b["operating"], b["eligible"], b["with_union"], b["with_party"]) == (
        3,
        1,
        0,
        0,
        0,
    )
    assert b["union_percent_of_eligible"] is None and b["party_members_per_1000_workers"] == Decimal("0.0")
    countries = {row["country"]: row["enterprises"] for row in data["by_country"]}
    # E4 counts under Singapore and Japan; the domestic E3 and E5 under Việt Nam.
    assert countries == {"JP": 2, "VN": 2, "KR": 1, "SG": 1}
    assert [row["country"] for row in data["by_country"]] == ["JP", "VN", "KR", "SG"]
    assert data["by_country"][0]["name"] == "Nhật Bản"


def test_one_zone(built):
    data = coverage(DAY, zone=built.a)
    assert data["zone"] == "AH" and data["enterprises"]["total"] == 2
    # The unit's youth union and the Zone's organizations belong to no zone.
    assert data["youth_union"]["organizations"] == 1 and data["zone_organizations"] == []
    assert data["unions"]["organizations"] == 2 and data["workers"]["total"] == 830


def test_within_a_set_of_enterprises(built):
    data = coverage(DAY, within={built.e1.pk})
    assert data["enterprises"]["total"] == 1 and data["unions"]["members"] == 760
    assert data["youth_union"]["organizations"] == 1 and data["union_without_party"] == []


def test_figures_follow_the_dates(built):
    # Before E1's 2022 snapshot its 2016 one stands; before C1 there is no party organization.
    early = coverage(D(2019, 4, 30))
    assert early["workers"]["total"] == 500 + 30 + 10 + 100
    assert early["party"]["operating_with_party"] == 0 and early["party"]["members"] == 0
    assert early["enterprises"]["by_status"]["suspended"] == 0
    # E4 is not in the register before its licence.
    assert coverage(D(2020, 12, 31))["enterprises"]["total"] == 4
    # A dissolved cell stops covering on its dissolution date even if the coverage was not ended.
    for person in list(member_services.members_of_org_on(built.c1, D(2023, 1, 1))):
        member_services.record_transfer(person, built.core, D(2023, 1, 1))
    from dangvu.organizations import services as org_services

    org_services.dissolve(built.c1, D(2023, 1, 2), "7-QĐ/ĐU")
    assert coverage(D(2023, 1, 1))["party"]["enterprises_with_party"] == 1
    assert coverage(D(2023, 1, 2))["party"]["enterprises_with_party"] == 0


def test_a_workforce_snapshot_changes_the_figures_from_its_date_only(built):
    before = {day: coverage(day) for day in (DAY, D(2022, 12, 31))}
    workforce(built.e3, D(2023, 1, 1), 25)
    assert coverage(DAY) == before[DAY]
    assert coverage(D(2022, 12, 31)) == before[D(2022, 12, 31)]
    after = coverage(D(2023, 1, 1))
    assert after["unions"]["eligible"] == 3 and after["unions"]["percent_of_eligible"] == Decimal("66.7")
    assert after["workers"]["total"] == 955


def test_founding_a_union_changes_the_figures_from_its_date_only(built):
    workforce(built.e3, D(2023, 1, 1), 25)
    before = coverage(D(2023, 2, 28))
    union = mass_org(built.e3, D(2023, 3, 1))
    members(union, D(2023, 3, 1), 20)
    assert coverage(D(2023, 2, 28)) == before
    after = coverage(D(2023, 3, 1))
    assert after["unions"]["enterprises_with_union"] == 3 and after["unions"]["eligible_with_union"] == 3
    assert after["unions"]["percent_of_eligible"] == Decimal("100.0")
    assert after["unions"]["members"] == 805
    assert [row["name"] for row in after["union_without_party"]] == [
        "Công ty TNHH Cơ khí Bình Minh",
        "Công ty Cổ phần Cảng Đông Hải",
    ]
    # Dissolving it takes it out from that date on.
    services.dissolve_mass_organization(union, D(2023, 6, 1))
    assert coverage(D(2023, 6, 1))["unions"]["enterprises_with_union"] == 2
    assert coverage(D(2023, 5, 31))["unions"]["enterprises_with_union"] == 3


def test_the_eligibility_rule_is_a_dated_setting(built):
    RuleValue.objects.create(
        key="enterprise.union_eligible_min_workers", value=50, valid_from=D(2024, 1, 1), source="QĐ 5"
    )
    assert coverage(D(2023, 12, 31))["unions"]["eligible"] == 2
    later = coverage(D(2024, 1, 1))
    assert (
        later["unions"]["eligible"] == 1
        and later["rule"]["min_workers"] == 50
        and later["rule"]["source"] == "QĐ 5"
    )


def test_party_members_of_a_committee_include_its_cells(built):
    from dangvu.organizations.choices import OrganizationKind

    committee = f.org(OrganizationKind.GRASSROOTS_COMMITTEE, parent=built.root, day=D(2020, 1, 1), code="DB")
    cell = f.org(OrganizationKind.SUBORDINATE_CELL, parent=committee, day=D(2020, 1, 1), code="DB1")
    f.member(committee, D(2020, 2, 1), name="Trần Văn Một")
    f.member(cell, D(2020, 2, 1), name="Trần Văn Hai")
    # The committee covers E2 and its cell covers E1 too (already covered by C1): members count once.
    services.link_party_organization(committee, built.e2, D(2020, 3, 1))
    services.link_party_organization(cell, built.e1, D(2020, 3, 1))
    party = coverage(DAY)["party"]
    assert (party["enterprises_with_party"], party["organizations"], party["members"]) == (2, 3, 5)


@pytest.mark.skipif(
    not apps.is_installed("dangvu.development"), reason="the development app is not installed"
)
def test_candidates_are_counted_per_enterprise_while_they_are_candidates(built):
    from dangvu.development.services import propose_candidate, stop_candidate

    def propose(name, national_id, day, **enterprise):
        return propose_candidate(
            {
                "full_name": name,
                "gender": "female",
                "birth_date": D(1998, 1, 1),
                "national_id": national_id,
                **enterprise,
            },
            source="trade_union",
            preparing_organization=built.core,
            date=day,
            proposing_body="Công đoàn cơ sở Công ty TNHH Cơ khí Bình Minh",
        )

    # Matched by the tax code as typed (normalized), or by the name when no tax code is recorded.
    typed = built.e2.tax_code[:4] + " " + built.e2.tax_code[4:]
    propose("Vũ Thị Lan", "031198000001", D(2022, 3, 1), enterprise_tax_code=typed)
    propose("Đỗ Thị Mai", "031198000002", D(2022, 9, 11), enterprise_name="công ty tnhh cơ khí bình minh")
    stopped = propose(
        "Ngô Văn Nam", "031198000003", D(2022, 1, 1), enterprise_name="Công ty TNHH Cơ khí Bình Minh"
    )
    stop_candidate(stopped, date=D(2022, 5, 1), reason="Nghỉ việc")
    data = coverage(DAY)
    assert data["candidates_counted"] is True
    assert data["union_without_party"][0]["candidates"] == 1
    assert coverage(D(2022, 9, 11))["union_without_party"][0]["candidates"] == 2
    assert coverage(D(2022, 4, 30))["union_without_party"][0]["candidates"] == 2
