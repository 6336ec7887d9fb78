"""The dashboard's figures (issue 7, point 1): for an organization X (with everything under it) on a date D,
the headline figures and the series of its charts. This module only gathers: every number is one of the
shared definitions (counting, targets, funnel, coverage, development.deadlines), called once each, so the
dashboard, the reports and the lists behind each figure cannot disagree.

- Members on D, full / probationary, by sector, gender and age band: `counting.member_counts`.
- Admitted and founded from 1 January of D's year to D: `counting.flows`; against the year's target of X
  (the target of X whose period contains D, measure admissions / organizations founded): `targets.progress`.
- Members over time: members at the end of each of the twelve months up to D (D itself for its month).
- Admissions by month: admitted from 1 January to the end of each month up to D (D for its month), and the
  target's expected pace on the same days (`Progress.expected`).
- The funnel from 1 January to D: `funnel.funnel`; candidates in progress on D:
  `funnel.candidates_in_progress`; candidates with an overdue item on D: `development.deadlines.due_items`
  (as the to-do list filters them: the item's organization was under X at some time up to D).
- Coverage on D: `coverage.coverage` over the enterprises covered on D by a party organization under X on D
  (the whole register when X is the whole installation), with its rows by zone.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps

from dangvu.core import rules
from dangvu.core.dates import add_months
from dangvu.organizations.tree import History
from dangvu.targets.choices import Measure

from .counting import MemberCounts, Scope, flows, member_counts, organization_counts, year_start
from .targets import Progress, _covered_under, progress, targets_on

MONTHS_SHOWN = 12


def month_end(day: datetime.date) -> datetime.date:
    """The last day of D's month."""
    return add_months(datetime.date(day.year, day.month, 1), 1) - datetime.timedelta(days=1)


def month_ends(day: datetime.date, count: int = MONTHS_SHOWN) -> list[datetime.date]:
    """The last day of each of the `count` months up to D's month, oldest first; D itself for its month."""
    first = datetime.date(day.year, day.month, 1)
    ends = [month_end(add_months(first, -back)) for back in range(count - 1, 0, -1)]
    return [*ends, day]


def covered_enterprises(history: History, org_id: int | None, day: datetime.date) -> set[int] | None:
    """The enterprises of X's coverage figures on D: None (the whole register) when X is the whole
    installation on D, else those covered on D by a party organization under X on D."""
    if org_id is None or Scope(day, org_id, history).is_whole():
        return None
    return _covered_under(history, org_id, day)


def overdue_candidates(history: History, org_id: int | None, day: datetime.date, candidates=None) -> set[int]:
    """Candidates (of the `candidates` queryset, e.g. those a user may see; all by default) with an item
    overdue on D whose organization was under X at some time up to D — the to-do list's "overdue" view."""
    from dangvu.development.deadlines import due_items

    under = None if org_id is None else history.ever_under(org_id, day)
    return {
        item.candidate_id
        for item in due_items(day, candidates)
        if item.overdue and (under is None or item.organization_id in under)
    }


@dataclass
class MonthAdmissions:
    end: datetime.date  # the last day counted: the month's end, or D
    admitted: int  # in the month
    cumulative: int  # from 1 January
    expected: object = None  # the target's expected pace on `end` (Decimal), None without a target


@dataclass
class Dashboard:
    org_id: int
    day: datetime.date
    exists: bool
    members: MemberCounts
    organizations: dict
    admitted_in_year: int
    founded_in_year: int
    admissions_target: Progress | None = None
    founding_target: Progress | None = None
    members_over_time: list[tuple[datetime.date, int]] = field(default_factory=list)
    admissions_by_month: list[MonthAdmissions] = field(default_factory=list)
    funnel: dict | None = None  # step name → candidates, 1 January to D
    in_progress: set[int] | None = None
    overdue: set[int] | None = None
    coverage: dict | None = None


def _year_target(targets: list[Progress], measure: str) -> Progress | None:
    """The target of the measure whose window is the year of D (a year target, or a yearly term target)."""
    for item in targets:
        if item.target.measure == measure:
            return item
    return None


def dashboard(
    org_id: int,
    day: datetime.date,
    *,
    history: History | None = None,
    development: bool = True,
    candidates=None,
    with_coverage: bool = True,
) -> Dashboard:
    """Every figure of the dashboard of X on D (module docstring). `development`: include the funnel, the
    candidates in progress and the overdue ones (among `candidates` when given); `with_coverage`: include
    the coverage figures."""
    # The dated rules (deadlines, eligibility) are read once for the whole bundle, not once per candidate.
    with rules.cached():
        return _dashboard(org_id, day, history or History.load(), development, candidates, with_coverage)


def _dashboard(org_id, day, history, development, candidates, with_coverage) -> Dashboard:
    scope = Scope(day, org_id, history)
    first = year_start(day)
    in_year = flows(history, org_id, first, day)
    targets = targets_on(org_id, day, history)
    result = Dashboard(
        org_id=org_id,
        day=day,
        exists=scope.tree.exists(org_id),
        members=member_counts(scope, breakdowns=True),
        organizations=organization_counts(scope),
        admitted_in_year=in_year.admitted,
        founded_in_year=in_year.founded,
        admissions_target=_year_target(targets, Measure.ADMISSIONS),
        founding_target=_year_target(targets, Measure.ORGANIZATIONS_FOUNDED),
    )
    for end in month_ends(day)[:-1]:
        counts = member_counts(Scope(end, org_id, history), breakdowns=False)
        result.members_over_time.append((end, counts.total))
    result.members_over_time.append((day, result.members.total))

    previous = 0
    target = result.admissions_target.target if result.admissions_target else None
    for month in range(1, day.month + 1):
        end = min(month_end(datetime.date(day.year, month, 1)), day)
        cumulative = in_year.admitted if end == day else flows(history, org_id, first, end).admitted
        expected = progress(target, end, history).expected if target is not None else None
        result.admissions_by_month.append(MonthAdmissions(end, cumulative - previous, cumulative, expected))
        previous = cumulative

    if development and apps.is_installed("dangvu.development"):
        from .funnel import candidates_in_progress, funnel

        result.funnel = funnel(history, org_id, first, day).total.counts()
        result.in_progress = candidates_in_progress(history, org_id, day, candidates)
        result.overdue = overdue_candidates(history, org_id, day, candidates)
    if with_coverage and apps.is_installed("dangvu.enterprises"):
        from .coverage import coverage

        result.coverage = coverage(day, within=covered_enterprises(history, org_id, day), history=history)
    return result
