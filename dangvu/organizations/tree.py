"""The organization tree on any date, read from the event history in one query.

counting.md: an organization exists on D when founded on or before D and not dissolved on or before D;
its parent, name, kind and sector on D are those of its latest event on or before D; "under X on D" is X
and every organization whose chain of parents on D reaches X.
"""

import bisect
import datetime
from dataclasses import dataclass
from functools import cached_property

from .choices import OrganizationKind


@dataclass(frozen=True)
class OrgState:
    id: int
    code: str
    name: str
    kind: str
    sector: str
    enterprise_kind: str
    parent_id: int | None
    external_parent: str
    is_core_cell: bool


class Tree:
    """The organizations that exist on one date, with their parents on that date."""

    def __init__(self, day: datetime.date, states: dict[int, OrgState]):
        self.day = day
        self.states = states

    @cached_property
    def children(self) -> dict[int | None, list[int]]:
        result: dict[int | None, list[int]] = {}
        for state in self.states.values():
            parent = state.parent_id if state.parent_id in self.states else None
            result.setdefault(parent, []).append(state.id)
        for ids in result.values():
            ids.sort(key=lambda i: self.states[i].code)
        return result

    def roots(self) -> list[int]:
        return list(self.children.get(None, []))

    def exists(self, org_id: int) -> bool:
        return org_id in self.states

    def direct_subordinates(self, org_id: int) -> list[int]:
        return list(self.children.get(org_id, []))

    def under(self, org_id: int | None) -> set[int]:
        """org_id and everything below it on this date; None means the whole installation."""
        if org_id is None:
            return set(self.states)
        if org_id not in self.states:
            return set()
        found = {org_id}
        stack = [org_id]
        while stack:
            for child in self.children.get(stack.pop(), []):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found

    def ancestors(self, org_id: int) -> list[int]:
        chain = []
        seen = {org_id}
        parent = self.states[org_id].parent_id if org_id in self.states else None
        while parent is not None and parent in self.states and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.states[parent].parent_id
        return chain

    def is_under(self, org_id: int, ancestor_id: int | None) -> bool:
        if org_id not in self.states:
            return False
        return ancestor_id is None or org_id == ancestor_id or ancestor_id in self.ancestors(org_id)

    def depth_first(self, org_id: int | None = None) -> list[tuple[int, int]]:
        """(org id, depth) in display order, starting at org_id (or at the roots)."""
        out: list[tuple[int, int]] = []
        starts = [org_id] if org_id is not None else self.roots()

        def walk(node: int, depth: int):
            out.append((node, depth))
            for child in self.children.get(node, []):
                walk(child, depth + 1)

        for start in starts:
            if start in self.states:
                walk(start, 0)
        return out


class History:
    """Every organization's timeline of states, loaded once; `tree_on(day)` answers any date."""

    def __init__(self, timelines: dict[int, list[tuple[datetime.date, OrgState | None]]]):
        # timelines[org_id] = [(date, state or None when it no longer exists), ...] in event order
        self.timelines = timelines
        self._dates = {org_id: [d for d, _ in rows] for org_id, rows in timelines.items()}
        self._trees: dict[datetime.date, Tree] = {}
        self.first_kinds: dict[int, str] = {}  # how each timeline starts: founded or received
        self._ends: dict[int, list[datetime.date]] = {}  # the dates each organization ended on (end_after)

    @classmethod
    def load(cls) -> "History":
        from .models import OrganizationEvent

        rows = (
            OrganizationEvent.objects.filter(voided_at__isnull=True)
            .order_by("date", "id")
            .values_list(
                "organization_id",
                "date",
                "exists",
                "organization__code",
                "name",
                "org_kind",
                "sector",
                "enterprise_kind",
                "parent_id",
                "external_parent",
                "organization__is_core_cell",
                "kind",
            )
        )
        timelines: dict[int, list[tuple[datetime.date, OrgState | None]]] = {}
        first_kinds: dict[int, str] = {}
        for org_id, day, exists, code, name, kind, sector, ent_kind, parent_id, ext_parent, core, how in rows:
            state = (
                OrgState(org_id, code, name, kind, sector, ent_kind, parent_id, ext_parent, core)
                if exists
                else None
            )
            timelines.setdefault(org_id, []).append((day, state))
            first_kinds.setdefault(org_id, how)
        history = cls(timelines)
        history.first_kinds = first_kinds
        return history

    def add(self, events) -> None:
        """Take in events just recorded (saved `OrganizationEvent`s with their organization, none of them
        before its organization's last event, in the order recorded), so that the history answers as
        `load()` would now, without reading every event again: the Excel importer records one decision
        after another against the same history."""
        earliest = None
        for event in events:
            org = event.organization
            state = (
                OrgState(
                    org.pk,
                    org.code,
                    event.name,
                    event.org_kind,
                    event.sector,
                    event.enterprise_kind,
                    event.parent_id,
                    event.external_parent,
                    org.is_core_cell,
                )
                if event.exists
                else None
            )
            timeline = self.timelines.setdefault(org.pk, [])
            if timeline and timeline[-1][0] > event.date:
                raise ValueError(f"event of {event.date} before the last one of organization {org.pk}")
            timeline.append((event.date, state))
            self._dates.setdefault(org.pk, []).append(event.date)
            self.first_kinds.setdefault(org.pk, event.kind)
            earliest = event.date if earliest is None else min(earliest, event.date)
        if earliest is None:
            return
        # A tree kept for a stretch that starts before the earliest new event still holds.
        self._trees = {key: tree for key, tree in self._trees.items() if key < earliest}
        self.__dict__.pop("change_dates", None)
        self._ends.clear()

    @cached_property
    def change_dates(self) -> list[datetime.date]:
        return sorted({d for dates in self._dates.values() for d in dates})

    def end_after(self, org_id: int, day: datetime.date) -> datetime.date | None:
        """The first date after `day` on which the organization ended (merged, dissolved, handed over), if
        any: asked for every stretch of membership a ledger replays."""
        ends = self._ends.get(org_id)
        if ends is None:
            ends = self._ends[org_id] = [d for d, state in self.timelines.get(org_id, []) if state is None]
        index = bisect.bisect_right(ends, day)
        return ends[index] if index < len(ends) else None

    def state_on(self, org_id: int, day: datetime.date) -> OrgState | None:
        dates = self._dates.get(org_id)
        if not dates:
            return None
        index = bisect.bisect_right(dates, day) - 1
        return self.timelines[org_id][index][1] if index >= 0 else None

    def last_state_on(self, org_id: int | None, day: datetime.date) -> OrgState | None:
        """The organization's state on `day`, or its last state when it had ended by then (for naming the
        organization of a past event or of a former member)."""
        if org_id is None:
            return None
        state = self.state_on(org_id, day)
        if state is None:
            for when, candidate in self.timelines.get(org_id, []):
                if candidate is not None and when <= day:
                    state = candidate
        return state

    def tree_on(self, day: datetime.date) -> Tree:
        # The tree only changes on event dates: share one Tree per stretch between them.
        index = bisect.bisect_right(self.change_dates, day) - 1
        key = self.change_dates[index] if index >= 0 else datetime.date.min
        tree = self._trees.get(key)
        if tree is None:
            states = {}
            for org_id in self.timelines:
                state = self.state_on(org_id, day)
                if state is not None:
                    states[org_id] = state
            tree = Tree(key, states)
            self._trees[key] = tree
        return tree

    def ever_under(self, org_id: int, day: datetime.date) -> set[int]:
        """Organizations under `org_id` on `day`, plus those that had ended by then and were under it on
        their last day (their former members stay in the scope of the organization above them)."""
        tree = self.tree_on(day)
        found = tree.under(org_id) or {org_id}
        for other, timeline in self.timelines.items():
            if other in tree.states or other in found:
                continue
            last_existing = [d for d, state in timeline if state is not None]
            ends = [d for d, state in timeline if state is None]
            if not last_existing or not ends or ends[-1] > day:
                continue
            last_day = ends[-1] - datetime.timedelta(days=1)
            if self.tree_on(last_day).is_under(other, org_id):
                found.add(other)
        return found

    def founded_on(self, org_id: int) -> datetime.date | None:
        dates = self._dates.get(org_id)
        return dates[0] if dates else None

    def foundings(self) -> list[tuple[int, datetime.date]]:
        """(org id, founding date) of every organization founded here (not received from elsewhere)."""
        return [
            (org_id, rows[0][0])
            for org_id, rows in self.timelines.items()
            if rows and rows[0][1] is not None and self.first_kinds.get(org_id, "founded") == "founded"
        ]


KIND_ORDER = [
    OrganizationKind.UPPER_COMMITTEE,
    OrganizationKind.GRASSROOTS_COMMITTEE,
    OrganizationKind.SECTION_COMMITTEE,
    OrganizationKind.GRASSROOTS_CELL,
    OrganizationKind.SUBORDINATE_CELL,
]
