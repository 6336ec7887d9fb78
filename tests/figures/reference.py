"""A small, plain reference implementation of counting.md, for the property tests.

It is written on purpose without `dangvu.figures`, `dangvu.organizations.tree` or the membership periods:
it reads the raw ledgers (organization events and membership events, as plain Python data) and answers
every question by walking them from the start, the slow and obvious way. Kinds are plain strings, the age
bands are written out again, and the organization a member leaves is worked out from the member's own
ledger (not taken from the event row), so that a mistake in the shared code cannot hide in both.

Conventions it follows (counting.md):
- "on D" is the end of day D; events of one day apply in recording order (`seq`).
- an organization's state on D is the one written by its latest event on or before D; it exists on D
  when that event leaves it existing;
- the organization a member leaves on D (transfer, ending, and where a recognition happens) is judged
  where it stands on D, or, when it ends on D, where it stood on D−1 (its members leave it that day);
- a member belongs on D to the organization of the latest admission, transfer in or permanent transfer
  on or before D, unless an ending (or a transfer out) came after it;
- full member on D when the recognition date of the current admission is on or before D;
- age on D is whole years since birth; someone born on 29 February has their birthday on 28 February in
  other years (Civil Code 2015, art. 148: a period that would end on a missing day ends on the month's last
  day).
"""

import datetime
import itertools
from collections import Counter
from dataclasses import dataclass

ENDINGS = {"transfer_out", "struck_off", "expelled", "left", "deceased"}
AGE_BANDS = [("to_30", 0, 30), ("31_40", 31, 40), ("41_50", 41, 50), ("51_60", 51, 60), ("over_60", 61, 999)]
KIND_KEYS = {
    "upper_committee": "upper_committees",
    "grassroots_committee": "grassroots_committees",
    "section_committee": "section_committees",
    "grassroots_cell": "grassroots_cells",
    "subordinate_cell": "subordinate_cells",
}


@dataclass(frozen=True)
class OrgEvent:
    org: int
    date: datetime.date
    seq: int  # recording order among events of the same day
    kind: str  # founded, received, moved, changed_kind, dissolved, merged, ...
    exists: bool  # does the organization exist after this event
    parent: int | None
    org_kind: str
    sector: str
    voided: bool = False


@dataclass(frozen=True)
class Person:
    id: int
    gender: str
    birth_date: datetime.date
    ethnicity: str = ""
    theory_level: str = ""


@dataclass(frozen=True)
class MemberEvent:
    member: int
    date: datetime.date
    seq: int
    kind: str
    organization: int | None = None  # admitted into / transferred in to / hosting a temporary transfer
    to_organization: int | None = None  # for a transfer inside the installation
    original_admission_date: datetime.date | None = None
    original_recognition_date: datetime.date | None = None
    voided: bool = False


def age(birth: datetime.date, day: datetime.date) -> int:
    """Whole years from birth to day."""
    birthday_day = birth.day
    if birth.month == 2 and birth.day == 29 and not _leap(day.year):
        birthday_day = 28
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birthday_day):
        years -= 1
    return years


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def age_band(years: int) -> str:
    for name, low, high in AGE_BANDS:
        if low <= years <= high:
            return name
    raise ValueError(years)


@dataclass
class Standing:
    organization: int | None  # None: not a member on that day
    admitted: datetime.date | None
    full: bool


class Reference:
    def __init__(self, org_events: list[OrgEvent], people: list[Person], member_events: list[MemberEvent]):
        self.org_events: dict[int, list[OrgEvent]] = {}
        for event in sorted(org_events, key=lambda e: (e.date, e.seq)):
            if not event.voided:
                self.org_events.setdefault(event.org, []).append(event)
        self.people = {p.id: p for p in people}
        self.member_events: dict[int, list[MemberEvent]] = {p.id: [] for p in people}
        for event in sorted(member_events, key=lambda e: (e.date, e.seq)):
            if not event.voided:
                self.member_events[event.member].append(event)

    # --- organizations -------------------------------------------------------------------------------

    def state(self, org: int, day: datetime.date) -> OrgEvent | None:
        """The organization's latest event on or before `day`, or None when it does not exist that day."""
        latest = None
        for event in self.org_events.get(org, []):
            if event.date <= day:
                latest = event
        if latest is None or not latest.exists:
            return None
        return latest

    def existing(self, day: datetime.date) -> list[int]:
        return [org for org in self.org_events if self.state(org, day) is not None]

    def is_under(self, org: int, top: int, day: datetime.date) -> bool:
        """org is top, or org's chain of parents on `day` reaches top."""
        seen = set()
        current = org
        while current is not None and current not in seen:
            state = self.state(current, day)
            if state is None:
                return False
            if current == top:
                return True
            seen.add(current)
            current = state.parent
        return False

    def under(self, top: int, day: datetime.date) -> set[int]:
        return {org for org in self.existing(day) if self.is_under(org, top, day)}

    def direct_subordinates(self, top: int, day: datetime.date) -> set[int]:
        return {org for org in self.existing(day) if org != top and self.state(org, day).parent == top}

    def organization_counts(self, top: int, day: datetime.date) -> dict:
        below = self.under(top, day) - {top}
        direct = self.direct_subordinates(top, day)
        kinds = Counter(self.state(org, day).org_kind for org in below)
        result = {"direct_subordinates": len(direct), "total": len(below)}
        for kind, key in KIND_KEYS.items():
            result[key] = kinds.get(kind, 0)
        result["enterprise"] = sum(1 for org in below if self.state(org, day).sector == "enterprise")
        result["administrative"] = len(below) - result["enterprise"]
        result["direct_enterprise"] = sum(1 for org in direct if self.state(org, day).sector == "enterprise")
        pairs = Counter((self.state(org, day).org_kind, self.state(org, day).sector) for org in direct)
        result["direct_by_kind_and_sector"] = {f"{k}:{s}": n for (k, s), n in sorted(pairs.items())}
        return result

    # --- members -------------------------------------------------------------------------------------

    def _walk(self, member: int):
        """Each event of the member's ledger with the organization the member was in just before it."""
        organization = None
        for event in self.member_events[member]:
            before = organization
            if event.kind in ("admission", "transfer_in"):
                organization = event.organization
            elif event.kind == "transfer" and organization is not None:
                organization = event.to_organization
            elif event.kind in ENDINGS:
                organization = None
            yield event, before

    def standing(self, member: int, day: datetime.date) -> Standing:
        organization = None
        admitted = None
        recognized: dict[datetime.date, datetime.date] = {}  # admission date -> recognition date
        for event in self.member_events[member]:
            if event.date > day:
                break
            if event.kind == "admission":
                organization, admitted = event.organization, event.date
            elif event.kind == "transfer_in":
                organization = event.organization
                admitted = event.original_admission_date or admitted
                if event.original_recognition_date is not None:
                    recognized.setdefault(admitted, event.original_recognition_date)
            elif event.kind == "transfer" and organization is not None:
                organization = event.to_organization
            elif event.kind == "recognition" and organization is not None:
                recognized.setdefault(admitted, event.date)
            elif event.kind in ENDINGS:
                organization = None
        full = organization is not None and admitted in recognized and recognized[admitted] <= day
        return Standing(organization, admitted if organization is not None else None, full)

    def members(self, top: int, day: datetime.date) -> list[tuple[Person, int, bool]]:
        """(person, organization they belong to, full member) for every member of `top` on `day`."""
        inside = self.under(top, day)
        found = []
        for member, person in self.people.items():
            standing = self.standing(member, day)
            if standing.organization in inside:
                found.append((person, standing.organization, standing.full))
        return found

    def member_counts(self, top: int, day: datetime.date) -> dict:
        rows = self.members(top, day)
        bands = Counter(age_band(age(person.birth_date, day)) for person, _org, _full in rows)
        return {
            "total": len(rows),
            "full": sum(1 for _p, _o, full in rows if full),
            "probationary": sum(1 for _p, _o, full in rows if not full),
            "enterprise": sum(1 for _p, org, _f in rows if self.state(org, day).sector == "enterprise"),
            "administrative": sum(1 for _p, org, _f in rows if self.state(org, day).sector != "enterprise"),
            "female": sum(1 for person, _o, _f in rows if person.gender == "female"),
            "male": sum(1 for person, _o, _f in rows if person.gender != "female"),
            "by_age_band": {name: bands.get(name, 0) for name, _low, _high in AGE_BANDS},
            "by_ethnicity": dict(Counter(person.ethnicity for person, _o, _f in rows)),
            "by_theory_level": dict(Counter(person.theory_level for person, _o, _f in rows)),
        }

    def own_members(self, org: int, day: datetime.date) -> int:
        """Members who belong to `org` itself (not to an organization below it)."""
        return sum(1 for member in self.people if self.standing(member, day).organization == org)

    # --- flows ---------------------------------------------------------------------------------------

    def left_from_under(self, org: int | None, top: int, day: datetime.date) -> bool:
        """Is the organization a member leaves on `day` under top? Where it stands that day; if it ends
        that day (a merge moves its members out, then ends it), where it stood the day before."""
        if org is None:
            return False
        if self.is_under(org, top, day):
            return True
        return self.state(org, day) is None and self.is_under(org, top, day - datetime.timedelta(days=1))

    def flows(self, top: int, start: datetime.date, end: datetime.date) -> dict:
        result = {
            "admitted": 0,
            "recognized": 0,
            "transferred_in": 0,
            "transferred_out": 0,
            "ended": Counter(),
            "founded": 0,
            "dissolved": 0,
        }
        for member in self.people:
            for event, before in self._walk(member):
                if not start <= event.date <= end:
                    continue
                inside = self.under(top, event.date)
                left_inside = self.left_from_under(before, top, event.date)
                if event.kind == "admission" and event.organization in inside:
                    result["admitted"] += 1
                elif event.kind == "transfer_in" and event.organization in inside:
                    result["transferred_in"] += 1
                elif event.kind == "recognition" and left_inside:
                    result["recognized"] += 1
                elif event.kind == "transfer":
                    if event.to_organization in inside and not left_inside:
                        result["transferred_in"] += 1
                    elif left_inside and event.to_organization not in inside:
                        result["transferred_out"] += 1
                elif event.kind == "transfer_out" and left_inside:
                    result["transferred_out"] += 1
                elif event.kind in ENDINGS and left_inside:
                    result["ended"][event.kind] += 1
        for org, events in self.org_events.items():
            first = events[0]
            if first.kind == "founded" and start <= first.date <= end and self.is_under(org, top, first.date):
                result["founded"] += 1
            for previous, event in itertools.pairwise(events):
                if previous.exists and not event.exists and start <= event.date <= end:
                    if self.is_under(org, top, event.date - datetime.timedelta(days=1)):
                        result["dissolved"] += 1
        result["ended"] = dict(sorted(result["ended"].items()))
        return result


def from_database() -> Reference:
    """The reference fed with the raw ledgers as stored (voided events included, flagged)."""
    from dangvu.members.models import Member, MembershipEvent
    from dangvu.organizations.models import OrganizationEvent

    org_events = [
        OrgEvent(
            org=row["organization_id"],
            date=row["date"],
            seq=row["id"],
            kind=row["kind"],
            exists=row["exists"],
            parent=row["parent_id"],
            org_kind=row["org_kind"],
            sector=row["sector"],
            voided=row["voided_at"] is not None,
        )
        for row in OrganizationEvent.objects.values(
            "id", "organization_id", "date", "kind", "exists", "parent_id", "org_kind", "sector", "voided_at"
        )
    ]
    people = [
        Person(row["id"], row["gender"], row["birth_date"], row["ethnicity"], row["theory_level"])
        for row in Member.objects.values("id", "gender", "birth_date", "ethnicity", "theory_level")
    ]
    member_events = [
        MemberEvent(
            member=row["member_id"],
            date=row["date"],
            seq=row["id"],
            kind=row["kind"],
            organization=row["organization_id"],
            to_organization=row["to_organization_id"],
            original_admission_date=row["original_admission_date"],
            original_recognition_date=row["original_recognition_date"],
            voided=row["voided_at"] is not None,
        )
        for row in MembershipEvent.objects.values(
            "id",
            "member_id",
            "date",
            "kind",
            "organization_id",
            "to_organization_id",
            "original_admission_date",
            "original_recognition_date",
            "voided_at",
        )
    ]
    return Reference(org_events, people, member_events)
