"""User pages (`users.manage`): the list, an account's page, adding and changing an account, and the actions
on it — new password, unlock, API token, two-factor reset, deactivate — each an `accounts.services` action
with its audit row, each confirmed. An account outside the manager's organizations is not found (404)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.organizations.models import Organization

from .. import services
from ..forms import PasswordForm, UserForm
from ..lists import UserList, format_moment, user_status
from ..models import TOTPDevice
from ..permissions import Perm
from ..scoping import covers_installation, visible_users
from .common import confirmed_flow, no_store, require

user_list = UserList.as_view()


def _managed_organizations(request):
    return Organization.objects.visible_to(request.user, Perm.USERS_MANAGE)


def _user(request, pk):
    require(request, Perm.USERS_MANAGE)
    return get_object_or_404(visible_users(request.user).select_related("organization"), pk=pk)


def _secret_page(request, user, *, title: str, label: str, secret: str, note: str):
    return no_store(
        render(
            request,
            "accounts/users/secret.html",
            {"account": user, "title": title, "label": label, "secret": secret, "note": note},
        )
    )


@login_required
def user_detail(request, pk):
    from rest_framework.authtoken.models import Token

    user = _user(request, pk)
    audit_url = None
    if covers_installation(request.user, Perm.AUDIT_VIEW):
        audit_url = reverse("audit:list") + f"?object_type=accounts.User&q={user.pk}"
    return render(
        request,
        "accounts/users/detail.html",
        {
            "account": user,
            "roles": list(user.roles.order_by("name")),
            "status": user_status(user),
            "last_login": format_moment(user.last_login),
            "two_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "has_device": TOTPDevice.objects.filter(user=user).exists(),
            "has_token": Token.objects.filter(user=user).exists(),
            "audit_url": audit_url,
            "is_self": user.pk == request.user.pk,
        },
    )


@login_required
def user_add(request):
    require(request, Perm.USERS_MANAGE)
    form = UserForm(request.POST or None, organizations=_managed_organizations(request))

    def perform():
        data = form.cleaned_data
        user, password = services.add_user(
            data["username"],
            organization=data["organization"],
            roles=data["roles"],
            password=data.get("password") or None,
            full_name=data.get("full_name") or "",
            email=data.get("email") or "",
            acting_user=request.user,
        )
        if data.get("password"):
            return reverse("accounts:user-detail", args=[user.pk])
        return _secret_page(
            request,
            user,
            title=_("Đã tạo tài khoản %(u)s") % {"u": user.username},
            label=_("Mật khẩu"),
            secret=password,
            note=_(
                "Mật khẩu chỉ hiện một lần này: hãy trao cho người dùng và đề nghị đổi sau khi đăng nhập."
            ),
        )

    return confirmed_flow(
        request,
        template="accounts/users/form.html",
        context={"title": _("Thêm người dùng"), "cancel_url": reverse("accounts:user-list")},
        form=form,
        perform=perform,
        success=_("Đã tạo tài khoản."),
    )


@login_required
def user_edit(request, pk):
    user = _user(request, pk)
    initial = {
        "full_name": user.get_full_name(),
        "email": user.email,
        "organization": user.organization,
        "roles": list(user.roles.values_list("code", flat=True)),
    }
    form = UserForm(
        request.POST or None,
        initial=initial,
        organizations=_managed_organizations(request),
        with_password=False,
    )

    def perform():
        data = form.cleaned_data
        services.change_user(
            user,
            organization=data["organization"],
            roles=data["roles"],
            full_name=data.get("full_name") or "",
            email=data.get("email") or "",
            acting_user=request.user,
        )
        return reverse("accounts:user-detail", args=[user.pk])

    return confirmed_flow(
        request,
        template="accounts/users/form.html",
        context={
            "title": _("Sửa tài khoản %(u)s") % {"u": user.username},
            "account": user,
            "cancel_url": reverse("accounts:user-detail", args=[user.pk]),
        },
        form=form,
        perform=perform,
        success=_("Đã lưu tài khoản."),
    )


def _action(request, user, *, title, confirm, perform, success="", form=None):
    return confirmed_flow(
        request,
        template="accounts/users/action.html",
        context={
            "title": title,
            "account": user,
            "cancel_url": reverse("accounts:user-detail", args=[user.pk]),
        },
        form=form,
        confirm=confirm,
        perform=perform,
        success=success,
    )


@login_required
def user_password(request, pk):
    user = _user(request, pk)
    form = PasswordForm(request.POST or None)

    def perform():
        typed = form.cleaned_data.get("password") or None
        password = services.reset_password(user, password=typed, acting_user=request.user)
        if typed:
            return reverse("accounts:user-detail", args=[user.pk])
        return _secret_page(
            request,
            user,
            title=_("Đã đặt lại mật khẩu của %(u)s") % {"u": user.username},
            label=_("Mật khẩu mới"),
            secret=password,
            note=_(
                "Mật khẩu chỉ hiện một lần này: hãy trao cho người dùng và đề nghị đổi sau khi đăng nhập."
            ),
        )

    return _action(
        request,
        user,
        title=_("Đặt lại mật khẩu"),
        confirm=_("Mật khẩu cũ của %(u)s sẽ thôi dùng được ngay.") % {"u": user.username},
        perform=perform,
        success=_("Đã đặt lại mật khẩu."),
        form=form,
    )


@login_required
def user_unlock(request, pk):
    user = _user(request, pk)

    def perform():
        services.unlock_user(user, acting_user=request.user)
        return reverse("accounts:user-detail", args=[user.pk])

    return _action(
        request,
        user,
        title=_("Mở khóa tài khoản"),
        confirm=_("%(u)s đăng nhập lại được ngay; các lần đăng nhập sai trước đó được xóa khỏi bộ đếm.")
        % {"u": user.username},
        perform=perform,
        success=_("Đã mở khóa tài khoản."),
    )


@login_required
def user_token(request, pk):
    user = _user(request, pk)

    def perform():
        key = services.new_token(user, acting_user=request.user)
        return _secret_page(
            request,
            user,
            title=_("Mã API mới của %(u)s") % {"u": user.username},
            label=_("Mã API"),
            secret=key,
            note=_(
                "Mã chỉ hiện một lần này. Gửi kèm mỗi yêu cầu trong tiêu đề “Authorization: Token <mã>”; mã có "
                "đúng quyền và phạm vi của người dùng."
            ),
        )

    return _action(
        request,
        user,
        title=_("Cấp mã API mới"),
        confirm=_("Mã API cũ của %(u)s (nếu có) sẽ thôi dùng được ngay.") % {"u": user.username},
        perform=perform,
    )


@login_required
def user_token_revoke(request, pk):
    user = _user(request, pk)

    def perform():
        services.revoke_token(user, acting_user=request.user)
        return reverse("accounts:user-detail", args=[user.pk])

    return _action(
        request,
        user,
        title=_("Thu hồi mã API"),
        confirm=_("Mã API của %(u)s sẽ thôi dùng được ngay.") % {"u": user.username},
        perform=perform,
        success=_("Đã thu hồi mã API."),
    )


@login_required
def user_two_factor_reset(request, pk):
    user = _user(request, pk)

    def perform():
        services.reset_two_factor(user, acting_user=request.user)
        return reverse("accounts:user-detail", args=[user.pk])

    return _action(
        request,
        user,
        title=_("Đặt lại xác thực hai lớp"),
        confirm=_(
            "Thiết bị xác thực hiện tại của %(u)s bị gỡ; lần đăng nhập sau, người dùng phải đăng ký lại (khi "
            "mất điện thoại)."
        )
        % {"u": user.username},
        perform=perform,
        success=_("Đã đặt lại xác thực hai lớp."),
    )


@login_required
def user_deactivate(request, pk):
    user = _user(request, pk)

    def perform():
        services.set_active(user, False, acting_user=request.user)
        return reverse("accounts:user-detail", args=[user.pk])

    return _action(
        request,
        user,
        title=_("Khóa tài khoản"),
        confirm=_(
            "%(u)s không đăng nhập được nữa và mã API của người này thôi dùng được, cho đến khi mở lại."
        )
        % {"u": user.username},
        perform=perform,
        success=_("Đã khóa tài khoản."),
    )


@login_required
def user_activate(request, pk):
    user = _user(request, pk)

    def perform():
        services.set_active(user, True, acting_user=request.user)
        return reverse("accounts:user-detail", args=[user.pk])

    return _action(
        request,
        user,
        title=_("Mở lại tài khoản"),
        confirm=_("%(u)s đăng nhập lại được với mật khẩu hiện có.") % {"u": user.username},
        perform=perform,
        success=_("Đã mở lại tài khoản."),
    )
