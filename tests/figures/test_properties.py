"""Property tests: the one counting implementation (`dangvu.figures.counting`) against the plain reference
(`tests/figures/reference.py`) on random histories, and the identities at the end of counting.md.

Each example builds a random history through the real services, day after day: organizations founded,
moved, upgraded, changed in kind or sector, dissolved, merged; people admitted, recognized, transferred
inside, in from and out to other party committees, temporarily transferred, exempted, ended, readmitted,
and wrong transfers corrected. Only events that are valid on their day are built (the test keeps its own
small book of who is where), so a refusal by a service is itself a failure. Then, for random dates and
organizations, every figure is compared with the reference, which reads the raw ledgers.

Each example runs inside `transaction.atomic()` and is rolled back, so examples never see each other.
DANGVU_PROPERTY_EXAMPLES raises the number of examples for a longer local run.
"""

import datetime
import itertools
import os
from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from dangvu.core.dates import add_months, age_on, whole_months_between
from dangvu.figures import counting
from dangvu.figures.stats import statistics
from dangvu.members import services as member_services
from dangvu.members.choices import AGE_BANDS
from dangvu.members.models import Member
from dangvu.organizations import services as org_services
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.models import Organization
from dangvu.organizations.services import Change
from dangvu.organizations.tree import History

from . import reference

pytestmark = pytest.mark.django_db

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
ROOT_DAY = D(2000, 1, 1)
FIRST_DAY = D(2001, 1, 1)
EXAMPLES = int(os.environ.get("DANGVU_PROPERTY_EXAMPLES", "10"))
STEPS = 28

K = OrganizationKind
ENDINGS = ["struck_off", "expelled", "left", "deceased", "transfer_out"]
PARENT_KINDS = {K.UPPER_COMMITTEE, K.GRASSROOTS_COMMITTEE, K.SECTION_COMMITTEE}

# DANGVU_PROPERTY_SHRINK=0 skips shrinking (a failing history is shown as found, not minimized).
PHASES = (
    (Phase.explicit, Phase.reuse, Phase.generate)
    if os.environ.get("DANGVU_PROPERTY_SHRINK") == "0"
    else tuple(Phase)
)
property_settings = settings(max_examples=EXAMPLES, deadline=None, print_blob=True, phases=PHASES)


@dataclass
class Person:
    member: Member
    birth: datetime.date
    org: int | None = None  # where the person belongs now; None when not a member
    admitted: datetime.date | None = None
    ceremony: datetime.date | None = None
    recognized: datetime.date | None = None
    ended: str | None = None
    ended_on: datetime.date | None = None


class World:
    """Builds a valid random history through the services, in date order."""

    def __init__(self, data):
        self.draw = data.draw
        self.day = FIRST_DAY
        self.codes = itertools.count(1)
        self.national_ids = itertools.count(900000000001)
        self.root = org_services.found_organization(
            ROOT_DAY,
            "1-QĐ/TU",
            code="ROOT",
            name="Đảng ủy Khu kinh tế",
            kind=K.UPPER_COMMITTEE,
            sector=Sector.ADMINISTRATIVE,
            external_parent="Thành ủy Hải Phòng",
        )
        self.orgs: dict[int, Organization] = {self.root.pk: self.root}  # existing now
        self.all_orgs: list[int] = [self.root.pk]
        self.kind = {self.root.pk: K.UPPER_COMMITTEE}
        self.parent: dict[int, int | None] = {self.root.pk: None}
        self.sector = {self.root.pk: Sector.ADMINISTRATIVE}
        self.people: list[Person] = []
        # The last day someone was placed in each organization: it cannot end that same day (services).
        self.placed: dict[int, datetime.date] = {}

    # --- helpers ---

    def existing(self) -> list[int]:
        return sorted(self.orgs)

    def children(self, org: int) -> list[int]:
        return [o for o in self.orgs if self.parent[o] == org]

    def members_in(self, org: int) -> list[Person]:
        return [p for p in self.people if p.org == org]

    def pick(self, values):
        return self.draw(st.sampled_from(sorted(values)))

    def pick_person(self, people: list[Person]) -> Person:
        return people[self.draw(st.integers(0, len(people) - 1))]

    def place(self, org: int) -> int:
        self.placed[org] = self.day
        return org

    def decision(self) -> str:
        return f"{next(self.codes)}-QĐ/ĐU"

    # --- organization actions ---

    def found(self):
        parent = self.pick(o for o in self.orgs if self.kind[o] in PARENT_KINDS)
        if self.kind[parent] == K.UPPER_COMMITTEE:
            kind = self.draw(st.sampled_from([K.GRASSROOTS_CELL, K.GRASSROOTS_COMMITTEE]))
        elif self.kind[parent] == K.GRASSROOTS_COMMITTEE:
            kind = self.draw(st.sampled_from([K.SUBORDINATE_CELL, K.SECTION_COMMITTEE]))
        else:
            kind = K.SUBORDINATE_CELL
        sector = self.draw(st.sampled_from([Sector.ENTERPRISE, Sector.ADMINISTRATIVE]))
        code = f"O{next(self.codes)}"
        org = org_services.found_organization(
            self.day,
            self.decision(),
            code=code,
            name=f"Tổ chức {code}",
            kind=kind,
            sector=sector,
            parent=self.orgs[parent],
        )
        self.orgs[org.pk] = org
        self.all_orgs.append(org.pk)
        self.kind[org.pk], self.parent[org.pk], self.sector[org.pk] = kind, parent, sector

    def movable(self):
        return [o for o in self.orgs if self.kind[o] in (K.SUBORDINATE_CELL, K.SECTION_COMMITTEE)]

    def move_targets(self, org: int):
        allowed = (
            {K.GRASSROOTS_COMMITTEE}
            if self.kind[org] == K.SECTION_COMMITTEE
            else {K.GRASSROOTS_COMMITTEE, K.SECTION_COMMITTEE}
        )
        return [o for o in self.orgs if self.kind[o] in allowed and o != self.parent[org] and o != org]

    def move(self):
        org = self.pick(o for o in self.movable() if self.move_targets(o))
        target = self.pick(self.move_targets(org))
        org_services.move(self.orgs[org], self.day, self.decision(), self.orgs[target])
        self.parent[org] = target

    def upgrade(self):
        """A subordinate cell becomes a grassroots cell directly under the root, in one decision."""
        org = self.pick(o for o in self.orgs if self.kind[o] == K.SUBORDINATE_CELL)
        change = Change(
            self.orgs[org], "changed_kind", org_kind=K.GRASSROOTS_CELL, parent=self.root, parent_changed=True
        )
        org_services.apply_decision(self.day, self.decision(), [change])
        self.kind[org], self.parent[org] = K.GRASSROOTS_CELL, self.root.pk

    def kind_changeable(self):
        return [
            o
            for o in self.orgs
            if self.kind[o] == K.GRASSROOTS_CELL
            or (self.kind[o] == K.GRASSROOTS_COMMITTEE and not self.children(o))
        ]

    def change_kind(self):
        org = self.pick(self.kind_changeable())
        new = K.GRASSROOTS_COMMITTEE if self.kind[org] == K.GRASSROOTS_CELL else K.GRASSROOTS_CELL
        org_services.change_kind(self.orgs[org], self.day, self.decision(), new)
        self.kind[org] = new

    def change_sector(self):
        org = self.pick(o for o in self.orgs if o != self.root.pk)
        new = Sector.ADMINISTRATIVE if self.sector[org] == Sector.ENTERPRISE else Sector.ENTERPRISE
        change = Change(self.orgs[org], "changed_sector", sector=new)
        org_services.apply_decision(self.day, self.decision(), [change])
        self.sector[org] = new

    def leaves(self):
        """Organizations that may end today: no organization under them, nobody placed in them today."""
        return [
            o
            for o in self.orgs
            if o != self.root.pk and not self.children(o) and self.placed.get(o) != self.day
        ]

    def dissolve(self):
        org = self.pick(o for o in self.leaves() if not self.members_in(o))
        org_services.dissolve(self.orgs[org], self.day, self.decision())
        del self.orgs[org]

    def merge(self):
        """Its members move into another organization the same day, then it ends (services.merge)."""
        org = self.pick(self.leaves())
        into = self.pick(o for o in self.orgs if o != org)
        org_services.merge(self.orgs[org], self.orgs[into], self.day, self.decision())
        for person in self.members_in(org):
            person.org = self.place(into)
        del self.orgs[org]

    # --- member actions ---

    def birth_for(self, day: datetime.date, low_months=216, high_months=719) -> datetime.date:
        """A birth date that makes the person between 18 and 60 years old (in months) on `day`."""
        if self.draw(st.integers(0, 5)) == 0:
            # Someone born on 29 February: the age bands' edge case.
            leap_years = [
                y
                for y in range(day.year - 60, day.year - 17)
                if y % 4 == 0 and low_months <= whole_months_between(D(y, 2, 29), day) <= high_months
            ]
            if leap_years:
                return D(self.pick(leap_years), 2, 29)
        months = self.draw(st.integers(low_months, high_months))
        return add_months(day, -months) - datetime.timedelta(days=self.draw(st.integers(0, 27)))

    def personal(self, birth: datetime.date) -> dict:
        number = next(self.national_ids)
        return {
            "full_name": f"Nguyễn Văn {number}",
            "gender": self.draw(st.sampled_from(["male", "female"])),
            "birth_date": birth,
            "national_id": str(number),
            "ethnicity": self.draw(st.sampled_from(["Kinh", "Tày", "Mường"])),
            "theory_level": self.draw(st.sampled_from(["", "elementary", "intermediate", "advanced"])),
        }

    def admit_new(self):
        org = self.place(self.pick(self.existing()))
        birth = self.birth_for(self.day)
        ceremony = self.day + datetime.timedelta(days=self.draw(st.integers(0, 20)))
        member = member_services.create_member(
            self.personal(birth),
            first_event={
                "kind": "admission",
                "date": self.day,
                "organization": self.orgs[org],
                "ceremony_date": ceremony,
                "decision_number": self.decision(),
            },
        )
        self.people.append(Person(member, birth, org, self.day, ceremony))

    def transfer_in_new(self):
        org = self.place(self.pick(self.existing()))
        admitted = self.day - datetime.timedelta(days=self.draw(st.integers(0, 4000)))
        birth = self.birth_for(admitted, high_months=500)
        recognized = None
        if add_months(admitted, 12) <= self.day and self.draw(st.booleans()):
            recognized = add_months(admitted, 12)
        member = member_services.create_member(
            self.personal(birth),
            first_event={
                "kind": "transfer_in",
                "date": self.day,
                "organization": self.orgs[org],
                "external_organization": "Đảng bộ Quận Ngô Quyền",
                "original_admission_date": admitted,
                "original_recognition_date": recognized,
                "decision_number": self.decision(),
            },
        )
        self.people.append(Person(member, birth, org, admitted, admitted, recognized))

    def active(self) -> list[Person]:
        return [p for p in self.people if p.org is not None]

    def recognizable(self) -> list[Person]:
        return [p for p in self.active() if p.recognized is None and add_months(p.ceremony, 12) <= self.day]

    def recognize(self):
        person = self.pick_person(self.recognizable())
        member_services.recognize(person.member, self.day, self.decision())
        person.recognized = self.day

    def transfer(self):
        person = self.pick_person(self.active())
        target = self.pick(o for o in self.orgs if o != person.org)
        member_services.record_transfer(person.member, self.orgs[target], self.day, self.decision())
        person.org = self.place(target)

    def transfer_corrected(self):
        """A transfer to the wrong organization, voided and replaced by the right one (a correction)."""
        person = self.pick_person(self.active())
        wrong = self.pick(o for o in self.orgs if o != person.org)
        right = self.pick(o for o in self.orgs if o != person.org)
        event = member_services.record_transfer(person.member, self.orgs[wrong], self.day, self.decision())
        member_services.correct_event(
            event,
            "Ghi nhầm tổ chức chuyển đến",
            replacement={
                "kind": "transfer",
                "date": self.day,
                "to_organization": self.orgs[right],
                "decision_number": self.decision(),
            },
        )
        person.org = self.place(right)

    def end(self):
        person = self.pick_person(self.active())
        kind = self.draw(st.sampled_from(ENDINGS))
        member_services.record_event(person.member, kind=kind, date=self.day, decision_number=self.decision())
        person.org, person.ended, person.ended_on = None, kind, self.day

    def readmittable(self) -> list[Person]:
        return [
            p
            for p in self.people
            if p.org is None
            and p.ended in ("struck_off", "expelled", "left")
            and whole_months_between(p.ended_on, self.day) >= 36
            and whole_months_between(p.birth, self.day) <= 720
        ]

    def readmit(self):
        person = self.pick_person(self.readmittable())
        org = self.place(self.pick(self.existing()))
        ceremony = self.day + datetime.timedelta(days=self.draw(st.integers(0, 20)))
        member_services.admit(
            person.member, self.orgs[org], self.day, self.decision(), ceremony_date=ceremony
        )
        person.org, person.admitted, person.ceremony = org, self.day, ceremony
        person.recognized, person.ended, person.ended_on = None, None, None

    def returning(self) -> list[Person]:
        return [p for p in self.people if p.org is None and p.ended == "transfer_out"]

    def return_in(self):
        """Back from another party committee, with the dates of the membership brought along."""
        person = self.pick_person(self.returning())
        org = self.place(self.pick(self.existing()))
        recognized = person.recognized
        if recognized is None and add_months(person.ceremony, 12) <= self.day and self.draw(st.booleans()):
            recognized = add_months(person.ceremony, 12)
        member_services.record_event(
            person.member,
            kind="transfer_in",
            date=self.day,
            organization=self.orgs[org],
            original_admission_date=person.admitted,
            original_recognition_date=recognized,
            decision_number=self.decision(),
        )
        person.org, person.recognized, person.ended, person.ended_on = org, recognized, None, None

    def temporary_or_exempt(self):
        """Neither moves the member: the figures must not change."""
        person = self.pick_person(self.active())
        if self.draw(st.booleans()):
            host = self.place(self.pick(self.existing()))
            member_services.record_event(
                person.member, kind="temporary_transfer", date=self.day, organization=self.orgs[host]
            )
        else:
            member_services.record_event(person.member, kind="exemption", date=self.day)

    # --- the driver ---

    def possible(self) -> list:
        actions = [self.found, self.admit_new, self.transfer_in_new]
        if any(self.move_targets(o) for o in self.movable()):
            actions.append(self.move)
        if any(self.kind[o] == K.SUBORDINATE_CELL for o in self.orgs):
            actions.append(self.upgrade)
        if self.kind_changeable():
            actions.append(self.change_kind)
        if len(self.orgs) > 1:
            actions.append(self.change_sector)
        if any(not self.members_in(o) for o in self.leaves()):
            actions.append(self.dissolve)
        if self.leaves():
            actions.append(self.merge)
        if self.active():
            actions += [self.end, self.temporary_or_exempt, self.admit_new]
            if len(self.orgs) > 1:
                actions += [self.transfer, self.transfer_corrected]
        if self.recognizable():
            actions += [self.recognize, self.recognize]
        if self.readmittable():
            actions.append(self.readmit)
        if self.returning():
            actions.append(self.return_in)
        return actions

    def build(self, steps: int):
        for _step in range(steps):
            self.day += datetime.timedelta(
                days=self.draw(st.one_of(st.sampled_from([0, 0, 1]), st.integers(2, 300)))
            )
            action = self.draw(st.sampled_from(self.possible()), label="action")
            action()


def build_world(data) -> World:
    world = World(data)
    world.build(data.draw(st.integers(4, STEPS), label="steps"))
    return world


def interesting_days(world: World, ref: reference.Reference) -> list[datetime.date]:
    """Event days and their neighbours, birthdays at the age bands' edges, and 28 February / 1 March."""
    days = {ROOT_DAY - ONE_DAY}
    for events in ref.org_events.values():
        days.update(e.date for e in events)
    for events in ref.member_events.values():
        days.update(e.date for e in events)
    days |= {d + ONE_DAY for d in days} | {d - ONE_DAY for d in days}
    for person in world.people:
        for years in (31, 41, 51, 61):
            birthday = add_months(person.birth, 12 * years)
            days |= {birthday, birthday - ONE_DAY}
    for year in range(FIRST_DAY.year, world.day.year + 2):
        days |= {D(year, 2, 28), D(year, 3, 1)}
    return sorted(days)


def member_figures(counts: counting.MemberCounts) -> dict:
    return counts.as_dict()


def in_rolled_back_transaction(test):
    """Run one example inside a transaction that is always rolled back."""

    def run(data):
        with transaction.atomic():
            test(data)
            transaction.set_rollback(True)

    run.__name__ = test.__name__
    run.__doc__ = test.__doc__
    return run


@property_settings
@given(st.data())
@in_rolled_back_transaction
def test_member_and_organization_counts_match_the_reference(data):
    world = build_world(data)
    ref = reference.from_database()
    history = History.load()
    days = data.draw(st.lists(st.sampled_from(interesting_days(world, ref)), min_size=3, max_size=8))
    for day in days:
        for org in {world.root.pk, *data.draw(st.lists(st.sampled_from(world.all_orgs), max_size=3))}:
            scope = counting.Scope(day, org, history)
            counts = counting.member_counts(scope)
            where = f"org {org} on {day}"
            expected = ref.member_counts(org, day)
            assert member_figures(counts) == expected, where
            light = counting.member_counts(scope, breakdowns=False)
            totals = ("total", "full", "probationary", "enterprise", "administrative", "female", "male")
            assert {key: getattr(light, key) for key in totals} == {key: expected[key] for key in totals}, (
                where
            )
            assert counts.by_organization.get(org, 0) == ref.own_members(org, day), where
            assert counting.organization_counts(scope) == ref.organization_counts(org, day), where
            listed = set(counting.members_on(scope).values_list("pk", flat=True))
            assert listed == {person.id for person, _org, _full in ref.members(org, day)}, where
    # The bundle `dangvu stats` prints, for the root on the last day drawn.
    day = days[-1]
    stats = statistics(world.root, day, history=history)
    expected = ref.member_counts(world.root.pk, day)
    for key in ("total", "full", "probationary", "enterprise", "administrative", "female"):
        assert stats["members"][key] == expected[key], key
    in_year = ref.flows(world.root.pk, D(day.year, 1, 1), day)
    assert stats["admitted_in_year"] == in_year["admitted"]
    assert stats["founded_in_year"] == in_year["founded"]
    organizations = ref.organization_counts(world.root.pk, day)
    for key in ("direct_subordinates", "grassroots_committees", "grassroots_cells", "subordinate_cells"):
        assert stats["organizations"][key] == organizations[key], key


@property_settings
@given(st.data())
@in_rolled_back_transaction
def test_flows_match_the_reference(data):
    world = build_world(data)
    ref = reference.from_database()
    history = History.load()
    days = interesting_days(world, ref)
    for _ in range(6):
        start, end = sorted(data.draw(st.lists(st.sampled_from(days), min_size=2, max_size=2)))
        for org in {world.root.pk, data.draw(st.sampled_from(world.all_orgs))}:
            actual = counting.flows(history, org, start, end).as_dict()
            expected = ref.flows(org, start, end)
            assert {k: v for k, v in actual.items() if k not in ("from", "to")} == expected, (org, start, end)


def assert_identities(history: History, ref: reference.Reference, org: int, day: datetime.date):
    """counting.md: members(X, D) = members(X, D−1) + admitted + transferred in − ended − transferred out
    on D, and the direct subordinates plus X's own members add up to X.

    The first identity is checked for the root (everything) on every day. For a sub-organization it only
    holds when no organization moves into or out of X on D (an organization moved under X brings its
    members without any membership event), so there it is checked on the days when every organization
    that exists on both D−1 and D is under X on both days or on neither, by the reference's reading of the
    tree. Organizations founded or ended on D are allowed: they hold no members at the end of D−1,
    respectively D, and the members of one that ends leave it through counted events (merge).
    """
    scope = counting.Scope(day, org, history)
    counts = counting.member_counts(scope, breakdowns=False)
    before = counting.member_counts(counting.Scope(day - ONE_DAY, org, history), breakdowns=False)
    if org == ref_root(ref) or no_move_across(ref, org, day):
        flow = counting.flows(history, org, day, day)
        assert counts.total == (
            before.total
            + flow.admitted
            + flow.transferred_in
            - sum(flow.ended.values())
            - flow.transferred_out
        ), (org, day)
    tree = scope.tree
    if tree.exists(org):
        below = sum(
            counting.member_counts(counting.Scope(day, child, history), breakdowns=False).total
            for child in tree.direct_subordinates(org)
        )
        assert below + counts.by_organization.get(org, 0) == counts.total, (org, day)
        # The per-node totals of the tree page add up the same way.
        totals = counting.subtree_totals(scope, counts.by_organization)
        assert totals[org] == counts.total, (org, day)


def no_move_across(ref: reference.Reference, org: int, day: datetime.date) -> bool:
    both = set(ref.existing(day)) & set(ref.existing(day - ONE_DAY))
    return ref.under(org, day) & both == ref.under(org, day - ONE_DAY) & both


def ref_root(ref: reference.Reference) -> int:
    return min(ref.org_events)


@property_settings
@given(st.data())
@in_rolled_back_transaction
def test_counting_identities(data):
    world = build_world(data)
    ref = reference.from_database()
    history = History.load()
    event_days = sorted({e.date for events in ref.member_events.values() for e in events})
    event_days += sorted({e.date for events in ref.org_events.values() for e in events})
    for day in data.draw(st.lists(st.sampled_from(event_days), min_size=1, max_size=6)):
        assert_identities(history, ref, world.root.pk, day)
        assert_identities(history, ref, data.draw(st.sampled_from(world.all_orgs)), day)


def test_the_reference_itself_on_a_history_worked_by_hand():
    """The reference is only useful if it is right: a small history whose figures are counted by hand."""
    r = reference
    org_events = [
        r.OrgEvent(1, D(2000, 1, 1), 1, "founded", True, None, "upper_committee", "administrative"),
        r.OrgEvent(2, D(2001, 1, 1), 2, "founded", True, 1, "grassroots_committee", "enterprise"),
        r.OrgEvent(3, D(2001, 1, 1), 3, "founded", True, 2, "subordinate_cell", "enterprise"),
        r.OrgEvent(4, D(2002, 1, 1), 4, "founded", True, 1, "grassroots_cell", "administrative"),
        r.OrgEvent(3, D(2005, 1, 1), 5, "changed_kind", True, 1, "grassroots_cell", "enterprise"),
        r.OrgEvent(4, D(2006, 1, 1), 6, "dissolved", False, 1, "grassroots_cell", "administrative"),
    ]
    people = [
        r.Person(10, "female", D(1980, 2, 29), "Kinh", ""),
        r.Person(11, "male", D(1970, 6, 1), "Tày", "advanced"),
    ]
    member_events = [
        r.MemberEvent(10, D(2003, 1, 1), 1, "admission", organization=3),
        r.MemberEvent(10, D(2004, 1, 1), 2, "recognition", organization=3),
        r.MemberEvent(11, D(2003, 6, 1), 3, "admission", organization=4),
        r.MemberEvent(11, D(2004, 6, 1), 4, "transfer", organization=4, to_organization=2),
        r.MemberEvent(11, D(2004, 6, 1), 5, "transfer", organization=2, to_organization=4, voided=True),
        r.MemberEvent(11, D(2008, 6, 1), 6, "left", organization=2),
    ]
    ref = r.Reference(org_events, people, member_events)
    assert ref.member_counts(1, D(2003, 12, 31))["total"] == 2
    assert ref.member_counts(2, D(2003, 12, 31))["total"] == 1  # the cell is under the committee
    assert ref.member_counts(2, D(2005, 1, 1))["total"] == 1  # the cell moved out, member 11 moved in
    assert ref.member_counts(1, D(2004, 1, 1))["full"] == 1
    assert ref.own_members(2, D(2005, 1, 1)) == 1
    assert ref.organization_counts(1, D(2005, 1, 1))["direct_subordinates"] == 3
    assert ref.organization_counts(1, D(2006, 1, 1))["direct_subordinates"] == 2
    assert ref.flows(2, D(2004, 1, 1), D(2004, 12, 31))["transferred_in"] == 1
    assert ref.flows(1, D(2008, 1, 1), D(2008, 12, 31))["ended"] == {"left": 1}
    assert ref.flows(1, D(2000, 1, 1), D(2006, 12, 31))["founded"] == 4
    assert ref.flows(1, D(2006, 1, 1), D(2006, 1, 1))["dissolved"] == 1
    # Born on 29/02/1980: 31 on 28/02/2011 (no 29 February that year), still 30 the day before.
    assert r.age(D(1980, 2, 29), D(2011, 2, 28)) == 31
    assert r.age(D(1980, 2, 29), D(2011, 2, 27)) == 30
    assert r.age(D(1980, 2, 29), D(2012, 2, 28)) == 31
    assert r.age(D(1980, 2, 29), D(2012, 2, 29)) == 32


@given(st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31)))
@example(D(2023, 2, 28))
@example(D(2024, 2, 28))
@example(D(2024, 2, 29))
@example(D(2100, 2, 28))
def test_age_band_birth_ranges_agree_with_whole_years(day):
    """The birth-date bounds the counts use for each age band are exactly dates.age_on's whole years, on
    every day (28 February included: someone born on 29 February has a birthday that day in other years)."""
    for band, low, high in AGE_BANDS:
        oldest_excluded, newest = counting.age_band_birth_range(day, band.value)
        assert age_on(newest, day) >= low and age_on(newest + ONE_DAY, day) < low
        assert age_on(oldest_excluded + ONE_DAY, day) <= high and age_on(oldest_excluded, day) > high
