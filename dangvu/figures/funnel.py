"""THE funnel of member development (issue 4, point 6), in the manner of counting.md.

Over a period [A, B] and for an organization X with everything under it:

- A step counts in the period by its date, and in the scope by the organization it concerns on that date
  (the preparing organization before admission, the admitting cell for the decision, the member's cell
  for the recognition decision): that organization must be under X on the step's date. Voided steps do
  not count.
- Each step figure is the number of candidates with such a step: proposed (for party-awareness training),
  trained (attended the course, certificate issued; a second certificate does not count twice), introduced,
  verified (background verification), voted (the cell's resolution proposing admission), admitted (the
  upper committee's admission decision), recognized (the recognition decision) and stopped.
- A conversion rate from step S to a later step T is T / S × 100 over the same period and scope, one
  decimal, half-up (numbers.percent, printed 26,3%), as the seed articles compute "976 trained, 257 of
  them admitted (26.3%)": a ratio of the period's two flows, not a cohort followed over time.
- The median days from S to T is taken over the candidates counted at T in the period who had an S step
  on or before their T step (the latest such S step).
- By source: the candidate's source (trade union, youth union, members). By enterprise: the candidate's
  enterprise. By preparing organization: the organization the step concerns (its code). Through the core
  cell or not: whether that organization is a core cell.

The admitted figure counts the admissions that went through this workflow; `counting.flows` counts every
admission event of the member registry (imported histories included).
"""

import datetime
import itertools
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from dangvu.core.numbers import format_percent, percent
from dangvu.development.choices import StepKind
from dangvu.development.models import CandidateStep, enterprise_key
from dangvu.organizations.tree import History

# (figure name, step kind), in the order of the process; "stopped" last.
STEPS = [
    ("proposed", StepKind.PROPOSED),
    ("trained", StepKind.TRAINED),
    ("introduced", StepKind.INTRODUCED),
    ("verified", StepKind.VERIFIED),
    ("voted", StepKind.CELL_VOTE),
    ("admitted", StepKind.ADMITTED),
    ("recognized", StepKind.RECOGNIZED),
    ("stopped", StepKind.STOPPED),
]
NAMES = [name for name, _kind in STEPS]
KIND_NAMES = {kind.value: name for name, kind in STEPS}
PROGRESS_NAMES = NAMES[:-1]
# Conversion rates and median days: each step to the next, and the seed articles' trained → admitted.
PAIRS = [*itertools.pairwise(PROGRESS_NAMES), ("trained", "admitted")]


def _rate(numerator: int, denominator: int) -> dict:
    value = percent(numerator, denominator)
    return {"percent": str(value) if value is not None else None, "text": format_percent(value)}


def _median(values: list[int]):
    if not values:
        return None
    middle = statistics.median(values)
    return int(middle) if middle == int(middle) else float(middle)


@dataclass
class Group:
    """The candidates counted at each step, for the whole scope or one breakdown."""

    candidates: dict[str, set[int]] = field(default_factory=lambda: {name: set() for name in NAMES})

    def counts(self) -> dict[str, int]:
        return {name: len(self.candidates[name]) for name in NAMES}

    def rates(self) -> dict[str, dict]:
        counts = self.counts()
        return {f"{a}_{b}": _rate(counts[b], counts[a]) for a, b in PAIRS}

    def as_dict(self) -> dict:
        return {**self.counts(), "rates": self.rates()}


@dataclass
class Funnel:
    org_id: int | None
    start: datetime.date
    end: datetime.date
    total: Group = field(default_factory=Group)
    median_days: dict[str, int | float | None] = field(default_factory=dict)
    by_source: dict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    by_enterprise: dict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    enterprise_names: dict[str, str] = field(default_factory=dict)
    by_organization: dict[int, Group] = field(default_factory=lambda: defaultdict(Group))
    core_cell: dict[str, Group] = field(default_factory=lambda: {"through": Group(), "not_through": Group()})
    codes: dict[int, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The shape `dangvu funnel --json` prints and the API returns."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            **self.total.counts(),
            "rates": self.total.rates(),
            "median_days": self.median_days,
            "by_source": {source: group.as_dict() for source, group in sorted(self.by_source.items())},
            "by_enterprise": {
                key: {"name": self.enterprise_names.get(key, key), **group.as_dict()}
                for key, group in sorted(
                    self.by_enterprise.items(), key=lambda kv: (-len(kv[1].candidates["admitted"]), kv[0])
                )
            },
            "by_preparing_organization": {
                self.codes.get(org_id, str(org_id)): group.as_dict()
                for org_id, group in sorted(
                    self.by_organization.items(), key=lambda kv: self.codes.get(kv[0], "")
                )
            },
            "core_cell": {key: group.as_dict() for key, group in self.core_cell.items()},
        }


def funnel(history: History, org_id: int | None, start: datetime.date, end: datetime.date) -> Funnel:
    """The funnel of X over [start, end] (module docstring); `org_id=None` is the whole installation."""
    result = Funnel(org_id, start, end)
    under_cache: dict[datetime.date, set[int]] = {}

    def under(day: datetime.date) -> set[int]:
        tree = history.tree_on(day)
        if tree.day not in under_cache:
            under_cache[tree.day] = tree.under(org_id)
        return under_cache[tree.day]

    rows = (
        CandidateStep.objects.filter(
            voided_at__isnull=True, date__gte=start, date__lte=end, kind__in=list(KIND_NAMES)
        )
        .order_by("date", "id")
        .values_list(
            "candidate_id",
            "kind",
            "date",
            "organization_id",
            "candidate__source",
            "candidate__enterprise_name",
            "candidate__enterprise_tax_code",
        )
    )
    counted_at: dict[str, dict[int, datetime.date]] = {name: {} for name in NAMES}
    for candidate_id, kind, day, organization_id, source, enterprise_name, tax_code in rows.iterator(
        chunk_size=5000
    ):
        if organization_id not in under(day):
            continue
        name = KIND_NAMES[kind]
        # The first step of the kind in the period is the one that counts (a renewed certificate is not a
        # second training).
        counted_at[name].setdefault(candidate_id, day)
        groups = [result.total, result.by_source[source], result.by_organization[organization_id]]
        if enterprise_name or tax_code:
            key, label = enterprise_key(enterprise_name, tax_code)
            result.enterprise_names[key] = label
            groups.append(result.by_enterprise[key])
        state = history.state_on(organization_id, day)
        core = state is not None and state.is_core_cell
        groups.append(result.core_cell["through" if core else "not_through"])
        for group in groups:
            group.candidates[name].add(candidate_id)
        if state is not None:
            result.codes[organization_id] = state.code
    result.median_days = _median_days(counted_at, start, end)
    return result


def _median_days(counted_at: dict[str, dict[int, datetime.date]], start, end) -> dict:
    """Median days from S to T over the candidates counted at T, from their latest S step on or before."""
    in_period = CandidateStep.objects.filter(voided_at__isnull=True, date__gte=start, date__lte=end).values(
        "candidate_id"
    )
    history_of: dict[int, dict[str, list[datetime.date]]] = defaultdict(lambda: defaultdict(list))
    rows = (
        CandidateStep.objects.filter(
            voided_at__isnull=True, candidate_id__in=in_period, kind__in=list(KIND_NAMES)
        )
        .order_by("date", "id")
        .values_list("candidate_id", "kind", "date")
    )
    for candidate_id, kind, day in rows.iterator(chunk_size=5000):
        history_of[candidate_id][KIND_NAMES[kind]].append(day)
    result = {}
    for a, b in PAIRS:
        spans = []
        for candidate_id, day in counted_at[b].items():
            earlier = [d for d in history_of[candidate_id][a] if d <= day]
            if earlier:
                spans.append((day - max(earlier)).days)
        result[f"{a}_{b}"] = _median(spans)
    return result


def funnel_figures(org, start: datetime.date, end: datetime.date, history: History | None = None) -> dict:
    """The funnel of `org` (an Organization, with everything under it) as `dangvu funnel --json` prints it
    and the API returns it: the organization's code and name on the last day, then `Funnel.as_dict()`."""
    history = history or History.load()
    state = history.state_on(org.pk, end)
    return {
        "org": org.code,
        "org_name": state.name if state is not None else org.name,
        **funnel(history, org.pk, start, end).as_dict(),
    }


def candidates_in_progress(
    history: History, org_id: int | None, day: datetime.date, candidates=None
) -> set[int]:
    """Candidates in progress on D under X (the dashboard's figure, the board's "đang bồi dưỡng ngày D"): from
    their first step on or before D until their admission decision or their stop (a step "admitted" or
    "stopped" on or before D), as figures.coverage counts candidates; voided steps do not count. A candidate
    is under X when the organization of their latest step on or before D (the preparing organization then)
    is under X on D. `candidates`: a Candidate queryset to count among (e.g. those a user may see)."""
    steps = CandidateStep.objects.filter(voided_at__isnull=True, date__lte=day)
    if candidates is not None:
        steps = steps.filter(candidate_id__in=candidates.values("pk"))
    latest_org: dict[int, int] = {}
    closed: set[int] = set()
    for candidate_id, kind, organization_id in (
        steps.order_by("date", "id")
        .values_list("candidate_id", "kind", "organization_id")
        .iterator(chunk_size=5000)
    ):
        if kind in (StepKind.ADMITTED, StepKind.STOPPED):
            closed.add(candidate_id)
        latest_org[candidate_id] = organization_id
    under = history.tree_on(day).under(org_id)
    return {pk for pk, org in latest_org.items() if pk not in closed and org in under}
