"""Demo candidate histories, added to an installation whose organizations and members are already loaded
(the demo loader calls `load_development_demo()` after `dangvu.demo.load.load_demo()`).

Every step goes through `development.services`, so each history satisfies the rules it would meet in use;
inside `services.in_bulk()` the services keep their writes and write them together (the same rows and audit
rows, a fraction of the time).
What it adds, deterministically (seeded):

1. The seed figures of article 002 for the window 01/01/2018 – 10/09/2022: `admitted` admission events of the
   member registry dated in the window, `through_core` of them into the core cell, get the candidate
   history that led to them (proposed by the trade union, trained, applied, introduced by the union's
   executive and a full member, verified, voted by the cell, agreed by the grassroots committee where there
   is one) and are linked to the existing events (`services.link_recorded_admission`) — no admission is
   created; where the registry holds the recognition, the probation review and the recognition decision
   follow. More union-proposed candidates are trained in the window until exactly `trained` are: some are
   admitted later (linked to admissions after the window), the others stop on the way, with a reason.
2. Candidates in progress on `as_of` (default: today), some of them overdue: decisions awaited too long,
   candidates without progress, certificates about to expire, and members admitted late in the registry
   whose probation review has not been recorded.

It refuses to run when candidates exist already, and checks the window's funnel before it returns.
"""

import datetime
import random
import time
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import rules
from dangvu.core.context import acting
from dangvu.core.dates import add_months, age_on, today
from dangvu.core.workdays import WorkCalendar
from dangvu.figures.counting import Scope, members_on, standing_on
from dangvu.figures.funnel import funnel
from dangvu.members.choices import EventKind, Gender
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.choices import CELL_KINDS, OrganizationKind, Sector
from dangvu.organizations.tree import History

from . import services, workflow
from .choices import IntroducerKind, Source, StepKind
from .models import Candidate

D = datetime.date
DAY = datetime.timedelta(days=1)
WINDOW = (D(2018, 1, 1), D(2022, 9, 10))
SEED = 20220910
STOP_REASONS = [
    "Nghỉ việc, chuyển khỏi doanh nghiệp",
    "Chuyển nơi làm việc sang tỉnh khác",
    "Xin rút đơn vì hoàn cảnh gia đình",
    "Chưa đủ tiêu chuẩn sau thẩm tra lý lịch",
    "Doanh nghiệp thu hẹp sản xuất, người lao động thôi việc",
]
CONSENT = "Công văn đồng ý của Ban Thường vụ Đảng ủy"


class DemoShortfall(Exception):
    """The loaded members do not hold the admissions the demo needs."""


@dataclass
class DevelopmentDemoResult:
    candidates: int
    linked_admissions: int
    through_core: int
    trained_in_window: int
    in_progress: int
    seconds: float


class Generator:
    def __init__(self, seed: int, as_of: datetime.date, window, acting_user):
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.window = window
        self.user = acting_user
        self.history = History.load()
        self.calendar = WorkCalendar.load()
        self.used_events: set[int] = set()
        self.national_ids = set(Member.objects.values_list("national_id", flat=True))
        from dangvu.demo.people import People

        self.people = People(self.rng)
        self.people.national_ids |= self.national_ids
        self.numbers: dict[str, int] = {}
        self._counts: dict[tuple[int, datetime.date], object] = {}
        self._full: dict[tuple[int | None, datetime.date], list[int]] = {}
        self.bulk = None  # the services' writes, kept and written together (services.in_bulk())

    # Small helpers -----------------------------------------------------------------------------------

    def kw(self) -> dict:
        return {"acting_user": self.user, "history": self.history, "calendar": self.calendar}

    def number(self, symbol: str, day: datetime.date) -> str:
        key = f"{symbol}{day.year}"
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return f"{self.numbers[key]:02d}-{symbol}"

    def days(self, low: int, high: int) -> datetime.timedelta:
        return datetime.timedelta(days=self.rng.randint(low, high))

    def state(self, org_id: int, day: datetime.date):
        return self.history.state_on(org_id, day)

    def enterprise_of_org(self, org_id: int, day: datetime.date) -> str:
        """The enterprise an enterprise cell belongs to: its name, or its grassroots committee's, without the
        "Chi bộ" / "Đảng bộ" prefix (the demo names organizations after their enterprise)."""
        state = self.state(org_id, day)
        if state is None or state.sector != Sector.ENTERPRISE or state.is_core_cell:
            return ""
        committee = workflow.grassroots_committee_of(self.history, org_id, day)
        if state.kind == OrganizationKind.SUBORDINATE_CELL and committee is not None:
            state = self.state(committee, day)
        for prefix in ("Chi bộ ", "Đảng bộ bộ phận ", "Đảng bộ "):
            if state.name.startswith(prefix):
                return state.name[len(prefix) :]
        return state.name

    def enterprise_of_member(self, member: Member, event: MembershipEvent) -> str:
        name = self.enterprise_of_org(event.organization_id, event.date)
        if name:
            return name
        # In the core cell: the enterprise of the cell they moved to when it was founded, else their job.
        moved = (
            member.events.filter(kind=EventKind.TRANSFER, voided_at__isnull=True, date__gt=event.date)
            .order_by("date")
            .first()
        )
        if moved is not None:
            name = self.enterprise_of_org(moved.to_organization_id, moved.date)
            if name:
                return name
        _job, _sep, workplace = member.job.partition(", ")
        return workplace if workplace.startswith(("Công ty", "Tổng công ty", "Chi nhánh")) else ""

    def counts(self, org_id: int, day: datetime.date):
        # The member registry does not change while the demo runs (it only links to it).
        key = (org_id, day)
        if key not in self._counts:
            self._counts[key] = workflow.cell_members(self.history, org_id, day)
        return self._counts[key]

    def votes(self, org_id: int, day: datetime.date) -> tuple[int, int] | None:
        """(members present, votes for) that pass the two-thirds rule in that cell that day, or None."""
        counts = self.counts(org_id, day)
        if counts.full < 1:
            return None
        needed = workflow.vote_needed(counts.full, day)
        present = min(counts.total, max(needed, round(counts.total * self.rng.uniform(0.8, 1.0))))
        votes = max(needed, present - self.rng.randint(0, 1))
        return present, min(votes, present)

    def full_member(self, org_id: int | None, day: datetime.date, exclude: int | None = None) -> int | None:
        """The id of a full member of the organization that day (anywhere in the installation when it has
        none)."""
        for scope_org in (org_id, None):
            key = (scope_org, day)
            if key not in self._full:
                self._full[key] = list(
                    members_on(Scope(day, scope_org, self.history), status="full")
                    .order_by("pk")
                    .values_list("pk", flat=True)[:61]
                )
            ids = [pk for pk in self._full[key] if pk != exclude][:60]
            if ids:
                return self.rng.choice(ids)
        return None

    def person(self, day: datetime.date, low: float, high: float, enterprise: str) -> dict:
        gender = Gender.FEMALE if self.rng.random() < 0.55 else Gender.MALE
        birth = self.people.birth_for_age(day, low, (low + high) / 2, high)
        data = self.people.record(gender, birth, Sector.ENTERPRISE, enterprise, False)
        data.pop("card_number", None)
        return data

    # Building one history ----------------------------------------------------------------------------

    def propose(self, data, org_id, day, source, enterprise, tax_code="") -> Candidate:
        body = {
            Source.TRADE_UNION: f"Công đoàn cơ sở {enterprise}"
            if enterprise
            else "Công đoàn Khu kinh tế Hải Phòng",
            Source.YOUTH_UNION: f"Đoàn Thanh niên {enterprise}"
            if enterprise
            else "Đoàn Thanh niên Khu kinh tế",
            Source.MEMBERS: "Chi bộ",
        }[source]
        from dangvu.organizations.models import Organization

        return services.propose_candidate(
            {**data, "enterprise_name": enterprise, "enterprise_tax_code": tax_code},
            source=source,
            preparing_organization=Organization.objects.get(pk=org_id),
            date=day,
            proposing_body=body,
            document_number=self.number("CV/CĐCS", day),
            acting_user=self.user,
            history=self.history,
            calendar=self.calendar,
        )

    def introducers(self, candidate, org_id, day, source) -> list[dict]:
        first = self.full_member(org_id, day, exclude=candidate.member_id)
        if first is None:
            raise ValidationError("không có đảng viên chính thức để giới thiệu")
        member = {
            "kind": IntroducerKind.MEMBER,
            "member": first,
            "known_since": add_months(day, -self.rng.randint(13, 72)),
        }
        if source == Source.MEMBERS:
            second = self.full_member(org_id, day, exclude=first)
            if second is None or second == first:
                raise ValidationError("không có đảng viên chính thức thứ hai để giới thiệu")
            return [
                member,
                {
                    "kind": IntroducerKind.MEMBER,
                    "member": second,
                    "known_since": add_months(day, -self.rng.randint(13, 72)),
                },
            ]
        kind = (
            IntroducerKind.YOUTH_UNION_EXECUTIVE
            if source == Source.YOUTH_UNION
            else IntroducerKind.TRADE_UNION_EXECUTIVE
        )
        body = "Ban Chấp hành " + (candidate.proposing_body or "Công đoàn cơ sở")
        return [{"kind": kind, "body_name": body}, member]

    def walk(self, candidate, org_id, source, dates: dict, *, until: str):
        """Record the steps before admission whose dates are given, up to and including `until`."""
        kw = self.kw()
        order = [
            StepKind.TRAINED,
            StepKind.APPLIED,
            StepKind.INTRODUCED,
            StepKind.VERIFIED,
            StepKind.CELL_VOTE,
        ]
        for kind in order[: order.index(until) + 1]:
            day = dates[kind]
            if kind == StepKind.TRAINED:
                services.record_training(
                    candidate, date=day, certificate_number=self.number("GCN/TTCT", day), **kw
                )
            elif kind == StepKind.APPLIED:
                services.record_application(candidate, date=day, **kw)
            elif kind == StepKind.INTRODUCED:
                services.record_introduction(
                    candidate, date=day, introducers=self.introducers(candidate, org_id, day, source), **kw
                )
            elif kind == StepKind.VERIFIED:
                services.record_verification(
                    candidate, date=day, document_number=self.number("BC/TTLL", day), **kw
                )
            elif kind == StepKind.CELL_VOTE:
                votes = self.votes(org_id, day)
                if votes is None:
                    raise ValidationError(
                        f"{workflow.organization_label(self.history, org_id, day)} không có đảng viên chính "
                        "thức để biểu quyết (Điều lệ Đảng, Điều 4.3): chi bộ phải luôn giữ đảng viên chính thức"
                    )
                services.record_cell_vote(
                    candidate,
                    date=day,
                    members_present=votes[0],
                    votes_for=votes[1],
                    resolution_number=self.number("NQ/CB", day),
                    **kw,
                )
                committee_day = dates.get(StepKind.COMMITTEE_AGREED)
                if committee_day is not None and workflow.grassroots_committee_of(self.history, org_id, day):
                    if workflow.grassroots_committee_of(self.history, org_id, committee_day) is None:
                        committee_day = day
                    committee = self.rng.randint(7, 15)
                    services.record_committee_agreement(
                        candidate,
                        date=committee_day,
                        committee_members=committee,
                        votes_for=self.rng.randint(workflow.vote_needed(committee, day), committee),
                        document_number=self.number("NQ/ĐU", committee_day),
                        **kw,
                    )

    def backwards(self, vote: datetime.date) -> dict:
        """Dates of the steps before a cell's vote, going back from it."""
        verified = vote - self.days(7, 40)
        introduced = verified - self.days(15, 60)
        applied = introduced - self.days(3, 20)
        trained = applied - self.days(5, 45)
        proposed = trained - self.days(10, 60)
        return {
            StepKind.PROPOSED: proposed,
            StepKind.TRAINED: trained,
            StepKind.APPLIED: applied,
            StepKind.INTRODUCED: introduced,
            StepKind.VERIFIED: verified,
            StepKind.CELL_VOTE: vote,
        }

    def forwards(self, proposed: datetime.date) -> dict:
        trained = proposed + self.days(10, 60)
        applied = trained + self.days(5, 45)
        introduced = applied + self.days(3, 20)
        verified = introduced + self.days(15, 60)
        vote = verified + self.days(7, 40)
        return {
            StepKind.PROPOSED: proposed,
            StepKind.TRAINED: trained,
            StepKind.APPLIED: applied,
            StepKind.INTRODUCED: introduced,
            StepKind.VERIFIED: verified,
            StepKind.CELL_VOTE: vote,
        }

    def link_admission(self, event: MembershipEvent, *, trained_within=None) -> Candidate:
        """The history that led to an admission already in the registry, then its probation and
        recognition when the registry holds them (one savepoint: all of it or nothing)."""
        member = event.member
        org_id = event.organization_id
        decision = event.date
        vote = self.calendar.add(decision, -self.rng.randint(8, 45))
        eighteen = add_months(member.birth_date, 12 * 18)
        if vote < eighteen:
            vote = eighteen
        dates = self.backwards(vote)
        if trained_within is not None:
            # Trained inside the window (admitted after it): the course and the proposal move there.
            first, last = trained_within
            if not first <= dates[StepKind.TRAINED] <= last:
                latest = min(last, dates[StepKind.APPLIED])
                earliest = max(first, latest - datetime.timedelta(days=300))
                if earliest > latest:
                    raise ValidationError("không xếp được lớp bồi dưỡng vào trong kỳ")
                dates[StepKind.TRAINED] = earliest + self.days(0, (latest - earliest).days)
                dates[StepKind.PROPOSED] = dates[StepKind.TRAINED] - self.days(10, 60)
        dates[StepKind.COMMITTEE_AGREED] = vote + (decision - vote) // 2
        if any(self.state(org_id, day) is None for day in dates.values()):
            raise ValidationError("tổ chức chưa thành lập hoặc đã kết thúc vào một ngày của lịch sử")
        data = {name: getattr(member, name) for name in services.candidates.PERSONAL_FIELDS}
        enterprise = self.enterprise_of_member(member, event)
        with transaction.atomic():
            candidate = self.propose(data, org_id, dates[StepKind.PROPOSED], Source.TRADE_UNION, enterprise)
            self.walk(candidate, org_id, Source.TRADE_UNION, dates, until=StepKind.CELL_VOTE)
            ceremony = event.ceremony_date or decision
            late = ceremony > self.calendar.add(decision, 30)
            services.link_recorded_admission(
                candidate, event, ceremony_exception_document=CONSENT if late else "", **self.kw()
            )
            self.used_events.add(event.pk)
            self.follow_probation(candidate, member, ceremony)
        return candidate

    def follow_probation(self, candidate: Candidate, member: Member, ceremony: datetime.date):
        recognition = member.events.filter(kind=EventKind.RECOGNITION, voided_at__isnull=True).first()
        if recognition is None:
            return
        end = workflow.probation_end(ceremony)
        review = self.calendar.add(end, self.rng.randint(1, 20))
        decision = self.calendar.add(review, self.rng.randint(3, 20))
        if decision > self.as_of:
            return
        standing = standing_on([member.pk], review).get(member.pk)
        if standing is None:
            return
        votes = self.votes(standing.organization_id, review)
        if votes is None:
            return
        services.record_probation_review(
            candidate,
            date=review,
            members_present=votes[0],
            votes_for=votes[1],
            resolution_number=self.number("NQ/CB", review),
            **self.kw(),
        )
        services.link_recorded_recognition(
            candidate, recognition, date=decision, decision_number=self.number("QĐ/ĐU", decision), **self.kw()
        )

    def stopped_candidate(self, trained: datetime.date) -> Candidate:
        """A union-proposed worker trained on `trained` who stopped on the way."""
        tree = self.history.tree_on(trained)
        cells = [s.id for s in tree.states.values() if s.kind in CELL_KINDS and s.sector == Sector.ENTERPRISE]
        core = [i for i in cells if tree.states[i].is_core_cell]
        org_id = core[0] if core and self.rng.random() < 0.45 else self.rng.choice(sorted(cells))
        dates = self.forwards(trained - self.days(10, 60))
        shift = trained - dates[StepKind.TRAINED]
        dates = {kind: day + shift for kind, day in dates.items()}
        stage = self.rng.choices(
            [StepKind.TRAINED, StepKind.APPLIED, StepKind.INTRODUCED, StepKind.VERIFIED], [55, 20, 15, 10]
        )[0]
        if any(self.state(org_id, day) is None for day in dates.values()):
            raise ValidationError("tổ chức chưa thành lập hoặc đã kết thúc vào một ngày của lịch sử")
        enterprise = self.enterprise_of_org(org_id, trained) or self.rng.choice(self.workplaces)
        data = self.person(trained, 19, 35, enterprise)
        with transaction.atomic():
            candidate = self.propose(data, org_id, dates[StepKind.PROPOSED], Source.TRADE_UNION, enterprise)
            self.walk(candidate, org_id, Source.TRADE_UNION, dates, until=stage)
            stop = dates[stage] + self.days(30, 400)
            if stop <= self.as_of:
                services.stop_candidate(
                    candidate, date=stop, reason=self.rng.choice(STOP_REASONS), **self.kw()
                )
        return candidate

    @property
    def workplaces(self) -> list[str]:
        if not hasattr(self, "_workplaces"):
            from dangvu.demo.history import Enterprises

            maker = Enterprises(random.Random(self.rng.random()))
            self._workplaces = [maker.foreign().name for _ in range(12)]
        return self._workplaces


def _admissions(start, end, used=()):
    return list(
        MembershipEvent.objects.filter(
            kind=EventKind.ADMISSION, voided_at__isnull=True, date__gte=start, date__lte=end
        )
        .exclude(pk__in=list(used))
        .select_related("member")
        .order_by("date", "id")
    )


def _try(gen: "Generator", call, *args, **kwargs):
    """Run one history in its savepoint; a refusal drops it, with the writes it had kept."""
    mark = gen.bulk.mark()
    try:
        return call(*args, **kwargs)
    except ValidationError:
        gen.bulk.rollback(mark)
        return None


@transaction.atomic
def load_development_demo(
    *,
    window: tuple[datetime.date, datetime.date] = WINDOW,
    trained: int = 976,
    admitted: int = 257,
    through_core: int = 116,
    admitted_later: int = 60,
    in_progress: int = 40,
    as_of: datetime.date | None = None,
    seed: int = SEED,
    acting_user=None,
) -> DevelopmentDemoResult:
    """Add the demo candidate histories (module docstring) and return what was added."""
    started = time.monotonic()
    if Candidate.objects.exists():
        raise DemoShortfall("Đã có quần chúng ưu tú: dữ liệu mẫu phát triển đảng viên chỉ nạp một lần.")
    as_of = as_of or today()
    # The dated rules do not change while the demo runs: each is read once (rules.cached()).
    with acting(acting_user, source="demo"), rules.cached(), services.in_bulk(acting_user) as bulk:
        gen = Generator(seed, as_of, window, acting_user)
        gen.bulk = bulk
        start, end = window

        # 1. The admissions of the window, through the core cell or not.
        events = [
            e
            for e in _admissions(start, end)
            if e.member.events.filter(kind=EventKind.ADMISSION).count() == 1
        ]
        core = [e for e in events if gen.state(e.organization_id, e.date).is_core_cell]
        other = [e for e in events if not gen.state(e.organization_id, e.date).is_core_cell]
        gen.rng.shuffle(core)
        gen.rng.shuffle(other)
        linked = []
        for pool, wanted in ((core, through_core), (other, admitted - through_core)):
            done = 0
            refusals: dict[str, list[datetime.date]] = {}
            for event in pool:
                if done == wanted:
                    break
                mark = gen.bulk.mark()
                try:
                    linked.append(gen.link_admission(event))
                    done += 1
                except ValidationError as exc:
                    gen.bulk.rollback(mark)
                    refusals.setdefault(exc.messages[0], []).append(event.date)
            if done < wanted:
                reasons = "; ".join(
                    f"{message} — {len(days)} quyết định kết nạp ({', '.join(d.isoformat() for d in days[:5])}…)"
                    for message, days in refusals.items()
                )
                raise DemoShortfall(
                    f"Chỉ ghép được {done}/{wanted} quyết định kết nạp trong kỳ vào lịch sử quần chúng. {reasons}"
                )

        # 2. More trained in the window: admitted later, or stopped on the way.
        def trained_in_window() -> int:
            gen.bulk.flush()  # the funnel reads the stored steps
            return funnel(gen.history, None, start, end).total.counts()["trained"]

        # Admitted within 14 months after the window, among members whose recognition is recorded (so the
        # demo's overdue reviews are only the deliberate ones below).
        later = [
            e
            for e in _admissions(end + DAY, min(end + datetime.timedelta(days=420), as_of), gen.used_events)
            if e.member.events.filter(kind=EventKind.RECOGNITION, voided_at__isnull=True).exists()
            and e.member.events.filter(kind=EventKind.ADMISSION).count() == 1
        ]
        gen.rng.shuffle(later)
        added_later = 0
        for event in later:
            if added_later == admitted_later:
                break
            if _try(gen, gen.link_admission, event, trained_within=window) is not None:
                added_later += 1
        # 3. In progress on `as_of` (a certificate about to expire may date from the window: it counts there).
        progressing = _in_progress(gen, in_progress)

        # 4. The others trained in the window stopped on the way.
        have = trained_in_window()
        span = (end - start).days
        attempts = 0
        while have < trained:
            attempts += 1
            if attempts > 5 * trained:
                raise DemoShortfall("Không tạo đủ quần chúng học lớp bồi dưỡng trong kỳ.")
            day = start + datetime.timedelta(days=gen.rng.randint(0, span))
            if _try(gen, gen.stopped_candidate, day) is not None:
                have += 1
        if have != trained:
            raise DemoShortfall(f"{have} người học lớp bồi dưỡng trong kỳ, không phải {trained}.")

        gen.bulk.flush()
        figures = funnel(History.load(), None, start, end)
        counts = figures.total.counts()
        got = (
            counts["trained"],
            counts["admitted"],
            len(figures.core_cell["through"].candidates["admitted"]),
        )
        if got != (trained, admitted, through_core):
            raise DemoShortfall(f"Kỳ {start} – {end}: {got} thay vì {(trained, admitted, through_core)}.")
    return DevelopmentDemoResult(
        candidates=Candidate.objects.count(),
        linked_admissions=len(gen.used_events),
        through_core=through_core,
        trained_in_window=counts["trained"],
        in_progress=progressing,
        seconds=time.monotonic() - started,
    )


def _in_progress(gen: Generator, count: int) -> int:
    """Candidates in progress on `as_of`: recent ones at every step, and overdue items of every kind."""
    as_of = gen.as_of
    tree = gen.history.tree_on(as_of)
    cells = sorted(
        s.id
        for s in tree.states.values()
        if s.kind in CELL_KINDS and s.sector == Sector.ENTERPRISE and gen.counts(s.id, as_of).full >= 3
    )
    if not cells:
        return 0
    made = 0
    # Members admitted late in the registry, whose probation review is overdue (or recognition awaited).
    after_window = gen.window[1] + DAY
    recent = [
        e
        for e in _admissions(
            max(after_window, add_months(as_of, -30)), add_months(as_of, -13), gen.used_events
        )
        if not e.member.events.filter(kind=EventKind.RECOGNITION).exists()
        and standing_on([e.member_id], as_of)
        and e.member.events.filter(kind=EventKind.ADMISSION).count() == 1
    ]
    gen.rng.shuffle(recent)
    for event in recent[: max(2, count // 8)]:
        if _try(gen, gen.link_admission, event) is not None:
            made += 1
    plans = (
        ["decision_overdue"] * 4
        + ["decision_due"] * 3
        + ["stalled"] * 5
        + ["certificate"] * 3
        + ["recent"] * count
    )[: max(count - made, 0)]
    for plan in plans:
        org_id = gen.rng.choice(cells)
        source = gen.rng.choices([Source.TRADE_UNION, Source.YOUTH_UNION, Source.MEMBERS], [70, 20, 10])[0]
        if plan == "certificate":
            # Trained some five years ago, possibly inside the window of the seed figures: on union proposal.
            source = Source.TRADE_UNION
        if _try(gen, _progressing, gen, plan, org_id, source) is not None:
            made += 1
    return made


def _progressing(gen: Generator, plan: str, org_id: int, source: str):
    as_of = gen.as_of
    if plan == "decision_overdue":
        dates, until = gen.backwards(gen.calendar.add(as_of, -gen.rng.randint(62, 85))), StepKind.CELL_VOTE
    elif plan == "decision_due":
        dates, until = gen.backwards(gen.calendar.add(as_of, -gen.rng.randint(15, 50))), StepKind.CELL_VOTE
    elif plan == "stalled":
        until = gen.rng.choice([StepKind.TRAINED, StepKind.APPLIED])
        dates = gen.forwards(add_months(as_of, -gen.rng.randint(8, 16)))
    elif plan == "certificate":
        until = StepKind.VERIFIED
        dates = gen.backwards(as_of - gen.days(0, 20))
        dates[StepKind.TRAINED] = add_months(as_of, -58) - gen.days(0, 20)
        dates[StepKind.PROPOSED] = dates[StepKind.TRAINED] - gen.days(10, 40)
    else:
        until = gen.rng.choice([StepKind.TRAINED, StepKind.APPLIED, StepKind.INTRODUCED, StepKind.VERIFIED])
        dates = gen.forwards(as_of - gen.days(40, 150))
        while dates[until] > as_of:
            dates = gen.forwards(dates[StepKind.PROPOSED] - gen.days(20, 40))
    if any(
        d > as_of or gen.state(org_id, d) is None for k, d in dates.items() if k in (StepKind.PROPOSED, until)
    ):
        return None
    youth = source == Source.YOUTH_UNION
    data = gen.person(dates[StepKind.PROPOSED], 18.5 if youth else 19, 28 if youth else 38, "")
    enterprise = gen.enterprise_of_org(org_id, as_of)
    data["job"] = f"{data['job']}, {enterprise}" if enterprise else data["job"]
    if youth and not 16 <= age_on(data["birth_date"], dates[StepKind.INTRODUCED]) <= 30:
        return None
    with transaction.atomic():
        candidate = gen.propose(data, org_id, dates[StepKind.PROPOSED], source, enterprise)
        if until != StepKind.PROPOSED:
            gen.walk(candidate, org_id, source, dates, until=until)
    return candidate
