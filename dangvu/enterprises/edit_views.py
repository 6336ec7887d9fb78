"""The register's edit pages (views.py holds the pages that read it): add and correct zones and enterprises,
record an enterprise's status, found, correct and dissolve a mass organization, add, correct and delete
workforce and membership snapshots. Each one needs `mass_orgs.change`; objects come from the model's
`visible_to(user, "mass_orgs.change")`, so one outside the user's scope is not found (404); zones and new
enterprises belong to no party organization and are written only by users whose scope is the whole
installation (as in the API). Every write is one `dangvu.enterprises.services` action; a refusal is shown
next to the form and writes nothing; dissolving and deleting ask for confirmation first."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.core.dates import format_vn_date
from dangvu.web.views.common import form_flow, require

from . import services
from .edit_forms import (
    ConfirmDeleteForm,
    DissolveForm,
    EnterpriseForm,
    MassOrganizationForm,
    MembershipForm,
    StatusForm,
    WorkforceForm,
    ZoneForm,
)
from .models import (
    Enterprise,
    MassOrganization,
    MembershipSnapshot,
    WorkforceSnapshot,
    Zone,
    enterprise_scope,
)

CHANGE = Perm.MASS_ORGS_CHANGE
TEMPLATE = "enterprises/edit.html"


def may_write_register(user) -> bool:
    """Whether the user may add zones and enterprises: `mass_orgs.change` over the whole installation."""
    return enterprise_scope(user, CHANGE)[0]


def _require_whole_scope(request):
    require(request, CHANGE)
    if not may_write_register(request.user):
        raise PermissionDenied(_("Chỉ người dùng cấp Đảng ủy được thêm, sửa mục này."))


def _enterprise(request, pk) -> Enterprise:
    require(request, CHANGE)
    return get_object_or_404(
        Enterprise.objects.visible_to(request.user, CHANGE).select_related("zone"), pk=pk
    )


def _mass_organization(request, pk) -> MassOrganization:
    require(request, CHANGE)
    return get_object_or_404(
        MassOrganization.objects.visible_to(request.user, CHANGE).filter(enterprise__isnull=False), pk=pk
    )


def _page(enterprise) -> str:
    return reverse("enterprises:enterprise-detail", args=[enterprise.pk])


# Zones -----------------------------------------------------------------------------------------------------


@login_required
def zone_add(request):
    _require_whole_scope(request)
    form = ZoneForm(request.POST or None)
    created = {}

    def perform():
        created["zone"] = services.create_zone(form.data_for_service(), acting_user=request.user)
        return reverse("enterprises:zone-detail", args=[created["zone"].code])

    return form_flow(
        request,
        forms_=[form],
        template=TEMPLATE,
        context={
            "title": _("Thêm khu công nghiệp, khu kinh tế"),
            "back": reverse("enterprises:enterprise-list"),
        },
        perform=perform,
        success=_("Đã thêm khu."),
    )


@login_required
def zone_edit(request, code):
    _require_whole_scope(request)
    zone = get_object_or_404(Zone.objects.visible_to(request.user, CHANGE), code=code)
    initial = {"code": zone.code, "name": zone.name, "kind": zone.kind, "note": zone.note}
    form = ZoneForm(request.POST or None, initial=initial)

    def perform():
        services.update_zone(zone, form.data_for_service(), acting_user=request.user)
        return reverse("enterprises:zone-detail", args=[zone.code])

    return form_flow(
        request,
        forms_=[form],
        template=TEMPLATE,
        context={
            "title": _("Sửa khu: %(name)s") % {"name": zone.name},
            "back": reverse("enterprises:zone-detail", args=[zone.code]),
        },
        perform=perform,
        success=_("Đã lưu khu."),
    )


# Enterprises -----------------------------------------------------------------------------------------------


@login_required
def enterprise_add(request):
    """Register an enterprise with its first status (services.create_enterprise)."""
    _require_whole_scope(request)
    form = EnterpriseForm(request.POST or None, first_status=True)
    created = {}

    def perform():
        created["enterprise"] = services.create_enterprise(
            form.data_for_service(), acting_user=request.user, **form.first_status()
        )
        return _page(created["enterprise"])

    return form_flow(
        request,
        forms_=[form],
        template=TEMPLATE,
        context={"title": _("Thêm doanh nghiệp"), "back": reverse("enterprises:enterprise-list")},
        perform=perform,
        success=_("Đã thêm doanh nghiệp."),
    )


@login_required
def enterprise_edit(request, pk):
    enterprise = _enterprise(request, pk)
    initial = {
        "name": enterprise.name,
        "tax_code": enterprise.tax_code,
        "zone": enterprise.zone,
        "address": enterprise.address,
        "ownership": enterprise.ownership,
        "countries": enterprise.countries,
        "industry": enterprise.industry,
        "note": enterprise.note,
    }
    form = EnterpriseForm(request.POST or None, initial=initial)

    def perform():
        services.update_enterprise(enterprise, form.data_for_service(), acting_user=request.user)
        return _page(enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=enterprise,
        title=_("Sửa doanh nghiệp"),
        success=_("Đã lưu doanh nghiệp."),
    )


@login_required
def enterprise_status(request, pk):
    enterprise = _enterprise(request, pk)
    form = StatusForm(request.POST or None)

    def perform():
        data = form.cleaned_data
        services.record_status(
            enterprise,
            data["status"],
            data["date"],
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
        title=_("Ghi tình trạng hoạt động"),
        success=_("Đã ghi tình trạng hoạt động."),
    )


# Mass organizations ----------------------------------------------------------------------------------------


@login_required
def mass_organization_add(request, pk):
    """Found a grassroots trade union, youth union, youth federation or veterans' association in the
    enterprise (services.found_mass_organization)."""
    enterprise = _enterprise(request, pk)
    form = MassOrganizationForm(request.POST or None, initial={"kind": request.GET.get("kind")})

    def perform():
        services.found_mass_organization(
            {**form.data_for_service(), "enterprise": enterprise}, acting_user=request.user
        )
        return _page(enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=enterprise,
        title=_("Thành lập tổ chức đoàn thể"),
        success=_("Đã ghi thành lập tổ chức."),
    )


@login_required
def mass_organization_edit(request, pk):
    org = _mass_organization(request, pk)
    enterprise = org.enterprise
    initial = {
        name: getattr(org, name) for name in ("name", "founded_on", "founding_decision", "chair", "note")
    }
    form = MassOrganizationForm(request.POST or None, initial=initial, creating=False)

    def perform():
        services.update_mass_organization(org, form.data_for_service(), acting_user=request.user)
        return _page(enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=enterprise,
        title=_("Sửa tổ chức: %(name)s") % {"name": org.name},
        success=_("Đã lưu tổ chức."),
    )


@login_required
def mass_organization_dissolve(request, pk):
    org = _mass_organization(request, pk)
    enterprise = org.enterprise
    form = DissolveForm(request.POST or None)

    def perform():
        data = form.cleaned_data
        services.dissolve_mass_organization(
            org, data["date"], data.get("decision_number") or "", acting_user=request.user
        )
        return _page(enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=enterprise,
        title=_("Giải thể: %(name)s") % {"name": org.name},
        danger=_("Ghi giải thể"),
        confirm=_(
            "Từ ngày giải thể, tổ chức không còn được tính trong số liệu bao phủ của doanh nghiệp và của Khu."
        ),
        success=_("Đã ghi giải thể."),
    )


# Snapshots -------------------------------------------------------------------------------------------------


def enterprise_flow(
    request, *, form, perform, enterprise, title, success, confirm=None, danger=None, facts=None
):
    """A form of the enterprise's page, and back to that page: with `confirm`, an action that asks first (its
    button says `danger`, "Xóa" unless given), with the `facts` of what it acts on."""
    context = {"title": title, "enterprise": enterprise, "back": _page(enterprise)}
    if confirm:
        context["danger"] = danger or _("Xóa")
    if facts is not None:
        context["facts"] = facts
    return form_flow(
        request,
        forms_=[form],
        template=TEMPLATE,
        context=context,
        perform=perform,
        confirm=confirm,
        success=success,
    )


@login_required
def workforce_add(request, pk):
    enterprise = _enterprise(request, pk)
    form = WorkforceForm(request.POST or None)

    def perform():
        services.record_workforce(enterprise, form.data_for_service(), acting_user=request.user)
        return _page(enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=enterprise,
        title=_("Thêm số liệu lao động"),
        success=_("Đã ghi số liệu lao động."),
    )


def _workforce(request, pk) -> WorkforceSnapshot:
    require(request, CHANGE)
    return get_object_or_404(
        WorkforceSnapshot.objects.visible_to(request.user, CHANGE).select_related("enterprise"), pk=pk
    )


@login_required
def workforce_edit(request, pk):
    snapshot = _workforce(request, pk)
    initial = {
        "date": snapshot.date,
        "workers": snapshot.workers,
        "women": snapshot.women,
        "young_workers": snapshot.young_workers,
        "note": snapshot.note,
    }
    form = WorkforceForm(request.POST or None, initial=initial)

    def perform():
        services.change_workforce(snapshot, form.data_for_service(), acting_user=request.user)
        return _page(snapshot.enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=snapshot.enterprise,
        title=_("Sửa số liệu lao động ngày %(day)s") % {"day": format_vn_date(snapshot.date)},
        success=_("Đã lưu số liệu lao động."),
    )


@login_required
def workforce_delete(request, pk):
    snapshot = _workforce(request, pk)
    enterprise = snapshot.enterprise

    def perform():
        services.delete_workforce(snapshot, acting_user=request.user)
        return _page(enterprise)

    return enterprise_flow(
        request,
        form=ConfirmDeleteForm(request.POST if request.method == "POST" else None),
        perform=perform,
        enterprise=enterprise,
        title=_("Xóa số liệu lao động ngày %(day)s") % {"day": format_vn_date(snapshot.date)},
        confirm=_(
            "Số liệu lao động ngày %(day)s (%(workers)s người) bị xóa; từ ngày đó, số liệu trước nó được tính. "
            "Việc xóa được ghi vào nhật ký hệ thống."
        )
        % {"day": format_vn_date(snapshot.date), "workers": snapshot.workers},
        success=_("Đã xóa số liệu lao động."),
    )


def _membership(request, pk) -> MembershipSnapshot:
    require(request, CHANGE)
    return get_object_or_404(
        MembershipSnapshot.objects.visible_to(request.user, CHANGE)
        .filter(organization__enterprise__isnull=False)
        .select_related("organization__enterprise"),
        pk=pk,
    )


@login_required
def membership_add(request, pk):
    org = _mass_organization(request, pk)
    form = MembershipForm(request.POST or None)

    def perform():
        services.record_membership(org, form.data_for_service(), acting_user=request.user)
        return _page(org.enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=org.enterprise,
        title=_("Thêm số liệu đoàn viên, hội viên: %(name)s") % {"name": org.name},
        success=_("Đã ghi số liệu đoàn viên, hội viên."),
    )


@login_required
def membership_edit(request, pk):
    snapshot = _membership(request, pk)
    org = snapshot.organization
    form = MembershipForm(
        request.POST or None,
        initial={"date": snapshot.date, "members": snapshot.members, "note": snapshot.note},
    )

    def perform():
        services.change_membership(snapshot, form.data_for_service(), acting_user=request.user)
        return _page(org.enterprise)

    return enterprise_flow(
        request,
        form=form,
        perform=perform,
        enterprise=org.enterprise,
        title=_("Sửa số liệu %(name)s ngày %(day)s")
        % {"name": org.name, "day": format_vn_date(snapshot.date)},
        success=_("Đã lưu số liệu đoàn viên, hội viên."),
    )


@login_required
def membership_delete(request, pk):
    snapshot = _membership(request, pk)
    org = snapshot.organization

    def perform():
        services.delete_membership(snapshot, acting_user=request.user)
        return _page(org.enterprise)

    return enterprise_flow(
        request,
        form=ConfirmDeleteForm(request.POST if request.method == "POST" else None),
        perform=perform,
        enterprise=org.enterprise,
        title=_("Xóa số liệu %(name)s ngày %(day)s")
        % {"name": org.name, "day": format_vn_date(snapshot.date)},
        confirm=_(
            "Số liệu ngày %(day)s (%(members)s đoàn viên, hội viên) bị xóa; từ ngày đó, số liệu trước nó được "
            "tính. Việc xóa được ghi vào nhật ký hệ thống."
        )
        % {"day": format_vn_date(snapshot.date), "members": snapshot.members},
        success=_("Đã xóa số liệu đoàn viên, hội viên."),
    )
