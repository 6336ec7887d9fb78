"""Forms of the administration pages (users, roles, the audit trail's filters). They only parse what the user
typed; the rules are checked by `accounts.services`, whose Vietnamese messages the pages show."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import AuditKind
from dangvu.web.forms.fields import OrganizationField, VNDateField

from .models import Role
from .permissions import Perm

ANY = ""


def role_choices():
    return [(role.code, role.name) for role in Role.objects.order_by("name")]


class UserForm(forms.Form):
    """A new account: name, organization, roles, and a password (generated when left empty)."""

    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Nhập tên đăng nhập.")},
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, error_messages={"invalid": _("Thư điện tử không hợp lệ.")}
    )
    roles = forms.MultipleChoiceField(
        label=_("Vai trò"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Vai trò áp dụng cho tổ chức của người dùng và mọi tổ chức trực thuộc."),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Bỏ trống để hệ thống tạo mật khẩu ngẫu nhiên (chỉ hiện một lần)."),
    )

    def __init__(self, *args, organizations, with_password: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"] = OrganizationField(
            label=_("Tổ chức"),
            queryset=organizations,
            help_text=_("Người dùng thuộc tổ chức này; gõ tên hoặc mã rồi chọn trong danh sách gợi ý."),
        )
        self.fields["roles"].choices = role_choices()
        if not with_password:
            del self.fields["password"]
            del self.fields["username"]
        self.order_fields(["username", "full_name", "email", "organization", "roles", "password"])


class RoleForm(forms.Form):
    """What a role may do: its name, its permissions (the vocabulary of accounts.permissions) and whether its
    users must use two-factor authentication."""

    code = forms.SlugField(
        label=_("Mã vai trò"),
        max_length=40,
        error_messages={
            "required": _("Nhập mã vai trò."),
            "invalid": _("Mã vai trò chỉ gồm chữ không dấu, số, gạch ngang và gạch dưới."),
        },
    )
    name = forms.CharField(
        label=_("Tên vai trò"), max_length=120, error_messages={"required": _("Nhập tên vai trò.")}
    )
    permissions = forms.MultipleChoiceField(
        label=_("Quyền"), choices=Perm.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    requires_two_factor = forms.BooleanField(
        label=_("Bắt buộc xác thực hai lớp"),
        required=False,
        help_text=_("Người giữ vai trò này phải nhập mã từ ứng dụng xác thực mỗi lần đăng nhập."),
    )

    def __init__(self, *args, with_code: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["code"]


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu mới"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Bỏ trống để hệ thống tạo mật khẩu ngẫu nhiên (chỉ hiện một lần)."),
    )


class UserFilterForm(forms.Form):
    STATUS_CHOICES = [
        (ANY, _("Tất cả")),
        ("active", _("Đang hoạt động")),
        ("locked", _("Đang bị khóa do đăng nhập sai")),
        ("inactive", _("Đã khóa tài khoản")),
    ]
    role = forms.ChoiceField(label=_("Vai trò"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(ANY, _("Tất cả")), *role_choices()]


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[(ANY, _("Tất cả")), *AuditKind.choices], required=False
    )
    user = forms.CharField(label=_("Người thực hiện"), required=False, help_text=_("Tên đăng nhập."))
    object_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    date_from = VNDateField(label=_("Từ ngày"), required=False)
    date_to = VNDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [(ANY, _("Tất cả")), *object_types]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày cuối phải sau hoặc bằng ngày đầu."))
        return data
