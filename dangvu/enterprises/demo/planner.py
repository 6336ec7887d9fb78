"""The plan of the demo register: every enterprise with its dates, snapshots, mass organizations and party
coverage, computed in memory (deterministic) before anything is written; see the package docstring."""

import datetime
import math
import random
from dataclasses import dataclass, field

from dangvu.core.text import fold
from dangvu.organizations.choices import EnterpriseKind, Sector
from dangvu.organizations.models import OrganizationEvent
from dangvu.organizations.tree import History

from ..choices import Country, MassOrganizationKind, Ownership
from .words import (
    DOMESTIC_FIRST,
    DOMESTIC_SECOND,
    DOMESTIC_TRADES,
    ENTERPRISE_WORDS,
    FOREIGN_STYLES,
    INDUSTRY_WORDS,
    ORG_PREFIX,
    TRADES,
    ZONES,
)

D = datetime.date
SEED = 20220910
D1 = D(2022, 9, 10)  # the trade-union workshop (article 002)
D2 = D(2024, 6, 30)  # the 15-year review (article 003)
MID_2022 = D(2022, 6, 30)  # the snapshots the figures of D1 read
MID_2024 = D(2024, 6, 30)  # those of D2
LAST_BEFORE_D1 = D(2022, 5, 31)  # unions, youth unions and operation that count on D1 start by then
LAST_BEFORE_D2 = D(2024, 5, 31)

OPERATING_D1 = 331
ELIGIBLE_D1 = 289
WITH_UNION_D1 = 275
WITH_PARTY_D1 = 51
WORKERS_D1 = 156_915
UNION_MEMBERS_D1 = 148_630
UNIONS_D2 = 317
UNION_MEMBERS_D2 = 227_416
YOUTH_UNIONS_D2 = 26
YOUTH_MEMBERS_D2 = 1_411
MIN_WORKERS = 20  # the default of enterprise.union_eligible_min_workers

# How the other enterprises stand on D1 and what becomes of them by D2.
LICENSED_D1 = 11
BUILDING_D1 = 14
SUSPENDED_D1 = 5
CLOSED_D1 = 7
LICENSED_AFTER_D1 = 12
UNIONS_DISSOLVED = 3  # between D1 and D2, their enterprises closing
SMALL_GROWN = 10  # small enterprises of D1 with a union by D2
NEW_OPERATING_WITH_UNION = 18  # licensed or building on D1, operating with a union by D2
NEW_LICENSED_WITH_UNION = 3  # licensed after D1, operating with a union by D2
YOUTH_D1 = 20  # youth unions in enterprises on D1 (and one in the Board)
UNIT = "Ban Quản lý Khu kinh tế Hải Phòng"


@dataclass
class MassPlan:
    kind: str
    name: str
    founded: datetime.date
    members: dict[datetime.date, int] = field(default_factory=dict)
    dissolved: datetime.date | None = None
    chair: str = ""


@dataclass
class EnterprisePlan:
    name: str
    zone: str
    countries: list[str]
    ownership: str
    industry: str
    licensed: datetime.date
    category: str
    building: datetime.date | None = None
    operating: datetime.date | None = None
    suspended: datetime.date | None = None
    closed: datetime.date | None = None
    tax_code: str = ""
    workforce: dict[datetime.date, int] = field(default_factory=dict)
    union: MassPlan | None = None
    youth: MassPlan | None = None
    veterans: MassPlan | None = None
    coverage: list[tuple[int, datetime.date, datetime.date | None]] = field(default_factory=list)
    org_start: datetime.date | None = None  # the first party organization's start, if any
    size: float = 0.0  # the raw size the workforce is scaled from
    pk: int | None = None


@dataclass
class OrgInterval:
    """An enterprise-sector party organization (not the core cell) from `start` to `end` (exclusive)."""

    org_id: int
    start: datetime.date
    end: datetime.date | None
    name: str
    kind: str
    enterprise_kind: str
    parent_id: int | None
    note: str
    primary_id: int  # the top enterprise organization above it (itself when its parent is not one)

    def exists_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def _between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _industry_of(name: str, default: str) -> str:
    folded = name.lower()
    for words, industry in INDUSTRY_WORDS:
        if any(word in folded for word in words):
            return industry
    return default


class Planner:
    def __init__(self, history: History, rng: random.Random):
        self.history = history
        self.rng = rng
        self.used_names: set[str] = set()
        self.used_tax: set[str] = set()
        self.plans: list[EnterprisePlan] = []
        self.by_name: dict[str, EnterprisePlan] = {}
        self.zone_codes = {fold(name): code for code, name, _k, _w in ZONES}
        self.org_plans: list[EnterprisePlan] = []  # the enterprises of party organizations
        self.generated_b: list[EnterprisePlan] = []  # invented ones with a union and no party organization
        self.unit_youth = 0  # members of the Board's youth union on D2
        self.country_codes = {fold(str(c.label)): c.value for c in Country}

    # Names and codes ------------------------------------------------------------------------------------

    def tax_code(self) -> str:
        while True:
            code = "02" + "".join(str(self.rng.randint(0, 9)) for _ in range(8))
            if code not in self.used_tax:
                self.used_tax.add(code)
                return code

    def zone(self) -> str:
        return self.rng.choices([z[0] for z in ZONES], [z[3] for z in ZONES])[0]

    def foreign_name(self, country: str | None = None) -> tuple[str, str, str]:
        """(name, country, industry) of an invented foreign-invested enterprise."""
        styles = [s for s in FOREIGN_STYLES if country is None or s[0] == country] or FOREIGN_STYLES
        while True:
            code, _w, firsts, seconds, pattern = self.rng.choices(styles, [s[1] for s in styles])[0]
            trade, industry = self.rng.choice(TRADES)
            brand = self.rng.choice(firsts) + self.rng.choice(seconds)
            name = pattern.format(brand=brand, trade=trade)
            if name not in self.used_names:
                self.used_names.add(name)
                return name, code, industry

    def domestic_name(self) -> tuple[str, str]:
        while True:
            trade, industry = self.rng.choice(DOMESTIC_TRADES)
            name = f"Công ty Cổ phần {trade} {self.rng.choice(DOMESTIC_FIRST)} {self.rng.choice(DOMESTIC_SECOND)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name, industry

    def new_plan(
        self, category: str, licensed: datetime.date, *, country: str | None = None
    ) -> EnterprisePlan:
        """An invented enterprise: 85% foreign-invested (a tenth of them joint ventures), else domestic."""
        if country is not None or self.rng.random() < 0.85:
            name, code, industry = self.foreign_name(country)
            joint = self.rng.random() < 0.1
            plan = EnterprisePlan(
                name.replace("Công ty TNHH ", "Công ty TNHH Liên doanh ", 1) if joint else name,
                self.zone(),
                [code, Country.VN.value] if joint else [code],
                Ownership.JOINT_VENTURE if joint else Ownership.FOREIGN,
                industry,
                licensed,
                category,
            )
        else:
            name, industry = self.domestic_name()
            plan = EnterprisePlan(
                name, self.zone(), [], Ownership.DOMESTIC_PRIVATE, industry, licensed, category
            )
        plan.tax_code = self.tax_code()
        self.add(plan)
        return plan

    def add(self, plan: EnterprisePlan):
        self.plans.append(plan)
        self.by_name[plan.name] = plan
        self.used_names.add(plan.name)

    # The party organizations in the tree ---------------------------------------------------------------

    def intervals(self) -> list[OrgInterval]:
        notes = {}
        for org_id, note in (
            OrganizationEvent.objects.filter(voided_at__isnull=True)
            .order_by("date", "id")
            .values_list("organization_id", "note")
        ):
            notes.setdefault(org_id, note)
        found: list[OrgInterval] = []
        for org_id, timeline in self.history.timelines.items():
            start = first = None
            for day, state in timeline:
                covering = state is not None and state.sector == Sector.ENTERPRISE and not state.is_core_cell
                if covering and start is None:
                    start, first = day, state
                elif not covering and start is not None:
                    found.append(self._interval(org_id, start, day, first, notes))
                    start = None
            if start is not None:
                found.append(self._interval(org_id, start, None, first, notes))
        # Parents before their cells, so that a cell finds its committee's enterprise.
        found.sort(key=lambda i: (i.start, i.primary_id != i.org_id, i.org_id))
        return found

    def _interval(self, org_id, start, end, state, notes) -> OrgInterval:
        primary = org_id
        cursor = state.parent_id
        tree = self.history.tree_on(start)
        while cursor is not None and cursor in tree.states:
            parent = tree.states[cursor]
            if parent.sector != Sector.ENTERPRISE or parent.is_core_cell:
                break
            primary = cursor
            cursor = parent.parent_id
        return OrgInterval(
            org_id,
            start,
            end,
            state.name,
            state.kind,
            state.enterprise_kind,
            state.parent_id,
            notes.get(org_id, ""),
            primary,
        )

    def enterprise_for(self, interval: OrgInterval, primaries: dict[int, EnterprisePlan]) -> EnterprisePlan:
        """The enterprise a party organization covers: the one its name gives (or its committee's)."""
        if interval.primary_id != interval.org_id and interval.primary_id in primaries:
            return primaries[interval.primary_id]
        if interval.org_id in primaries:
            return primaries[interval.org_id]
        rest = ORG_PREFIX.sub("", interval.name)
        name = rest if any(word in rest.lower() for word in ENTERPRISE_WORDS) else None
        if name is not None and name in self.by_name:
            plan = self.by_name[name]
        else:
            zone, country = self._from_note(interval.note)
            kind = interval.enterprise_kind
            if kind == EnterpriseKind.STATE_OWNED:
                ownership = Ownership.STATE
            elif kind in (EnterpriseKind.DOMESTIC_PRIVATE, EnterpriseKind.COOPERATIVE) or (
                not kind and not country
            ):
                ownership = Ownership.DOMESTIC_PRIVATE
            else:
                ownership = Ownership.FOREIGN
            if ownership == Ownership.FOREIGN:
                generated, country_code, industry = self.foreign_name(country)
                country = country or country_code
                countries = [country]
            else:
                generated, industry = self.domestic_name()
                countries = []
            name = name or generated
            plan = EnterprisePlan(
                name,
                zone or self.zone(),
                countries,
                ownership,
                _industry_of(name, industry),
                D(1994, 1, 1),
                "party",
            )
            plan.tax_code = self.tax_code()
            self.add(plan)
        primaries[interval.org_id] = plan
        return plan

    def _from_note(self, note: str) -> tuple[str | None, str | None]:
        zone_name, _sep, investor = (note or "").partition(";")
        zone = self.zone_codes.get(fold(zone_name))
        investor = investor.strip()
        country = None
        if investor.lower().startswith("nhà đầu tư"):
            country = self.country_codes.get(fold(investor[len("nhà đầu tư") :]))
        return zone, country


def _lognormal(rng: random.Random, median: float, sigma: float, low: float, high: float) -> float:
    return min(high, max(low, median * math.exp(rng.gauss(0, sigma))))


def _fit(
    values: list[int], target: int, *, floor: list[int] | None = None, ceiling: list[int] | None = None
) -> list[int]:
    """Integers in proportion to `values` that add up to `target` exactly, each within its floor and ceiling."""
    total = sum(values)
    floor = floor or [0] * len(values)
    ceiling = ceiling or [10**9] * len(values)
    fitted = [min(ceiling[i], max(floor[i], round(v * target / total))) for i, v in enumerate(values)]
    order = sorted(range(len(values)), key=lambda i: -values[i])
    for _round in range(100):
        diff = target - sum(fitted)
        if diff == 0:
            return fitted
        step = 1 if diff > 0 else -1
        for i in order:
            if diff == 0:
                break
            if floor[i] <= fitted[i] + step <= ceiling[i]:
                fitted[i] += step
                diff -= step
    raise ValueError(f"cannot reach {target} within the bounds")


def make_plan(history: History, seed: int = SEED) -> tuple[list[EnterprisePlan], Planner]:
    """Every enterprise with its statuses, snapshots, organizations and coverage, before anything is written."""
    rng = random.Random(seed)
    planner = Planner(history, rng)
    intervals = planner.intervals()
    # A committee received from elsewhere names no zone: its cells founded here do.
    for interval in intervals:
        if planner._from_note(interval.note)[0] is None:
            for other in intervals:
                if other.primary_id == interval.primary_id and planner._from_note(other.note)[0]:
                    interval.note = other.note.split(";")[0]
                    break
    primaries: dict[int, EnterprisePlan] = {}
    links: list[tuple[OrgInterval, EnterprisePlan]] = []
    for interval in intervals:
        plan = planner.enterprise_for(interval, primaries)
        links.append((interval, plan))
        plan.org_start = min(plan.org_start or interval.start, interval.start)

    covered = {id(plan): plan for interval, plan in links if interval.exists_on(D1)}
    if not covered and WITH_PARTY_D1:
        raise ValueError(
            "Cây tổ chức đảng chưa có tổ chức đảng khối doanh nghiệp nào tồn tại ngày 10/09/2022."
        )
    # Too many: the latest primaries of D1 share an enterprise with the one before them (rarely needed).
    live_primaries = [i for i, _p in links if i.exists_on(D1) and i.primary_id == i.org_id]
    while len(covered) > WITH_PARTY_D1:
        interval = live_primaries.pop()
        plan = primaries[interval.org_id]
        host = primaries[live_primaries[-1].org_id]
        links = [(i, host if p is plan else p) for i, p in links]
        covered.pop(id(plan))
        planner.plans.remove(plan)
        primaries = {k: (host if v is plan else v) for k, v in primaries.items()}
    # Too few: sister companies of the groups, covered by the party organizations of D1 (committees first).
    hosts = [i for i, _p in links if i.exists_on(D1) and i.primary_id == i.org_id]
    weights = [6 if "committee" in i.kind else 1 for i in hosts]
    sisters_of: dict[int, int] = {i.org_id: 0 for i in hosts}
    for _n in range(WITH_PARTY_D1 - len(covered)):
        host = rng.choices(hosts, weights)[0]
        sisters_of[host.org_id] += 1
        parent = primaries[host.org_id]
        country = next((c for c in parent.countries if c != Country.VN), None)
        sister = planner.new_plan("party", D(1994, 1, 1), country=country) if country else None
        if sister is None:
            name, industry = planner.domestic_name()
            sister = EnterprisePlan(name, parent.zone, [], parent.ownership, industry, D(1994, 1, 1), "party")
            sister.tax_code = planner.tax_code()
            planner.add(sister)
        sister.zone = parent.zone if rng.random() < 0.7 else sister.zone
        sister.org_start = max(host.start, D(2004, 1, 1))
        links.append((host, sister))
        covered[id(sister)] = sister
    assert len(covered) == WITH_PARTY_D1

    # Timelines of the enterprises of party organizations: operating well before their first organization.
    for plan in planner.plans:
        start = plan.org_start
        latest = min(start - _days(120), LAST_BEFORE_D1 - _days(120)) if start else LAST_BEFORE_D1
        plan.operating = _between(rng, max(D(1996, 1, 1), latest - _days(365 * 7)), latest)
        plan.licensed = plan.operating - _days(rng.randint(240, 900))
        if rng.random() < 0.7:
            plan.building = plan.licensed + _days(rng.randint(30, 200))
        plan.category = "A" if id(plan) in covered else "B"
    for interval, plan in links:
        start = interval.start
        if plan.org_start and plan.org_start > interval.start:
            start = plan.org_start  # a sister covered from when it joined the group
        plan.coverage.append((interval.org_id, max(start, plan.operating + _days(30)), interval.end))
    org_plans = list(planner.plans)

    # The others: B (operating, union, no party organization on D1), C (eligible, no union), D (small).
    generated_b = [
        planner.new_plan("B", _between(rng, D(1996, 1, 1), D(2020, 6, 30)))
        for _n in range(WITH_UNION_D1 - len(covered) - sum(1 for p in org_plans if p.category == "B"))
    ]
    eligible_no_union = [
        planner.new_plan("C", _between(rng, D(2010, 1, 1), D(2020, 6, 30)))
        for _n in range(ELIGIBLE_D1 - WITH_UNION_D1)
    ]
    small = [
        planner.new_plan("D", _between(rng, D(2008, 1, 1), D(2020, 6, 30)))
        for _n in range(OPERATING_D1 - ELIGIBLE_D1)
    ]
    for plan in generated_b + eligible_no_union + small:
        plan.operating = min(plan.licensed + _days(rng.randint(270, 720)), LAST_BEFORE_D1 - _days(60))
        if rng.random() < 0.7:
            plan.building = plan.licensed + _days(rng.randint(30, 200))
    licensed = [
        planner.new_plan("E-licensed", _between(rng, D(2021, 10, 1), D(2022, 8, 31)))
        for _n in range(LICENSED_D1)
    ]
    building = [
        planner.new_plan("E-building", _between(rng, D(2020, 3, 1), D(2021, 9, 30)))
        for _n in range(BUILDING_D1)
    ]
    for plan in building:
        plan.building = _between(rng, plan.licensed + _days(60), D(2022, 8, 31))
    suspended = [
        planner.new_plan("E-suspended", _between(rng, D(2008, 1, 1), D(2017, 12, 31)))
        for _n in range(SUSPENDED_D1)
    ]
    for plan in suspended:
        plan.operating = plan.licensed + _days(rng.randint(300, 700))
        plan.suspended = _between(rng, D(2020, 3, 1), D(2022, 5, 31))
    closed = [
        planner.new_plan("E-closed", _between(rng, D(2005, 1, 1), D(2014, 12, 31))) for _n in range(CLOSED_D1)
    ]
    for plan in closed:
        plan.operating = plan.licensed + _days(rng.randint(300, 700))
        plan.closed = _between(rng, D(2019, 1, 1), D(2022, 8, 31))
    # Licensed after D1: the first few early enough to operate with a union by D2.
    late = [
        planner.new_plan(
            "F",
            _between(rng, D(2022, 10, 1), D(2023, 3, 31))
            if n < NEW_LICENSED_WITH_UNION
            else _between(rng, D(2023, 1, 1), D(2024, 3, 31)),
        )
        for n in range(LICENSED_AFTER_D1)
    ]

    # Workforce on D1 (30/06/2022): the 275 with a union add up to 156.915.
    with_union = [p for p in planner.plans if p.category in ("A", "B")]
    for plan in with_union:
        plan.size = _lognormal(rng, 1100 if plan.category == "A" else 420, 0.85, 40, 9000)
    w22 = _fit([round(p.size) for p in with_union], WORKERS_D1, floor=[MIN_WORKERS + 5] * len(with_union))
    for plan, workers in zip(with_union, w22, strict=True):
        plan.workforce[MID_2022] = workers
    for plan in eligible_no_union:
        plan.workforce[MID_2022] = rng.randint(MIN_WORKERS, 160)
    for plan in small:
        plan.workforce[MID_2022] = rng.randint(4, MIN_WORKERS - 1)
    for plan in suspended:
        plan.workforce[MID_2022] = rng.randint(10, 180)
    for plan in building:
        if rng.random() < 0.5:
            plan.workforce[_between(rng, plan.building, D(2022, 8, 31))] = rng.randint(3, 25)
    for plan in with_union + eligible_no_union + small + suspended + closed:
        first = plan.workforce.get(MID_2022) or rng.randint(30, 400)
        plan.workforce[plan.operating] = max(3, round(first * rng.uniform(0.3, 0.9)))

    # Trade unions on D1: 148.630 members in the 275.
    for plan in with_union:
        upper = min(
            LAST_BEFORE_D1, min((s for _o, s, _e in plan.coverage), default=LAST_BEFORE_D1) - _days(1)
        )
        founded = _between(rng, plan.operating + _days(60), upper)
        plan.union = MassPlan(MassOrganizationKind.TRADE_UNION, f"Công đoàn cơ sở {plan.name}", founded)
        plan.union.members[founded] = max(5, round(plan.workforce[plan.operating] * rng.uniform(0.5, 0.8)))
    ratios = [p.workforce[MID_2022] * rng.uniform(0.88, 0.99) for p in with_union]
    m22 = _fit(
        [round(r) for r in ratios], UNION_MEMBERS_D1, ceiling=[p.workforce[MID_2022] for p in with_union]
    )
    for plan, members in zip(with_union, m22, strict=True):
        plan.union.members[MID_2022] = members

    # Between D1 and D2: 3 unions dissolve as their enterprises close; 45 new unions.
    closing = rng.sample(generated_b, UNIONS_DISSOLVED)
    for plan in closing:
        plan.union.dissolved = _between(rng, D(2023, 2, 1), D(2023, 11, 30))
        plan.closed = plan.union.dissolved + _days(rng.randint(0, 45))
    grown = rng.sample(small, SMALL_GROWN)
    becoming = rng.sample(licensed, NEW_OPERATING_WITH_UNION // 2) + rng.sample(
        building, NEW_OPERATING_WITH_UNION - NEW_OPERATING_WITH_UNION // 2
    )
    fast = late[:NEW_LICENSED_WITH_UNION]
    for plan in becoming + fast:
        if plan.building is None or plan.building <= plan.licensed:
            plan.building = plan.licensed + _days(rng.randint(30, 120))
        plan.operating = _between(rng, max(plan.building, D1) + _days(60), D(2024, 1, 31))
        plan.workforce[plan.operating] = rng.randint(40, 300)
    new_unions = eligible_no_union + grown + becoming + fast
    for plan in new_unions:
        earliest = max(plan.operating + _days(30), D1 + _days(20))
        founded = _between(rng, earliest, LAST_BEFORE_D2)
        plan.union = MassPlan(MassOrganizationKind.TRADE_UNION, f"Công đoàn cơ sở {plan.name}", founded)
        base = plan.workforce.get(MID_2022) or plan.workforce[plan.operating]
        plan.union.members[founded] = max(5, round(base * rng.uniform(0.5, 0.9)))
    for plan in late:
        if plan not in fast and rng.random() < 0.6:
            plan.building = plan.licensed + _days(rng.randint(30, 150))
            if plan.building > D(2024, 6, 1):
                plan.building = None

    # Workforce and union members on D2 (30/06/2024): 317 unions with 227.416 members.
    unions_d2 = [p for p in planner.plans if p.union and not p.union.dissolved]
    assert len(unions_d2) == UNIONS_D2, len(unions_d2)
    raw = []
    for plan in unions_d2:
        if plan in grown:
            raw.append(rng.randint(MIN_WORKERS + 2, 60))
        elif MID_2022 in plan.workforce and plan in with_union:
            raw.append(plan.workforce[MID_2022] * rng.uniform(1.1, 1.7))
        elif plan in eligible_no_union:
            raw.append(plan.workforce[MID_2022] * rng.uniform(1.2, 3.0))
        else:
            raw.append(_lognormal(rng, 520, 0.7, 60, 4000))
    members_raw = [r * rng.uniform(0.86, 0.98) for r in raw]
    m24 = _fit([max(5, round(m)) for m in members_raw], UNION_MEMBERS_D2, floor=[5] * len(unions_d2))
    for plan, workers, members in zip(unions_d2, raw, m24, strict=True):
        plan.workforce[MID_2024] = max(round(workers), members, MIN_WORKERS if plan in grown else 1)
        plan.union.members[MID_2024] = members
    for plan in planner.plans:
        if plan.closed is None and plan.operating and plan.operating <= D2 and MID_2024 not in plan.workforce:
            last = plan.workforce[max(plan.workforce)]
            plan.workforce[MID_2024] = max(1, round(last * rng.uniform(0.9, 1.3)))

    # Youth unions: 20 in enterprises on D1, 25 on D2 (with the Board's: 26, 1.411 members).
    candidates = sorted([p for p in with_union if p not in closing], key=lambda p: -p.workforce[MID_2022])
    youth_plans = candidates[: YOUTH_D1 + (YOUTH_UNIONS_D2 - 1 - YOUTH_D1)]
    for index, plan in enumerate(youth_plans):
        if index < YOUTH_D1:
            founded = _between(rng, max(plan.union.founded, D(2008, 1, 1)), LAST_BEFORE_D1)
        else:
            founded = _between(rng, D1 + _days(30), LAST_BEFORE_D2)
        plan.youth = MassPlan(MassOrganizationKind.YOUTH_UNION, f"Đoàn Thanh niên {plan.name}", founded)
        plan.youth.members[founded] = rng.randint(12, 35)
        if founded < MID_2022:
            plan.youth.members[MID_2022] = rng.randint(25, 70)
    unit_youth = 38
    y24 = _fit(
        [rng.randint(30, 90) for _p in youth_plans],
        YOUTH_MEMBERS_D2 - unit_youth,
        floor=[10] * len(youth_plans),
    )
    for plan, members in zip(youth_plans, y24, strict=True):
        plan.youth.members[MID_2024] = members
    # Veterans' associations in the enterprises of state and domestic groups with a party committee.
    for plan in [p for p in org_plans if p.ownership in (Ownership.STATE, Ownership.DOMESTIC_PRIVATE)][:3]:
        founded = _between(rng, plan.union.founded, LAST_BEFORE_D1)
        plan.veterans = MassPlan(MassOrganizationKind.VETERANS, f"Hội Cựu chiến binh {plan.name}", founded)
        plan.veterans.members[founded] = rng.randint(8, 20)
        plan.veterans.members[MID_2024] = rng.randint(12, 30)
    planner.unit_youth = unit_youth
    planner.org_plans = org_plans
    planner.generated_b = [p for p in generated_b if p not in closing]
    return planner.plans, planner
