"""What is due on a date, and what is overdue (issue 4, point 4; rules.md): for each open candidate, from
the steps recorded on or before that date,

- after the cell's resolution: the admission decision, within 60 working days (29-QĐ/TW §4);
- after the decision: the ceremony, within 30 working days (232-QĐ/TW §4.1);
- when the 12 months of probation end: the cell's review, within 30 working days (232-QĐ/TW §4.2);
- after the review: the recognition decision, within 30 working days (29-QĐ/TW §4);
- before admission: the party-awareness certificate about to expire (or expired);
- before the cell's vote: no progress for `development.stalled_months` months.

An item is listed from `development.reminder_lead_days` days before its due date (the decision, ceremony
and recognition as soon as they are awaited), and is overdue the day after its due date. The to-do page
(việc cần làm), the API and `dangvu remind` read these items; the list comes overdue first.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dangvu.core import rules
from dangvu.core.dates import add_months, format_vn_date
from dangvu.core.workdays import WorkCalendar
from dangvu.figures.counting import standing_on

from . import workflow
from .choices import BEFORE_ADMISSION, DueKind, StepKind
from .models import Candidate, CandidateStep
from .workflow import StepData, certificate_valid_until, probation_end

BEFORE_VOTE = BEFORE_ADMISSION[: BEFORE_ADMISSION.index(StepKind.CELL_VOTE)]


@dataclass(frozen=True)
class DueItem:
    kind: str
    candidate_id: int
    candidate_name: str
    organization_id: int  # the candidate's preparing organization: the scope the item belongs to
    since: datetime.date  # the step (or the day) the deadline runs from
    due_on: datetime.date
    on: datetime.date  # the day the list was made for

    @property
    def overdue(self) -> bool:
        return self.on > self.due_on

    @property
    def days_left(self) -> int:
        """Calendar days until the due date; negative when overdue."""
        return (self.due_on - self.on).days

    @property
    def message(self) -> str:
        text = _("%(what)s — %(name)s: hạn %(due)s") % {
            "what": DueKind(self.kind).label,
            "name": self.candidate_name,
            "due": format_vn_date(self.due_on),
        }
        if self.overdue:
            text += _(" (quá hạn %(n)s ngày)") % {"n": -self.days_left}
        return text

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "kind_label": str(DueKind(self.kind).label),
            "candidate": self.candidate_id,
            "candidate_name": self.candidate_name,
            "organization": self.organization_id,
            "since": self.since.isoformat(),
            "due_on": self.due_on.isoformat(),
            "overdue": self.overdue,
            "days_left": self.days_left,
            "message": self.message,
        }


def _items_of(candidate, steps: list[StepData], on: datetime.date, calendar: WorkCalendar) -> list[DueItem]:
    done = workflow.progress(steps)
    if done.stage is None or done.stopped is not None or done.has(StepKind.RECOGNIZED):
        return []
    lead = datetime.timedelta(days=rules.value("development.reminder_lead_days", on))
    items = []

    def due(kind, since, due_on, listed_from=None):
        if listed_from is None or on >= listed_from - lead:
            items.append(
                DueItem(kind, candidate.pk, candidate.full_name, done.organization_id, since, due_on, on)
            )

    stage = done.stage.kind
    if stage in (StepKind.CELL_VOTE, StepKind.COMMITTEE_AGREED):
        vote = done.date_of(StepKind.CELL_VOTE)
        days = rules.value("development.decision_working_days", vote)
        due(DueKind.DECISION, vote, calendar.add(vote, days))
    elif stage == StepKind.ADMITTED:
        decision = done.date_of(StepKind.ADMITTED)
        days = rules.value("development.ceremony_working_days", decision)
        due(DueKind.CEREMONY, decision, calendar.add(decision, days))
    elif stage == StepKind.CEREMONY:
        end = probation_end(done.date_of(StepKind.CEREMONY))
        days = rules.value("development.review_working_days", end)
        due(DueKind.REVIEW, end, calendar.add(end, days), listed_from=end)
    elif stage == StepKind.PROBATION_REVIEW:
        review = done.date_of(StepKind.PROBATION_REVIEW)
        days = rules.value("development.recognition_working_days", review)
        due(DueKind.RECOGNITION, review, calendar.add(review, days))
    if stage in BEFORE_ADMISSION and done.has(StepKind.TRAINED):
        issued = done.date_of(StepKind.TRAINED)
        until = certificate_valid_until(issued)
        warning = rules.value("development.certificate_warning_months", on)
        if on >= add_months(until, -warning):
            items.append(
                DueItem(
                    DueKind.CERTIFICATE,
                    candidate.pk,
                    candidate.full_name,
                    done.organization_id,
                    issued,
                    until,
                    on,
                )
            )
    if stage in BEFORE_VOTE:
        last = done.stage.date
        months = rules.value("development.stalled_months", on)
        stalled_on = add_months(last, months)
        due(DueKind.STALLED, last, stalled_on, listed_from=stalled_on)
    return items


def due_items(on: datetime.date, candidates=None, *, calendar: WorkCalendar | None = None) -> list[DueItem]:
    """Every item due on `on` for `candidates` (a Candidate queryset, e.g. `visible_to(user)`; all by
    default), judged from the steps recorded on or before `on`: overdue first, then by due date."""
    calendar = calendar or WorkCalendar.load()
    queryset = Candidate.objects.all() if candidates is None else candidates
    # Closed on or before `on`: nothing due. (Closed later: still open on `on`.)
    queryset = queryset.exclude(stage__in=[StepKind.STOPPED, StepKind.RECOGNIZED], stage_on__lte=on)
    people = {c.pk: c for c in queryset.only("pk", "full_name", "member_id")}
    # After admission the work is the member's: nothing is due for someone who is no longer a member.
    members_then = standing_on([c.member_id for c in people.values() if c.member_id], on)
    steps: dict[int, list[StepData]] = defaultdict(list)
    rows = (
        CandidateStep.objects.filter(candidate_id__in=list(people), voided_at__isnull=True, date__lte=on)
        .order_by("candidate_id", "date", "id")
        .only(
            "candidate_id",
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
    )
    for row in rows.iterator(chunk_size=2000):
        steps[row.candidate_id].append(StepData.of(row))
    items = []
    for candidate_id, candidate_steps in steps.items():
        candidate = people[candidate_id]
        admitted = any(step.kind == StepKind.ADMITTED for step in candidate_steps)
        if admitted and candidate.member_id not in members_then:
            continue
        items.extend(_items_of(candidate, candidate_steps, on, calendar))
    items.sort(key=lambda item: (not item.overdue, item.due_on, item.candidate_name, item.kind))
    return items


def due_for_user(user, on: datetime.date) -> list[DueItem]:
    """The to-do list (việc cần làm) of a user: what is due in their scope (accounts.scoping)."""
    return due_items(on, Candidate.objects.visible_to(user, "candidates.view"))
