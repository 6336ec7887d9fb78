"""THE definitions of every count (../shared/domain/counting.md). Pages, the API, exports, reports and the
command line call these functions and nothing else computes a figure.

Members are read from the ledger's projection (`MembershipPeriod`: member M belonged to organization O
from `start`, inclusive, to `end`, exclusive); organizations from their event history
(`organizations.tree.History`). "On D" is the end of day D.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from dangvu.core.dates import add_months
from dangvu.members.choices import AGE_BANDS, ENDING_KINDS, EventKind, Gender
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.tree import History, Tree


def _covering(day: datetime.date) -> Q:
    """Periods in which the member belongs on `day` (end of day)."""
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gt=day))


@dataclass
class Scope:
    """An organization (with everything under it) on a date; `org_id=None` is the whole installation."""

    day: datetime.date
    org_id: int | None = None
    history: History = field(default_factory=History.load)

    @property
    def tree(self) -> Tree:
        return self.history.tree_on(self.day)

    def org_ids(self) -> set[int]:
        return self.tree.under(self.org_id)

    def is_whole(self) -> bool:
        # The whole installation: every organization counts, so no filter on organization is needed.
        return self.org_id is None or (self.org_id in self.tree.roots() and len(self.tree.roots()) == 1)


def periods_on(scope: Scope) -> QuerySet:
    """The projection rows of the members of the scope on its date."""
    qs = MembershipPeriod.objects.filter(_covering(scope.day))
    if not scope.is_whole():
        qs = qs.filter(organization_id__in=sorted(scope.org_ids()))
    return qs


def members_on(scope: Scope) -> QuerySet:
    """Members of X on D (counting.md), as a Member queryset in Vietnamese order: the list pages use it."""
    return Member.objects.filter(pk__in=periods_on(scope).values("member_id"))


def _age_band_case(day: datetime.date):
    whens = []
    for band, low, high in AGE_BANDS:
        # age on D in [low, high]  ⇔  birth in (D − (high+1) years, D − low years]
        newest = add_months(day, -12 * low)
        oldest_exclusive = add_months(day, -12 * (high + 1))
        whens.append(
            When(
                member__birth_date__lte=newest,
                member__birth_date__gt=oldest_exclusive,
                then=Value(band.value),
            )
        )
    return Case(*whens, default=Value(""))


def _full_case(day: datetime.date):
    return Case(When(recognized_on__lte=day, then=Value(1)), default=Value(0), output_field=IntegerField())


@dataclass
class MemberCounts:
    total: int = 0
    full: int = 0
    probationary: int = 0
    enterprise: int = 0
    administrative: int = 0
    female: int = 0
    male: int = 0
    by_organization: dict[int, int] = field(default_factory=dict)  # belonging to that organization itself
    by_age_band: dict[str, int] = field(default_factory=dict)
    by_ethnicity: dict[str, int] = field(default_factory=dict)
    by_theory_level: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "full": self.full,
            "probationary": self.probationary,
            "enterprise": self.enterprise,
            "administrative": self.administrative,
            "female": self.female,
            "male": self.male,
            "by_age_band": self.by_age_band,
            "by_ethnicity": self.by_ethnicity,
            "by_theory_level": self.by_theory_level,
        }


def member_counts(scope: Scope, *, breakdowns: bool = True) -> MemberCounts:
    """Members of the scope on its date: total, full/probationary, sector, gender and, with `breakdowns`,
    by age band, ethnicity and political-theory level."""
    tree = scope.tree
    counts = MemberCounts()
    rows = (
        periods_on(scope)
        .values("organization_id", "member__gender")
        .annotate(full=_full_case(scope.day))
        .values("organization_id", "member__gender", "full")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        n = row["n"]
        counts.total += n
        counts.by_organization[row["organization_id"]] = (
            counts.by_organization.get(row["organization_id"], 0) + n
        )
        if row["full"]:
            counts.full += n
        else:
            counts.probationary += n
        if row["member__gender"] == Gender.FEMALE:
            counts.female += n
        else:
            counts.male += n
        state = tree.states.get(row["organization_id"])
        if state is not None and state.sector == Sector.ENTERPRISE:
            counts.enterprise += n
        else:
            counts.administrative += n
    if breakdowns:
        ages: Counter = Counter()
        ethnicities: Counter = Counter()
        theory: Counter = Counter()
        detail = (
            periods_on(scope)
            .annotate(band=_age_band_case(scope.day))
            .values("band", "member__ethnicity", "member__theory_level")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in detail:
            ages[row["band"]] += row["n"]
            ethnicities[row["member__ethnicity"] or ""] += row["n"]
            theory[row["member__theory_level"] or ""] += row["n"]
        counts.by_age_band = {band.value: ages.get(band.value, 0) for band, _l, _h in AGE_BANDS}
        counts.by_ethnicity = dict(sorted(ethnicities.items(), key=lambda kv: (-kv[1], kv[0])))
        counts.by_theory_level = dict(sorted(theory.items()))
    return counts


def subtree_totals(scope: Scope, by_organization: dict[int, int]) -> dict[int, int]:
    """Members of each organization of the tree with everything under it, from the per-organization counts."""
    tree = scope.tree
    totals: dict[int, int] = {}

    def total(org_id: int) -> int:
        if org_id not in totals:
            totals[org_id] = by_organization.get(org_id, 0) + sum(
                total(c) for c in tree.direct_subordinates(org_id)
            )
        return totals[org_id]

    for org_id in tree.states:
        total(org_id)
    return totals


@dataclass
class Flows:
    start: datetime.date
    end: datetime.date
    admitted: int = 0
    recognized: int = 0
    transferred_in: int = 0  # from outside the installation, or from outside X inside it
    transferred_out: int = 0  # out of the installation, or out of X to elsewhere inside it
    ended: dict[str, int] = field(default_factory=dict)  # struck off, expelled, left, deceased
    founded: int = 0
    dissolved: int = 0

    def as_dict(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "admitted": self.admitted,
            "recognized": self.recognized,
            "transferred_in": self.transferred_in,
            "transferred_out": self.transferred_out,
            "ended": self.ended,
            "founded": self.founded,
            "dissolved": self.dissolved,
        }


def flows(history: History, org_id: int | None, start: datetime.date, end: datetime.date) -> Flows:
    """Events dated in [start, end] that concern organizations under X on the event's date (counting.md)."""
    result = Flows(start, end)
    under_cache: dict[datetime.date, set[int]] = {}

    def under(day: datetime.date) -> set[int]:
        tree = history.tree_on(day)
        if tree.day not in under_cache:
            under_cache[tree.day] = tree.under(org_id)
        return under_cache[tree.day]

    rows = (
        MembershipEvent.objects.filter(voided_at__isnull=True, date__gte=start, date__lte=end)
        .exclude(kind__in=[EventKind.TEMPORARY_TRANSFER, EventKind.EXEMPTION])
        .values("kind", "date", "organization_id", "to_organization_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    ended: Counter = Counter()
    for row in rows:
        inside = under(row["date"])
        kind = row["kind"]
        here = row["organization_id"] in inside
        n = row["n"]
        if kind == EventKind.ADMISSION and here:
            result.admitted += n
        elif kind == EventKind.RECOGNITION and here:
            result.recognized += n
        elif kind == EventKind.TRANSFER_IN and here:
            result.transferred_in += n
        elif kind == EventKind.TRANSFER_OUT and here:
            result.transferred_out += n
        elif kind == EventKind.TRANSFER:
            there = row["to_organization_id"] in inside
            if there and not here:
                result.transferred_in += n
            elif here and not there:
                result.transferred_out += n
        elif kind in ENDING_KINDS and here:
            ended[kind] += n
    result.ended = dict(sorted(ended.items()))
    for org, first_day in history.foundings():
        if start <= first_day <= end and org in under(first_day):
            result.founded += 1
    for org, timeline in history.timelines.items():
        for (day, state), previous in zip(timeline[1:], timeline, strict=False):
            if state is None and previous[1] is not None and start <= day <= end:
                # Under X on the day before it ended.
                if org in under(day - datetime.timedelta(days=1)):
                    result.dissolved += 1
    return result


ORG_KIND_KEYS = {
    OrganizationKind.UPPER_COMMITTEE: "upper_committees",
    OrganizationKind.GRASSROOTS_COMMITTEE: "grassroots_committees",
    OrganizationKind.SECTION_COMMITTEE: "section_committees",
    OrganizationKind.GRASSROOTS_CELL: "grassroots_cells",
    OrganizationKind.SUBORDINATE_CELL: "subordinate_cells",
}


def organization_counts(scope: Scope) -> dict:
    """Organizations under X on D, X itself excluded: by kind and sector, and X's direct subordinates."""
    tree = scope.tree
    below = tree.under(scope.org_id) - ({scope.org_id} if scope.org_id is not None else set())
    direct = tree.direct_subordinates(scope.org_id) if scope.org_id is not None else tree.roots()
    by_kind = Counter(tree.states[i].kind for i in below)
    result = {"direct_subordinates": len(direct)}
    for kind, key in ORG_KIND_KEYS.items():
        result[key] = by_kind.get(kind.value, 0)
    result["total"] = len(below)
    result["enterprise"] = sum(1 for i in below if tree.states[i].sector == Sector.ENTERPRISE)
    result["administrative"] = len(below) - result["enterprise"]
    direct_by = Counter((tree.states[i].kind, tree.states[i].sector) for i in direct)
    result["direct_by_kind_and_sector"] = {
        f"{kind}:{sector}": n for (kind, sector), n in sorted(direct_by.items())
    }
    result["direct_enterprise"] = sum(1 for i in direct if tree.states[i].sector == Sector.ENTERPRISE)
    return result


def year_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 1, 1)
