"""The demo generator on a small built history: it adds candidate histories linked to the admissions already
recorded (creating none), reaches the requested window figures exactly, and leaves overdue items."""

import pytest

from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry
from dangvu.development.choices import DueKind, StepKind
from dangvu.development.deadlines import due_items
from dangvu.development.demo import DemoShortfall, load_development_demo
from dangvu.development.models import Candidate, CandidateStep
from dangvu.figures.funnel import funnel
from dangvu.members import services as member_services
from dangvu.members.models import MembershipEvent
from dangvu.organizations.tree import History
from tests import factories as f

from .helpers import D

pytestmark = pytest.mark.django_db

WINDOW = (D(2018, 1, 1), D(2019, 12, 31))
AS_OF = D(2021, 6, 30)


def admitted(org, day, name, recognize=True):
    member = f.member(
        org, day, name=name, birth=D(1994, 2, 3), ceremony=day.replace(day=min(day.day + 14, 28))
    )
    if recognize:
        member_services.recognize(member, member.events.get().ceremony_date.replace(year=day.year + 1))
    return member


@pytest.fixture
def small_installation():
    root = f.root()
    a = f.org(parent=root, code="CB-A", name="Chi bộ Công ty TNHH Alpha", day=D(2010, 1, 1))
    b = f.org(parent=root, code="CB-B", name="Chi bộ Công ty TNHH Beta", day=D(2010, 1, 1))
    core = f.org(parent=root, code="NC", name="Chi bộ nòng cốt", day=D(2012, 1, 1), is_core_cell=True)
    names = iter(f"Người Thứ {n}" for n in range(1, 100))
    for org in (a, b, core):
        for _ in range(4):
            admitted(org, D(2012, 3, 5), next(names))
    for org, day in [
        (a, D(2018, 5, 10)),
        (a, D(2018, 9, 12)),
        (a, D(2019, 3, 5)),
        (b, D(2018, 11, 6)),
        (b, D(2019, 8, 20)),
        (core, D(2018, 6, 1)),
        (core, D(2019, 6, 3)),
        (a, D(2020, 4, 8)),
        (b, D(2020, 7, 14)),
    ]:
        admitted(org, day, next(names))
    admitted(a, D(2020, 2, 4), next(names), recognize=False)  # probation review never recorded
    return root


def test_the_generator_adds_histories_that_give_the_window_figures(small_installation):
    events = MembershipEvent.objects.count()
    result = load_development_demo(
        window=WINDOW,
        trained=30,
        admitted=6,
        through_core=2,
        admitted_later=1,
        in_progress=12,
        as_of=AS_OF,
        seed=7,
    )
    assert MembershipEvent.objects.count() == events  # linked, not created
    data = funnel(History.load(), None, *WINDOW).as_dict()
    assert (data["trained"], data["admitted"], data["core_cell"]["through"]["admitted"]) == (30, 6, 2)
    assert data["by_source"]["trade_union"]["trained"] == 30
    assert result.trained_in_window == 30 and result.in_progress > 5
    linked = Candidate.objects.filter(member__isnull=False)
    assert linked.count() == result.linked_admissions
    for candidate in linked:
        assert candidate.national_id == candidate.member.national_id
        assert candidate.steps.filter(kind=StepKind.ADMITTED, membership_event__isnull=False).count() == 1
    assert CandidateStep.objects.filter(kind=StepKind.RECOGNIZED).exists()
    kinds = {(item.kind, item.overdue) for item in due_items(AS_OF)}
    assert (DueKind.DECISION, True) in kinds and (DueKind.STALLED, True) in kinds
    assert (DueKind.REVIEW, True) in kinds
    # Every write has its audit row (written in bulk, chained as one by one), and nothing else was kept.
    audited = set(
        AuditEntry.objects.filter(object_type="development.CandidateStep").values_list("object_id", flat=True)
    )
    assert audited == {str(pk) for pk in CandidateStep.objects.values_list("pk", flat=True)}
    assert (
        AuditEntry.objects.filter(object_type="development.Candidate", kind="create").count()
        == result.candidates
    )
    assert verify_chain() is None
    with pytest.raises(DemoShortfall):
        load_development_demo(window=WINDOW, as_of=AS_OF)


def test_the_generator_says_what_the_history_lacks(small_installation):
    with pytest.raises(DemoShortfall) as exc:
        load_development_demo(window=WINDOW, trained=30, admitted=6, through_core=3, as_of=AS_OF)
    assert "2/3" in str(exc.value)
    assert not Candidate.objects.exists()
