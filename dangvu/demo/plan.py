"""The planner: from the organization history and the figures the demo must give, every record, deterministic.

The figures (`constraints.py`) fix three kinds of numbers:

* stocks — members on 28/01/2010 (98), 31/03/2024 (1.062: 961 in enterprises, 101 in administrative units)
  and 30/06/2024 (1.091);
* admissions over periods — 680 in [01/01/2010, 30/06/2023], 175 in 2023, 96 in [01/01/2024, 31/03/2024];
  116 of those of [01/01/2018, 10/09/2022] into the core cell;
* organizations — fixed by `history.py` (founded, received, ended), and the 86 members who left the core cell
  for the 16 cells founded from it in [01/01/2018, 10/09/2022].

Admissions (`constraints.ADMISSIONS`), transfers in and the members of new and received organizations are
scheduled first; then one pass over the calendar plays them, and the members who leave (transfer out,
struck off, deceased...) are derived: at the start of each month, per sector, the planner spreads over the
months left in the stretch up to the next stock the number of departures that brings the count to that
stock, in proportion to the expected membership, and on the stock's date it settles the rest (a handful at
most). Recognitions fall exactly 12 months after the ceremony. Nothing is dated after 30/06/2024.

Every admission goes to a cell that can vote on it: a cell needs at least three full members (Statute art. 21)
and its vote two thirds of them (art. 4.3), on a day up to about three months before the decision (the cell's
resolution, then up to 60 working days to the decision). So a cell admits only when it has held
`MIN_FULL` full members throughout the `VOTE_LEAD` days before; moves out of a cell leave it `MIN_FULL` full
members, departures do not take one of its last `MIN_FULL`, and the core cell keeps its `CORE_RESERVE`
longest-standing full members (its committee) when a new cell is founded out of it, so that it can vote on
the admissions it must take in the window of article 002.
"""

import bisect
import datetime
import heapq
import itertools
import random
from dataclasses import dataclass, field

from dangvu.core.dates import add_months, age_on
from dangvu.members.choices import EventKind, Gender
from dangvu.organizations.choices import CELL_KINDS, OrganizationEventKind, OrganizationKind, Sector

from . import names
from .constraints import (
    ADMISSIONS,
    CORE_ADMISSIONS,
    CORE_WINDOW,
    Stretch,
    check_history,
    stretches,
    transfers_in,
)
from .history import (
    CORE,
    ROOT,
    ChangeSpec,
    DecisionSpec,
    EndSpec,
    Enterprise,
    Enterprises,
    FoundSpec,
    organization_history,
)
from .people import People

D = datetime.date
ENT = Sector.ENTERPRISE
ADM = Sector.ADMINISTRATIVE
END = D(2024, 6, 30)
SEED = 20240331
MIN_FULL = 3  # full members a cell needs to vote on an admission (Statute art. 21: a cell has at least 3)
VOTE_LEAD = datetime.timedelta(days=90)  # the cell's vote comes up to ~75 days (45 working days) before
CORE_RESERVE = 5  # full members who stay in the core cell when a cell is founded out of it


@dataclass
class Person:
    index: int
    sector: str
    gender: str
    birth: datetime.date
    events: list[dict] = field(default_factory=list)
    org: str | None = None
    since: datetime.date | None = None  # in `org` since
    last: datetime.date | None = None
    settled_on: datetime.date | None = None  # no departure before (a month after the ceremony)
    full: bool = False
    workplace: str = ""


@dataclass
class Org:
    code: str
    name: str
    kind: str
    sector: str
    parent: str | None
    weight: float
    is_core: bool
    enterprise: Enterprise | None
    members: set[int] = field(default_factory=set)
    alive: bool = True
    full_since: datetime.date | None = None  # holding MIN_FULL full members or more since (None: fewer)


@dataclass
class PlannedDecision:
    date: datetime.date
    number: str
    changes: list
    note: str = ""


@dataclass
class DemoPlan:
    decisions: list[PlannedDecision]
    members: list[dict]  # records for members.bulk: personal data and "events" (organizations by code)
    enterprises: dict[str, Enterprise]  # the enterprise of each enterprise organization, by code
    settled: list[tuple[datetime.date, str, int]]  # (date, sector, correction) on the stock dates


class _Numbers:
    """Decision numbers "N-QĐ/ISSUER", counted from 1 in each term of the issuer, in date order."""

    TERMS = {"ĐU": [D(2003, 7, 15), D(2005, 6, 1), D(2010, 6, 1), D(2015, 6, 1), D(2020, 6, 1)], "ĐUK": [D(1990, 1, 1), D(2000, 6, 1), D(2005, 6, 1), D(2010, 6, 1)]}  # fmt: skip

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.counters: dict[tuple, int] = {}

    def next(self, issuer: str, day: datetime.date) -> str:
        if issuer == "TU":
            return f"{self.rng.randint(120, 2900)}-QĐ/TU"
        term = bisect.bisect_right(self.TERMS[issuer], day)
        key = (issuer, term)
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{self.counters[key]}-QĐ/{issuer}"

    def member(self, day: datetime.date) -> str:
        return self.next("ĐUK" if day < D(2003, 7, 15) else "ĐU", day)


class Planner:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.people = People(self.rng)
        self.numbers = _Numbers(self.rng)
        self.enterprise_names = Enterprises(self.rng)
        self.history = organization_history(self.rng, self.enterprise_names)
        check_history(self.history)
        self.stretches = stretches(self.history)
        self.orgs: dict[str, Org] = {}
        self.persons: list[Person] = []
        self.queue: list = []
        self.sequence = itertools.count()
        self.decisions: list[PlannedDecision] = []
        self.settled: list[tuple[datetime.date, str, int]] = []
        self.inflows: dict[str, list[datetime.date]] = {ADM: [], ENT: []}

    # The calendar ---------------------------------------------------------------------------------------

    def at(self, day: datetime.date, priority: int, action, *args):
        heapq.heappush(self.queue, (day, priority, next(self.sequence), action, args))

    def schedule(self):
        rng = self.rng
        for decision in self.history:
            self.at(decision.date, 0, self.decide, decision)
            for change in decision.changes:
                if isinstance(change, FoundSpec):
                    for source in change.staff:
                        if source.how in ("outside", "received"):
                            self.inflows[change.sector] += [decision.date] * source.count
        admissions = []
        for first, last, total, administrative in ADMISSIONS:
            sectors = [ADM] * administrative + [ENT] * (total - administrative)
            rng.shuffle(sectors)
            admissions += zip(self._days(first, last, total), sectors, strict=True)
        # Of the enterprise admissions in the window, exactly CORE_ADMISSIONS go to the core cell.
        window = [
            i
            for i, (day, sector) in enumerate(admissions)
            if sector == ENT and CORE_WINDOW[0] <= day <= CORE_WINDOW[1]
        ]
        core = set(rng.sample(window, CORE_ADMISSIONS))
        for i, (day, sector) in enumerate(admissions):
            self.at(day, 1, self.admit, sector, i in core)
            self.inflows[sector].append(day)
        for first, last, sector, count in transfers_in():
            for day in self._days(first, last, count):
                self.at(day, 1, self.transfer_in, sector)
                self.inflows[sector].append(day)
        for sector in self.inflows:
            self.inflows[sector].sort()
        for stretch in self.stretches:
            month = D(stretch.start.year, stretch.start.month, 1)
            while month <= stretch.end:
                self.at(max(month, stretch.start), 3, self.departures_of_month, stretch)
                month = add_months(month, 1)
            self.at(stretch.end, 4, self.settle, stretch)
        for year in range(2012, 2025):
            for day in self._days(D(year, 1, 1), D(year, 6, 30) if year == 2024 else D(year, 12, 31), 3):
                self.at(day, 2, self.side_event)

    def _days(self, first: datetime.date, last: datetime.date, count: int) -> list[datetime.date]:
        span = (last - first).days
        return sorted(first + datetime.timedelta(days=self.rng.randint(0, span)) for _ in range(count))

    def run(self) -> DemoPlan:
        self.schedule()
        while self.queue:
            day, _priority, _seq, action, args = heapq.heappop(self.queue)
            action(day, *args)
        return self.finish()

    # Members --------------------------------------------------------------------------------------------

    def new_person(self, sector: str, birth: datetime.date, gender: str | None = None) -> Person:
        person = Person(len(self.persons), sector, gender or self.people.gender(sector), birth)
        self.persons.append(person)
        return person

    def place(self, person: Person, org: str, day: datetime.date):
        left = person.org
        if left is not None:
            self.orgs[left].members.discard(person.index)
        person.org = org
        person.since = day
        if org is not None:
            self.orgs[org].members.add(person.index)
        person.last = day
        self.check_full(left, day)
        self.check_full(org, day)

    def full_count(self, org: str) -> int:
        return sum(self.persons[i].full for i in self.orgs[org].members)

    def check_full(self, org: str | None, day: datetime.date):
        """Keep `full_since` of `org` after a change on `day` (a transient dip within the day counts)."""
        if org is None:
            return
        state = self.orgs[org]
        if self.full_count(org) < MIN_FULL:
            state.full_since = None
        elif state.full_since is None:
            state.full_since = day

    def can_vote(self, org: Org, day: datetime.date) -> bool:
        """The cell has held MIN_FULL full members throughout the VOTE_LEAD days before `day`, so it could
        vote on an admission decided on `day` (the vote by two thirds of them, Statute art. 4.3)."""
        return org.full_since is not None and org.full_since <= day - VOTE_LEAD

    def event(self, person: Person, kind: str, day: datetime.date, **fields):
        person.events.append(
            {"kind": kind, "date": day, "decision_number": self.numbers.member(day), **fields}
        )
        person.last = day

    def cells(self, sector: str, *, exclude=(), under: str | None = None) -> list[Org]:
        return [
            o
            for o in self.orgs.values()
            if o.alive
            and o.sector == sector
            and o.kind in CELL_KINDS
            and o.code not in exclude
            and (under is None or o.parent == under)
        ]

    def choose_cell(self, sector: str, day: datetime.date, core: bool = False, voting: bool = False) -> str:
        """A cell for a member who joins on `day`: by weight; for an admission (`voting`), among the cells
        that can vote on it (`can_vote`) — in the Committee's first months, when none can yet, those with
        MIN_FULL full members that day, else the one with the most."""
        if core:
            assert self.can_vote(self.orgs[CORE], day), (
                day,
                self.full_count(CORE),
                self.orgs[CORE].full_since,
            )
            return CORE
        in_window = CORE_WINDOW[0] <= day <= CORE_WINDOW[1]
        candidates = self.cells(sector, exclude={CORE} if in_window else ())
        if voting:
            ready = [o for o in candidates if self.can_vote(o, day)]
            if not ready:
                ready = [o for o in candidates if self.full_count(o.code) >= MIN_FULL] or [
                    max(candidates, key=lambda o: (self.full_count(o.code), o.code))
                ]
            candidates = ready
        return self.rng.choices(candidates, [o.weight for o in candidates])[0].code

    def admit(self, day: datetime.date, sector: str, core: bool):
        rng = self.rng
        person = self.new_person(
            sector, self.people.birth_for_age(day, 18.2, 25, 40 if rng.random() < 0.9 else 46)
        )
        org = self.choose_cell(sector, day, core, voting=True)
        ceremony = min(day + datetime.timedelta(days=rng.randint(7, 45)), END)
        self.event(person, EventKind.ADMISSION, day, organization=org, ceremony_date=ceremony)
        self.place(person, org, day)
        person.settled_on = ceremony + datetime.timedelta(days=30)
        recognition = add_months(ceremony, 12)
        if recognition <= END:
            self.at(recognition, 2, self.recognize, person)

    def recognize(self, day: datetime.date, person: Person):
        if person.org is None or person.full:
            return
        in_window = person.org == CORE and CORE_WINDOW[0] <= day <= CORE_WINDOW[1]
        if self.rng.random() < 0.01 and not in_window:
            # Not qualified at the end of probation: struck off the list of probationary members.
            self.event(person, EventKind.STRUCK_OFF, day, organization=person.org)
            self.place(person, None, day)
            return
        self.event(person, EventKind.RECOGNITION, day, organization=person.org)
        person.full = True
        self.check_full(person.org, day)

    def transfer_in(self, day: datetime.date, sector: str, org: str | None = None, external: str = ""):
        """A member of a party organization outside the Committee moves in (with a new job, or with an
        organization handed over)."""
        rng = self.rng
        if sector == ADM:
            birth = self.people.birth_for_age(day, 26, 36, 55)
        else:
            birth = self.people.birth_for_age(day, 21, 30, 45)
        person = self.new_person(sector, birth)
        age = age_on(birth, day)
        admitted = add_months(birth, 12 * rng.randint(19, max(19, min(age, 33))) + rng.randint(0, 11))
        admitted = min(admitted, day - datetime.timedelta(days=rng.randint(40, 400)))
        admitted = max(admitted, add_months(birth, 18 * 12 + 1))
        recognized = add_months(admitted, 12)
        org = org or self.choose_cell(sector, day)
        fields = {
            "organization": org,
            "external_organization": external or rng.choice(names.OUTSIDE_ORGANIZATIONS),
            "original_admission_date": admitted,
        }
        if recognized <= day:
            fields["original_recognition_date"] = recognized
            person.full = True
        elif recognized <= END:
            self.at(recognized, 2, self.recognize, person)
        self.event(person, EventKind.TRANSFER_IN, day, **fields)
        self.place(person, org, day)
        person.settled_on = day + datetime.timedelta(days=30)
        return person

    def move(self, person: Person, to: str, day: datetime.date):
        self.event(person, EventKind.TRANSFER, day, organization=person.org, to_organization=to)
        self.place(person, to, day)

    def leave(self, person: Person, day: datetime.date, kind: str | None = None):
        rng = self.rng
        if kind is None:
            weights = [(EventKind.TRANSFER_OUT, 84), (EventKind.STRUCK_OFF, 9), (EventKind.LEFT, 3), (EventKind.DECEASED, 2), (EventKind.EXPELLED, 2)]  # fmt: skip
            if person.sector == ADM:
                weights = [(EventKind.TRANSFER_OUT, 90), (EventKind.DECEASED, 8), (EventKind.EXPELLED, 2)]
            kind = rng.choices([k for k, _ in weights], [w for _, w in weights])[0]
        fields = {"organization": person.org}
        if kind == EventKind.TRANSFER_OUT:
            fields["external_organization"] = rng.choice(names.OUTSIDE_ORGANIZATIONS)
        self.event(person, kind, day, **fields)
        self.place(person, None, day)

    def members(self, org: str) -> list[Person]:
        return [self.persons[i] for i in sorted(self.orgs[org].members)]

    def count(self, sector: str) -> int:
        return sum(len(o.members) for o in self.orgs.values() if o.sector == sector)

    # Departures -----------------------------------------------------------------------------------------

    def inflow_between(self, sector: str, first: datetime.date, last: datetime.date) -> int:
        dates = self.inflows[sector]
        return bisect.bisect_right(dates, last) - bisect.bisect_left(dates, first)

    def departures_of_month(self, day: datetime.date, stretch: Stretch):
        month_end = min(add_months(D(day.year, day.month, 1), 1) - datetime.timedelta(days=1), stretch.end)
        for sector, target in stretch.targets.items():
            now = self.count(sector)
            needed = now + self.inflow_between(sector, day, stretch.end) - target
            if needed <= 0:
                continue
            # Spread over the months left in proportion to the expected membership of each.
            weights = []
            month = D(day.year, day.month, 1)
            while month <= stretch.end:
                weights.append(max(1, now + self.inflow_between(sector, day, month)))
                month = add_months(month, 1)
            share = needed * weights[0] / sum(weights)
            n = int(share) + (1 if self.rng.random() < share - int(share) else 0)
            for exit_day in self._days(day, month_end, min(n, needed)):
                self.at(exit_day, 3, self.depart, sector)

    def leavers(self, sector: str, day: datetime.date, strict: bool = True) -> list[Person]:
        """Who may leave on `day`: not from a cell of 3 members or fewer, not one of a cell's last MIN_FULL
        full members (unless nobody else can), not from the core cell in the window of article 002."""
        in_window = CORE_WINDOW[0] <= day <= CORE_WINDOW[1]
        found = []
        for org in self.orgs.values():
            if org.sector != sector or len(org.members) <= 3 or (org.code == CORE and in_window):
                continue
            keep_full = self.full_count(org.code) <= MIN_FULL
            for index in org.members:
                person = self.persons[index]
                if person.last < day and (
                    not strict or person.settled_on is None or person.settled_on <= day
                ):
                    found.append((keep_full and person.full, person))
        allowed = [p for last_full, p in found if not last_full] or [p for _last_full, p in found]
        return sorted(allowed, key=lambda p: p.index)

    def depart(self, day: datetime.date, sector: str):
        candidates = self.leavers(sector, day)
        if not candidates:
            return
        weights = []
        for person in candidates:
            age = age_on(person.birth, day)
            retiring = sector == ADM and age >= (55 if person.gender == Gender.FEMALE else 60)
            weights.append(8 if retiring else 1)
        self.leave(self.rng.choices(candidates, weights)[0], day)

    def settle(self, day: datetime.date, stretch: Stretch):
        for sector, target in stretch.targets.items():
            difference = self.count(sector) - target
            if difference:
                self.settled.append((day, sector, -difference))
            for _ in range(max(0, difference)):
                self.leave(self.rng.choice(self.leavers(sector, day, strict=False)), day)
            for _ in range(max(0, -difference)):
                self.transfer_in(day, sector)
            assert self.count(sector) == target, (day, sector, self.count(sector), target)

    def side_event(self, day: datetime.date):
        """Events that do not change any count: exemption from activity, temporary transfer."""
        rng = self.rng
        people = [p for p in self.persons if p.org is not None and p.last < day and p.org != CORE]
        if not people:
            return
        person = rng.choice(people)
        until = min(day + datetime.timedelta(days=rng.randint(90, 300)), END)
        hosts = [o for o in self.cells(person.sector, exclude={person.org, CORE})]
        if rng.random() < 0.5 and hosts:
            host = rng.choice(hosts).code
            self.event(person, EventKind.TEMPORARY_TRANSFER, day, organization=host, until=until)
        else:
            self.event(person, EventKind.EXEMPTION, day, organization=person.org, until=until)

    # Organizations --------------------------------------------------------------------------------------

    def decide(self, day: datetime.date, spec: DecisionSpec):
        changes = list(spec.changes)
        number = self.numbers.next(spec.issuer, day)
        for change in changes:
            if isinstance(change, EndSpec):
                self.end(day, change)
        for change in changes:
            if isinstance(change, ChangeSpec):
                org = self.orgs[change.code]
                org.name = change.name or org.name
                org.kind = change.org_kind or org.kind
                if change.parent_changed:
                    org.parent = change.parent
        if spec.cells_become_grassroots:
            for org in self.orgs.values():
                if org.alive and org.parent == ROOT and org.kind == OrganizationKind.SUBORDINATE_CELL:
                    org.kind = OrganizationKind.GRASSROOTS_CELL
                    changes.append(
                        ChangeSpec(org.code, OrganizationEventKind.CHANGED_KIND, org_kind=OrganizationKind.GRASSROOTS_CELL)
                    )  # fmt: skip
        splits: dict[str, list[Person]] = {}
        split_targets: dict[str, list[str]] = {}
        for change in changes:
            if isinstance(change, FoundSpec):
                for source in change.staff:
                    if source.how == "split":
                        split_targets.setdefault(source.code, []).append(change.code)
        for code in split_targets:
            splits[code] = self.members(code)
        for change in changes:
            if isinstance(change, FoundSpec):
                self.found(day, change, spec, splits, split_targets)
        self.decisions.append(PlannedDecision(day, number, changes, spec.note))

    def found(self, day, change: FoundSpec, spec: DecisionSpec, splits, split_targets):
        self.orgs[change.code] = Org(
            change.code, change.name, change.kind, change.sector, change.parent, change.weight,
            change.is_core_cell, change.enterprise,
        )  # fmt: skip
        for source in change.staff:
            if source.how == "outside":
                for _ in range(source.count):
                    self.transfer_in(day, change.sector, change.code)
            elif source.how == "received":
                for _ in range(source.count):
                    self.transfer_in(day, change.sector, change.code, external=spec.received_from)
            elif source.how == "core":
                # Full members first, the longest in the core cell first; its committee stays.
                present = self.movable(CORE, CORE_RESERVE, key=lambda p: (not p.full, p.last, p.index))
                assert len(present) >= source.count, (day, change.code, len(present))
                for person in present[: source.count]:
                    self.move(person, change.code, day)
            elif source.how == "split":
                targets = split_targets[source.code]
                mine = targets.index(change.code)
                for position, person in enumerate(splits[source.code]):
                    if position % len(targets) == mine:
                        self.move(person, change.code, day)
            else:
                origin = source.code
                if source.how == "sibling":
                    siblings = self.cells(change.sector, exclude={change.code, CORE}, under=change.parent)
                    origin = max(siblings, key=lambda o: (len(o.members), o.code)).code
                size = len(self.orgs[origin].members)
                present = self.movable(origin, MIN_FULL, key=lambda p: (not p.full, p.index))
                count = min(round(source.share * size), size - 3, len(present))
                for person in present[: max(count, 0)]:
                    self.move(person, change.code, day)

    def movable(self, org: str, keep_full: int, key) -> list[Person]:
        """The members of `org` who may move to a new cell, in the order `key`: all but its `keep_full`
        longest-standing full members, who stay so that the cell can still vote."""
        present = self.members(org)
        full = sorted((p for p in present if p.full), key=lambda p: (p.since, p.index))
        staying = {p.index for p in full[:keep_full]}
        return sorted((p for p in present if p.index not in staying), key=key)

    def end(self, day: datetime.date, change: EndSpec):
        org = self.orgs[change.code]
        for person in self.members(change.code):
            if change.into:
                self.move(person, change.into, day)
            elif self.orgs.get(CORE) and self.orgs[CORE].alive and self.rng.random() < change.to_core:
                self.move(person, CORE, day)
            else:
                self.leave(person, day, EventKind.TRANSFER_OUT)
        org.alive = False

    # The records ----------------------------------------------------------------------------------------

    def finish(self) -> DemoPlan:
        enterprises = {code: org.enterprise for code, org in self.orgs.items() if org.enterprise is not None}
        # Enterprises without a party organization of their own, where members of the core cell work.
        without_cell = [self.enterprise_names.foreign().name for _ in range(12)]
        records = []
        for person in self.persons:
            workplace = self.workplace(person, without_cell)
            data = self.people.record(person.gender, person.birth, person.sector, workplace, person.full)
            records.append({**data, "events": person.events})
        return DemoPlan(self.decisions, records, enterprises, self.settled)

    def workplace(self, person: Person, without_cell: list[str]) -> str:
        """The enterprise or agency the member works in: that of the last organization they belonged to."""
        code = person.org
        if code is None:
            placed = [e for e in person.events if e["kind"] in (EventKind.ADMISSION, EventKind.TRANSFER_IN)]
            moved = [e for e in person.events if e["kind"] == EventKind.TRANSFER]
            code = moved[-1]["to_organization"] if moved else placed[-1]["organization"]
        org = self.orgs[code]
        if org.enterprise is not None:
            return org.enterprise.name
        if org.sector == ENT:
            return self.rng.choice(without_cell)
        if code == "CQ05":
            return "Trung tâm Dịch vụ khu công nghiệp"
        return "Ban Quản lý Khu kinh tế Hải Phòng"


def make_plan(seed: int = SEED) -> DemoPlan:
    return Planner(seed).run()
