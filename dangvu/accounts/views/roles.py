"""Role pages: roles are data (issue "access", point 1). Managers of users see the roles; a manager whose scope
is the whole installation changes them (a role applies everywhere), through `accounts.services`, confirmed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import services
from ..forms import RoleForm
from ..lists import RoleList
from ..models import Role
from ..permissions import Perm
from ..scoping import can_edit_roles
from .common import confirmed_flow, require

role_list = RoleList.as_view()


def _require_editor(request):
    require(request, Perm.USERS_MANAGE)
    if not can_edit_roles(request.user):
        raise PermissionDenied


def _labels(codes) -> str:
    return "; ".join(str(Perm(code).label) for code in codes if code in Perm.values) or "—"


def _changes(role: Role, form: RoleForm) -> list[tuple[str, str]]:
    """What the confirmation page lists: the permissions added and removed, the two-factor setting."""
    wanted = form.cleaned_data.get("permissions") or []
    current = role.permissions or []
    rows = [(_("Tên vai trò"), form.cleaned_data.get("name", ""))]
    rows.append((_("Thêm quyền"), _labels([p for p in wanted if p not in current])))
    rows.append((_("Bỏ quyền"), _labels([p for p in current if p not in wanted])))
    two_factor = form.cleaned_data.get("requires_two_factor")
    rows.append((_("Bắt buộc xác thực hai lớp"), _("Có") if two_factor else _("Không")))
    return rows


@login_required
def role_edit(request, pk):
    _require_editor(request)
    role = get_object_or_404(Role, pk=pk)
    initial = {
        "name": role.name,
        "permissions": role.permissions,
        "requires_two_factor": role.requires_two_factor,
    }
    form = RoleForm(request.POST or None, initial=initial, with_code=False)

    def perform():
        data = form.cleaned_data
        services.update_role(
            role,
            name=data["name"],
            permissions=data["permissions"],
            requires_two_factor=data["requires_two_factor"],
            acting_user=request.user,
        )
        return reverse("accounts:role-list")

    return confirmed_flow(
        request,
        template="accounts/roles/form.html",
        context={
            "title": _("Sửa vai trò: %(r)s") % {"r": role.name},
            "role": role,
            "holders": role.users.count(),
            "cancel_url": reverse("accounts:role-list"),
        },
        form=form,
        confirm=_("Thay đổi có hiệu lực ngay với mọi người dùng giữ vai trò này (%(n)s người).")
        % {"n": role.users.count()},
        summary=lambda: _changes(role, form),
        perform=perform,
        success=_("Đã lưu vai trò."),
    )


@login_required
def role_add(request):
    _require_editor(request)
    form = RoleForm(request.POST or None)

    def perform():
        data = form.cleaned_data
        services.create_role(
            data["code"],
            data["name"],
            data["permissions"],
            requires_two_factor=data["requires_two_factor"],
            acting_user=request.user,
        )
        return reverse("accounts:role-list")

    return confirmed_flow(
        request,
        template="accounts/roles/form.html",
        context={"title": _("Thêm vai trò"), "cancel_url": reverse("accounts:role-list")},
        form=form,
        perform=perform,
        success=_("Đã thêm vai trò."),
    )


@login_required
def role_delete(request, pk):
    _require_editor(request)
    role = get_object_or_404(Role, pk=pk)

    def perform():
        services.delete_role(role, acting_user=request.user)
        return reverse("accounts:role-list")

    return confirmed_flow(
        request,
        template="accounts/roles/delete.html",
        context={
            "title": _("Xóa vai trò: %(r)s") % {"r": role.name},
            "role": role,
            "cancel_url": reverse("accounts:role-edit", args=[role.pk]),
        },
        confirm=_("Vai trò bị xóa hẳn (nhật ký vẫn giữ nội dung của nó)."),
        perform=perform,
        success=_("Đã xóa vai trò."),
    )
