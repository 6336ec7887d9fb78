"""The administration lists on the one list machinery (`dangvu.core.lists`): users, roles, the audit trail."""

import datetime

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.dates import VIETNAM
from dangvu.core.lists import Column, ObjectList
from dangvu.core.models import AuditEntry, AuditKind

from .forms import AuditFilterForm, UserFilterForm
from .models import Role, TOTPDevice, User
from .permissions import Perm
from .scoping import can_edit_roles, covers_installation, visible_audit_entries, visible_users


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(moment, VIETNAM) if moment else None


def format_moment(moment: datetime.datetime | None) -> str:
    return local(moment).strftime("%d/%m/%Y %H:%M:%S") if moment else ""


def yes_no(value: bool) -> str:
    return _("Có") if value else _("Không")


def object_type_label(label: str) -> str:
    """ "đảng viên (members.Member)" for a model label; the label itself when the model is gone."""
    if not label:
        return ""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return label
    return f"{model._meta.verbose_name} ({label})"


# Users ---------------------------------------------------------------------------------------------------


class UserList(ObjectList):
    """The accounts of the organizations the user manages."""

    title = gettext_lazy("Người dùng")
    view_perm = Perm.USERS_MANAGE
    filter_form = UserFilterForm
    search_label = gettext_lazy("Tên đăng nhập, họ tên hoặc thư điện tử")
    default_sort = "username"
    export_filename = "nguoi-dung"
    template_name = "accounts/users/list.html"
    empty_text = gettext_lazy("Không có người dùng nào khớp với điều kiện lọc.")

    columns = [
        Column(
            "username",
            gettext_lazy("Tên đăng nhập"),
            "username",
            sort=("username",),
            link=lambda u: reverse("accounts:user-detail", args=[u.pk]),
        ),
        Column(
            "name", gettext_lazy("Họ và tên"), lambda u: u.get_full_name(), sort=("first_name", "last_name")
        ),
        Column(
            "organization",
            gettext_lazy("Tổ chức"),
            lambda u: (
                f"{u.organization.name} ({u.organization.code})" if u.organization else _("Toàn hệ thống")
            ),
            sort=("organization__sort_key",),
        ),
        Column("roles", gettext_lazy("Vai trò"), lambda u: ", ".join(r.name for r in u.roles.all())),
        Column("status", gettext_lazy("Tình trạng"), lambda u: user_status(u)),
        Column("two_factor", gettext_lazy("Xác thực hai lớp"), lambda u: yes_no(u.has_two_factor)),
        Column("token", gettext_lazy("Mã API"), lambda u: yes_no(u.has_token)),
        Column(
            "last_login",
            gettext_lazy("Đăng nhập lần cuối"),
            lambda u: format_moment(u.last_login),
            sort=("last_login",),
            css="nowrap",
        ),
    ]

    def queryset(self):
        from rest_framework.authtoken.models import Token

        return (
            visible_users(self.request.user)
            .select_related("organization")
            .prefetch_related("roles")
            .annotate(
                has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
                has_token=Exists(Token.objects.filter(user=OuterRef("pk"))),
            )
        )

    def search(self, queryset, text):
        condition = Q()
        for word in text.split():
            condition &= (
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset.filter(condition)

    def filter(self, queryset, data):
        if data.get("role"):
            queryset = queryset.filter(roles__code=data["role"])
        status = data.get("status")
        now = timezone.now()
        if status == "active":
            queryset = queryset.filter(is_active=True).exclude(locked_until__gt=now)
        elif status == "locked":
            queryset = queryset.filter(locked_until__gt=now)
        elif status == "inactive":
            queryset = queryset.filter(is_active=False)
        return queryset.distinct()

    def extra_context(self):
        return {"can_add": True}


def user_status(user: User) -> str:
    if not user.is_active:
        return _("Đã khóa tài khoản")
    if user.locked_until and user.locked_until > timezone.now():
        return _("Bị khóa đến %(t)s") % {"t": format_moment(user.locked_until)}
    return _("Đang hoạt động")


# Roles ---------------------------------------------------------------------------------------------------


class RoleList(ObjectList):
    """The roles and what each may do; a role's holders are counted among the users one manages."""

    title = gettext_lazy("Vai trò")
    view_perm = Perm.USERS_MANAGE
    search_label = gettext_lazy("Tên hoặc mã vai trò")
    default_sort = "name"
    export_filename = "vai-tro"
    template_name = "accounts/roles/list.html"

    columns = [
        Column(
            "name",
            gettext_lazy("Tên vai trò"),
            "name",
            sort=("name",),
            link=lambda r: reverse("accounts:role-edit", args=[r.pk]),
        ),
        Column("code", gettext_lazy("Mã"), "code", sort=("code",), css="mono"),
        Column(
            "permissions",
            gettext_lazy("Quyền"),
            lambda r: "; ".join(str(Perm(p).label) for p in r.permissions or [] if p in Perm.values),
        ),
        Column(
            "two_factor", gettext_lazy("Bắt buộc xác thực hai lớp"), lambda r: yes_no(r.requires_two_factor)
        ),
        Column(
            "holders", gettext_lazy("Số người dùng"), "holders", sort=("holders",), numeric=True, kind="int"
        ),
    ]

    def queryset(self):
        users = visible_users(self.request.user).values("pk")
        return Role.objects.annotate(holders=Count("users", filter=Q(users__in=users), distinct=True))

    def search(self, queryset, text):
        return queryset.filter(Q(name__icontains=text) | Q(code__icontains=text))

    def extra_context(self):
        return {"can_edit": can_edit_roles(self.request.user)}


# The audit trail -----------------------------------------------------------------------------------------


class AuditList(ObjectList):
    """The audit trail, newest first: who did what, when, from where, to which object."""

    title = gettext_lazy("Nhật ký hệ thống")
    view_perm = Perm.AUDIT_VIEW
    filter_form = AuditFilterForm
    search_label = gettext_lazy("Tìm trong đối tượng")
    search_help = gettext_lazy("Tên, mã hoặc mô tả của đối tượng, ví dụ tên đảng viên hoặc mã tổ chức.")
    default_sort = "-at"
    export_filename = "nhat-ky"
    template_name = "accounts/audit/list.html"
    empty_text = gettext_lazy("Không có mục nhật ký nào khớp với điều kiện lọc.")

    columns = [
        Column(
            "at",
            gettext_lazy("Thời điểm"),
            lambda e: format_moment(e.at),
            sort=("id",),
            link=lambda e: reverse("audit:detail", args=[e.pk]),
            css="nowrap",
            in_export=False,
        ),
        Column("date", gettext_lazy("Ngày"), lambda e: local(e.at).date(), kind="date", on_page=False),
        Column("time", gettext_lazy("Giờ"), lambda e: local(e.at).strftime("%H:%M:%S"), on_page=False),
        Column("kind", gettext_lazy("Loại"), "get_kind_display", sort=("kind",)),
        Column("user", gettext_lazy("Người thực hiện"), "username", sort=("username",)),
        Column("address", gettext_lazy("Địa chỉ"), "address", css="mono"),
        Column(
            "object_type",
            gettext_lazy("Loại đối tượng"),
            lambda e: object_type_label(e.object_type),
            sort=("object_type",),
        ),
        Column("object_id", gettext_lazy("Mã đối tượng"), "object_id", css="mono"),
        Column("object", gettext_lazy("Đối tượng"), "object_repr"),
        Column("source", gettext_lazy("Nguồn"), "source", on_page=False),
        Column("request_id", gettext_lazy("Mã yêu cầu"), "request_id", on_page=False),
        Column("id", gettext_lazy("Số thứ tự"), "id", on_page=False, kind="int"),
    ]

    def check_permission(self):
        super().check_permission()
        if not covers_installation(self.request.user, Perm.AUDIT_VIEW):
            raise PermissionDenied

    def form_kwargs(self):
        types = AuditEntry.objects.exclude(object_type="").values_list("object_type", flat=True).distinct()
        return {"object_types": [(t, object_type_label(t)) for t in sorted(types)]}

    def queryset(self):
        return visible_audit_entries(self.request.user)

    def search(self, queryset, text):
        return queryset.filter(Q(object_repr__icontains=text) | Q(object_id=text))

    def filter(self, queryset, data):
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("user"):
            queryset = queryset.filter(username__iexact=data["user"].strip())
        if data.get("object_type"):
            queryset = queryset.filter(object_type=data["object_type"])
        if data.get("date_from"):
            queryset = queryset.filter(at__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            queryset = queryset.filter(at__lt=_start_of(data["date_to"] + datetime.timedelta(days=1)))
        return queryset

    def extra_context(self):
        return {"kinds": AuditKind}


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight of a day in Vietnam."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=VIETNAM)
