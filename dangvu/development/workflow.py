"""The one validation every step of member development goes through: a new step is checked against the
candidate's steps so far and the party rules in force on its date (`dangvu.core.rules`, rules.md), as
`members.ledger` checks a membership event against the member's ledger.

`check()` returns every problem as {field: [Vietnamese message]} ("__all__" for the step as a whole); the
services refuse the step, and write nothing, when it returns anything.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dangvu.core import rules
from dangvu.core.dates import add_months, format_vn_date, whole_months_between
from dangvu.core.workdays import WorkCalendar
from dangvu.figures.counting import Scope, member_counts, standing_on
from dangvu.members.choices import MemberStatus
from dangvu.organizations.choices import CELL_KINDS, OrganizationKind
from dangvu.organizations.tree import History

from .choices import BEFORE_ADMISSION, BODY_INTRODUCERS, PROGRESS, IntroducerKind, StepKind

ALL = "__all__"
ONE_DAY = datetime.timedelta(days=1)


@dataclass
class IntroducerData:
    kind: str
    body_name: str = ""
    member_id: int | None = None
    member_name: str = ""
    known_since: datetime.date | None = None


@dataclass
class StepData:
    """What the checks need of a step (a saved CandidateStep or one about to be recorded)."""

    kind: str
    date: datetime.date | None
    organization_id: int | None = None
    decision_number: str = ""
    members_present: int | None = None
    votes_for: int | None = None
    voters: int | None = None
    exception_document: str = ""
    reason: str = ""
    introducers: list[IntroducerData] = field(default_factory=list)

    FIELDS = (
        "kind",
        "date",
        "organization_id",
        "decision_number",
        "members_present",
        "votes_for",
        "voters",
        "exception_document",
        "reason",
    )

    @classmethod
    def of(cls, step) -> "StepData":
        return cls(
            kind=step.kind,
            date=step.date,
            organization_id=step.organization_id,
            decision_number=step.decision_number,
            members_present=step.members_present,
            votes_for=step.votes_for,
            voters=step.voters,
            exception_document=step.exception_document,
            reason=step.reason,
        )


@dataclass
class Progress:
    """What a candidate's effective steps (in date order) say."""

    latest: dict[str, StepData] = field(default_factory=dict)  # the latest step of each kind
    last: StepData | None = None  # the latest step of any kind (the date order runs from it)
    stage: StepData | None = None  # the latest progress step (not a reassignment)
    organization_id: int | None = None  # the preparing organization after the last reassignment

    def has(self, kind: str) -> bool:
        return kind in self.latest

    def date_of(self, kind: str) -> datetime.date | None:
        step = self.latest.get(kind)
        return step.date if step else None

    @property
    def stopped(self) -> StepData | None:
        return self.latest.get(StepKind.STOPPED)

    @property
    def admitted(self) -> bool:
        return StepKind.ADMITTED in self.latest


def progress(steps: list[StepData]) -> Progress:
    result = Progress()
    for step in steps:
        result.latest[step.kind] = step
        result.last = step
        if step.kind == StepKind.REASSIGNED or step.kind == StepKind.PROPOSED:
            result.organization_id = step.organization_id
        if step.kind != StepKind.REASSIGNED:
            result.stage = step
    return result


def kind_label(kind: str) -> str:
    return str(StepKind(kind).label)


def by_configuration(key: str) -> str:
    """ " (theo cấu hình)" after a message that applies an unconfirmed rule (rules.md: *verify*)."""
    return _(" (theo cấu hình)") if rules.unverified(key) else ""


def certificate_valid_until(certificate_date: datetime.date) -> datetime.date:
    """The last day a party-awareness certificate is valid (rule in force on its date)."""
    months = rules.value("development.certificate_valid_months", certificate_date)
    return add_months(certificate_date, months) - ONE_DAY


def probation_end(ceremony_date: datetime.date) -> datetime.date:
    """The day the probation ends and full membership starts (Statute art. 5; 232-QĐ/TW §4.2)."""
    return add_months(ceremony_date, rules.value("probation.months", ceremony_date))


def vote_needed(voters: int, day: datetime.date) -> int:
    """The smallest number of votes that reaches the fraction (two thirds) of `voters`."""
    numerator, denominator = rules.value("development.vote_fraction", day)
    return -(-voters * numerator // denominator)


@dataclass
class Context:
    history: History
    calendar: WorkCalendar
    today: datetime.date


def organization_label(history: History, org_id: int | None, day: datetime.date) -> str:
    state = history.state_on(org_id, day) if org_id is not None else None
    if state is None:
        return "?" if org_id is None else f"#{org_id}"
    return f"{state.name} ({state.code})"


def grassroots_committee_of(history: History, cell_id: int, day: datetime.date) -> int | None:
    """The grassroots party committee a cell stands under on `day`, if any (its agreement is then needed)."""
    tree = history.tree_on(day)
    for ancestor in tree.ancestors(cell_id):
        if tree.states[ancestor].kind == OrganizationKind.GRASSROOTS_COMMITTEE:
            return ancestor
    return None


def cell_members(history: History, cell_id: int, day: datetime.date):
    """The cell's members on `day`, counted by figures.counting (full members vote on admissions)."""
    return member_counts(Scope(day, cell_id, history), breakdowns=False)


class Checker:
    def __init__(self, candidate, steps: list[StepData], context: Context):
        self.candidate = candidate
        self.progress = progress(steps)
        self.ctx = context
        self.errors: dict[str, list[str]] = {}

    def fail(self, message: str, name: str = ALL):
        self.errors.setdefault(name, []).append(message)

    # The rules common to every step ----------------------------------------------------------------------

    def check(self, new: StepData) -> dict[str, list[str]]:
        if not isinstance(new.date, datetime.date):
            self.fail(_("Nhập ngày (dd/mm/yyyy)."), "date")
            return self.errors
        if new.date > self.ctx.today:
            self.fail(
                _("Ngày %(day)s ở tương lai: chỉ ghi bước đã diễn ra.") % {"day": format_vn_date(new.date)},
                "date",
            )
            return self.errors
        if not self.check_order(new):
            return self.errors
        if (
            new.organization_id is not None
            and self.ctx.history.state_on(new.organization_id, new.date) is None
        ):
            self.fail(
                _("%(org)s không tồn tại ngày %(day)s: chọn tổ chức đang hoạt động vào ngày đó.")
                % {
                    "org": organization_label(self.ctx.history, new.organization_id, new.date),
                    "day": format_vn_date(new.date),
                },
                "organization",
            )
            return self.errors
        getattr(self, f"check_{new.kind}", lambda _new: None)(new)
        return self.errors

    def check_order(self, new: StepData) -> bool:
        """Order of steps (rules.md): each step after the one it needs, once, and not before the last."""
        done = self.progress
        if done.stopped is not None:
            self.fail(
                _("Quần chúng đã dừng phát triển từ ngày %(day)s: không ghi thêm bước.")
                % {"day": format_vn_date(done.stopped.date)}
            )
            return False
        if done.has(StepKind.RECOGNIZED):
            self.fail(_("Đã công nhận đảng viên chính thức: quá trình phát triển đã hoàn thành."))
            return False
        if new.kind == StepKind.PROPOSED and done.last is not None:
            self.fail(_("Bước “%(kind)s” chỉ là bước đầu tiên.") % {"kind": kind_label(new.kind)})
            return False
        if new.kind in (StepKind.STOPPED, StepKind.REASSIGNED, StepKind.TRAINED) and done.admitted:
            self.fail(
                _(
                    "Đã có quyết định kết nạp: bước “%(kind)s” không còn áp dụng; mọi thay đổi tiếp theo ghi vào "
                    "hồ sơ đảng viên."
                )
                % {"kind": kind_label(new.kind)}
            )
            return False
        repeatable = {StepKind.TRAINED, StepKind.REASSIGNED}
        if new.kind not in repeatable and done.has(new.kind):
            self.fail(
                _("Bước “%(kind)s” đã ghi ngày %(day)s.")
                % {"kind": kind_label(new.kind), "day": format_vn_date(done.date_of(new.kind))}
            )
            return False
        for needed in self.prerequisites(new):
            if not done.has(needed):
                self.fail(
                    _("Chưa ghi bước “%(needed)s”: ghi bước đó trước bước “%(kind)s”.")
                    % {"needed": kind_label(needed), "kind": kind_label(new.kind)}
                )
                return False
        if done.last is not None and new.date < done.last.date:
            self.fail(
                _(
                    "Ngày %(day)s trước bước “%(prev)s” đã ghi ngày %(prev_day)s: các bước phải theo thứ tự thời "
                    "gian."
                )
                % {
                    "day": format_vn_date(new.date),
                    "prev": kind_label(done.last.kind),
                    "prev_day": format_vn_date(done.last.date),
                },
                "date",
            )
            return False
        return True

    def prerequisites(self, new: StepData) -> list[str]:
        if new.kind in (StepKind.PROPOSED, StepKind.STOPPED, StepKind.REASSIGNED):
            return []
        index = PROGRESS.index(new.kind)
        previous = PROGRESS[index - 1]
        if previous == StepKind.COMMITTEE_AGREED:
            # Needed only when the cell that voted stands under a grassroots party committee.
            vote = self.progress.latest.get(StepKind.CELL_VOTE)
            if vote is None:
                return [StepKind.CELL_VOTE]
            if grassroots_committee_of(self.ctx.history, vote.organization_id, vote.date) is None:
                return [StepKind.CELL_VOTE]
        return [previous]

    # The rules of each step ---------------------------------------------------------------------------------

    def check_trained(self, new: StepData):
        if not new.decision_number:
            self.fail(_("Nhập số giấy chứng nhận bồi dưỡng nhận thức về Đảng."), "decision_number")

    def check_introduced(self, new: StepData):
        """Statute art. 4.1: two full members, or the grassroots trade-union or youth-union executive
        committee and one full member; each introducing member a full member who has known the candidate
        for at least 12 months (24-QĐ/TW); the youth union only for a candidate of youth age (Law on Youth)."""
        day = new.date
        members = [i for i in new.introducers if i.kind == IntroducerKind.MEMBER]
        bodies = [i for i in new.introducers if i.kind in BODY_INTRODUCERS]
        if not ((not bodies and len(members) >= 2) or (len(bodies) == 1 and len(members) >= 1)):
            self.fail(
                _(
                    "Cần hai đảng viên chính thức giới thiệu, hoặc Ban Chấp hành công đoàn cơ sở (hay Đoàn "
                    "Thanh niên cơ sở) và một đảng viên chính thức (Điều lệ Đảng, Điều 4)."
                ),
                "introducers",
            )
        ids = [i.member_id for i in members if i.member_id is not None]
        if len(ids) != len(set(ids)):
            self.fail(_("Một đảng viên được ghi giới thiệu hai lần."), "introducers")
        if len(ids) != len(members):
            self.fail(_("Chọn đảng viên giới thiệu."), "introducers")
        for body in bodies:
            if not body.body_name:
                self.fail(
                    _("Ghi tên tổ chức giới thiệu (công đoàn cơ sở, Đoàn Thanh niên cơ sở)."), "introducers"
                )
            if body.kind == IntroducerKind.YOUTH_UNION_EXECUTIVE:
                low = rules.value("development.youth_min_age", day)
                high = rules.value("development.youth_max_age", day)
                age = whole_months_between(self.candidate.birth_date, day) // 12
                if not low <= age <= high:
                    self.fail(
                        _(
                            "Ngày %(day)s quần chúng %(age)s tuổi: Đoàn Thanh niên chỉ giới thiệu người trong độ "
                            "tuổi thanh niên (%(low)s–%(high)s tuổi); hãy để công đoàn cơ sở hoặc hai đảng viên "
                            "chính thức giới thiệu."
                        )
                        % {"day": format_vn_date(day), "age": age, "low": low, "high": high},
                        "introducers",
                    )
        standing = standing_on(ids, day)
        months_needed = rules.value("development.introducer_known_months", day)
        for introducer in members:
            if introducer.member_id is None:
                continue
            found = standing.get(introducer.member_id)
            if found is None or found.status != MemberStatus.FULL:
                self.fail(
                    _(
                        "%(name)s không phải đảng viên chính thức ngày %(day)s: người giới thiệu phải là đảng viên "
                        "chính thức."
                    )
                    % {"name": introducer.member_name, "day": format_vn_date(day)},
                    "introducers",
                )
            if introducer.known_since is None:
                self.fail(
                    _("Ghi từ ngày nào %(name)s biết người xin vào Đảng.") % {"name": introducer.member_name},
                    "introducers",
                )
            elif whole_months_between(introducer.known_since, day) < months_needed:
                self.fail(
                    _(
                        "%(name)s mới biết người xin vào Đảng từ %(since)s: người giới thiệu phải cùng công tác, "
                        "học tập hoặc sinh sống với người đó ít nhất %(n)s tháng."
                    )
                    % {
                        "name": introducer.member_name,
                        "since": format_vn_date(introducer.known_since),
                        "n": months_needed,
                    },
                    "introducers",
                )

    def check_cell_vote(self, new: StepData):
        """The cell considers the application (Statute art. 1, 4): the candidate's age, a valid certificate,
        and at least two thirds of the cell's full members in favour (Statute art. 4.3)."""
        day = new.date
        state = self.ctx.history.state_on(new.organization_id, day)
        if state is not None and state.kind not in CELL_KINDS:
            self.fail(
                _("Chỉ chi bộ xét đề nghị kết nạp: %(org)s là %(kind)s. Chuyển quần chúng về chi bộ trước.")
                % {
                    "org": organization_label(self.ctx.history, new.organization_id, day),
                    "kind": OrganizationKind(state.kind).label,
                },
                "organization",
            )
            return
        months = whole_months_between(self.candidate.birth_date, day)
        min_age = rules.value("admission.min_age_months", day)
        max_age = rules.value("admission.max_age_months", day)
        if months < min_age:
            self.fail(
                _(
                    "Ngày %(day)s quần chúng chưa đủ %(years)s tuổi (ngày sinh %(birth)s): chi bộ chưa thể xét."
                )
                % {
                    "day": format_vn_date(day),
                    "years": min_age // 12,
                    "birth": format_vn_date(self.candidate.birth_date),
                },
                "date",
            )
        elif months > max_age:
            self.fail(
                _(
                    "Ngày %(day)s quần chúng đã quá %(years)s tuổi: chỉ cấp ủy trực thuộc Trung ương được xem xét "
                    "(Điều lệ Đảng, Điều 1)."
                )
                % {"day": format_vn_date(day), "years": max_age // 12},
                "date",
            )
        self.check_certificate(day)
        self.check_vote(new, cell_members(self.ctx.history, new.organization_id, day))

    def check_certificate(self, day: datetime.date):
        """Statute art. 4: the candidate holds the party-awareness certificate, still valid on `day`."""
        trained = self.progress.latest.get(StepKind.TRAINED)
        if trained is None:
            return
        valid_until = certificate_valid_until(trained.date)
        if day > valid_until:
            self.fail(
                _(
                    "Giấy chứng nhận bồi dưỡng nhận thức về Đảng cấp ngày %(issued)s hết hạn ngày %(until)s%(cfg)s: "
                    "quần chúng cần học lại lớp bồi dưỡng."
                )
                % {
                    "issued": format_vn_date(trained.date),
                    "until": format_vn_date(valid_until),
                    "cfg": by_configuration("development.certificate_valid_months"),
                },
                "date",
            )

    def check_vote(self, new: StepData, counts):
        """At least two thirds of the cell's full members on that day agree (Statute art. 4.3, art. 5)."""
        if new.members_present is None or new.votes_for is None:
            self.fail(_("Nhập số đảng viên dự họp và số tán thành."), "votes_for")
            return
        if new.votes_for > new.members_present:
            self.fail(_("Số tán thành không thể lớn hơn số đảng viên dự họp."), "votes_for")
            return
        if new.members_present > counts.total:
            self.fail(
                _("Chi bộ chỉ có %(total)s đảng viên ngày %(day)s: số dự họp (%(present)s) quá số đảng viên.")
                % {"total": counts.total, "day": format_vn_date(new.date), "present": new.members_present},
                "members_present",
            )
            return
        # The number the rule is checked against is recorded with the step.
        new.voters = counts.full
        self.check_fraction(new, counts.full, _("đảng viên chính thức của chi bộ"))

    def check_fraction(self, new: StepData, voters: int, whose: str):
        if voters < 1:
            self.fail(
                _("Ngày %(day)s không có %(whose)s để biểu quyết.")
                % {"day": format_vn_date(new.date), "whose": whose}
            )
            return
        needed = vote_needed(voters, new.date)
        if new.votes_for < needed:
            self.fail(
                _(
                    "Chỉ %(votes)s trong %(voters)s %(whose)s tán thành: cần ít nhất %(needed)s (hai phần ba, "
                    "Điều lệ Đảng, Điều 4)."
                )
                % {"votes": new.votes_for, "voters": voters, "whose": whose, "needed": needed},
                "votes_for",
            )

    def check_committee_agreed(self, new: StepData):
        """The grassroots committee agrees with at least two thirds of its committee members (Statute art. 4.3)."""
        if new.organization_id is None:
            self.fail(
                _(
                    "Chi bộ đã xét không trực thuộc đảng bộ cơ sở nào: không cần bước này, ghi quyết định kết nạp "
                    "của cấp ủy cấp trên."
                )
            )
            return
        if new.voters is None or new.votes_for is None:
            self.fail(_("Nhập số cấp ủy viên và số tán thành."), "votes_for")
            return
        if new.votes_for > new.voters:
            self.fail(_("Số tán thành không thể lớn hơn số cấp ủy viên."), "votes_for")
            return
        self.check_fraction(new, new.voters, _("cấp ủy viên"))

    def check_late(self, new: StepData, since: datetime.date, key: str, what: str, extension_key: str = ""):
        """A step due within N working days of `since`; later only with a document (upper committee's
        consent, or an extension of at most `extension_key` more working days)."""
        days = rules.value(key, since)
        limit = self.ctx.calendar.add(since, days)
        if new.date <= limit:
            return
        if extension_key:
            extra = rules.value(extension_key, since)
            final = self.ctx.calendar.add(since, days + extra)
            if new.date > final:
                self.fail(
                    _(
                        "%(what)s ngày %(day)s quá cả thời hạn gia hạn (%(n)s ngày làm việc kể từ %(since)s, hạn "
                        "cuối %(final)s)%(cfg)s."
                    )
                    % {
                        "what": what,
                        "day": format_vn_date(new.date),
                        "n": days + extra,
                        "since": format_vn_date(since),
                        "final": format_vn_date(final),
                        "cfg": by_configuration(extension_key),
                    },
                    "date",
                )
                return
        if not new.exception_document:
            self.fail(
                _(
                    "%(what)s ngày %(day)s quá %(n)s ngày làm việc kể từ %(since)s (hạn %(limit)s)%(cfg)s: ghi văn "
                    "bản đồng ý hoặc gia hạn của cấp ủy cấp trên."
                )
                % {
                    "what": what,
                    "day": format_vn_date(new.date),
                    "n": days,
                    "since": format_vn_date(since),
                    "limit": format_vn_date(limit),
                    "cfg": by_configuration(key),
                },
                "exception_document",
            )

    def check_admitted(self, new: StepData):
        """The competent committee decides within 60 working days of the cell's resolution, extendable by
        30 in special cases (29-QĐ/TW §4, 232-QĐ/TW); the certificate is still valid."""
        if not new.decision_number:
            self.fail(_("Nhập số quyết định kết nạp."), "decision_number")
        self.check_certificate(new.date)
        vote_date = self.progress.date_of(StepKind.CELL_VOTE)
        self.check_late(
            new,
            vote_date,
            "development.decision_working_days",
            _("Quyết định kết nạp"),
            extension_key="development.decision_extension_working_days",
        )

    def check_ceremony(self, new: StepData):
        """The ceremony within 30 working days of the admission decision; later only with the upper
        committee's consent (232-QĐ/TW §4.1)."""
        self.check_late(
            new,
            self.progress.date_of(StepKind.ADMITTED),
            "development.ceremony_working_days",
            _("Lễ kết nạp"),
        )

    def check_probation_review(self, new: StepData):
        """The cell reviews the probationary member when the 12 months end, within 30 working days, with the
        same two-thirds vote (232-QĐ/TW §4.2)."""
        end = probation_end(self.progress.date_of(StepKind.CEREMONY))
        if new.date < end:
            self.fail(
                _(
                    "Chưa hết thời gian dự bị (12 tháng kể từ lễ kết nạp): chi bộ xét công nhận chính thức từ ngày "
                    "%(end)s."
                )
                % {"end": format_vn_date(end)},
                "date",
            )
            return
        self.check_late(new, end, "development.review_working_days", _("Chi bộ xét công nhận chính thức"))
        if new.organization_id is None:
            self.fail(
                _("Ngày %(day)s người này không còn là đảng viên của Đảng bộ.")
                % {"day": format_vn_date(new.date)}
            )
            return
        self.check_vote(new, cell_members(self.ctx.history, new.organization_id, new.date))

    def check_recognized(self, new: StepData):
        """The recognition decision within 30 working days of the cell's resolution (29-QĐ/TW §4)."""
        if not new.decision_number:
            self.fail(_("Nhập số quyết định công nhận đảng viên chính thức."), "decision_number")
        self.check_late(
            new,
            self.progress.date_of(StepKind.PROBATION_REVIEW),
            "development.recognition_working_days",
            _("Quyết định công nhận chính thức"),
        )

    def check_stopped(self, new: StepData):
        if not new.reason:
            self.fail(_("Ghi lý do dừng phát triển."), "reason")

    def check_reassigned(self, new: StepData):
        if new.organization_id is None:
            self.fail(_("Chọn tổ chức đảng bồi dưỡng mới."), "organization")
        elif new.organization_id == self.progress.organization_id:
            self.fail(_("Tổ chức mới trùng tổ chức đang bồi dưỡng."), "organization")


def check(candidate, steps: list[StepData], new: StepData, context: Context) -> dict[str, list[str]]:
    """Every problem of recording `new` after `steps` (the candidate's effective steps in date order)."""
    return Checker(candidate, steps, context).check(new)


def next_steps(steps: list[StepData], history: History) -> list[str]:
    """The steps that may come next (the candidate page's "next required step" first)."""
    done = progress(steps)
    if done.stopped is not None or done.has(StepKind.RECOGNIZED) or done.last is None:
        return []
    if done.stage.kind == StepKind.CELL_VOTE:
        vote = done.latest[StepKind.CELL_VOTE]
        if grassroots_committee_of(history, vote.organization_id, vote.date) is not None:
            return [StepKind.COMMITTEE_AGREED, StepKind.STOPPED]
        return [StepKind.ADMITTED, StepKind.STOPPED]
    following = PROGRESS[PROGRESS.index(done.stage.kind) + 1]
    if following == StepKind.COMMITTEE_AGREED:
        following = StepKind.ADMITTED
    if done.stage.kind in BEFORE_ADMISSION:
        return list(dict.fromkeys([following, StepKind.TRAINED, StepKind.REASSIGNED, StepKind.STOPPED]))
    return [following]
