"""The demo data as records: the identities of counting.md hold on many dates, every stored projection is a
fresh replay of its ledger, the audit chain holds, and the people look like the Committee's members."""

import datetime
import random
import unicodedata
from collections import Counter

import pytest
from django.apps import apps

from dangvu.core.audit import verify_chain
from dangvu.core.dates import age_on, whole_months_between
from dangvu.core.models import AuditEntry
from dangvu.core.text import fold
from dangvu.development.models import Candidate, CandidateStep
from dangvu.figures.counting import Scope, flows, member_counts, subtree_totals
from dangvu.members.choices import EventKind, Gender
from dangvu.members.ledger import EventData, replay
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations.choices import CELL_KINDS, Sector
from dangvu.organizations.models import Organization, OrganizationEvent
from dangvu.organizations.tree import History

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def history(demo_db):
    return History.load()


def _dates(history) -> list[datetime.date]:
    """Days when the tree changed (foundings, merges, dissolutions, the upgrade, handovers), the figures' days
    and some random days: a few dozen in all."""
    changes = [d for d in history.change_dates if d >= D(1994, 10, 20)]
    rng = random.Random(7)
    chosen = set(rng.sample(changes, 20))
    chosen |= {D(2015, 6, 18), D(2022, 1, 14), D(2010, 1, 28), D(2024, 3, 31), D(2024, 6, 30), D(2022, 9, 10)}
    chosen |= {D(1994, 10, 20) + datetime.timedelta(days=rng.randint(0, 10_845)) for _ in range(12)}
    return sorted(chosen)


def test_members_on_a_day_follow_from_the_day_before_and_the_flows(demo_db, history):
    root = demo_db.root.pk
    dates = _dates(history)
    assert len(dates) >= 30
    for day in dates:
        today = member_counts(Scope(day, root, history), breakdowns=False).total
        before = member_counts(Scope(day - ONE_DAY, root, history), breakdowns=False).total
        moved = flows(history, root, day, day)
        ended = sum(moved.ended.values())
        assert today == before + moved.admitted + moved.transferred_in - moved.transferred_out - ended, day


def test_the_parts_add_up_to_the_whole(demo_db, history):
    root = demo_db.root.pk
    for day in _dates(history):
        scope = Scope(day, root, history)
        counts = member_counts(scope, breakdowns=False)
        totals = subtree_totals(scope, counts.by_organization)
        tree = scope.tree
        assert counts.total == sum(
            totals[c] for c in tree.direct_subordinates(root)
        ) + counts.by_organization.get(root, 0)
        # Members belong to cells only (the root itself was a cell until 2003).
        assert {tree.states[org].kind for org in counts.by_organization} <= CELL_KINDS, day
        for org in tree.direct_subordinates(root):
            if tree.states[org].kind not in CELL_KINDS:
                assert member_counts(Scope(day, org, history), breakdowns=False).total == totals[org], (
                    day,
                    org,
                )


def test_every_projection_is_a_fresh_replay_of_its_ledger(demo_db, history):
    events: dict[int, list[EventData]] = {}
    for event in MembershipEvent.objects.filter(voided_at__isnull=True).order_by("date", "id"):
        events.setdefault(event.member_id, []).append(EventData.of(event))
    stored: dict[int, list[tuple]] = {}
    for row in MembershipPeriod.objects.order_by("start", "id").values_list(
        "member_id", "organization_id", "start", "end", "admitted_on", "recognized_on"
    ):
        stored.setdefault(row[0], []).append(row[1:])
    births = dict(Member.objects.values_list("id", "birth_date"))
    assert len(births) == len(demo_db.plan.members)
    for member_id, birth in births.items():
        result = replay(birth, events[member_id], history)
        assert result.ok, (member_id, result.errors)
        fresh = [(p.organization_id, p.start, p.end, p.admitted_on, p.recognized_on) for p in result.periods]
        assert sorted(fresh, key=lambda p: p[1]) == stored.get(member_id, []), member_id
        # No stretch of membership outlives its organization.
        for period in result.periods:
            last = period.end - ONE_DAY if period.end else D(2024, 6, 30)
            assert history.state_on(period.organization_id, last) is not None, (member_id, period)


def test_the_audit_trail_holds_every_write(demo_db):
    assert verify_chain() is None
    audited: dict[str, set[str]] = {}
    for object_type, object_id in AuditEntry.objects.values_list("object_type", "object_id"):
        audited.setdefault(object_type, set()).add(object_id)
    for model in (Organization, OrganizationEvent, Member, MembershipEvent, Candidate, CandidateStep):
        assert model._meta.label in audited
    # Every record of an audited kind has its audit rows, and every row names a record that exists.
    for label, ids in audited.items():
        assert ids == {str(pk) for pk in apps.get_model(label).objects.values_list("pk", flat=True)}, label
    assert not MembershipEvent.objects.filter(date__gt=D(2024, 6, 30)).exists()
    assert not OrganizationEvent.objects.filter(date__gt=D(2024, 6, 30)).exists()


def test_the_people_look_like_members_of_the_committee(demo_db, history):
    members = list(Member.objects.all())
    names = [m.full_name for m in members]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert len(set(m.national_id for m in members)) == len(members)
    assert all(len(m.national_id) == 12 and m.national_id.isdigit() for m in members)
    families = Counter(n.split()[0] for n in names)
    assert families["Nguyễn"] > 0.25 * len(names) and families["Đặng"] > 10 and families["Nguyên"] > 0
    assert sum("Hằng" in n.split() for n in names) > 5
    # Accent-free search finds them as the list page will.
    assert Member.objects.filter(search_key__contains=fold("nguyen thi hang")).exists()
    assert Member.objects.filter(search_key__startswith="dang ").count() == families["Đặng"]
    ethnicities = Counter(m.ethnicity for m in members)
    assert ethnicities["Kinh"] > 0.9 * len(members) and len(ethnicities) >= 4
    assert len({m.theory_level for m in members}) >= 4
    # Ages at admission: at least 18, mostly 20 to 35.
    admissions = MembershipEvent.objects.filter(kind=EventKind.ADMISSION).select_related("member")
    ages = [age_on(e.member.birth_date, e.date) for e in admissions]
    assert all(whole_months_between(e.member.birth_date, e.date) >= 216 for e in admissions)
    assert sum(20 <= a <= 35 for a in ages) > 0.8 * len(ages)
    # About half of the members in enterprises are women (40–60%).
    counts = member_counts(Scope(D(2024, 3, 31), demo_db.root.pk, history), breakdowns=False)
    tree = history.tree_on(D(2024, 3, 31))
    enterprise_orgs = [o for o, s in tree.states.items() if s.sector == Sector.ENTERPRISE]
    women = (
        MembershipPeriod.objects.filter(
            organization_id__in=enterprise_orgs, start__lte=D(2024, 3, 31), member__gender=Gender.FEMALE
        )
        .exclude(end__lte=D(2024, 3, 31))
        .count()
    )
    assert 0.4 <= women / counts.enterprise <= 0.6
