"""THE coverage figures: where the trade unions, the Youth Union and the Party are among the enterprises,
and where they are not yet (issue 5). Pages, the API, reports and `dangvu coverage` call `coverage()`.

Definitions, for a date D ("on D" is the end of day D), the whole register or one zone:
- An enterprise is in the register on D from its first status; its status on D is that of its latest
  status change on or before D; it exists on D unless that status is "closed".
- Its workforce on D is its latest workforce snapshot on or before D (none: 0 workers); a mass
  organization's members on D, its latest membership snapshot on or before D (none: 0).
- A mass organization exists on D when founded on or before D and not dissolved on or before D. An
  enterprise "has a union" (a youth union) on D when a grassroots trade union (youth union) of it exists.
- Eligible for a union on D: operating stably on D with at least `enterprise.union_eligible_min_workers`
  workers (a dated setting, "theo cấu hình", dangvu.core.rules).
- An enterprise "has a party organization" on D when a party organization that exists on D covers it on D
  (PartyCoverage: start <= D < end). The party coverage rate is enterprises operating stably with a party
  organization / enterprises operating stably.
- Party members of the covering organizations: members on D (figures.counting) who belong to a covering
  organization or to an organization under it on D, each counted once; per 1,000 workers of the
  enterprises that exist on D in the same scope. A party organization that covers enterprises in several
  zones counts its members in each zone's row.
- Party members working in an enterprise: members on D whose workplace on D (enterprises.Workplace) is it.
- Organizations of units (no enterprise) and the Zone's own organizations count only for the whole
  register, never for a zone. By investor country: an enterprise counts under each of its investor
  countries, a domestic one (no country) under Việt Nam.
- Percentages: one decimal, rounded half up (dangvu.core.numbers.percent).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from dangvu.core import rules
from dangvu.core.numbers import percent
from dangvu.core.text import fold
from dangvu.enterprises.choices import Country, EnterpriseStatus, MassOrganizationKind, MassOrganizationLevel
from dangvu.enterprises.models import (
    Enterprise,
    EnterpriseStatusChange,
    InvestorCountry,
    MassOrganization,
    MembershipSnapshot,
    PartyCoverage,
    WorkforceSnapshot,
    Workplace,
    Zone,
    active_on,
)
from dangvu.enterprises.services import clean_tax_code
from dangvu.organizations.tree import History, Tree

from .counting import Scope, member_counts, members_on

ELIGIBILITY_RULE = "enterprise.union_eligible_min_workers"
Status = EnterpriseStatus
Kind = MassOrganizationKind


@dataclass
class EnterpriseOnDay:
    """One enterprise as it stands on D."""

    id: int
    name: str
    tax_code: str
    zone_id: int | None
    countries: tuple[str, ...]
    status: str
    workers: int = 0
    women: int = 0
    young_workers: int = 0
    union_id: int | None = None
    union_members: int = 0
    youth_union_id: int | None = None
    youth_members: int = 0
    party_org_ids: tuple[int, ...] = ()
    eligible: bool = False

    @property
    def exists(self) -> bool:
        return self.status != Status.CLOSED


@dataclass
class MassOrganizationOnDay:
    id: int
    kind: str
    level: str
    name: str
    enterprise_id: int | None
    unit: str
    members: int = 0


@dataclass
class Register:
    """The register on D: its enterprises and the mass organizations that exist on D."""

    day: datetime.date
    tree: Tree
    min_workers: int
    enterprises: list[EnterpriseOnDay] = field(default_factory=list)
    mass_organizations: list[MassOrganizationOnDay] = field(default_factory=list)


def _latest(rows) -> dict:
    """{key: values} of the last row per key, for rows ordered by date."""
    result = {}
    for key, *values in rows:
        result[key] = values
    return result


def register_on(
    day: datetime.date,
    *,
    zone: Zone | None = None,
    within: set[int] | None = None,
    history: History | None = None,
) -> Register:
    """The enterprises (of one zone, or the whole register; only those in `within` when given) as they
    stand on D, with every mass organization that exists on D in them (and, for the whole register, those
    of units and of the Zone). A handful of queries, whatever the number of enterprises."""
    history = history or History.load()
    tree = history.tree_on(day)
    register = Register(day, tree, int(rules.value(ELIGIBILITY_RULE, day)))
    enterprises = Enterprise.objects.all()
    if zone is not None:
        enterprises = enterprises.filter(zone=zone)
    if within is not None:
        enterprises = enterprises.filter(pk__in=sorted(within))
    ids = enterprises.values("pk")
    statuses = _latest(
        EnterpriseStatusChange.objects.filter(enterprise_id__in=ids, voided_at__isnull=True, date__lte=day)
        .order_by("date", "id")
        .values_list("enterprise_id", "status")
    )
    workforce = _latest(
        WorkforceSnapshot.objects.filter(enterprise_id__in=ids, date__lte=day)
        .order_by("date")
        .values_list("enterprise_id", "workers", "women", "young_workers")
    )
    countries: dict[int, list[str]] = defaultdict(list)
    for enterprise_id, country in (
        InvestorCountry.objects.filter(enterprise_id__in=ids)
        .order_by("id")
        .values_list("enterprise_id", "country")
    ):
        countries[enterprise_id].append(country)
    covering: dict[int, set[int]] = defaultdict(set)
    for enterprise_id, org_id in PartyCoverage.objects.filter(
        active_on(day), enterprise_id__in=ids
    ).values_list("enterprise_id", "organization_id"):
        if tree.exists(org_id):
            covering[enterprise_id].add(org_id)

    by_id: dict[int, EnterpriseOnDay] = {}
    for pk, name, tax_code, zone_id in enterprises.order_by("sort_key", "id").values_list(
        "pk", "name", "tax_code", "zone_id"
    ):
        if pk not in statuses:
            continue  # not in the register yet on D
        workers, women, young = workforce.get(pk, (0, 0, 0))
        item = EnterpriseOnDay(
            pk,
            name,
            tax_code,
            zone_id,
            tuple(countries.get(pk, ())),
            statuses[pk][0],
            workers,
            women,
            young,
            party_org_ids=tuple(sorted(covering.get(pk, ()))),
        )
        item.eligible = item.status == Status.OPERATING and item.workers >= register.min_workers
        by_id[pk] = item
        register.enterprises.append(item)

    whole = zone is None and within is None
    orgs = MassOrganization.objects.existing_on(day)
    if not whole:
        # Organizations of units and of the Zone belong to no zone and to no user's set of enterprises.
        orgs = orgs.filter(enterprise_id__in=sorted(by_id))
    members = _latest(
        MembershipSnapshot.objects.filter(organization__in=orgs.values("pk"), date__lte=day)
        .order_by("date")
        .values_list("organization_id", "members")
    )
    for pk, kind, level, name, enterprise_id, unit in orgs.order_by("sort_key", "id").values_list(
        "pk", "kind", "level", "name", "enterprise_id", "unit"
    ):
        if enterprise_id is not None and enterprise_id not in by_id:
            continue
        org = MassOrganizationOnDay(pk, kind, level, name, enterprise_id, unit, members.get(pk, [0])[0])
        register.mass_organizations.append(org)
        if enterprise_id is None or level != MassOrganizationLevel.GRASSROOTS:
            continue
        enterprise = by_id[enterprise_id]
        if kind == Kind.TRADE_UNION:
            enterprise.union_id, enterprise.union_members = pk, org.members
        elif kind == Kind.YOUTH_UNION:
            enterprise.youth_union_id, enterprise.youth_members = pk, org.members
    return register


def per_thousand(count: int, base: int) -> Decimal | None:
    """count per 1,000 of base, one decimal, rounded half up; None without a base."""
    if not base:
        return None
    return (Decimal(count) * 1000 / Decimal(base)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _party_members(org_ids: set[int], tree: Tree, by_organization: dict[int, int]) -> int:
    """Members on D of these organizations and everything under them, each organization once."""
    under: set[int] = set()
    for org_id in org_ids:
        under |= tree.under(org_id)
    return sum(by_organization.get(org_id, 0) for org_id in under)


def summary(items: list[EnterpriseOnDay], tree: Tree, by_organization: dict[int, int]) -> dict:
    """The coverage figures of a set of enterprises on one date (the whole scope, a zone, a country)."""
    existing = [e for e in items if e.exists]
    operating = [e for e in existing if e.status == Status.OPERATING]
    eligible = [e for e in existing if e.eligible]
    with_union = [e for e in existing if e.union_id]
    party_orgs = {org_id for e in existing for org_id in e.party_org_ids}
    workers = sum(e.workers for e in existing)
    party_members = _party_members(party_orgs, tree, by_organization)
    eligible_with_union = sum(1 for e in eligible if e.union_id)
    operating_with_party = sum(1 for e in operating if e.party_org_ids)
    return {
        "enterprises": len(existing),
        "operating": len(operating),
        "eligible": len(eligible),
        "with_union": len(with_union),
        "eligible_with_union": eligible_with_union,
        "union_percent_of_eligible": percent(eligible_with_union, len(eligible)),
        "with_youth_union": sum(1 for e in existing if e.youth_union_id),
        "with_party": sum(1 for e in existing if e.party_org_ids),
        "operating_with_party": operating_with_party,
        "party_percent_of_operating": percent(operating_with_party, len(operating)),
        "party_organizations": len(party_orgs),
        "party_members": party_members,
        "party_members_per_1000_workers": per_thousand(party_members, workers),
        "workers": workers,
        "women": sum(e.women for e in existing),
        "young_workers": sum(e.young_workers for e in existing),
        "workers_in_enterprises_with_union": sum(e.workers for e in with_union),
        "union_members_in_enterprises": sum(e.union_members for e in with_union),
        "youth_members_in_enterprises": sum(e.youth_members for e in existing if e.youth_union_id),
    }


def _workplaces_of_members(enterprise_ids, day: datetime.date, history: History):
    """Workplaces on D, in the enterprises, of those who are members on D (figures.counting)."""
    members = members_on(Scope(day, None, history))
    return Workplace.objects.filter(
        active_on(day), enterprise_id__in=sorted(enterprise_ids), member__in=members
    )


def party_member_ids_working_in(enterprise_id: int, day: datetime.date, history: History) -> list[int]:
    """The members counted by `party_members_working_in` for one enterprise (its page lists them)."""
    return sorted(
        set(_workplaces_of_members([enterprise_id], day, history).values_list("member_id", flat=True))
    )


def party_members_working_in(enterprise_ids, day: datetime.date, history: History) -> dict[int, int]:
    """Members on D (figures.counting) whose workplace on D is each enterprise."""
    rows = (
        _workplaces_of_members(enterprise_ids, day, history)
        .values("enterprise_id")
        .annotate(n=Count("member_id", distinct=True))
        .order_by()
    )
    return {row["enterprise_id"]: row["n"] for row in rows}


def candidates_working_in(enterprise_ids, day: datetime.date) -> dict[int, int] | None:
    """How many candidates work in each enterprise on D (`candidate_ids_working_in`)."""
    found = candidate_ids_working_in(enterprise_ids, day)
    return None if found is None else {pk: len(ids) for pk, ids in found.items()}


def candidate_ids_working_in(enterprise_ids, day: datetime.date) -> dict[int, list[int]] | None:
    """Candidates (quần chúng ưu tú) working in each enterprise on D; None while the member-development app
    (dangvu.development) is not installed, so that the coverage figures never depend on it.

    A candidate counts on D from their first step on or before D until their admission decision or their
    stop (a step "admitted" or "stopped" on or before D); voided steps do not count. The candidate's
    enterprise is read through that app's enterprise seam: a foreign key `enterprise` once it has one,
    until then the tax code it records (matched after normalization), else the enterprise's name."""
    if not apps.is_installed("dangvu.development"):
        return None
    from dangvu.development.choices import StepKind
    from dangvu.development.models import Candidate, CandidateStep

    ids = set(enterprise_ids)
    active: dict[int, bool] = {}
    for candidate_id, kind in (
        CandidateStep.objects.filter(voided_at__isnull=True, date__lte=day)
        .order_by("date", "id")
        .values_list("candidate_id", "kind")
    ):
        if kind in (StepKind.ADMITTED, StepKind.STOPPED):
            active[candidate_id] = False
        else:
            active.setdefault(candidate_id, True)
    current = [pk for pk, still in active.items() if still]
    found: dict[int, list[int]] = {}
    if any(f.name == "enterprise" for f in Candidate._meta.get_fields()):
        for pk, enterprise_id in Candidate.objects.filter(pk__in=current).values_list("pk", "enterprise_id"):
            if enterprise_id in ids:
                found.setdefault(enterprise_id, []).append(pk)
        return found
    by_tax_code = {}
    by_name = {}
    for pk, name, tax_code in Enterprise.objects.filter(pk__in=sorted(ids)).values_list(
        "pk", "name", "tax_code"
    ):
        by_tax_code[tax_code] = pk
        by_name[fold(name)] = pk
    for pk, name, tax_code in Candidate.objects.filter(pk__in=current).values_list(
        "pk", "enterprise_name", "enterprise_tax_code"
    ):
        enterprise_id = None
        if tax_code:
            try:
                enterprise_id = by_tax_code.get(clean_tax_code(tax_code))
            except ValidationError:
                enterprise_id = None
        if enterprise_id is None and name:
            enterprise_id = by_name.get(fold(name))
        if enterprise_id is not None:
            found.setdefault(enterprise_id, []).append(pk)
    return found


def _mass_totals(orgs: list[MassOrganizationOnDay], kind: str) -> dict:
    chosen = [o for o in orgs if o.kind == kind and o.level == MassOrganizationLevel.GRASSROOTS]
    return {"organizations": len(chosen), "members": sum(o.members for o in chosen)}


def coverage(
    day: datetime.date,
    *,
    zone: Zone | None = None,
    within: set[int] | None = None,
    history: History | None = None,
) -> dict:
    """Every coverage figure on D for one zone or the whole register (only the enterprises in `within`,
    the user's scope, when given). Numbers are ints, rates Decimals (see `as_json`)."""
    history = history or History.load()
    register = register_on(day, zone=zone, within=within, history=history)
    tree = register.tree
    by_organization = member_counts(Scope(day, None, history), breakdowns=False).by_organization
    items = register.enterprises
    whole = summary(items, tree, by_organization)
    orgs = register.mass_organizations
    unions = _mass_totals(orgs, Kind.TRADE_UNION)

    targets = [e for e in items if e.exists and e.union_id and not e.party_org_ids]
    targets.sort(key=lambda e: -e.workers)
    target_ids = [e.id for e in targets]
    working = party_members_working_in(target_ids, day, history)
    candidates = candidates_working_in(target_ids, day)
    zones = {z.pk: z for z in Zone.objects.all()}

    by_zone = []
    grouped: dict[int | None, list[EnterpriseOnDay]] = defaultdict(list)
    for item in items:
        grouped[item.zone_id].append(item)
    for zone_id in sorted(grouped, key=lambda z: (z is None, zones[z].sort_key if z else "")):
        row = summary(grouped[zone_id], tree, by_organization)
        if not row["enterprises"]:
            continue
        by_zone.append(
            {
                "zone": zones[zone_id].code if zone_id else None,
                "name": zones[zone_id].name if zone_id else _("Ngoài khu công nghiệp, khu kinh tế"),
                **row,
            }
        )
    by_country = []
    per_country: dict[str, list[EnterpriseOnDay]] = defaultdict(list)
    for item in items:
        for country in item.countries or (Country.VN.value,):
            per_country[country].append(item)
    for country, group in per_country.items():
        row = summary(group, tree, by_organization)
        if row["enterprises"]:
            by_country.append({"country": country, "name": str(Country(country).label), **row})
    by_country.sort(key=lambda r: (-r["enterprises"], r["country"]))

    status_counts = Counter(e.status for e in items)
    return {
        "as_of": day.isoformat(),
        "zone": zone.code if zone is not None else None,
        "zone_name": zone.name if zone is not None else "",
        "rule": {
            "key": ELIGIBILITY_RULE,
            "min_workers": register.min_workers,
            "source": rules.source(ELIGIBILITY_RULE, day),
        },
        "enterprises": {
            "total": whole["enterprises"],
            "by_status": {status.value: status_counts.get(status.value, 0) for status in Status},
        },
        "unions": {
            "eligible": whole["eligible"],
            "eligible_with_union": whole["eligible_with_union"],
            "percent_of_eligible": whole["union_percent_of_eligible"],
            "enterprises_with_union": whole["with_union"],
            "organizations": unions["organizations"],
            "members": unions["members"],
            "workers_in_enterprises_with_union": whole["workers_in_enterprises_with_union"],
            "members_in_enterprises": whole["union_members_in_enterprises"],
        },
        "youth_union": {
            **_mass_totals(orgs, Kind.YOUTH_UNION),
            "enterprises_with_youth_union": whole["with_youth_union"],
        },
        "youth_federation": _mass_totals(orgs, Kind.YOUTH_FEDERATION),
        "veterans": _mass_totals(orgs, Kind.VETERANS),
        "party": {
            "operating": whole["operating"],
            "operating_with_party": whole["operating_with_party"],
            "percent_of_operating": whole["party_percent_of_operating"],
            "enterprises_with_party": whole["with_party"],
            "organizations": whole["party_organizations"],
            "members": whole["party_members"],
            "members_per_1000_workers": whole["party_members_per_1000_workers"],
        },
        "workers": {
            "total": whole["workers"],
            "women": whole["women"],
            "young_workers": whole["young_workers"],
        },
        "zone_organizations": [
            {"kind": o.kind, "name": o.name, "members": o.members}
            for o in orgs
            if o.level == MassOrganizationLevel.ZONE
        ],
        "union_without_party": [
            {
                "id": e.id,
                "name": e.name,
                "tax_code": e.tax_code,
                "zone": zones[e.zone_id].code if e.zone_id else None,
                "status": e.status,
                "workers": e.workers,
                "union_members": e.union_members,
                "has_youth_union": bool(e.youth_union_id),
                "party_members": working.get(e.id, 0),
                "candidates": None if candidates is None else candidates.get(e.id, 0),
            }
            for e in targets
        ],
        "candidates_counted": candidates is not None,
        "by_zone": by_zone,
        "by_country": by_country,
    }


def as_json(value):
    """The figures as JSON data: rates (Decimal, already rounded) become numbers with the same digits."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, Decimal):
        return float(value)
    return value
