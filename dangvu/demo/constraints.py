"""What the demo's records must give (../shared/domain/figures.md, rows marked demo), and the tables the
planner derives from it: the member stocks per sector, the admissions per period, and the check that the
organization history founds as many organizations as the figures say."""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from dangvu.organizations.choices import Sector

from .history import ROOT, DecisionSpec, FoundSpec

D = datetime.date
ENT = Sector.ENTERPRISE
ADM = Sector.ADMINISTRATIVE
ONE_DAY = datetime.timedelta(days=1)

# The figures. The tables below derive from them; `check_history()` holds the organization history to them.
MEMBERS = {D(2010, 1, 28): 98, D(2024, 3, 31): 1062, D(2024, 6, 30): 1091}
ENTERPRISE_SHARE = {D(2024, 3, 31): Fraction(905, 1000)}  # 90,5% (the article's 926 + 97 ≠ 1.062)
ADMITTED = {
    (D(2010, 1, 1), D(2023, 6, 30)): 680,
    (D(2023, 1, 1), D(2023, 12, 31)): 175,
    (D(2024, 1, 1), D(2024, 3, 31)): 96,
}
FOUNDED = {
    (D(2010, 1, 1), D(2023, 6, 30)): 48,
    (D(2023, 1, 1), D(2023, 12, 31)): 9,
    (D(2024, 1, 1), D(2024, 3, 31)): 2,
    (D(2009, 1, 1), D(2024, 6, 30)): 56,
    (D(2018, 1, 1), D(2022, 9, 10)): 32,
}
CORE_WINDOW = (D(2018, 1, 1), D(2022, 9, 10))
CORE_ADMISSIONS = 116  # admitted into the core cell in the window
CORE_TRANSFERS = (16, 86)  # organizations founded in the window from the core cell, members moved into them

# Free choices, where the articles give no figure: admissions per year before 2023 (growing, a jump after
# the upgrade of 2022; at least 50 a year in the 2020–2025 term), in the second quarter of 2024, and how many
# of each year's went to administrative units (under 10% of them since 2010).
ADMITTED_BY_YEAR = {2010: 15, 2011: 18, 2012: 22, 2013: 25, 2014: 28, 2015: 32, 2016: 36, 2017: 40, 2018: 48, 2019: 55, 2020: 58, 2021: 52, 2022: 160}  # fmt: skip
ADMITTED_BEFORE_2010 = [1, 1, 2, 1, 2, 2, 1, 2, 2, 2, 2, 3, 2, 2, 2]  # 1995 – 2009, all in the Board's cells
ADMITTED_SECOND_QUARTER_2024 = 40
ADMINISTRATIVE_MEMBERS_JUNE_2024 = 102  # one more than on 31/03/2024


@dataclass(frozen=True)
class Stretch:
    """Up to `end`, the members of each sector reach `targets` exactly."""

    start: datetime.date
    end: datetime.date
    targets: dict


def stretches(history: list[DecisionSpec]) -> list[Stretch]:
    """The member stocks per sector, from MEMBERS and ENTERPRISE_SHARE."""
    first, second, third = sorted(MEMBERS)
    # Before 2010 the only enterprise members are those who founded the first enterprise cells.
    early_enterprise = sum(
        source.count
        for decision in history
        if decision.date <= first
        for change in decision.changes
        if isinstance(change, FoundSpec) and change.sector == ENT
        for source in change.staff
    )
    enterprise = round(MEMBERS[second] * ENTERPRISE_SHARE[second])
    return [
        Stretch(D(1994, 10, 20), first, {ADM: MEMBERS[first] - early_enterprise, ENT: early_enterprise}),
        Stretch(first + ONE_DAY, second, {ADM: MEMBERS[second] - enterprise, ENT: enterprise}),
        Stretch(
            second + ONE_DAY,
            third,
            {ADM: ADMINISTRATIVE_MEMBERS_JUNE_2024, ENT: MEMBERS[third] - ADMINISTRATIVE_MEMBERS_JUNE_2024},
        ),
    ]


def _admissions() -> list[tuple[datetime.date, datetime.date, int, int]]:
    """(first day, last day, admitted, of whom in administrative units), the 2023 and 2024 rows from ADMITTED."""
    rows = [
        (D(year, 1, 1), D(year, 12, 31), n, n)
        for year, n in zip(range(1995, 2010), ADMITTED_BEFORE_2010, strict=True)
    ]
    for year, n in ADMITTED_BY_YEAR.items():
        # 2010 from February: the stock of 28/01/2010 holds no admission of that year.
        rows.append((D(year, 2 if year == 2010 else 1, 1), D(year, 12, 31), n, 5 if year < 2014 else 3))
    to_june_2023, year_2023, first_quarter_2024 = ADMITTED.values()
    first_half_2023 = to_june_2023 - sum(ADMITTED_BY_YEAR.values())
    rows += [
        (D(2023, 1, 1), D(2023, 6, 30), first_half_2023, 1),
        (D(2023, 7, 1), D(2023, 12, 31), year_2023 - first_half_2023, 2),
        (D(2024, 1, 1), D(2024, 3, 31), first_quarter_2024, 1),
        (D(2024, 4, 1), D(2024, 6, 30), ADMITTED_SECOND_QUARTER_2024, 1),
    ]
    return rows


ADMISSIONS = _admissions()


def check_history(history: list[DecisionSpec]):
    """The organization history must found as many organizations as the figures say, in each period."""
    founded = [
        decision.date
        for decision in history
        for change in decision.changes
        if isinstance(change, FoundSpec) and not change.received and change.code != ROOT
    ]
    for (first, last), expected in FOUNDED.items():
        count = sum(first <= day <= last for day in founded)
        if count != expected:
            raise ValueError(f"history founds {count} organizations in [{first}, {last}], not {expected}")
    from_core = [
        source.count
        for decision in history
        if CORE_WINDOW[0] <= decision.date <= CORE_WINDOW[1]
        for change in decision.changes
        if isinstance(change, FoundSpec)
        for source in change.staff
        if source.how == "core"
    ]
    if (len(from_core), sum(from_core)) != CORE_TRANSFERS:
        raise ValueError(
            f"history moves {sum(from_core)} members from the core cell into {len(from_core)} cells"
        )


def transfers_in() -> list[tuple[datetime.date, datetime.date, str, int]]:
    """Members who join from party organizations outside the Committee with a new job: (from, to, sector, n)."""
    rows = [(D(y, 1, 1), D(y, 12, 31), ADM, 6) for y in range(1995, 2010)]
    for year in range(2010, 2024):
        rows.append((D(year, 2, 1), D(year, 12, 31), ADM, 4))
        rows.append((D(year, 2, 1), D(year, 12, 31), ENT, 3 if year < 2014 else 5 if year < 2018 else 8))
    rows += [(D(2024, 1, 1), D(2024, 3, 31), ADM, 1), (D(2024, 1, 1), D(2024, 3, 31), ENT, 2)]
    rows += [(D(2024, 4, 1), D(2024, 6, 30), ADM, 1), (D(2024, 4, 1), D(2024, 6, 30), ENT, 2)]
    return rows
