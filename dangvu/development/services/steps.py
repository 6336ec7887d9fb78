"""The step actions, from the party-awareness course to recognition, and the one entry point
(`record_step`) that the API and the forms call.

Admission and the ceremony (one design, chosen for the member counts of counting.md): the admission
decision creates the member record and its admission event at once (`members.services.create_member`), so
the member counts from the decision date the day the decision is recorded. The ceremony usually comes later:
`record_ceremony` then writes its date into the admission event through a recorded correction
(`members.services.correct_event` with a replacement that differs only by the ceremony date), so the ledger
stays append-only and the trail shows when the date was added. When the ceremony is already known as the
decision is recorded (histories entered afterwards), `record_admission(..., ceremony_date=...)` records
both steps and the member's admission event with its ceremony date, and no correction is needed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.figures.counting import standing_on
from dangvu.members import services as member_services
from dangvu.members.choices import EventKind
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.models import Organization

from .. import workflow
from ..choices import LEDGER_STEPS, IntroducerKind, StepKind
from ..models import Candidate, CandidateStep
from ..workflow import IntroducerData, StepData
from .bulk import current as current_bulk
from .candidates import (
    MEMBER_FIELDS,
    _context,
    _record,
    _refresh_stage,
    _refuse_or_pass,
    _save_candidate,
    _save_step,
    effective_steps,
    record_audit,
    step_data,
)

# Steps before admission ----------------------------------------------------------------------------------


@transaction.atomic
def record_training(
    candidate, *, date, certificate_number, note="", acting_user=None, history=None, calendar=None
):
    """Party-awareness course attended, certificate issued (Statute art. 4). May be repeated before
    admission: the latest certificate is the one whose validity counts."""
    new = StepData(StepKind.TRAINED, date, candidate.preparing_organization_id, normalize(certificate_number))
    return _record(candidate, new, note=note, acting_user=acting_user, history=history, calendar=calendar)


@transaction.atomic
def record_application(candidate, *, date, note="", acting_user=None, history=None, calendar=None):
    """The application for membership and the personal history form are handed in."""
    new = StepData(StepKind.APPLIED, date, candidate.preparing_organization_id)
    return _record(candidate, new, note=note, acting_user=acting_user, history=history, calendar=calendar)


def _introducers(items: list[dict]) -> list[IntroducerData]:
    ids = [
        item["member"].pk if isinstance(item.get("member"), Member) else item.get("member")
        for item in items
        if item.get("kind") == IntroducerKind.MEMBER
    ]
    names = dict(
        Member.objects.filter(pk__in=[i for i in ids if i is not None]).values_list("pk", "full_name")
    )
    result = []
    errors = []
    for item in items:
        kind = item.get("kind")
        if kind not in IntroducerKind.values:
            errors.append(_("Chọn loại người giới thiệu."))
            continue
        member = item.get("member")
        member_id = member.pk if isinstance(member, Member) else member
        if kind == IntroducerKind.MEMBER and member_id is not None and member_id not in names:
            errors.append(_("Không có đảng viên mã %(id)s.") % {"id": member_id})
            continue
        result.append(
            IntroducerData(
                kind=kind,
                body_name=normalize(item.get("body_name") or "") if kind != IntroducerKind.MEMBER else "",
                member_id=member_id if kind == IntroducerKind.MEMBER else None,
                member_name=names.get(member_id, ""),
                known_since=item.get("known_since") if kind == IntroducerKind.MEMBER else None,
            )
        )
    if errors:
        raise ValidationError({"introducers": errors})
    return result


@transaction.atomic
def record_introduction(
    candidate, *, date, introducers: list[dict], note="", acting_user=None, history=None, calendar=None
):
    """Introductions (Statute art. 4.1; 24-QĐ/TW): `introducers` is a list of {"kind": IntroducerKind,
    "body_name": the union's name, or "member": Member, "known_since": date}. See workflow.check_introduced."""
    new = StepData(
        StepKind.INTRODUCED, date, candidate.preparing_organization_id, introducers=_introducers(introducers)
    )
    return _record(candidate, new, note=note, acting_user=acting_user, history=history, calendar=calendar)


@transaction.atomic
def correct_introduction(
    candidate,
    *,
    introducers: list[dict],
    reason,
    date=None,
    note="",
    acting_user=None,
    history=None,
    calendar=None,
):
    """Correct who introduced the candidate: while the introduction is the latest step, it is voided with
    the reason and recorded again with the corrected introducers (on its date unless `date` is given),
    checked by the same rules, in one transaction — the ledger keeps both. After a later step, correct that
    step first."""
    steps = effective_steps(candidate)
    latest = steps[-1] if steps else None
    if latest is None or latest.kind != StepKind.INTRODUCED:
        raise ValidationError(
            _(
                "Chỉ sửa được người giới thiệu khi bước giới thiệu là bước ghi sau cùng: đính chính các bước sau "
                "trước."
            )
        )
    day = date or latest.date
    void_step(latest, reason, acting_user=acting_user)
    return record_introduction(
        candidate,
        date=day,
        introducers=introducers,
        note=note or latest.note,
        acting_user=acting_user,
        history=history,
        calendar=calendar,
    )


@transaction.atomic
def record_verification(
    candidate, *, date, document_number="", note="", acting_user=None, history=None, calendar=None
):
    """Background verification (thẩm tra lý lịch) concluded."""
    new = StepData(StepKind.VERIFIED, date, candidate.preparing_organization_id, normalize(document_number))
    return _record(candidate, new, note=note, acting_user=acting_user, history=history, calendar=calendar)


@transaction.atomic
def record_cell_vote(
    candidate,
    *,
    date,
    members_present,
    votes_for,
    resolution_number="",
    note="",
    acting_user=None,
    history=None,
    calendar=None,
):
    """The cell reviews the application and votes (Statute art. 1, 4): age 18–60, a valid certificate, and
    at least two thirds of the cell's full members on that day in favour — counted by figures.counting."""
    ctx = _context(history, calendar)
    cell_id = candidate.preparing_organization_id
    new = StepData(
        StepKind.CELL_VOTE,
        date,
        cell_id,
        normalize(resolution_number),
        members_present=members_present,
        votes_for=votes_for,
    )
    steps = step_data(candidate)
    _refuse_or_pass(candidate, steps, new, ctx)
    return _save_step(candidate, new, note=note, acting_user=acting_user, before=steps)


@transaction.atomic
def record_committee_agreement(
    candidate,
    *,
    date,
    committee_members,
    votes_for,
    document_number="",
    note="",
    acting_user=None,
    history=None,
    calendar=None,
):
    """Where the cell stands under a grassroots party committee, the committee agrees with at least two
    thirds of its committee members (Statute art. 4.3)."""
    ctx = _context(history, calendar)
    steps = step_data(candidate)
    vote = workflow.progress(steps).latest.get(StepKind.CELL_VOTE)
    committee = None
    if vote is not None and isinstance(date, datetime.date):
        committee = workflow.grassroots_committee_of(ctx.history, vote.organization_id, date)
    new = StepData(
        StepKind.COMMITTEE_AGREED,
        date,
        committee,
        normalize(document_number),
        votes_for=votes_for,
        voters=committee_members,
    )
    _refuse_or_pass(candidate, steps, new, ctx)
    return _save_step(candidate, new, note=note, acting_user=acting_user, before=steps)


@transaction.atomic
def stop_candidate(
    candidate, *, date, reason, document_number="", note="", acting_user=None, history=None, calendar=None
):
    """The candidate stops before admission (left the enterprise, not qualified, withdrew), with the reason."""
    new = StepData(
        StepKind.STOPPED,
        date,
        candidate.preparing_organization_id,
        normalize(document_number),
        reason=normalize(reason),
    )
    return _record(candidate, new, note=note, acting_user=acting_user, history=history, calendar=calendar)


@transaction.atomic
def reassign_candidate(
    candidate,
    *,
    organization: Organization,
    date,
    document_number="",
    note="",
    acting_user=None,
    history=None,
    calendar=None,
):
    """Another party organization takes over the candidate's preparation (e.g. the new cell of their
    enterprise, founded out of the core cell)."""
    new = StepData(
        StepKind.REASSIGNED, date, organization.pk if organization else None, normalize(document_number)
    )
    return _record(candidate, new, note=note, acting_user=acting_user, history=history, calendar=calendar)


# Admission, ceremony, probation, recognition ----------------------------------------------------------------


def _member_data(candidate: Candidate) -> dict:
    return {name: getattr(candidate, name) for name in MEMBER_FIELDS}


def _vote_cell(steps: list[StepData]) -> int | None:
    vote = workflow.progress(steps).latest.get(StepKind.CELL_VOTE)
    return vote.organization_id if vote else None


@transaction.atomic
def record_admission(
    candidate: Candidate,
    *,
    date,
    decision_number,
    ceremony_date=None,
    exception_document="",
    ceremony_exception_document="",
    note="",
    acting_user=None,
    history=None,
    calendar=None,
) -> CandidateStep:
    """The upper committee's admission decision (within 60 working days of the cell's resolution, 29-QĐ/TW
    §4): creates the member record and its admission event into the cell that voted, so the member counts
    from the decision date; with `ceremony_date`, the ceremony is recorded too (module docstring). A person
    who left the Party before is readmitted on their existing record (the ledger checks the 36 months)."""
    ctx = _context(history, calendar)
    steps = step_data(candidate)
    cell = _vote_cell(steps)
    decision = StepData(
        StepKind.ADMITTED, date, cell, normalize(decision_number), exception_document=exception_document
    )
    _refuse_or_pass(candidate, steps, decision, ctx)
    ceremony = None
    if ceremony_date is not None:
        ceremony = StepData(
            StepKind.CEREMONY, ceremony_date, cell, exception_document=ceremony_exception_document
        )
        _refuse_or_pass(candidate, [*steps, decision], ceremony, ctx)
    first_event = {
        "kind": EventKind.ADMISSION,
        "date": date,
        "organization": cell,
        "ceremony_date": ceremony_date,
        "decision_number": decision.decision_number,
        "note": note,
    }
    existing = Member.objects.filter(national_id=candidate.national_id).first()
    if existing is not None:
        member = existing
        event = member_services.admit(
            member, cell, date, decision.decision_number, ceremony_date=ceremony_date, acting_user=acting_user
        )
    else:
        member = member_services.create_member(
            _member_data(candidate), first_event=first_event, acting_user=acting_user
        )
        event = member.events.get(kind=EventKind.ADMISSION, voided_at__isnull=True)
    _link_member(candidate, member, acting_user)
    step = _save_step(
        candidate, decision, note=note, acting_user=acting_user, membership_event=event, before=steps
    )
    if ceremony is not None:
        _save_step(
            candidate, ceremony, acting_user=acting_user, membership_event=event, before=[*steps, decision]
        )
    return step


def _link_member(candidate: Candidate, member: Member, acting_user):
    before = audit.snapshot(candidate)
    candidate.member = member
    _save_candidate(candidate, ["member", "updated_at"])
    record_audit(
        AuditKind.UPDATE, candidate, before=before, after=audit.snapshot(candidate), acting_user=acting_user
    )


def _admission_linked(event: MembershipEvent) -> bool:
    bulk = current_bulk()
    return (bulk is not None and bulk.is_linked(event.pk)) or CandidateStep.objects.filter(
        membership_event=event, voided_at__isnull=True
    ).exists()


def _admission_event(candidate: Candidate) -> MembershipEvent:
    return (
        candidate.member.events.filter(kind=EventKind.ADMISSION, voided_at__isnull=True)
        .order_by("date", "id")
        .last()
    )


@transaction.atomic
def record_ceremony(
    candidate: Candidate,
    *,
    date,
    exception_document="",
    note="",
    acting_user=None,
    history=None,
    calendar=None,
) -> CandidateStep:
    """The admission ceremony, within 30 working days of the decision unless the upper committee consents
    (232-QĐ/TW §4.1). Its date goes into the member's admission event by a recorded correction (module
    docstring): probation runs 12 months from it."""
    ctx = _context(history, calendar)
    steps = step_data(candidate)
    new = StepData(StepKind.CEREMONY, date, _vote_cell(steps), exception_document=exception_document)
    _refuse_or_pass(candidate, steps, new, ctx)
    event = _admission_event(candidate)
    if event.ceremony_date != date:
        replacement = {name: getattr(event, name) for name in member_services.EVENT_FIELDS}
        replacement["organization"] = event.organization_id
        replacement["to_organization"] = event.to_organization_id
        replacement["ceremony_date"] = date
        event = member_services.correct_event(
            event,
            _("Ghi ngày lễ kết nạp %(day)s") % {"day": format_vn_date(date)},
            replacement=replacement,
            acting_user=acting_user,
        )
    return _save_step(
        candidate, new, note=note, acting_user=acting_user, membership_event=event, before=steps
    )


def _member_organization(member: Member, day: datetime.date) -> int | None:
    standing = standing_on([member.pk], day).get(member.pk)
    return standing.organization_id if standing else None


@transaction.atomic
def record_probation_review(
    candidate: Candidate,
    *,
    date,
    members_present,
    votes_for,
    resolution_number="",
    exception_document="",
    note="",
    acting_user=None,
    history=None,
    calendar=None,
) -> CandidateStep:
    """The cell the member belongs to reviews them when the 12 months of probation end, within 30 working
    days, with two thirds of its full members in favour (232-QĐ/TW §4.2)."""
    ctx = _context(history, calendar)
    org_id = (
        _member_organization(candidate.member, date)
        if candidate.member_id and isinstance(date, datetime.date)
        else None
    )
    new = StepData(
        StepKind.PROBATION_REVIEW,
        date,
        org_id,
        normalize(resolution_number),
        members_present=members_present,
        votes_for=votes_for,
        exception_document=exception_document,
    )
    steps = step_data(candidate)
    _refuse_or_pass(candidate, steps, new, ctx)
    return _save_step(candidate, new, note=note, acting_user=acting_user, before=steps)


@transaction.atomic
def record_recognition(
    candidate: Candidate,
    *,
    date,
    decision_number,
    exception_document="",
    note="",
    acting_user=None,
    history=None,
    calendar=None,
) -> CandidateStep:
    """The recognition decision, within 30 working days of the cell's resolution (29-QĐ/TW §4). The member
    is a full member from the end of the 12 months of probation, however late the decision (232-QĐ/TW
    §4.2): the recognition event is dated then."""
    ctx = _context(history, calendar)
    steps = step_data(candidate)
    org_id = (
        _member_organization(candidate.member, date)
        if candidate.member_id and isinstance(date, datetime.date)
        else None
    )
    new = StepData(
        StepKind.RECOGNIZED, date, org_id, normalize(decision_number), exception_document=exception_document
    )
    _refuse_or_pass(candidate, steps, new, ctx)
    if org_id is None:
        raise ValidationError(
            _("Ngày %(day)s người này không còn là đảng viên của Đảng bộ.") % {"day": format_vn_date(date)}
        )
    full_from = workflow.probation_end(workflow.progress(steps).date_of(StepKind.CEREMONY))
    event = member_services.recognize(
        candidate.member, full_from, new.decision_number, acting_user=acting_user
    )
    return _save_step(
        candidate, new, note=note, acting_user=acting_user, membership_event=event, before=steps
    )


# Histories already in the member registry ----------------------------------------------------------------


@transaction.atomic
def link_recorded_admission(
    candidate: Candidate,
    event: MembershipEvent,
    *,
    exception_document="",
    ceremony_exception_document="",
    acting_user=None,
    history=None,
    calendar=None,
) -> CandidateStep:
    """For a history entered after the fact (importer, demo): the admission is already in the member
    registry, so the decision and ceremony steps are checked by the same rules and point to that event
    instead of creating the member a second time."""
    ctx = _context(history, calendar)
    steps = step_data(candidate)
    cell = _vote_cell(steps)
    errors = []
    if event.kind != EventKind.ADMISSION or event.voided_at is not None:
        errors.append(_("Chọn quyết định kết nạp đang có hiệu lực trong hồ sơ đảng viên."))
    elif event.member.national_id != candidate.national_id:
        errors.append(_("Hồ sơ đảng viên có số CCCD khác quần chúng này."))
    elif _admission_linked(event):
        errors.append(_("Quyết định kết nạp này đã gắn với một quần chúng."))
    elif cell is not None and event.organization_id != cell:
        errors.append(_("Quyết định kết nạp vào một tổ chức khác chi bộ đã xét đề nghị."))
    if errors:
        raise ValidationError(errors)
    decision = StepData(
        StepKind.ADMITTED, event.date, cell, event.decision_number, exception_document=exception_document
    )
    _refuse_or_pass(candidate, steps, decision, ctx)
    ceremony = StepData(
        StepKind.CEREMONY,
        event.ceremony_date or event.date,
        cell,
        exception_document=ceremony_exception_document,
    )
    _refuse_or_pass(candidate, [*steps, decision], ceremony, ctx)
    _link_member(candidate, event.member, acting_user)
    step = _save_step(candidate, decision, acting_user=acting_user, membership_event=event, before=steps)
    _save_step(
        candidate, ceremony, acting_user=acting_user, membership_event=event, before=[*steps, decision]
    )
    return step


@transaction.atomic
def link_recorded_recognition(
    candidate: Candidate,
    event: MembershipEvent,
    *,
    date,
    decision_number="",
    exception_document="",
    acting_user=None,
    history=None,
    calendar=None,
) -> CandidateStep:
    """The recognition decision of `date` for a recognition already in the member registry (see
    link_recorded_admission)."""
    ctx = _context(history, calendar)
    if (
        event.kind != EventKind.RECOGNITION
        or event.voided_at is not None
        or candidate.member_id is None
        or event.member_id != candidate.member_id
    ):
        raise ValidationError(_("Chọn biến động công nhận chính thức của chính đảng viên này."))
    new = StepData(
        StepKind.RECOGNIZED,
        date,
        event.organization_id,
        normalize(decision_number or event.decision_number),
        exception_document=exception_document,
    )
    steps = step_data(candidate)
    _refuse_or_pass(candidate, steps, new, ctx)
    return _save_step(candidate, new, acting_user=acting_user, membership_event=event, before=steps)


# One entry point for the API and the forms -------------------------------------------------------------------

RECORDERS = {
    StepKind.TRAINED: record_training,
    StepKind.APPLIED: record_application,
    StepKind.INTRODUCED: record_introduction,
    StepKind.VERIFIED: record_verification,
    StepKind.CELL_VOTE: record_cell_vote,
    StepKind.COMMITTEE_AGREED: record_committee_agreement,
    StepKind.ADMITTED: record_admission,
    StepKind.CEREMONY: record_ceremony,
    StepKind.PROBATION_REVIEW: record_probation_review,
    StepKind.RECOGNIZED: record_recognition,
    StepKind.STOPPED: stop_candidate,
    StepKind.REASSIGNED: reassign_candidate,
}
# What each step takes besides the date (and note): the form and API fields of each kind.
STEP_FIELDS = {
    StepKind.TRAINED: ["certificate_number"],
    StepKind.APPLIED: [],
    StepKind.INTRODUCED: ["introducers"],
    StepKind.VERIFIED: ["document_number"],
    StepKind.CELL_VOTE: ["members_present", "votes_for", "resolution_number"],
    StepKind.COMMITTEE_AGREED: ["committee_members", "votes_for", "document_number"],
    StepKind.ADMITTED: [
        "decision_number",
        "ceremony_date",
        "exception_document",
        "ceremony_exception_document",
    ],
    StepKind.CEREMONY: ["exception_document"],
    StepKind.PROBATION_REVIEW: ["members_present", "votes_for", "resolution_number", "exception_document"],
    StepKind.RECOGNIZED: ["decision_number", "exception_document"],
    StepKind.STOPPED: ["reason", "document_number"],
    StepKind.REASSIGNED: ["organization", "document_number"],
}


def record_step(
    candidate: Candidate, kind: str, *, date, note="", acting_user=None, **fields
) -> CandidateStep:
    """Record a step of `kind` with the fields that kind takes (STEP_FIELDS); other fields are ignored."""
    if kind not in RECORDERS:
        raise ValidationError({"kind": [_("Chọn bước cần ghi.")]})
    taken = {name: fields[name] for name in STEP_FIELDS[kind] if name in fields}
    if kind in (StepKind.TRAINED,) and "certificate_number" not in taken:
        taken["certificate_number"] = ""
    if kind in (StepKind.ADMITTED, StepKind.RECOGNIZED) and "decision_number" not in taken:
        taken["decision_number"] = ""
    if kind == StepKind.INTRODUCED:
        taken.setdefault("introducers", [])
    if kind == StepKind.STOPPED:
        taken.setdefault("reason", "")
    if kind == StepKind.REASSIGNED:
        taken.setdefault("organization", None)
    if kind in (StepKind.CELL_VOTE, StepKind.PROBATION_REVIEW):
        taken.setdefault("members_present", None)
        taken.setdefault("votes_for", None)
    if kind == StepKind.COMMITTEE_AGREED:
        taken.setdefault("committee_members", None)
        taken.setdefault("votes_for", None)
    return RECORDERS[kind](candidate, date=date, note=note, acting_user=acting_user, **taken)


@transaction.atomic
def void_step(step: CandidateStep, reason: str, *, acting_user=None) -> CandidateStep:
    """A recorded correction: the candidate's latest step stops counting (kept with the reason). Steps that
    wrote the member registry are corrected there; the first step is undone by stopping the candidate."""
    reason = normalize(reason)
    if not reason:
        raise ValidationError(_("Ghi lý do đính chính."))
    if step.voided_at is not None:
        raise ValidationError(_("Bước này đã được đính chính."))
    if step.kind in LEDGER_STEPS:
        raise ValidationError(_("Bước này đã ghi vào hồ sơ đảng viên: đính chính biến động của đảng viên."))
    if step.kind == StepKind.PROPOSED:
        raise ValidationError(_("Không thể hủy bước đầu tiên: ghi dừng phát triển."))
    latest = effective_steps(step.candidate)[-1]
    if latest.pk != step.pk:
        raise ValidationError(_("Chỉ đính chính được bước ghi sau cùng: đính chính các bước sau trước."))
    before = audit.snapshot(step)
    step.voided_at = timezone.now()
    step.void_reason = reason
    step.save(update_fields=["voided_at", "void_reason", "updated_at"])
    _refresh_stage(step.candidate)
    record_audit(
        AuditKind.CORRECTION,
        step,
        before=before,
        after=audit.snapshot(step),
        acting_user=acting_user,
        object_repr=f"{step.candidate.full_name}: {step}",
    )
    return step
