"""The edit pages of the links around an enterprise (issue 5, point 2): which party organization covers it
from which date (added from the enterprise's page, ended after confirmation, listed on the organization's
page too), where a party member works (recorded and ended from the member's page), and the correction of a
status change recorded by mistake (voided with a reason after confirmation).

As in edit_views.py, every write is one `dangvu.enterprises.services` action (validation, audit) and every
object comes from the model's `visible_to(user, perm)`: party coverage needs `mass_orgs.change` over the
enterprise and over the covering organization; a workplace is part of a member's record and needs
`members.change` over the member. Outside the scope: not found (404)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import format_vn_date, today
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.web.forms.organizations import VoidEventForm
from dangvu.web.views.common import form_flow, require

from . import services
from .choices import EnterpriseStatus
from .edit_forms import LinkEndForm, PartyLinkForm, WorkplaceForm
from .edit_views import CHANGE, TEMPLATE, _enterprise, _page, enterprise_flow
from .models import Enterprise, EnterpriseStatusChange, PartyCoverage, Workplace, active_on

VIEW = Perm.MASS_ORGS_VIEW
MEMBERS_CHANGE = Perm.MEMBERS_CHANGE


def _after(request, enterprise) -> str:
    """The enterprise's page, or the list when the change took the enterprise out of the user's scope (a
    cell that no longer covers it)."""
    if Enterprise.objects.visible_to(request.user, VIEW).filter(pk=enterprise.pk).exists():
        return _page(enterprise)
    return reverse("enterprises:enterprise-list")


# Party coverage ---------------------------------------------------------------------------------------------


def _changeable_organizations(user):
    return Organization.objects.visible_to(user, CHANGE)


def _coverage(request, pk) -> PartyCoverage:
    require(request, CHANGE)
    return get_object_or_404(
        PartyCoverage.objects.visible_to(request.user, CHANGE)
        .filter(organization__in=_changeable_organizations(request.user))
        .select_related("organization", "enterprise"),
        pk=pk,
    )


@login_required
def party_link_add(request, pk):
    """A party organization of the user's scope covers the enterprise from a date
    (services.link_party_organization): from then on the enterprise counts "with a party organization"."""
    enterprise = _enterprise(request, pk)
    form = PartyLinkForm(request.POST or None, organizations=_changeable_organizations(request.user))

    def perform():
        data = form.cleaned_data
        services.link_party_organization(
            data["organization"],
            enterprise,
            data["start"],
            decision_number=data.get("decision_number") or "",
            note=data.get("note") or "",
            acting_user=request.user,
        )
        return _page(enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=enterprise,
        title=_("Giao tổ chức đảng phụ trách doanh nghiệp"),
        success=_("Đã ghi tổ chức đảng phụ trách doanh nghiệp."),
    )


@login_required
def party_link_end(request, pk):
    link = _coverage(request, pk)
    enterprise = link.enterprise
    form = LinkEndForm(request.POST or None)

    def perform():
        data = form.cleaned_data
        services.end_party_coverage(
            link, data["end"], decision_number=data.get("decision_number") or "", acting_user=request.user
        )
        return _after(request, enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=enterprise,
        title=_("Thôi phụ trách: %(org)s") % {"org": link.organization.name},
        facts=[
            (_("Tổ chức đảng"), str(link.organization)),
            (_("Phụ trách từ ngày"), format_vn_date(link.start)),
            (_("Số quyết định"), link.decision_number or "—"),
        ],
        danger=_("Ghi thôi phụ trách"),
        confirm=_(
            "Từ ngày thôi phụ trách, tổ chức đảng này không còn được tính cho doanh nghiệp trong số liệu bao phủ "
            "(doanh nghiệp có tổ chức đảng, đảng viên trên 1.000 lao động); trước ngày đó số liệu không đổi."
        ),
        success=_("Đã ghi thôi phụ trách."),
    )


def organization_enterprises(request, org, day) -> dict:
    """For the organization's page: the enterprises it covers (its links, the current ones on D marked), for
    a user who may see the register; None for the others."""
    if not has_perm(request.user, VIEW):
        return {"covered_enterprises": None}
    links = (
        PartyCoverage.objects.visible_to(request.user, VIEW)
        .filter(organization=org)
        .select_related("enterprise")
        .order_by("enterprise__sort_key", "start", "id")
    )
    current = set(links.filter(active_on(day)).values_list("pk", flat=True))
    endable = set(
        PartyCoverage.objects.visible_to(request.user, CHANGE)
        .filter(organization__in=_changeable_organizations(request.user), organization=org, end__isnull=True)
        .values_list("pk", flat=True)
    )
    return {
        "covered_enterprises": [
            {"link": link, "current": link.pk in current, "can_end": link.pk in endable} for link in links
        ]
    }


# Status corrections -----------------------------------------------------------------------------------------


@login_required
def status_void(request, pk):
    """Correction of a status change recorded by mistake (services.void_status_change): it stops counting
    from its date and stays in the history with the reason."""
    require(request, CHANGE)
    change = get_object_or_404(
        EnterpriseStatusChange.objects.filter(
            enterprise__in=Enterprise.objects.visible_to(request.user, CHANGE), voided_at__isnull=True
        ).select_related("enterprise"),
        pk=pk,
    )
    enterprise = change.enterprise
    form = VoidEventForm(request.POST or None)

    def perform():
        services.void_status_change(change, form.cleaned_data["reason"], acting_user=request.user)
        return _page(enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=enterprise,
        title=_("Đính chính thay đổi tình trạng"),
        facts=[
            (_("Tình trạng"), EnterpriseStatus(change.status).label),
            (_("Từ ngày"), format_vn_date(change.date)),
            (_("Số quyết định"), change.decision_number or "—"),
        ],
        danger=_("Đính chính"),
        confirm=_(
            "Thay đổi tình trạng này sẽ thôi được tính (vẫn giữ trong lịch sử, kèm lý do): từ ngày %(day)s, "
            "tình trạng trước nó được tính trong số liệu bao phủ. Nếu cần, hãy ghi tình trạng đúng sau đó."
        )
        % {"day": format_vn_date(change.date)},
        success=_("Đã đính chính thay đổi tình trạng."),
    )


# Members' workplaces ----------------------------------------------------------------------------------------


def _member_page(member) -> str:
    return reverse("web:member-detail", args=[member.pk])


@login_required
def workplace_add(request, pk):
    """Where a party member works from a date (services.record_workplace): any enterprise of the register,
    so that members in enterprises without a party organization are found."""
    require(request, MEMBERS_CHANGE)
    member = get_object_or_404(Member.objects.visible_to(request.user, MEMBERS_CHANGE), pk=pk)
    form = WorkplaceForm(request.POST or None)

    def perform():
        data = form.cleaned_data
        services.record_workplace(
            member, data["enterprise"], data["start"], note=data.get("note") or "", acting_user=request.user
        )
        return _member_page(member)

    return form_flow(
        request,
        forms_=[form],
        template=TEMPLATE,
        context={"title": _("Ghi nơi làm việc"), "member": member, "back": _member_page(member)},
        perform=perform,
        success=_("Đã ghi nơi làm việc."),
    )


@login_required
def workplace_end(request, pk):
    require(request, MEMBERS_CHANGE)
    workplace = get_object_or_404(
        Workplace.objects.visible_to(request.user, MEMBERS_CHANGE).select_related("member", "enterprise"),
        pk=pk,
    )
    member = workplace.member
    form = LinkEndForm(request.POST or None, decision=False)

    def perform():
        services.end_workplace(workplace, form.cleaned_data["end"], acting_user=request.user)
        return _member_page(member)

    return form_flow(
        request,
        forms_=[form],
        template=TEMPLATE,
        context={
            "title": _("Thôi làm việc: %(name)s") % {"name": workplace.enterprise.name},
            "member": member,
            "facts": [
                (_("Doanh nghiệp"), str(workplace.enterprise)),
                (_("Làm việc từ ngày"), format_vn_date(workplace.start)),
            ],
            "back": _member_page(member),
            "danger": _("Ghi thôi làm việc"),
        },
        perform=perform,
        confirm=_(
            "Từ ngày thôi làm việc, đảng viên không còn được tính là làm việc ở doanh nghiệp này trong số liệu "
            "bao phủ; trước ngày đó số liệu không đổi."
        ),
        success=_("Đã ghi thôi làm việc."),
    )


def member_workplaces(request, member) -> dict:
    """For the member's page: the member's workplaces (the current one marked), with a link to the enterprise
    for a user who sees it, and whether the user may record or end them."""
    rows = list(member.workplaces.select_related("enterprise").order_by("start", "id"))
    seen = set(
        Enterprise.objects.visible_to(request.user, VIEW)
        .filter(pk__in=[row.enterprise_id for row in rows])
        .values_list("pk", flat=True)
    )
    day = today()
    return {
        "workplaces": [
            {
                "workplace": row,
                "linked": row.enterprise_id in seen,
                "current": row.start <= day and (row.end is None or row.end > day),
            }
            for row in rows
        ],
        "can_record_workplace": Member.objects.visible_to(request.user, MEMBERS_CHANGE)
        .filter(pk=member.pk)
        .exists(),
    }
