"""Demo zones, enterprises and mass organizations, added to the demo party organizations already loaded
(dangvu.demo), so that the figures of ../shared/domain/figures.md marked demo in the union and
mass-organization tables come out exactly through `dangvu.figures.coverage` (issue 5, point 4):

- 10/09/2022: 275 enterprises with a trade union = 95,2% of the 289 eligible; 51 enterprises operating stably
  with a party organization = 15,4% of the 331 operating stably; 156.915 workers and 148.630 trade-union
  members in the enterprises with a union;
- 30/06/2024: 317 grassroots trade unions with 227.416 members ("more than 227.000"); 26 Youth Union
  organizations with 1.411 members;
- the three socio-political organizations of the Zone: its Trade Union, Youth Union and Veterans'
  Association.

"51" is read as enterprises (operating stably, on 10/09/2022) that a party organization covers, the
definition of figures.coverage. The party organizations come from the tree already in the database, whatever
it holds: each enterprise-sector organization (the core cell aside) covers the enterprise its name gives
("Chi bộ Công ty TNHH X" covers "Công ty TNHH X"; zone and investor from its founding note when it names
them), its cells the same enterprise, from its founding to its end; the sister companies of a group that
its party committee (or cell) also covers make up the difference to 51 exactly. Members of the core cell get
a workplace in an enterprise without a party organization (the one whose new cell they later move to, when
they do). Everything else (names, sizes, dates) is invented and deterministic; every record goes through
the services, with its audit row.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from dangvu.core.context import acting
from dangvu.members.models import MembershipPeriod
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .. import services
from ..choices import EnterpriseStatus, MassOrganizationKind, MassOrganizationLevel
from ..models import Enterprise
from .planner import (
    D2,
    MID_2022,
    MID_2024,
    SEED,
    UNION_MEMBERS_D2,
    UNIT,
    YOUTH_MEMBERS_D2,
    D,
    EnterprisePlan,
    MassPlan,
    Planner,
    make_plan,
)
from .words import ZONES


@dataclass
class DemoResult:
    zones: int
    enterprises: int
    mass_organizations: int
    coverage: int
    workplaces: int


# Writing through the services -------------------------------------------------------------------------------


def _statuses(plan: EnterprisePlan) -> list[tuple[datetime.date, str]]:
    rows = [(plan.licensed, EnterpriseStatus.LICENSED)]
    for day, status in (
        (plan.building, EnterpriseStatus.BUILDING),
        (plan.operating, EnterpriseStatus.OPERATING),
        (plan.suspended, EnterpriseStatus.SUSPENDED),
    ):
        if day is not None and day > rows[-1][0] and day <= D2:
            rows.append((day, status))
    return rows


def _write_mass(
    plan: MassPlan,
    people,
    rng,
    *,
    enterprise=None,
    unit="",
    level=MassOrganizationLevel.GRASSROOTS,
    user=None,
):
    number = rng.randint(1, 60)
    issuer = {"trade_union": "QĐ-CĐKKT", "youth_union": "QĐ-ĐTN", "veterans": "QĐ-CCB"}.get(plan.kind, "QĐ")
    org = services.found_mass_organization(
        {
            "kind": plan.kind,
            "level": level,
            "name": plan.name,
            "enterprise": enterprise,
            "unit": unit,
            "founded_on": plan.founded,
            "founding_decision": f"{number}/{issuer}",
            "chair": people.full_name(rng.choice(["male", "female"])),
        },
        acting_user=user,
    )
    for day, members in sorted(plan.members.items()):
        services.record_membership(org, {"date": day, "members": members}, acting_user=user)
    if plan.dissolved is not None:
        services.dissolve_mass_organization(org, plan.dissolved, f"{number + 100}/{issuer}", acting_user=user)
    return org


def _write_enterprise(plan: EnterprisePlan, zone_by_code: dict, people, rng, user):
    statuses = _statuses(plan)
    enterprise = services.create_enterprise(
        {
            "name": plan.name,
            "tax_code": plan.tax_code,
            "zone": zone_by_code[plan.zone],
            "address": f"Lô {rng.choice('ABCDEFGH')}{rng.randint(1, 30)}, {zone_by_code[plan.zone].name}, Hải Phòng",
            "ownership": plan.ownership,
            "industry": plan.industry,
            "countries": plan.countries,
        },
        status=statuses[0][1],
        date=statuses[0][0],
        decision_number=f"GCNĐKĐT {rng.randint(1000000000, 9999999999)}",
        acting_user=user,
    )
    plan.pk = enterprise.pk
    for day, status in statuses[1:]:
        services.record_status(enterprise, status, day, acting_user=user)
    for day, workers in sorted(plan.workforce.items()):
        services.record_workforce(
            enterprise,
            {
                "date": day,
                "workers": workers,
                "women": round(workers * rng.uniform(0.4, 0.78)),
                "young_workers": round(workers * rng.uniform(0.35, 0.7)),
            },
            acting_user=user,
        )
    for mass in (plan.union, plan.youth, plan.veterans):
        if mass is not None:
            _write_mass(mass, people, rng, enterprise=enterprise, user=user)
    organizations = {o.pk: o for o in Organization.objects.filter(pk__in=[c[0] for c in plan.coverage])}
    for org_id, start, end in plan.coverage:
        link = services.link_party_organization(
            organizations[org_id],
            enterprise,
            start,
            decision_number=f"{rng.randint(1, 300)}-QĐ/ĐU",
            acting_user=user,
        )
        if end is not None:
            services.end_party_coverage(link, end, acting_user=user)
    if plan.closed is not None:
        services.record_status(enterprise, EnterpriseStatus.CLOSED, plan.closed, acting_user=user)
    return enterprise


def _workplaces(planner: Planner, rng: random.Random, user) -> int:
    """Members of the core cell work in enterprises without a party organization: the one whose new cell
    they move to, when they do; otherwise one of the enterprises with a union and no cell."""
    core_ids = set(Organization.objects.filter(is_core_cell=True).values_list("pk", flat=True))
    if not core_ids:
        return 0
    enterprise_of_org = {}
    for plan in planner.org_plans:
        for org_id, _start, _end in plan.coverage:
            enterprise_of_org.setdefault(org_id, plan)
    periods: dict[int, list] = {}
    for row in MembershipPeriod.objects.order_by("member_id", "start").values_list(
        "member_id", "organization_id", "start", "end"
    ):
        periods.setdefault(row[0], []).append(row)
    pool = sorted(planner.generated_b, key=lambda p: p.licensed)
    members = {m.pk: m for m in _members(periods, core_ids)}
    count = 0
    for member_id, rows in periods.items():
        if member_id not in members:
            continue
        previous_end = None
        for index, (_m, org_id, start, end) in enumerate(rows):
            if org_id not in core_ids or (previous_end is not None and start < previous_end):
                continue
            if end is not None and end <= start:
                continue
            following = rows[index + 1] if index + 1 < len(rows) else None
            target = None
            until = end
            if following is not None and following[2] == end and following[1] in enterprise_of_org:
                target = enterprise_of_org[following[1]]
                until = following[3]
            if target is None or target.licensed > start:
                eligible = [p for p in pool if p.licensed <= start]
                if not eligible:
                    continue
                target = rng.choice(eligible)
                until = end
            place = services.record_workplace(
                members[member_id], Enterprise.objects.get(pk=target.pk), start, acting_user=user
            )
            if until is not None:
                services.end_workplace(place, until, acting_user=user)
            previous_end = until or D.max
            count += 1
    return count


def _members(periods, core_ids):
    from dangvu.members.models import Member

    ids = [member_id for member_id, rows in periods.items() if any(row[1] in core_ids for row in rows)]
    return Member.objects.filter(pk__in=ids)


@transaction.atomic
def load_enterprise_demo(*, acting_user=None, seed: int = SEED, history: History | None = None) -> DemoResult:
    """Add the demo zones, enterprises and mass organizations to the demo party organizations already in the
    database (dangvu.demo), all or nothing. Refuses when the register already holds enterprises."""
    from dangvu.demo.people import People

    if Enterprise.objects.exists():
        raise ValueError("Sổ doanh nghiệp đã có dữ liệu: dữ liệu mẫu chỉ nạp vào sổ trống.")
    history = history or History.load()
    plans, planner = make_plan(history, seed)
    rng = random.Random(seed + 1)
    people = People(random.Random(seed + 2))
    with acting(acting_user, source="demo"):
        zones = [
            services.create_zone({"code": code, "name": name, "kind": kind}, acting_user=acting_user)
            for code, name, kind, _w in ZONES
        ]
        zone_by_code = {zone.code: zone for zone in zones}
        for plan in plans:
            _write_enterprise(plan, zone_by_code, people, rng, acting_user)
        # The Zone's own socio-political organizations, and the Board's youth union and veterans.
        zone_level = [
            (MassOrganizationKind.TRADE_UNION, "Công đoàn Khu kinh tế Hải Phòng", D(2003, 9, 12)),
            (MassOrganizationKind.YOUTH_UNION, "Đoàn Thanh niên Khu kinh tế Hải Phòng", D(2010, 3, 26)),
            (MassOrganizationKind.VETERANS, "Hội Cựu chiến binh Khu kinh tế Hải Phòng", D(2011, 7, 27)),
        ]
        board_veterans = MassPlan(
            MassOrganizationKind.VETERANS, f"Chi hội Cựu chiến binh {UNIT}", D(2012, 5, 8)
        )
        board_veterans.members = {D(2012, 5, 8): 11, MID_2024: 16}
        veterans = board_veterans.members[MID_2024] + sum(
            p.veterans.members[MID_2024] for p in plans if p.veterans
        )
        # The Zone's organizations count the members of the grassroots ones they gather.
        totals = {
            MassOrganizationKind.TRADE_UNION: {MID_2024: UNION_MEMBERS_D2},
            MassOrganizationKind.YOUTH_UNION: {MID_2024: YOUTH_MEMBERS_D2},
            MassOrganizationKind.VETERANS: {MID_2024: veterans},
        }
        for kind, name, founded in zone_level:
            mass = MassPlan(kind, name, founded, dict(totals.get(kind, {})))
            _write_mass(mass, people, rng, level=MassOrganizationLevel.ZONE, user=acting_user)
        board_youth = MassPlan(MassOrganizationKind.YOUTH_UNION, f"Chi đoàn {UNIT}", D(2009, 3, 20))
        board_youth.members = {D(2009, 3, 20): 21, MID_2022: 34, MID_2024: planner.unit_youth}
        _write_mass(board_youth, people, rng, unit=UNIT, user=acting_user)
        _write_mass(board_veterans, people, rng, unit=UNIT, user=acting_user)
        workplaces = _workplaces(planner, rng, acting_user)
    from ..models import MassOrganization, PartyCoverage

    return DemoResult(
        zones=len(zones),
        enterprises=len(plans),
        mass_organizations=MassOrganization.objects.count(),
        coverage=PartyCoverage.objects.count(),
        workplaces=workplaces,
    )
