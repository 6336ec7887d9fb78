"""Candidates' records and the machinery every step action shares: check against the steps so far, write
the step, its introductions and its audit row, refresh the candidate's stage."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date, today
from dangvu.core.models import AuditKind
from dangvu.core.text import fold, normalize, person_sort_key
from dangvu.core.workdays import WorkCalendar
from dangvu.figures.counting import standing_on
from dangvu.members import services as member_services
from dangvu.members.choices import Education, Gender, TheoryLevel
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .. import workflow
from ..choices import Source, StepKind
from ..models import Candidate, CandidateStep, Introduction
from ..workflow import StepData
from .bulk import current as current_bulk

PERSONAL_TEXT_FIELDS = [
    "full_name",
    "ethnicity",
    "religion",
    "home_province",
    "professional_qualification",
    "job",
    "position",
    "phone",
]
PERSONAL_FIELDS = [*PERSONAL_TEXT_FIELDS, "gender", "birth_date", "national_id", "education", "theory_level"]
# The fields the member record takes from the candidate at admission (members.services.create_member).
MEMBER_FIELDS = PERSONAL_FIELDS
OTHER_TEXT_FIELDS = ["enterprise_name", "enterprise_tax_code", "proposing_body"]
EDITABLE_FIELDS = [*PERSONAL_FIELDS, *OTHER_TEXT_FIELDS]


# Writes: one by one, or kept for writing in bulk inside `bulk.in_bulk()` (the demo loader) ----------------


def record_audit(kind, obj, *, acting_user=None, **fields):
    """`core.audit.record()`, or, inside `in_bulk()`, the same row kept to be written with the others."""
    bulk = current_bulk()
    if bulk is None:
        audit.record(kind, obj, acting_user=acting_user, **fields)
    else:
        bulk.audit.append({"kind": kind, "obj": obj, **fields})


def _save_candidate(candidate: Candidate, update_fields=None):
    bulk = current_bulk()
    if bulk is None:
        candidate.save(update_fields=update_fields)
    else:
        bulk.save_candidate(candidate, update_fields)


# Candidates ---------------------------------------------------------------------------------------------


def _clean_candidate_data(data: dict, instance: Candidate | None = None) -> dict:
    cleaned = {}
    errors: dict[str, list[str]] = {}
    for name in EDITABLE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in PERSONAL_TEXT_FIELDS or name in OTHER_TEXT_FIELDS:
            value = normalize(value or "")
        cleaned[name] = value
    if "national_id" in cleaned:
        try:
            cleaned["national_id"] = member_services.clean_national_id(cleaned["national_id"])
        except ValidationError as exc:
            errors["national_id"] = exc.messages
    elif instance is None:
        errors["national_id"] = [_("Nhập số CCCD (12 chữ số).")]
    if (instance is None or "full_name" in cleaned) and not cleaned.get("full_name"):
        errors["full_name"] = [_("Nhập họ và tên.")]
    if (instance is None or "gender" in cleaned) and cleaned.get("gender") not in Gender.values:
        errors["gender"] = [_("Chọn giới tính Nam hoặc Nữ.")]
    if instance is None or "birth_date" in cleaned:
        birth = cleaned.get("birth_date")
        if not isinstance(birth, datetime.date):
            errors["birth_date"] = [_("Nhập ngày sinh (dd/mm/yyyy).")]
        elif birth > today():
            errors["birth_date"] = [_("Ngày sinh ở tương lai.")]
    if cleaned.get("education", "") not in Education.values:
        errors["education"] = [_("Chọn trình độ giáo dục phổ thông.")]
    if cleaned.get("theory_level", "") not in TheoryLevel.values:
        errors["theory_level"] = [_("Chọn trình độ lý luận chính trị.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _apply_keys(candidate: Candidate):
    candidate.search_key = fold(candidate.full_name)
    candidate.sort_key = person_sort_key(candidate.full_name)


def _check_national_id(national_id: str, instance: Candidate | None = None, day: datetime.date | None = None):
    """One open candidate per person, and no candidate who is a member on the day of the proposal."""
    others = Candidate.objects.filter(national_id=national_id).exclude(
        stage__in=[StepKind.STOPPED, StepKind.RECOGNIZED]
    )
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    other = others.first()
    bulk = current_bulk()
    if other is None and bulk is not None:
        other = bulk.open_candidate(national_id, instance)
    if other is not None:
        raise ValidationError(
            {
                "national_id": [
                    _("Số CCCD %(v)s đã thuộc quần chúng %(name)s đang được bồi dưỡng.")
                    % {"v": national_id, "name": other.full_name}
                ]
            }
        )
    member = Member.objects.filter(national_id=national_id).first()
    day = day or today()
    if member is not None and standing_on([member.pk], day):
        raise ValidationError(
            {
                "national_id": [
                    _("Số CCCD %(v)s là của đảng viên %(name)s, đang sinh hoạt ngày %(day)s.")
                    % {"v": national_id, "name": member.full_name, "day": format_vn_date(day)}
                ]
            }
        )


@transaction.atomic
def propose_candidate(
    data: dict,
    *,
    source: str,
    preparing_organization: Organization,
    date: datetime.date,
    proposing_body: str = "",
    document_number: str = "",
    note: str = "",
    acting_user=None,
    history: History | None = None,
    calendar: WorkCalendar | None = None,
) -> Candidate:
    """A union, the youth union or the cell proposes an outstanding worker for party-awareness training: the
    candidate's record and the first step, in one action (a candidate without a step would be at no step)."""
    cleaned = _clean_candidate_data({**data, "proposing_body": proposing_body})
    if source not in Source.values:
        raise ValidationError(
            {"source": [_("Chọn nguồn giới thiệu: công đoàn, Đoàn Thanh niên hoặc đảng viên.")]}
        )
    _check_national_id(cleaned["national_id"], day=date if isinstance(date, datetime.date) else None)
    candidate = Candidate(
        **cleaned,
        source=source,
        preparing_organization=preparing_organization,
        stage=StepKind.PROPOSED,
        stage_on=date if isinstance(date, datetime.date) else today(),
    )
    _apply_keys(candidate)
    new = StepData(StepKind.PROPOSED, date, preparing_organization.pk, normalize(document_number))
    ctx = _context(history, calendar)
    errors = workflow.check(candidate, [], new, ctx)
    if errors:
        raise ValidationError(errors)
    _save_candidate(candidate)
    record_audit(AuditKind.CREATE, candidate, after=audit.snapshot(candidate), acting_user=acting_user)
    _save_step(candidate, new, note=note, acting_user=acting_user, before=[])
    return candidate


@transaction.atomic
def update_candidate(candidate: Candidate, data: dict, *, acting_user=None) -> Candidate:
    """Correct the personal record, the enterprise, the source (who brought the candidate forward) or the
    proposing body; after admission the member record is the one to edit."""
    if candidate.member_id is not None and any(name in data for name in PERSONAL_FIELDS):
        raise ValidationError(_("Đã kết nạp: sửa thông tin cá nhân trong hồ sơ đảng viên."))
    data = dict(data)
    source = data.pop("source", None)
    if source is not None and source not in Source.values:
        raise ValidationError(
            {"source": [_("Chọn nguồn giới thiệu: công đoàn, Đoàn Thanh niên hoặc đảng viên.")]}
        )
    cleaned = _clean_candidate_data(data, instance=candidate)
    if source is not None:
        cleaned["source"] = source
    if "national_id" in cleaned and cleaned["national_id"] != candidate.national_id:
        _check_national_id(cleaned["national_id"], candidate)
    before = audit.snapshot(candidate)
    for name, value in cleaned.items():
        setattr(candidate, name, value)
    _apply_keys(candidate)
    _save_candidate(candidate)
    record_audit(
        AuditKind.UPDATE, candidate, before=before, after=audit.snapshot(candidate), acting_user=acting_user
    )
    return candidate


# Steps: the common machinery -------------------------------------------------------------------------------


def _context(history: History | None = None, calendar: WorkCalendar | None = None) -> workflow.Context:
    return workflow.Context(history or History.load(), calendar or WorkCalendar.load(), today())


def effective_steps(candidate: Candidate) -> list[CandidateStep]:
    """The candidate's steps that count (not voided), in date order."""
    return list(candidate.steps.filter(voided_at__isnull=True).order_by("date", "id"))


def step_data(candidate: Candidate) -> list[StepData]:
    """The candidate's effective steps as the checks read them (workflow.StepData), in date order."""
    bulk = current_bulk()
    if bulk is not None and candidate.pk in bulk.pending:
        return bulk.step_data(candidate.pk)
    rows = candidate.steps.filter(voided_at__isnull=True).order_by("date", "id").values_list(*StepData.FIELDS)
    # Steps kept in bulk come after the stored ones (a step is never dated before the last one).
    return [StepData(*row) for row in rows] + (bulk.step_data(candidate.pk) if bulk is not None else [])


def _refuse_or_pass(candidate, steps: list[StepData], new: StepData, ctx: workflow.Context):
    errors = workflow.check(candidate, steps, new, ctx)
    if errors:
        raise ValidationError(errors)


def _refresh_stage(candidate: Candidate, steps: list[StepData] | None = None):
    """Copy the latest progress step and the current preparing organization onto the candidate (see models).
    `steps`: the effective steps after the write when the caller has them (saves reading them again)."""
    done = workflow.progress(step_data(candidate) if steps is None else steps)
    candidate.stage = done.stage.kind
    candidate.stage_on = done.stage.date
    candidate.preparing_organization_id = done.organization_id
    _save_candidate(candidate, ["stage", "stage_on", "preparing_organization", "updated_at"])


def _save_step(
    candidate: Candidate,
    new: StepData,
    *,
    note: str = "",
    acting_user=None,
    membership_event: MembershipEvent | None = None,
    before: list[StepData] | None = None,
) -> CandidateStep:
    """Write a checked step. `before`: the effective steps it was checked against (it comes after them)."""
    bulk = current_bulk()
    step = CandidateStep(
        candidate=candidate,
        kind=new.kind,
        date=new.date,
        organization_id=new.organization_id,
        decision_number=normalize(new.decision_number),
        note=normalize(note),
        recorded_by=getattr(acting_user, "username", "") or "",
        members_present=new.members_present,
        votes_for=new.votes_for,
        voters=new.voters,
        exception_document=normalize(new.exception_document),
        reason=normalize(new.reason),
        membership_event=membership_event,
    )
    if bulk is None:
        step.save(force_insert=True)
    introductions = [
        Introduction(
            step=step,
            kind=i.kind,
            body_name=normalize(i.body_name),
            member_id=i.member_id,
            known_since=i.known_since,
        )
        for i in new.introducers
    ]
    if bulk is None:
        Introduction.objects.bulk_create(introductions)
    else:
        bulk.add_step(step, introductions)
    _refresh_stage(candidate, None if before is None else [*before, new])
    after = audit.snapshot(step)
    if introductions:
        after["introductions"] = [
            {
                "kind": i.kind,
                "body_name": i.body_name,
                "member_id": i.member_id,
                "known_since": audit._plain(i.known_since),
            }
            for i in introductions
        ]
    record_audit(
        AuditKind.EVENT,
        step,
        after=after,
        acting_user=acting_user,
        object_repr=f"{candidate.full_name}: {step}",
    )
    return step


def _record(
    candidate: Candidate,
    new: StepData,
    *,
    note: str = "",
    acting_user=None,
    history: History | None = None,
    calendar: WorkCalendar | None = None,
) -> CandidateStep:
    ctx = _context(history, calendar)
    steps = step_data(candidate)
    _refuse_or_pass(candidate, steps, new, ctx)
    return _save_step(candidate, new, note=note, acting_user=acting_user, before=steps)
