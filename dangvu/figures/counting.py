"""THE definitions of every count (../shared/domain/counting.md). Pages, the API, exports, reports and the
command line call these functions and nothing else computes a figure.

Members are read from the ledger's projection (`MembershipPeriod`: member M belonged to organization O
from `start`, inclusive, to `end`, exclusive); organizations from their event history
(`organizations.tree.History`). "On D" is the end of day D.
"""

import bisect
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from dangvu.core.dates import add_months
from dangvu.members.choices import AGE_BANDS, ENDING_KINDS, EventKind, Gender, MemberStatus
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


def full_on(day: datetime.date) -> Q:
    """Periods of members who are full members on D: recognition date on or before D (counting.md)."""
    return Q(recognized_on__lte=day)


def members_on(scope: Scope, *, status: str | None = None, sector: str | None = None) -> QuerySet:
    """Members of X on D (counting.md), as a Member queryset in Vietnamese order: the list pages use it.

    `status` ("full" or "probationary") keeps those who are full or probationary members on D; `sector`
    keeps those whose organization on D is of that sector (the sector of a member on D)."""
    periods = periods_on(scope)
    if status == MemberStatus.FULL:
        periods = periods.filter(full_on(scope.day))
    elif status == MemberStatus.PROBATIONARY:
        periods = periods.exclude(full_on(scope.day))
    if sector:
        tree = scope.tree
        periods = periods.filter(
            organization_id__in=sorted(i for i in scope.org_ids() if tree.states[i].sector == sector)
        )
    return Member.objects.filter(pk__in=periods.values("member_id"))


@dataclass(frozen=True)
class Standing:
    """Where a member belongs on D and how: the period covering D and the status it gives."""

    organization_id: int
    admitted_on: datetime.date
    recognized_on: datetime.date | None
    status: str  # MemberStatus.FULL or PROBATIONARY


def standing_on(member_ids, day: datetime.date) -> dict[int, Standing]:
    """For each of `member_ids` who is a member on D: the organization they belong to on D, the admission
    and recognition dates of that membership, and whether they are a full or probationary member on D
    (counting.md). Members who are not members on D are left out. One query."""
    rows = (
        MembershipPeriod.objects.filter(_covering(day), member_id__in=list(member_ids))
        .order_by("start")
        .values_list("member_id", "organization_id", "admitted_on", "recognized_on")
    )
    return {
        member_id: Standing(
            org_id,
            admitted,
            recognized,
            MemberStatus.FULL if recognized is not None and recognized <= day else MemberStatus.PROBATIONARY,
        )
        for member_id, org_id, admitted, recognized in rows
    }


def _latest_birth(day: datetime.date, years: int) -> datetime.date:
    """The latest birth date of someone at least `years` old on `day` (dates.age_on). Usually D − years, but
    on 28 February of a common year those born on 29 February of a leap year have their birthday too."""
    latest = add_months(day, -12 * years)
    following = latest + datetime.timedelta(days=1)
    return following if add_months(following, 12 * years) <= day else latest


def age_band_birth_range(day: datetime.date, band: str) -> tuple[datetime.date, datetime.date]:
    """(oldest birth date excluded, newest birth date included) of the people whose age on `day` (whole
    years, dates.age_on) falls in the age band `band`."""
    for value, low, high in AGE_BANDS:
        if value == band:
            return _latest_birth(day, high + 1), _latest_birth(day, low)
    raise KeyError(band)


def former_members_on(scope: Scope, *, sector: str | None = None) -> QuerySet:
    """People who are not members on D and whose last organization up to D was under X (including
    organizations that had ended by then: History.ever_under), as a Member queryset."""
    history = scope.history
    day = scope.day
    org_ids = set(history.timelines) if scope.org_id is None else history.ever_under(scope.org_id, day)
    if sector:
        org_ids = {i for i in org_ids if (s := history.last_state_on(i, day)) and s.sector == sector}
    # A member's last period started on or before D; when it ended by D, no period covers D (periods of one
    # member never overlap), so the person is no longer a member on D.
    last_period = (
        MembershipPeriod.objects.filter(member=OuterRef("member_id"), start__lte=day)
        .order_by("-start", "-id")
        .values("id")[:1]
    )
    periods = MembershipPeriod.objects.filter(
        start__lte=day, end__lte=day, organization_id__in=sorted(org_ids), id=Subquery(last_period)
    )
    return Member.objects.filter(pk__in=periods.values("member_id"))


def _age_band_counts(day: datetime.date) -> dict:
    """One conditional count per age band, to aggregate over periods joined with their members."""
    counts = {}
    for band, _low, _high in AGE_BANDS:
        oldest_excluded, newest = age_band_birth_range(day, band.value)
        born_in_band = Q(member__birth_date__lte=newest, member__birth_date__gt=oldest_excluded)
        counts[f"band_{band.value}"] = Count("member_id", filter=born_in_band)
    return counts


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
    # Two queries: per organization from the periods alone (the total, full members and, through the
    # organization, the sector), then per personal attributes in one join with the members. Each groups by
    # plain columns (conditional counts for the rest), so that the database aggregates in a small hash.
    rows = (
        periods_on(scope)
        .values("organization_id")
        .annotate(n=Count("*"), full=Count("organization_id", filter=full_on(scope.day)))
        .values_list("organization_id", "n", "full")
        .order_by()
    )
    for org_id, n, full in rows:
        counts.total += n
        counts.by_organization[org_id] = n
        counts.full += full
        counts.probationary += n - full
        state = tree.states.get(org_id)
        if state is not None and state.sector == Sector.ENTERPRISE:
            counts.enterprise += n
        else:
            counts.administrative += n
    if breakdowns:
        attributes = ("member__gender", "member__ethnicity", "member__theory_level")
        detail = periods_on(scope).values(*attributes).annotate(n=Count("*"), **_age_band_counts(scope.day))
    else:
        detail = periods_on(scope).values("member__gender").annotate(n=Count("*"))
    ages: Counter = Counter()
    ethnicities: Counter = Counter()
    theory: Counter = Counter()
    for row in detail.order_by():
        n = row["n"]
        if row["member__gender"] == Gender.FEMALE:
            counts.female += n
        else:
            counts.male += n
        if breakdowns:
            for band, _low, _high in AGE_BANDS:
                ages[band.value] += row[f"band_{band.value}"]
            ethnicities[row["member__ethnicity"] or ""] += n
            theory[row["member__theory_level"] or ""] += n
    if breakdowns:
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


def _is_under(history: History, org: int | None, top: int | None, day: datetime.date) -> bool:
    """Whether `org` is under X on `day` (X itself or its chain of parents on D reaches X), as
    `history.tree_on(day).under(X)` says, by walking the chain instead of building the day's whole tree."""
    state = history.state_on(org, day) if org is not None else None
    if state is None:
        return False
    seen = set()
    while state is not None and org not in seen:
        if top is None or org == top:
            return True
        seen.add(org)
        org = state.parent_id
        state = history.state_on(org, day) if org is not None else None
    return False


def _possibly_under(history: History, top: int) -> set[int]:
    """Every organization that is under X on some date: X and, repeatedly, whatever names one of them as
    its parent in any state (a superset of X's subtree on every date)."""
    children: dict[int, set[int]] = {}
    for org, timeline in history.timelines.items():
        for _day, state in timeline:
            if state is not None and state.parent_id is not None:
                children.setdefault(state.parent_id, set()).add(org)
    found = {top}
    stack = [top]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _everything_between(
    history: History, org_id: int | None, first: datetime.date, last: datetime.date
) -> bool:
    """Whether X is the whole installation on every day of [first, last]: X exists at the top all along and
    no other organization is at the top on any of those days. (The services keep the parent of every other
    organization existing while it exists, so everything else is under X.)"""
    if org_id is None:
        return True
    state = history.state_on(org_id, first)
    if state is None or state.parent_id is not None:
        return False
    for day, state in history.timelines[org_id]:
        if first < day <= last and (state is None or state.parent_id is not None):
            return False
    for org, timeline in history.timelines.items():
        if org == org_id:
            continue
        for index, (day, state) in enumerate(timeline):
            if state is None or state.parent_id is not None or day > last:
                continue
            until = timeline[index + 1][0] if index + 1 < len(timeline) else datetime.date.max
            if until > first:
                return False
    return True


def flows(history: History, org_id: int | None, start: datetime.date, end: datetime.date) -> Flows:
    """Events dated in [start, end] that concern organizations under X on the event's date (counting.md)."""
    result = Flows(start, end)
    one_day = datetime.timedelta(days=1)
    events = MembershipEvent.objects.filter(voided_at__isnull=True, date__gte=start, date__lte=end).exclude(
        kind__in=[EventKind.TEMPORARY_TRANSFER, EventKind.EXEMPTION]
    )
    if _everything_between(history, org_id, start - one_day, end):
        # X is everything on every day concerned (the usual question, about the root): every event counts
        # and no transfer inside crosses X's border, so the database counts by kind alone.
        ended: Counter = Counter()
        rows = (
            events.exclude(kind=EventKind.TRANSFER)
            .filter(organization_id__isnull=False)
            .values("kind")
            .annotate(n=Count("*"))
            .values_list("kind", "n")
            .order_by()
        )
        for kind, n in rows:
            if kind == EventKind.ADMISSION:
                result.admitted += n
            elif kind == EventKind.RECOGNITION:
                result.recognized += n
            elif kind == EventKind.TRANSFER_IN:
                result.transferred_in += n
            elif kind == EventKind.TRANSFER_OUT:
                result.transferred_out += n
            elif kind in ENDING_KINDS:
                ended[kind] += n
        result.ended = dict(sorted(ended.items()))
        # Under X on the founding day, and on the day before the end: existing then is enough here.
        result.founded = sum(
            1
            for org, day in history.foundings()
            if start <= day <= end and history.state_on(org, day) is not None
        )
        result.dissolved = sum(
            1
            for org, timeline in history.timelines.items()
            for (day, state), previous in zip(timeline[1:], timeline, strict=False)
            if state is None
            and previous[1] is not None
            and start <= day <= end
            and history.state_on(org, day - one_day) is not None
        )
        return result
    change_dates = history.change_dates
    memo: dict[tuple[int | None, int], bool] = {}

    def under(org: int | None, day: datetime.date) -> bool:
        # The tree only changes on change dates: one answer per organization and stretch between them.
        key = (org, bisect.bisect_right(change_dates, day))
        found = memo.get(key)
        if found is None:
            found = memo[key] = _is_under(history, org, org_id, day)
        return found

    rows = (
        events.values("kind", "date", "organization_id", "to_organization_id")
        .annotate(n=Count("*"))
        .values_list("kind", "date", "organization_id", "to_organization_id", "n")
        .order_by()
    )
    candidates = set(history.timelines) if org_id is None else _possibly_under(history, org_id)
    if len(candidates) < len(history.timelines):
        # Only events that name an organization that can be under X can count: let the database skip the rest.
        ids = sorted(candidates)
        rows = rows.filter(Q(organization_id__in=ids) | Q(to_organization_id__in=ids))
    ended: Counter = Counter()
    for kind, day, organization_id, to_organization_id, n in rows:
        here = under(organization_id, day)
        if not here and organization_id is not None and history.state_on(organization_id, day) is None:
            # Members leave an organization on the day it ends (merged, dissolved): it was under X until
            # then, as it was on the day before (the members were counted there on that day).
            here = under(organization_id, day - one_day)
        if kind == EventKind.ADMISSION and here:
            result.admitted += n
        elif kind == EventKind.RECOGNITION and here:
            result.recognized += n
        elif kind == EventKind.TRANSFER_IN and here:
            result.transferred_in += n
        elif kind == EventKind.TRANSFER_OUT and here:
            result.transferred_out += n
        elif kind == EventKind.TRANSFER:
            there = under(to_organization_id, day)
            if there and not here:
                result.transferred_in += n
            elif here and not there:
                result.transferred_out += n
        elif kind in ENDING_KINDS and here:
            ended[kind] += n
    result.ended = dict(sorted(ended.items()))
    for org, first_day in history.foundings():
        if start <= first_day <= end and org in candidates and under(org, first_day):
            result.founded += 1
    for org in candidates:
        timeline = history.timelines.get(org, [])
        for (day, state), previous in zip(timeline[1:], timeline, strict=False):
            if state is None and previous[1] is not None and start <= day <= end:
                # Under X on the day before it ended.
                if under(org, day - one_day):
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


def admission_events(
    history: History, org_id: int | None, start: datetime.date, end: datetime.date
) -> QuerySet:
    """The admission events that `flows(...).admitted` counts, as a MembershipEvent queryset: dated in
    [start, end], not corrected, of an organization under X on the event's date (or, for an organization that
    ended that day, on the day before). The lists that show "admitted in the period" read these."""
    one_day = datetime.timedelta(days=1)
    events = MembershipEvent.objects.filter(
        voided_at__isnull=True,
        kind=EventKind.ADMISSION,
        date__gte=start,
        date__lte=end,
        organization_id__isnull=False,
    )
    if _everything_between(history, org_id, start - one_day, end):
        return events
    keep = []
    for pk, day, organization_id in events.values_list("pk", "date", "organization_id").order_by():
        here = _is_under(history, organization_id, org_id, day)
        if not here and history.state_on(organization_id, day) is None:
            here = _is_under(history, organization_id, org_id, day - one_day)
        if here:
            keep.append(pk)
    return events.filter(pk__in=keep)


def admitted_members(
    history: History, org_id: int | None, start: datetime.date, end: datetime.date
) -> QuerySet:
    """The people of `admission_events`, as a Member queryset."""
    return Member.objects.filter(pk__in=admission_events(history, org_id, start, end).values("member_id"))


def founded_organizations(
    history: History, org_id: int | None, start: datetime.date, end: datetime.date
) -> set[int]:
    """The organizations that `flows(...).founded` counts: founded in [start, end], under X on their founding
    day."""
    one_day = datetime.timedelta(days=1)
    founded = [(org, day) for org, day in history.foundings() if start <= day <= end]
    if _everything_between(history, org_id, start - one_day, end):
        return {org for org, day in founded if history.state_on(org, day) is not None}
    candidates = set(history.timelines) if org_id is None else _possibly_under(history, org_id)
    return {org for org, day in founded if org in candidates and _is_under(history, org, org_id, day)}
