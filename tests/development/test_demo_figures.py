"""Member development in the demo data (issue 4): the seed figures of article 002 for 01/01/2018 – 10/09/2022
from `dangvu funnel`, the candidates' histories linked to the admissions of the member registry (none created),
votes that the cells' full members could pass, and overdue items for the daily job."""

import datetime
import io
import json

from django.core.management import call_command

from dangvu.accounts import services as account_services
from dangvu.core.dates import today
from dangvu.development.choices import DueKind, Source, StepKind
from dangvu.development.deadlines import due_items
from dangvu.development.models import Candidate, CandidateStep, Notification
from dangvu.development.workflow import vote_needed
from dangvu.figures.counting import flows
from dangvu.members.choices import EventKind
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

D = datetime.date
WINDOW = (D(2018, 1, 1), D(2022, 9, 10))


def funnel_command(*args) -> str:
    out = io.StringIO()
    call_command("funnel", "--from", "2018-01-01", "--to", "2022-09-10", *args, stdout=out)
    return out.getvalue()


def test_the_funnel_of_2018_to_september_2022_gives_the_seed_figures(demo_db):
    data = json.loads(funnel_command("--json"))
    assert data["org"] == demo_db.root.code
    assert (data["trained"], data["admitted"]) == (976, 257)
    assert data["rates"]["trained_admitted"] == {"percent": "26.3", "text": "26,3%"}
    assert data["core_cell"]["through"]["admitted"] == 116
    # All of them on the trade unions' proposal (article 002: "the unions introduced 976 ...").
    assert data["by_source"][Source.TRADE_UNION]["trained"] == 976
    assert data["by_source"][Source.TRADE_UNION]["admitted"] == 257
    assert 0 < data["recognized"] <= data["admitted"] and data["stopped"] > 0
    text = funnel_command()
    assert "Học lớp bồi dưỡng nhận thức về Đảng: 976" in text and "Kết nạp: 257" in text
    assert "26,3%" in text and "Kết nạp qua chi bộ nòng cốt: 116" in text


def test_the_admissions_are_those_of_the_member_registry(demo_db):
    # No member or admission was created: each admission step points to the registry's event of its day.
    assert Member.objects.count() == len(demo_db.plan.members)
    steps = CandidateStep.objects.filter(
        kind=StepKind.ADMITTED, voided_at__isnull=True, date__range=WINDOW
    ).select_related("membership_event__member", "candidate")
    assert len(steps) == 257
    for step in steps:
        event = step.membership_event
        assert (event.kind, event.date, event.organization_id) == (
            EventKind.ADMISSION,
            step.date,
            step.organization_id,
        )
        assert step.candidate.member_id == event.member_id
        assert step.candidate.national_id == event.member.national_id
    # The 116 through the core cell are every admission into it in the window (counting.flows says 116).
    core = Organization.objects.get(is_core_cell=True)
    assert flows(History.load(), core.pk, *WINDOW).admitted == 116
    into_core = MembershipEvent.objects.filter(
        kind=EventKind.ADMISSION, organization=core, date__range=WINDOW
    )
    linked = {s.membership_event_id for s in steps if s.organization_id == core.pk}
    assert linked == set(into_core.values_list("pk", flat=True))


def test_every_vote_was_carried_by_the_cells_full_members(demo_db):
    # The cell's vote on an admission: at least 3 full members that day (Statute art. 21), two thirds of them
    # in favour (art. 4.3) — the core cell keeps its committee when new cells are founded out of it.
    votes = CandidateStep.objects.filter(kind=StepKind.CELL_VOTE, voided_at__isnull=True)
    assert votes.count() >= 257
    assert min(votes.values_list("voters", flat=True)) >= 3
    core = Organization.objects.get(is_core_cell=True)
    assert votes.filter(organization=core, date__range=(D(2019, 1, 1), D(2019, 8, 31))).exists()
    reviews = CandidateStep.objects.filter(kind=StepKind.PROBATION_REVIEW, voided_at__isnull=True)
    for step in [*votes, *reviews]:
        assert step.members_present >= step.votes_for >= vote_needed(step.voters, step.date), step.pk


def test_the_daily_job_records_the_overdue_items_of_the_demo(demo_db):
    day = today()
    items = due_items(day)
    overdue = {item.kind for item in items if item.overdue}
    assert {DueKind.DECISION, DueKind.STALLED} <= overdue
    assert Candidate.objects.exclude(stage__in=[StepKind.STOPPED, StepKind.RECOGNIZED]).count() >= 30
    board, _password = account_services.add_user(
        "kiemthu.btc", organization=demo_db.root, roles=["organization_board"]
    )
    out = io.StringIO()
    call_command("remind", stdout=out)
    notes = Notification.objects.filter(user=board)
    assert notes.count() == len(items)
    assert sum("quá hạn" in note.message for note in notes) == sum(item.overdue for item in items) > 3
    assert "nhắc việc mới" in out.getvalue()
