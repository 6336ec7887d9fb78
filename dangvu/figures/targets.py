"""THE progress of targets (counting.md "Targets"), and the figures built on it: the split of a target among
subordinate organizations, the emulation ranking, the `targets` entries of `statistics()`.

Definitions, for a target T and a date D ("on D" is the end of day D):
- T's window: its period; for a term target that holds for each year (`yearly`), the year of D within the
  term (the first or last year of the term when D is before or after it).
- Reached on D: the flow of T's measure over [window start, min(D, window end)] under T's receiver — the
  flows of `figures.counting` (admitted, founded) or, for the mass-organization measures, of the enterprise
  register below; 0 before the window starts. Nothing is typed in.
- Percent: reached / number × 100 with one decimal, rounded half up (50,5%); `percent_whole` the same to a
  whole percent (18%) for reports that print whole percents (core.numbers.percent). `shown_percent`, what
  the dashboard and the reports print beside "reached/number": one decimal against a number of 100 or more
  (96/190 = 50,5%), a whole percent against a smaller one (2/11 = 18%), where one unit is already more than a
  percentage point and a decimal would claim a precision the count does not have.
- Expected pace on D: the share of the window's days elapsed up to D (both ends counted), as a percent, and
  the number that share of the target represents. Ahead / on pace / behind compare reached × days of the
  window with number × days elapsed, exactly (no rounding); reached when reached ≥ number; missed when the
  window is over without it.
- Projection: reached at the pace so far, carried to the end of the window (reached × window days / days
  elapsed, rounded half up) — for a year target, the year-end projection.
- A split target: each part's own progress, its share of what the parent reached, and the parts that lag
  (behind or missed), worst first; what the parent reached outside its parts (its receiver itself and
  organizations without a part) is `reached_elsewhere`.

Mass-organization measures (the enterprise register, `figures.coverage`): a trade union (youth union) is
founded under X in [A, B] when it is a grassroots organization founded in [A, B] whose enterprise is covered
on that day by a party organization under X on that day; for the whole installation, every grassroots
organization founded in [A, B] counts (those of units and of enterprises no party organization covers yet
belong to the top, as in figures.coverage). Members gained is the net growth of the members of those
organizations: members on B (coverage's register) minus members on the day before A — the register counts
members by snapshot, it holds no individual recruitment, so this is the net figure.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.utils.translation import gettext as _

from dangvu.core.dates import today
from dangvu.core.numbers import format_percent, percent
from dangvu.organizations.tree import History
from dangvu.targets.choices import CriterionKind, Measure, Pace, PeriodKind
from dangvu.targets.models import EmulationCriterion, EmulationScore, Target

from .counting import _everything_between, flows


def shown_percent(reached: int, number: int) -> Decimal | None:
    """The percent printed beside "reached/number" (see the module's docstring)."""
    return percent(reached, number, places=1 if number >= 100 else 0)


DAY = datetime.timedelta(days=1)
ONE_DECIMAL = Decimal("0.1")


def window(target: Target, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The stretch of days a target counts over on D (see the module docstring)."""
    if target.period_kind == PeriodKind.TERM and target.yearly:
        year = min(max(day.year, target.start.year), target.end.year)
        return max(target.start, datetime.date(year, 1, 1)), min(target.end, datetime.date(year, 12, 31))
    return target.start, target.end


def _whole(history: History, org_id: int | None, start: datetime.date, end: datetime.date) -> bool:
    return _everything_between(history, org_id, start - DAY, end)


def _mass_kind(measure: str) -> str:
    from dangvu.enterprises.choices import MassOrganizationKind

    if measure in (Measure.TRADE_UNIONS_FOUNDED, Measure.UNION_MEMBERS_GAINED):
        return MassOrganizationKind.TRADE_UNION
    return MassOrganizationKind.YOUTH_UNION


def _covered_under(history: History, org_id: int, day: datetime.date, enterprise_ids=None) -> set[int]:
    """Enterprises covered on D by a party organization under X on D."""
    from dangvu.enterprises.models import PartyCoverage, active_on

    under = history.tree_on(day).under(org_id)
    rows = PartyCoverage.objects.filter(active_on(day), organization_id__in=sorted(under))
    if enterprise_ids is not None:
        rows = rows.filter(enterprise_id__in=sorted(enterprise_ids))
    return set(rows.values_list("enterprise_id", flat=True))


def mass_organizations_founded(
    history: History, org_id: int, start: datetime.date, end: datetime.date, kind: str
) -> int:
    """Grassroots trade unions (youth unions) founded in [start, end] under X (module docstring)."""
    from dangvu.enterprises.choices import MassOrganizationLevel
    from dangvu.enterprises.models import MassOrganization

    founded = MassOrganization.objects.filter(
        kind=kind, level=MassOrganizationLevel.GRASSROOTS, founded_on__gte=start, founded_on__lte=end
    )
    if _whole(history, org_id, start, end):
        return founded.count()
    by_day: dict[datetime.date, set[int]] = defaultdict(set)
    for enterprise_id, day in founded.filter(enterprise__isnull=False).values_list(
        "enterprise_id", "founded_on"
    ):
        by_day[day].add(enterprise_id)
    count = 0
    for day, enterprise_ids in by_day.items():
        covered = _covered_under(history, org_id, day, enterprise_ids)
        count += len(enterprise_ids & covered)
    return count


def mass_members_on(history: History, org_id: int, day: datetime.date, kind: str, *, whole: bool) -> int:
    """Members on D of the grassroots trade unions (youth unions) under X: the coverage register's count."""
    from dangvu.enterprises.choices import MassOrganizationLevel

    from .coverage import register_on

    if whole:
        register = register_on(day, history=history)
    else:
        register = register_on(day, within=_covered_under(history, org_id, day), history=history)
    return sum(
        o.members
        for o in register.mass_organizations
        if o.kind == kind and o.level == MassOrganizationLevel.GRASSROOTS
    )


def reached(history: History, measure: str, org_id: int, start: datetime.date, end: datetime.date) -> int:
    """The flow of `measure` over [start, end] under X: THE number a target's progress counts."""
    if measure == Measure.ADMISSIONS:
        return flows(history, org_id, start, end).admitted
    if measure == Measure.ORGANIZATIONS_FOUNDED:
        return flows(history, org_id, start, end).founded
    if not apps.is_installed("dangvu.enterprises"):
        raise LookupError(f"measure {measure!r} needs dangvu.enterprises")
    kind = _mass_kind(measure)
    if measure in (Measure.TRADE_UNIONS_FOUNDED, Measure.YOUTH_UNIONS_FOUNDED):
        return mass_organizations_founded(history, org_id, start, end, kind)
    whole = _whole(history, org_id, start, end)
    return mass_members_on(history, org_id, end, kind, whole=whole) - mass_members_on(
        history, org_id, start - DAY, kind, whole=whole
    )


def _half_up(value: Decimal, quantum: Decimal = ONE_DECIMAL) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


@dataclass
class Progress:
    target: Target
    day: datetime.date  # the date asked
    start: datetime.date  # the window
    end: datetime.date
    reached: int
    elapsed_days: int
    total_days: int

    @property
    def number(self) -> int:
        return self.target.number

    @property
    def aim(self) -> int | None:
        return self.target.aim

    @property
    def counted_to(self) -> datetime.date | None:
        """The last day counted: D, or the end of the window once it is over; None before it starts."""
        if self.day < self.start:
            return None
        return min(self.day, self.end)

    @property
    def percent(self) -> Decimal | None:
        return percent(self.reached, self.number)

    @property
    def percent_whole(self) -> Decimal | None:
        return percent(self.reached, self.number, places=0)

    @property
    def shown_percent(self) -> Decimal | None:
        return shown_percent(self.reached, self.number)

    @property
    def percent_of_aim(self) -> Decimal | None:
        return percent(self.reached, self.aim) if self.aim else None

    @property
    def expected_percent(self) -> Decimal:
        return percent(self.elapsed_days, self.total_days)

    @property
    def expected(self) -> Decimal:
        """The number the elapsed share of the window represents, one decimal."""
        return _half_up(Decimal(self.number) * self.elapsed_days / self.total_days)

    @property
    def pace(self) -> str:
        if self.elapsed_days == 0:
            return Pace.NOT_STARTED
        if self.reached >= self.number:
            return Pace.REACHED
        if self.elapsed_days >= self.total_days:
            return Pace.MISSED
        done, due = self.reached * self.total_days, self.number * self.elapsed_days
        if done > due:
            return Pace.AHEAD
        return Pace.ON_PACE if done == due else Pace.BEHIND

    @property
    def pace_label(self) -> str:
        return str(Pace(self.pace).label)

    @property
    def lags(self) -> bool:
        return self.pace in (Pace.BEHIND, Pace.MISSED)

    @property
    def projection(self) -> int | None:
        """Reached at the end of the window at the pace so far (None before the window starts)."""
        if self.elapsed_days == 0:
            return None
        value = Decimal(self.reached) * self.total_days / self.elapsed_days
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def projection_percent(self) -> Decimal | None:
        projection = self.projection
        return None if projection is None else percent(projection, self.number)

    @property
    def remaining(self) -> int:
        return max(self.number - self.reached, 0)

    def as_dict(self) -> dict:
        """The JSON form (`dangvu stats --json`, the API): percents as numbers with their digits."""
        target = self.target

        def number(value):
            return None if value is None else float(value)

        return {
            "id": target.pk,
            "measure": target.measure,
            "measure_name": str(target.get_measure_display()),
            "period": target.period_label,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "target": target.number,
            "aim": target.aim,
            "reached": self.reached,
            "percent": number(self.percent),
            "percent_whole": None if self.percent_whole is None else int(self.percent_whole),
            "percent_text": format_percent(self.percent),
            "expected_percent": number(self.expected_percent),
            "pace": self.pace,
            "projection": self.projection,
            "assigned_by": target.assigned_by,
            "document": target.document_label,
        }


def progress(target: Target, day: datetime.date, history: History | None = None) -> Progress:
    """THE progress of a target on D (module docstring)."""
    history = history or History.load()
    start, end = window(target, day)
    total = (end - start).days + 1
    if day < start:
        return Progress(target, day, start, end, 0, 0, total)
    last = min(day, end)
    count = reached(history, target.measure, target.receiver_id, start, last)
    return Progress(target, day, start, end, count, (last - start).days + 1, total)


@dataclass
class Part:
    progress: Progress
    share_of_reached: Decimal | None  # this part's share of what the parent reached, percent


@dataclass
class Split:
    parent: Progress
    parts: list[Part] = field(default_factory=list)

    @property
    def assigned(self) -> int:
        return sum(part.progress.number for part in self.parts)

    @property
    def unassigned(self) -> int:
        return max(self.parent.number - self.assigned, 0)

    @property
    def reached_in_parts(self) -> int:
        return sum(part.progress.reached for part in self.parts)

    @property
    def reached_elsewhere(self) -> int:
        return self.parent.reached - self.reached_in_parts

    @property
    def lagging(self) -> list[Part]:
        """The parts behind their pace or missed, lowest percent first."""
        behind = [part for part in self.parts if part.progress.lags]
        return sorted(behind, key=lambda part: (part.progress.percent or Decimal(0), part.progress.target.pk))


def split_progress(target: Target, day: datetime.date, history: History | None = None) -> Split:
    """The progress of a target and of each of its parts on D."""
    history = history or History.load()
    parent = progress(target, day, history)
    split = Split(parent)
    parts = target.parts.select_related("receiver").order_by("receiver__sort_key", "id")
    for part in parts:
        part_progress = progress(part, day, history)
        split.parts.append(Part(part_progress, percent(part_progress.reached, parent.reached)))
    return split


def targets_on(
    org_id: int, day: datetime.date, history: History | None = None, queryset=None
) -> list[Progress]:
    """The progress on D of the targets of an organization whose period contains D."""
    history = history or History.load()
    targets = (queryset if queryset is not None else Target.objects.all()).filter(
        receiver_id=org_id, start__lte=day, end__gte=day
    )
    order = {measure.value: index for index, measure in enumerate(Measure)}
    chosen = sorted(
        targets.select_related("receiver", "assigner"),
        key=lambda t: (t.period_kind != PeriodKind.YEAR, order.get(t.measure, 99), t.start, t.pk),
    )
    return [progress(target, day, history) for target in chosen]


def targets_brief(org_id: int, day: datetime.date, history: History | None = None) -> list[dict]:
    """The `targets` entries of `statistics()`: {"measure", "period", "target", "reached", "percent", …}."""
    return [item.as_dict() for item in targets_on(org_id, day, history)]


# Emulation ------------------------------------------------------------------------------------------------


def rating_day(year: int) -> datetime.date:
    """The day a year is evaluated on: 31 December, or today while the year runs."""
    return min(datetime.date(year, 12, 31), today())


def target_completion(org_id: int, year: int, history: History) -> tuple[Decimal | None, list[Progress]]:
    """The mean completion (0–1, each target capped at 1) of the organization's targets whose window lies in
    the year, on the year's evaluation day; None when it received none."""
    day = rating_day(year)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    chosen = []
    for target in Target.objects.filter(receiver_id=org_id, start__lte=last, end__gte=first):
        start, end = window(target, last)
        if start >= first and end <= last:
            chosen.append(progress(target, day, history))
    if not chosen:
        return None, []
    ratios = [min(Decimal(p.reached) / p.number, Decimal(1)) if p.number else Decimal(1) for p in chosen]
    return sum(ratios) / len(ratios), chosen


@dataclass
class RankingRow:
    organization_id: int
    name: str
    code: str
    points: dict[int, Decimal | None]  # criterion id → points (None: not scored)
    total: Decimal
    rank: int = 0
    completion: Decimal | None = None  # target completion, percent


def ranking(owner_id: int, year: int, history: History | None = None) -> tuple[list, list[RankingRow]]:
    """(criteria, rows): the year's emulation criteria of an organization and its direct subordinates on the
    evaluation day ranked by total points (ties share a rank). Target criteria score max points × target
    completion, one decimal rounded half up; an organization without targets scores 0 there."""
    history = history or History.load()
    day = rating_day(year)
    tree = history.tree_on(day)
    criteria = list(
        EmulationCriterion.objects.filter(owner_id=owner_id, year=year).order_by("position", "id")
    )
    subordinates = tree.direct_subordinates(owner_id) if tree.exists(owner_id) else []
    manual: dict[tuple[int, int], Decimal] = {
        (criterion_id, org_id): points
        for criterion_id, org_id, points in EmulationScore.objects.filter(
            criterion__in=criteria, organization_id__in=subordinates
        ).values_list("criterion_id", "organization_id", "points")
    }
    rows = []
    for org_id in subordinates:
        state = tree.states[org_id]
        completion = None
        if any(c.kind == CriterionKind.TARGETS for c in criteria):
            completion, _items = target_completion(org_id, year, history)
        points: dict[int, Decimal | None] = {}
        for criterion in criteria:
            if criterion.kind == CriterionKind.TARGETS:
                points[criterion.pk] = _half_up(criterion.max_points * (completion or Decimal(0)))
            else:
                points[criterion.pk] = manual.get((criterion.pk, org_id))
        total = sum((p for p in points.values() if p is not None), Decimal(0))
        rows.append(
            RankingRow(
                org_id,
                state.name,
                state.code,
                points,
                total,
                completion=None if completion is None else _half_up(completion * 100),
            )
        )
    rows.sort(key=lambda r: (-r.total, r.name))
    previous, rank = None, 0
    for index, row in enumerate(rows, start=1):
        if row.total != previous:
            rank, previous = index, row.total
        row.rank = rank
    return criteria, rows


def pace_text(item: Progress) -> str:
    """One line for a report or the command line: "96/190 (50,5%), kế hoạch 24,9%: vượt tiến độ"."""
    return _("%(reached)s/%(number)s (%(percent)s), tiến độ kế hoạch %(expected)s: %(pace)s") % {
        "reached": item.reached,
        "number": item.number,
        "percent": format_percent(item.percent),
        "expected": format_percent(item.expected_percent),
        "pace": item.pace_label.lower(),
    }
