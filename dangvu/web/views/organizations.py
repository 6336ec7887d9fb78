"""Organization pages: the state on a date, the history, sub-organizations with their members, the figures;
the forms that change the tree (each through one `dangvu.organizations.services` action); the autocomplete."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import format_vn_date
from dangvu.core.text import fold, normalize
from dangvu.figures.counting import Scope, member_counts, subtree_totals, year_start
from dangvu.figures.stats import statistics
from dangvu.organizations import services
from dangvu.organizations.choices import OrganizationEventKind, OrganizationKind, Sector
from dangvu.organizations.models import OrganizationEvent
from dangvu.organizations.tree import History

from ..forms import organizations as forms
from ..lists import OrganizationList
from ..querysets import organization_event_for, organization_events_for, organizations_for
from .common import form_flow, read_day, require
from .home import direct_table

organization_list = OrganizationList.as_view()
AUTOCOMPLETE_LIMIT = 20


@dataclass
class EventRow:
    event: OrganizationEvent
    parent_name: str
    related_name: str

    @property
    def can_void(self):
        return self.event.voided_at is None and self.event.kind not in (
            OrganizationEventKind.FOUNDED,
            OrganizationEventKind.RECEIVED,
        )


@login_required
def organization_detail(request, pk):
    org = get_object_or_404(organizations_for(request), pk=pk)
    day, day_form = read_day(request)
    history = History.load()
    tree = history.tree_on(day)
    state = tree.states.get(org.pk)
    events = []
    for event in organization_events_for(request, org):
        parent = history.last_state_on(event.parent_id, event.date)
        related = history.last_state_on(event.related_id, event.date)
        events.append(
            EventRow(
                event,
                parent.name if parent else event.external_parent,
                related.name if related else "",
            )
        )
    subordinates = []
    stats = None
    ancestors = []
    period_form = forms.PeriodForm()
    if state is not None:
        scope = Scope(day, org.pk, history)
        totals = subtree_totals(scope, member_counts(scope, breakdowns=False).by_organization)
        for child in tree.direct_subordinates(org.pk):
            child_state = tree.states[child]
            subordinates.append(
                {
                    "state": child_state,
                    "kind": OrganizationKind(child_state.kind).label,
                    "sector": Sector(child_state.sector).label,
                    "members": totals.get(child, 0),
                    "under": len(tree.under(child)) - 1,
                }
            )
        ancestors = [tree.states[a] for a in reversed(tree.ancestors(org.pk))]
        if has_perm(request.user, Perm.FIGURES_VIEW):
            period_form = forms.PeriodForm(request.GET or None)
            start = period_form.cleaned_data.get("start") if period_form.is_valid() else None
            if start is not None and start > day:
                period_form.add_error("start", _("Ngày bắt đầu phải trước ngày đang xem."))
                start = None
            stats = statistics(
                org, day, history=history, breakdowns=True, period_from=start or year_start(day)
            )
    context = {
        "org": org,
        "state": state,
        "last_state": history.last_state_on(org.pk, day),
        "kind_label": OrganizationKind(state.kind).label if state else "",
        "sector_label": Sector(state.sector).label if state else "",
        "day": day,
        "day_form": day_form,
        "events": events,
        "subordinates": subordinates,
        "ancestors": ancestors,
        "stats": stats,
        "period_form": period_form,
        "direct": direct_table(stats) if stats else [],
        "members_url": reverse("web:member-list") + f"?organization={org.code}&day={format_vn_date(day)}",
        "can_change": has_perm(request.user, Perm.ORGANIZATIONS_CHANGE),
        "actions": ACTIONS,
        **enterprises_of(request, org, day),
    }
    return render(request, "web/organizations/detail.html", context)


def enterprises_of(request, org, day) -> dict:
    """The enterprises the organization covers (enterprises.PartyCoverage), when the register is installed."""
    if not apps.is_installed("dangvu.enterprises"):
        return {}
    from dangvu.enterprises.link_views import organization_enterprises

    return organization_enterprises(request, org, day)


def _found(form, org, user):
    created = services.found_organization(
        form.cleaned_data["date"],
        form.cleaned_data.get("decision_number") or "",
        acting_user=user,
        note=form.cleaned_data.get("note") or "",
        **form.found_arguments(),
    )
    return created


def _rename(form, org, user):
    services.rename(
        org,
        form.cleaned_data["date"],
        form.cleaned_data["decision_number"],
        form.cleaned_data["name"],
        acting_user=user,
    )
    return org


def _move(form, org, user):
    services.move(
        org,
        form.cleaned_data["date"],
        form.cleaned_data["decision_number"],
        form.cleaned_data["parent"],
        acting_user=user,
    )
    return org


def _change_kind(form, org, user):
    services.change_kind(
        org,
        form.cleaned_data["date"],
        form.cleaned_data["decision_number"],
        form.cleaned_data["kind"],
        acting_user=user,
    )
    return org


def _dissolve(form, org, user):
    services.dissolve(
        org,
        form.cleaned_data["date"],
        form.cleaned_data["decision_number"],
        acting_user=user,
        note=form.cleaned_data.get("note") or "",
    )
    return org


def _merge(form, org, user):
    services.merge(
        org,
        form.cleaned_data["into"],
        form.cleaned_data["date"],
        form.cleaned_data["decision_number"],
        acting_user=user,
    )
    return org


@dataclass(frozen=True)
class Action:
    form: type
    title: str
    perform: object
    done: str
    confirm: str = ""


# The changes of the tree the organization page offers, each one service action.
ACTIONS = {
    "found": Action(
        forms.FoundForm,
        gettext_lazy("Thành lập tổ chức trực thuộc"),
        _found,
        gettext_lazy("Đã ghi quyết định thành lập."),
    ),
    "rename": Action(
        forms.RenameForm,
        pgettext_lazy("action", "Đổi tên"),
        _rename,
        gettext_lazy("Đã ghi quyết định đổi tên."),
    ),
    "move": Action(
        forms.MoveForm,
        pgettext_lazy("action", "Chuyển trực thuộc"),
        _move,
        gettext_lazy("Đã ghi quyết định chuyển trực thuộc."),
    ),
    "change-kind": Action(
        forms.ChangeKindForm,
        pgettext_lazy("action", "Thay đổi loại hình, cấp"),
        _change_kind,
        gettext_lazy("Đã ghi quyết định thay đổi loại hình."),
    ),
    "dissolve": Action(
        forms.DissolveForm,
        pgettext_lazy("action", "Giải thể"),
        _dissolve,
        gettext_lazy("Đã ghi quyết định giải thể."),
        gettext_lazy(
            "Tổ chức sẽ thôi tồn tại từ ngày quyết định. Các sự kiện đã ghi vẫn được giữ trong lịch sử."
        ),
    ),
    "merge": Action(
        forms.MergeForm,
        pgettext_lazy("action", "Sáp nhập vào tổ chức khác"),
        _merge,
        gettext_lazy("Đã ghi quyết định sáp nhập."),
        gettext_lazy(
            "Toàn bộ đảng viên đang sinh hoạt sẽ được chuyển sang tổ chức nhận và tổ chức này thôi tồn tại từ "
            "ngày quyết định."
        ),
    ),
}


@login_required
def organization_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    require(request, Perm.ORGANIZATIONS_CHANGE)
    org = get_object_or_404(organizations_for(request), pk=pk)
    spec = ACTIONS[action]
    form = spec.form(request.POST or None, organization=org, organizations=organizations_for(request))
    result = {}

    def perform():
        result["org"] = spec.perform(form, org, request.user)
        target = result["org"]
        day = form.cleaned_data["date"]
        return reverse("web:organization-detail", args=[target.pk]) + f"?day={format_vn_date(day)}"

    return form_flow(
        request,
        forms_=[form],
        template="web/organizations/action.html",
        context={"org": org, "title": spec.title, "action": action},
        perform=perform,
        confirm=str(spec.confirm) if spec.confirm else None,
        success=str(spec.done),
    )


@login_required
def organization_event_void(request, pk):
    require(request, Perm.ORGANIZATIONS_CHANGE)
    event = organization_event_for(request, pk)
    if event is None:
        raise Http404
    org = event.organization
    form = forms.VoidEventForm(request.POST or None, organization=org)

    def perform():
        services.void_event(event, form.cleaned_data["reason"], acting_user=request.user)
        return reverse("web:organization-detail", args=[org.pk])

    return form_flow(
        request,
        forms_=[form],
        template="web/organizations/void.html",
        context={"org": org, "event": event, "title": _("Đính chính sự kiện")},
        perform=perform,
        confirm=_(
            "Sự kiện sẽ thôi được tính (vẫn giữ trong lịch sử, kèm lý do). Nếu cần, hãy ghi lại sự kiện đúng sau đó."
        ),
        success=_("Đã đính chính sự kiện."),
    )


@login_required
def organization_autocomplete(request):
    """Suggestions for an organization input: <option>s of a <datalist>, by name (without marks) or code."""
    field = request.GET.get("field", "q")
    text = normalize(request.GET.get(field) or request.GET.get("q") or "")
    organizations = organizations_for(request).order_by("sort_key")
    if text:
        folded = fold(text)
        words = Q()
        for word in folded.split(" "):
            words &= Q(search_key__contains=word)
        organizations = organizations.filter(words | Q(code__icontains=text))
    options = [
        {
            "value": f"{org.name} ({org.code})",
            "label": OrganizationKind(org.kind).label + (f" — {_('đã kết thúc')}" if org.ended_on else ""),
        }
        for org in organizations[:AUTOCOMPLETE_LIMIT]
    ]
    return render(request, "web/organizations/options.html", {"options": options})
