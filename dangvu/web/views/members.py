"""Member pages: the list, the personal record with its ledger, the add and edit forms, one form per kind of
ledger event and the correction form. Every write is a `dangvu.members.services` action."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.accounts.personal_data import MASKED_FIELDS, masked_values, reveal_member
from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import format_vn_date, today, whole_months_between
from dangvu.figures.counting import standing_on
from dangvu.members import services
from dangvu.members.choices import ENDING_KINDS, EventKind, MemberStatus
from dangvu.members.models import MembershipEvent
from dangvu.organizations.tree import History

from ..forms.members import EVENT_FIELDS, CorrectionForm, EventForm, FirstEventForm, MemberForm
from ..lists import MemberList
from ..querysets import member_events_for, members_for, organizations_for
from .common import form_flow, is_htmx, require

member_list = MemberList.as_view()


@dataclass
class LedgerRow:
    event: MembershipEvent
    organization: str
    to_organization: str

    @property
    def is_void(self):
        return self.event.voided_at is not None


def seniority(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and rest:
        return _("%(y)s năm %(m)s tháng") % {"y": years, "m": rest}
    if years:
        return _("%(y)s năm") % {"y": years}
    return _("%(m)s tháng") % {"m": rest}


def member_standing(member, history: History) -> dict:
    """Where the member stands today: organization, status, admission and recognition dates, seniority."""
    now = today()
    found = standing_on([member.pk], now).get(member.pk)
    if found is not None:
        state = history.last_state_on(found.organization_id, now)
        return {
            "is_member": True,
            "organization_id": found.organization_id,
            "organization": state.name if state else "",
            "status": MemberStatus(found.status).label,
            "admitted_on": found.admitted_on,
            "recognized_on": found.recognized_on,
            "seniority": seniority(whole_months_between(found.admitted_on, now)),
        }
    ending = member.events.filter(kind__in=ENDING_KINDS, voided_at__isnull=True).order_by("date", "id").last()
    last = member.periods.order_by("start", "id").last()
    state = history.last_state_on(last.organization_id, now) if last else None
    return {
        "is_member": False,
        "organization_id": last.organization_id if last else None,
        "organization": state.name if state else "",
        "status": EventKind(ending.kind).label
        if ending
        else (MemberStatus.ENDED.label if last else _("Chưa có kết nạp hoặc chuyển đến")),
        "ended_on": ending.date if ending else (last.end if last else None),
        "admitted_on": last.admitted_on if last else None,
        "recognized_on": last.recognized_on if last else None,
        "seniority": "",
    }


def personal_rows(member, revealed: dict | None = None) -> list[tuple[str, str, str]]:
    """(field, label, value shown) of the masked personal data: masked, or the revealed values."""
    masked = masked_values(member)
    rows = []
    for name, label in MASKED_FIELDS.items():
        if revealed is not None:
            value = revealed[name]
            value = format_vn_date(value) if name == "birth_date" else (value or "—")
        else:
            value = masked[name] or "—"
        rows.append((name, label, value))
    return rows


def discipline_of(request, member):
    """The member's discipline decisions, for the roles that may see discipline records; None for the others
    (the page then says nothing about discipline)."""
    if not has_perm(request.user, Perm.DISCIPLINE_VIEW):
        return None
    from dangvu.inspection.models import DisciplineRecord

    return list(DisciplineRecord.objects.visible_to(request.user).filter(member=member))


def workplaces_of(request, member) -> dict:
    """Where the member works (enterprises.Workplace), when the register is installed."""
    if not apps.is_installed("dangvu.enterprises"):
        return {}
    from dangvu.enterprises.link_views import member_workplaces

    return member_workplaces(request, member)


@login_required
def member_reveal(request, pk):
    """ "Hiện": the full personal data of one member, on an explicit request (POST), recorded in the audit
    trail. From htmx, the fragment that replaces the masked values; otherwise the whole member page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member = get_object_or_404(members_for(request, Perm.MEMBERS_REVEAL), pk=pk)
    revealed = reveal_member(member, acting_user=request.user)
    if is_htmx(request):
        return render(
            request,
            "web/members/_personal.html",
            {"member": member, "personal": personal_rows(member, revealed), "revealed": True},
        )
    return member_detail(request, pk, revealed=revealed)


@login_required
def member_detail(request, pk, revealed: dict | None = None):
    member = get_object_or_404(members_for(request), pk=pk)
    history = History.load()
    ledger = []
    for event in member_events_for(request, member):
        organization = history.last_state_on(event.organization_id, event.date)
        to_organization = history.last_state_on(event.to_organization_id, event.date)
        ledger.append(
            LedgerRow(
                event,
                organization.name if organization else "",
                to_organization.name if to_organization else "",
            )
        )
    standing = member_standing(member, history)
    can_change = has_perm(request.user, Perm.MEMBERS_CHANGE)
    if standing["is_member"]:
        kinds = [kind for kind in EventKind if kind not in (EventKind.ADMISSION, EventKind.TRANSFER_IN)]
    else:
        kinds = [EventKind.ADMISSION, EventKind.TRANSFER_IN]
    return render(
        request,
        "web/members/detail.html",
        {
            "member": member,
            "discipline": discipline_of(request, member),
            "can_record_discipline": has_perm(request.user, Perm.DISCIPLINE_CHANGE),
            "personal": personal_rows(member, revealed),
            "revealed": revealed is not None,
            "can_reveal": members_for(request, Perm.MEMBERS_REVEAL).filter(pk=member.pk).exists(),
            "ledger": ledger,
            "standing": standing,
            "can_change": can_change,
            "event_kinds": kinds,
            **workplaces_of(request, member),
        },
    )


@login_required
def member_add(request):
    require(request, Perm.MEMBERS_CHANGE)
    data = request.POST or None
    member_form = MemberForm(data)
    event_form = FirstEventForm(data, organizations=organizations_for(request))
    created = {}

    def perform():
        created["member"] = services.create_member(
            member_form.member_data(), first_event=event_form.event_data(), acting_user=request.user
        )
        return reverse("web:member-detail", args=[created["member"].pk])

    response = form_flow(
        request,
        forms_=[member_form, event_form],
        template="web/members/add.html",
        context={"title": _("Thêm đảng viên")},
        perform=perform,
        success=_("Đã thêm đảng viên."),
        error_form=event_form,
    )
    return response


@login_required
def member_edit(request, pk):
    """The form shows the full personal data: it needs the permission to reveal them as well, and opening it
    is recorded like "Hiện"."""
    require(request, Perm.MEMBERS_CHANGE)
    require(request, Perm.MEMBERS_REVEAL)
    member = get_object_or_404(members_for(request, Perm.MEMBERS_CHANGE), pk=pk)
    initial = {name: getattr(member, name) for name in services.EDITABLE_FIELDS}
    if request.method != "POST":
        reveal_member(member, acting_user=request.user)
    form = MemberForm(request.POST or None, initial=initial)

    def perform():
        services.update_member(member, form.member_data(), acting_user=request.user)
        return reverse("web:member-detail", args=[member.pk])

    return form_flow(
        request,
        forms_=[form],
        template="web/members/edit.html",
        context={"member": member, "title": _("Sửa hồ sơ đảng viên")},
        perform=perform,
        success=_("Đã lưu hồ sơ."),
    )


@login_required
def member_event_add(request, pk):
    require(request, Perm.MEMBERS_CHANGE)
    member = get_object_or_404(members_for(request), pk=pk)
    kind = request.POST.get("kind") or request.GET.get("kind") or EventKind.RECOGNITION
    if kind not in EVENT_FIELDS:
        raise Http404
    form = EventForm(request.POST or None, kind=kind, organizations=organizations_for(request))

    def perform():
        services.record_event(member, acting_user=request.user, **form.event_data())
        return reverse("web:member-detail", args=[member.pk])

    context = {
        "member": member,
        "standing": member_standing(member, History.load()),
        "kind": kind,
        "kind_label": EventKind(kind).label,
        "kinds": EventKind.choices,
        "title": _("Ghi biến động: %(kind)s") % {"kind": EventKind(kind).label},
    }
    if request.method == "GET" and is_htmx(request) and request.headers.get("HX-Target") == "event-form":
        return render(request, "web/members/event_form.html", {**context, "forms": [form]})
    return form_flow(
        request,
        forms_=[form],
        template="web/members/event.html",
        context=context,
        perform=perform,
        confirm=_(
            "Sau biến động này, người này không còn là đảng viên của Đảng bộ từ ngày đã ghi. Nếu ghi nhầm, có thể "
            "đính chính sau."
        )
        if form.needs_confirmation
        else None,
        success=_("Đã ghi biến động: %(kind)s.") % {"kind": EventKind(kind).label},
    )


@login_required
def member_event_correct(request, pk, event_pk):
    require(request, Perm.MEMBERS_CHANGE)
    member = get_object_or_404(members_for(request), pk=pk)
    event = get_object_or_404(member_events_for(request, member), pk=event_pk, voided_at__isnull=True)
    data = request.POST or None
    organizations = organizations_for(request)
    form = CorrectionForm(data)
    initial = {name: getattr(event, name, None) for name in EVENT_FIELDS[event.kind]}
    replacement = EventForm(
        data, kind=event.kind, organizations=organizations, prefix="replacement", initial=initial
    )
    wants_replacement = bool(data and data.get("replace"))
    forms_ = [form, replacement] if wants_replacement else [form]

    def perform():
        services.correct_event(
            event,
            form.cleaned_data["reason"],
            replacement=replacement.event_data() if wants_replacement else None,
            acting_user=request.user,
        )
        return reverse("web:member-detail", args=[member.pk])

    response = form_flow(
        request,
        forms_=forms_,
        template="web/members/correct.html",
        context={
            "member": member,
            "event": event,
            "replacement": replacement,
            "title": _("Đính chính biến động"),
        },
        perform=perform,
        confirm=_(
            "Biến động cũ sẽ thôi được tính (vẫn giữ trong lịch sử, kèm lý do đính chính)"
            "; biến động thay thế, nếu có, được ghi vào sổ."
        ),
        success=_("Đã đính chính biến động."),
        error_form=form,
    )
    return response
