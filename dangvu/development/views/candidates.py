"""A candidate's page (record, timeline of steps, the next required step with its deadline and its form, the
forms to stop and to void), the form that adds a candidate, and the step and void actions. Every write is
one `dangvu.development.services` action; a refusal is shown next to the form and writes nothing."""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.personal_data import reveal_member
from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import format_vn_date, today
from dangvu.figures.counting import Scope, members_on
from dangvu.members.choices import MemberStatus
from dangvu.members.models import Member
from dangvu.organizations.choices import GRASSROOTS_KINDS
from dangvu.organizations.tree import History
from dangvu.web.views.common import form_flow, is_htmx, require
from dangvu.web.views.members import personal_rows

from .. import services, workflow
from ..choices import LEDGER_STEPS, VOTE_STEPS, DueKind, StepKind
from ..deadlines import DueItem, due_items
from ..forms import (
    CandidateEditForm,
    CandidateForm,
    IntroductionCorrectionForm,
    ProposalForm,
    ReassignForm,
    StepForm,
    VoidForm,
)
from ..lists import candidates_for, due_text, organizations_for
from ..models import Candidate, CandidateStep
from ..services.candidates import PERSONAL_FIELDS
from ..workflow import StepData

# Steps whose form asks for confirmation: the admission decision creates the member record, which cannot be
# undone here (other steps, stopping included, can be voided as the latest step).
CONFIRM = {
    StepKind.ADMITTED: gettext_lazy(
        "Quyết định kết nạp tạo hồ sơ đảng viên và biến động kết nạp: người này được tính là đảng viên dự bị từ "
        "ngày quyết định. Nếu ghi nhầm, đính chính trong hồ sơ đảng viên."
    ),
}
DOCUMENT_LABELS = {
    StepKind.TRAINED: gettext_lazy("Giấy chứng nhận"),
    StepKind.CELL_VOTE: gettext_lazy("Nghị quyết"),
    StepKind.PROBATION_REVIEW: gettext_lazy("Nghị quyết"),
    StepKind.ADMITTED: gettext_lazy("Quyết định"),
    StepKind.RECOGNIZED: gettext_lazy("Quyết định"),
}


def _renamed(error: ValidationError, rename) -> ValidationError:
    """A service's ValidationError with its field names mapped to the form's (`rename(name)`)."""
    if not hasattr(error, "error_dict"):
        return error
    errors: dict[str, list] = {}
    for name, messages in error.error_dict.items():
        errors.setdefault(rename(name), []).extend(messages)
    return ValidationError(errors)


@dataclass
class TimelineRow:
    step: CandidateStep
    organization: str
    document_label: str
    introducers: list[str] = field(default_factory=list)
    can_void: bool = False

    @property
    def is_void(self) -> bool:
        return self.step.voided_at is not None

    @property
    def has_vote(self) -> bool:
        return self.step.kind in VOTE_STEPS and self.step.votes_for is not None


def _introducer_texts(step: CandidateStep) -> list[str]:
    """Who introduced the candidate in an introduction step, as the page writes them."""
    texts = []
    for introduction in step.introductions.all():
        if introduction.member_id:
            text = introduction.member.full_name
            if introduction.known_since:
                text += " " + _("(biết từ %(day)s)") % {"day": format_vn_date(introduction.known_since)}
        else:
            text = f"{introduction.get_kind_display()}: {introduction.body_name}"
        texts.append(text)
    return texts


def _timeline(candidate: Candidate, history: History, can_change: bool) -> list[TimelineRow]:
    steps = list(candidate.steps.prefetch_related("introductions__member").order_by("date", "id"))
    effective = [s for s in steps if s.voided_at is None]
    latest = effective[-1] if effective else None
    rows = []
    for step in steps:
        state = history.last_state_on(step.organization_id, step.date)
        rows.append(
            TimelineRow(
                step,
                state.name if state else "",
                str(DOCUMENT_LABELS.get(step.kind, _("Văn bản"))),
                _introducer_texts(step),
                can_void=can_change
                and step is latest
                and step.kind not in LEDGER_STEPS
                and step.kind != StepKind.PROPOSED,
            )
        )
    return rows


def _introducer_choices(request, candidate: Candidate, history: History) -> list[tuple[int, str]]:
    """Full members today of the grassroots organization that prepares the candidate (those who may have
    worked beside them), among the members the user may act for; the service checks the rules."""
    day = today()
    tree = history.tree_on(day)
    org_id = candidate.preparing_organization_id
    unit = org_id
    if org_id in tree.states:
        for ancestor in [org_id, *tree.ancestors(org_id)]:
            if tree.states[ancestor].kind in GRASSROOTS_KINDS:
                unit = ancestor
                break
    members = members_on(Scope(day, unit, history), status=MemberStatus.FULL).filter(
        pk__in=Member.objects.visible_to(request.user, Perm.CANDIDATES_CHANGE).values("pk")
    )
    return [
        (m.pk, f"{m.full_name} ({_('thẻ')} {m.card_number})" if m.card_number else m.full_name)
        for m in members.only("pk", "full_name", "card_number")
    ]


def _step_form(request, candidate, kind, history, data=None) -> StepForm:
    introducers = _introducer_choices(request, candidate, history) if kind == StepKind.INTRODUCED else ()
    return StepForm(
        data,
        kind=kind,
        organizations=organizations_for(request, Perm.CANDIDATES_CHANGE),
        introducers=introducers,
        auto_id=f"id_{kind}_%s",
    )


@dataclass
class NextStep:
    """What the page says comes next: the required step, the others that may come, what is due."""

    required: str | None
    choices: list[str]
    due: list[DueItem]
    review_from: object = None  # the day the probation ends, before the review is listed as due


def _next_step(request, candidate: Candidate, effective: list[StepData], history: History) -> NextStep:
    kinds = workflow.next_steps(effective, history)
    required = next((k for k in kinds if k != StepKind.STOPPED), None)
    due = due_items(today(), candidates_for(request).filter(pk=candidate.pk))
    review_from = None
    if required == StepKind.PROBATION_REVIEW:
        ceremony = workflow.progress(effective).date_of(StepKind.CEREMONY)
        review_from = workflow.probation_end(ceremony) if ceremony else None
    return NextStep(required, [k for k in kinds if k != StepKind.STOPPED], due, review_from)


def candidates_to_reveal(request):
    """The candidates whose masked personal data the user may show in full: those they see, in their scope
    for `members.reveal` (the one permission to reveal personal data, as on a member's page)."""
    return candidates_for(request).filter(pk__in=candidates_for(request, Perm.MEMBERS_REVEAL).values("pk"))


def candidate_context(request, candidate, history, *, kind=None, form=None, revealed=None) -> dict:
    """The candidate page: `form` is a bound step form (of `kind`) coming back with errors; `revealed` the
    personal data shown in full after "Hiện"."""
    can_change = (
        has_perm(request.user, Perm.CANDIDATES_CHANGE)
        and candidates_for(request, Perm.CANDIDATES_CHANGE).filter(pk=candidate.pk).exists()
    )
    effective = services.step_data(candidate)
    nxt = _next_step(request, candidate, effective, history)
    may_stop = StepKind.STOPPED in workflow.next_steps(effective, history)
    if kind not in nxt.choices:
        kind = nxt.required
    step_form = stop_form = None
    if can_change:
        if form is not None and form.kind == StepKind.STOPPED:
            stop_form = form
        elif form is not None:
            step_form, kind = form, form.kind
        if step_form is None and kind is not None:
            step_form = _step_form(request, candidate, kind, history)
        if stop_form is None and may_stop:
            stop_form = _step_form(request, candidate, StepKind.STOPPED, history)
    state = history.last_state_on(candidate.preparing_organization_id, today())
    return {
        "candidate": candidate,
        "title": candidate.full_name,
        "personal": personal_rows(candidate, revealed),
        "revealed": revealed is not None,
        "can_reveal": candidates_to_reveal(request).filter(pk=candidate.pk).exists(),
        "reveal_url": reverse("development:candidate-reveal", args=[candidate.pk]),
        "can_edit": can_change and has_perm(request.user, Perm.MEMBERS_REVEAL),
        "preparing": state.name if state else candidate.preparing_organization.name,
        "timeline": _timeline(candidate, history, can_change),
        "next": nxt,
        "due_rows": [(item, DueKind(item.kind).label, due_text(item)) for item in nxt.due],
        "next_label": StepKind(nxt.required).label if nxt.required else "",
        "other_choices": [
            (k, StepKind(k).label) for k in nxt.choices if step_form is None or k != step_form.kind
        ],
        "step_label": StepKind(step_form.kind).label if step_form is not None else "",
        "step_form": step_form,
        "stop_form": stop_form,
        "can_change": can_change,
    }


@login_required
def candidate_detail(request, pk, revealed: dict | None = None):
    candidate = get_object_or_404(candidates_for(request).select_related("preparing_organization"), pk=pk)
    history = History.load()
    context = candidate_context(request, candidate, history, kind=request.GET.get("kind"), revealed=revealed)
    return render(request, "development/candidate.html", context)


@login_required
def candidate_reveal(request, pk):
    """ "Hiện": the candidate's full personal data on an explicit request (POST), recorded in the audit trail
    as on a member's page (accounts.personal_data). From htmx, the fragment that replaces the masked
    values; otherwise the whole candidate page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    candidate = get_object_or_404(candidates_to_reveal(request), pk=pk)
    revealed = reveal_member(candidate, acting_user=request.user)
    if is_htmx(request):
        return render(
            request,
            "web/members/_personal.html",
            {
                "personal": personal_rows(candidate, revealed),
                "revealed": True,
                "reveal_url": reverse("development:candidate-reveal", args=[candidate.pk]),
            },
        )
    return candidate_detail(request, pk, revealed=revealed)


@login_required
def candidate_step(request, pk, kind):
    """Record a step of `kind` (POST); the page with the form otherwise."""
    require(request, Perm.CANDIDATES_CHANGE)
    candidate = get_object_or_404(
        candidates_for(request, Perm.CANDIDATES_CHANGE).select_related("preparing_organization"), pk=pk
    )
    if kind not in services.RECORDERS:
        raise Http404
    if request.method != "POST":
        return redirect(reverse("development:candidate", args=[candidate.pk]) + f"?kind={kind}#step-form")
    history = History.load()
    form = _step_form(request, candidate, kind, history, data=request.POST)

    def perform():
        try:
            services.record_step(candidate, kind, acting_user=request.user, **form.step_arguments())
        except ValidationError as error:
            raise _renamed(error, form.service_field) from error
        return reverse("development:candidate", args=[candidate.pk])

    context = candidate_context(request, candidate, history, kind=kind, form=form)
    return form_flow(
        request,
        forms_=[form],
        template="development/candidate.html",
        context={**context, "title": f"{StepKind(kind).label}: {candidate.full_name}"},
        perform=perform,
        confirm=str(CONFIRM[kind]) if kind in CONFIRM else None,
        success=_("Đã ghi bước: %(kind)s.") % {"kind": StepKind(kind).label},
    )


@login_required
def candidate_add(request):
    """A union, the youth union or a cell proposes a candidate: the record and the first step."""
    require(request, Perm.CANDIDATES_CHANGE)
    data = request.POST or None
    person = CandidateForm(data)
    proposal = ProposalForm(data, organizations=organizations_for(request, Perm.CANDIDATES_CHANGE))
    created = {}

    def perform():
        chosen = proposal.cleaned_data
        try:
            created["candidate"] = services.propose_candidate(
                person.candidate_data(),
                source=chosen.get("source") or "",
                preparing_organization=chosen["preparing_organization"],
                date=chosen["date"],
                proposing_body=chosen.get("proposing_body") or "",
                document_number=chosen.get("document_number") or "",
                note=chosen.get("note") or "",
                acting_user=request.user,
            )
        except ValidationError as error:
            raise _renamed(
                error, lambda name: "preparing_organization" if name == "organization" else name
            ) from error
        return reverse("development:candidate", args=[created["candidate"].pk])

    return form_flow(
        request,
        forms_=[person, proposal],
        template="development/add.html",
        context={"title": _("Thêm quần chúng ưu tú")},
        perform=perform,
        success=_("Đã ghi quần chúng và bước đề xuất bồi dưỡng."),
        error_form=proposal,
    )


@login_required
def step_void(request, pk):
    """Void the latest step recorded by mistake, with the reason (services.void_step says which may be)."""
    require(request, Perm.CANDIDATES_CHANGE)
    step = get_object_or_404(
        CandidateStep.objects.filter(
            candidate__in=candidates_for(request, Perm.CANDIDATES_CHANGE), voided_at__isnull=True
        ).select_related("candidate", "organization"),
        pk=pk,
    )
    form = VoidForm(request.POST or None)

    def perform():
        services.void_step(step, form.cleaned_data["reason"], acting_user=request.user)
        return reverse("development:candidate", args=[step.candidate_id])

    return form_flow(
        request,
        forms_=[form],
        template="development/void.html",
        context={
            "step": step,
            "candidate": step.candidate,
            "title": _("Đính chính bước phát triển đảng viên"),
        },
        perform=perform,
        confirm=_("Bước này thôi được tính (vẫn giữ trong quá trình, kèm lý do đính chính)."),
        success=_("Đã đính chính bước: %(kind)s.") % {"kind": step.get_kind_display()},
    )


# Correcting the record ---------------------------------------------------------------------------------------

EDIT_SECTIONS = ("record", "organization", "introducers")


def _introduction_initial(step: CandidateStep | None) -> dict:
    """The introduction step's values as the correction form starts from them."""
    if step is None:
        return {}
    initial = {"date": step.date, "note": step.note}
    index = 0
    for introduction in step.introductions.all():
        if introduction.member_id:
            index += 1
            initial[f"member_{index}"] = str(introduction.member_id)
            initial[f"known_since_{index}"] = introduction.known_since
        else:
            initial["body_kind"] = introduction.kind
            initial["body_name"] = introduction.body_name
    return initial


@login_required
def candidate_edit(request, pk):
    """Correct a candidate's record (personal data, enterprise, source), hand the preparation to another
    party organization, or correct the introducers. The form shows the full personal data: it needs the
    permission to reveal them as well, and opening it is recorded like "Hiện" (as a member's edit form).
    Each section is one `services` action; a refusal is shown next to its form and writes nothing."""
    require(request, Perm.CANDIDATES_CHANGE)
    require(request, Perm.MEMBERS_REVEAL)
    candidate = get_object_or_404(
        candidates_for(request, Perm.CANDIDATES_CHANGE)
        .filter(pk__in=candidates_to_reveal(request).values("pk"))
        .select_related("preparing_organization"),
        pk=pk,
    )
    history = History.load()
    section = request.POST.get("section") if request.method == "POST" else None
    if section is not None and section not in EDIT_SECTIONS:
        raise Http404
    if request.method != "POST":
        reveal_member(candidate, acting_user=request.user)
    personal = candidate.member_id is None
    initial = {
        name: getattr(candidate, name)
        for name in [*PERSONAL_FIELDS, "enterprise_name", "enterprise_tax_code", "source", "proposing_body"]
    }
    record_form = CandidateEditForm(
        request.POST if section == "record" else None, initial=initial, personal=personal, prefix="record"
    )
    organizations = organizations_for(request, Perm.CANDIDATES_CHANGE)
    organization_form = ReassignForm(
        request.POST if section == "organization" else None,
        organizations=organizations,
        prefix="organization",
    )
    steps = services.effective_steps(candidate)
    introduction = steps[-1] if steps and steps[-1].kind == StepKind.INTRODUCED else None
    introducers_form = None
    if introduction is not None:
        introducers_form = IntroductionCorrectionForm(
            request.POST if section == "introducers" else None,
            organizations=organizations,
            introducers=_introducer_choices(request, candidate, history),
            initial=_introduction_initial(introduction),
            prefix="introducers",
        )
    elif section == "introducers":
        raise Http404
    state = history.last_state_on(candidate.preparing_organization_id, today())
    context = {
        "candidate": candidate,
        "title": _("Sửa hồ sơ quần chúng"),
        "personal": personal,
        "preparing": state.name if state else candidate.preparing_organization.name,
        "record_form": record_form,
        "organization_form": organization_form,
        "introducers_form": introducers_form,
        "introducers": _introducer_texts(introduction) if introduction else [],
        "has_introduction": any(step.kind == StepKind.INTRODUCED for step in steps),
    }
    back = reverse("development:candidate", args=[candidate.pk])
    if section == "organization":
        form, success, confirm = organization_form, _("Đã ghi chuyển tổ chức đảng bồi dưỡng."), None

        def perform():
            data = form.cleaned_data
            services.reassign_candidate(
                candidate,
                organization=data["organization"],
                date=data["date"],
                document_number=data.get("document_number") or "",
                note=data.get("note") or "",
                acting_user=request.user,
            )
            return back

    elif section == "introducers":
        form, success = introducers_form, _("Đã sửa người giới thiệu.")
        confirm = _(
            "Bước giới thiệu cũ thôi được tính (vẫn giữ trong quá trình, kèm lý do) và được ghi lại với người "
            "giới thiệu mới."
        )

        def perform():
            try:
                services.correct_introduction(candidate, acting_user=request.user, **form.step_arguments())
            except ValidationError as error:
                raise _renamed(error, form.service_field) from error
            return back

    else:
        form, success, confirm = record_form, _("Đã lưu hồ sơ quần chúng."), None

        def perform():
            services.update_candidate(candidate, form.candidate_data(), acting_user=request.user)
            return back

    return form_flow(
        request,
        forms_=[form],
        template="development/edit.html",
        context=context,
        perform=perform,
        confirm=confirm,
        success=success,
    )
