"""Actions on user accounts, roles and two-factor devices; each validates, writes and records its audit row
(before and after) in one transaction. The pages, the `dangvu users` command and the demo loader call these.

Two rules hold for an acting user who is not a superuser (a command-line operator acts with no user and is
not limited): nobody hands out more than they hold — the roles a user grants, and the permissions they put
in a role, must be among their own — and a user is placed only in an organization of their own scope for
`users.manage`. Secrets never reach the audit trail: passwords, TOTP keys and API tokens are recorded as
"changed", "issued" or "revoked".
"""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework.authtoken.models import Token

from dangvu.core import audit
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize
from dangvu.organizations.models import Organization

from .models import FailedLogin, Role, TOTPDevice, User
from .permissions import ALL, Perm
from .scoping import permissions, scope_org_ids

SAFE_USER_FIELDS = [
    "id",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_superuser",
    "organization_id",
    "locked_until",
]


def _user_snapshot(user: User) -> dict:
    data = {name: audit._plain(getattr(user, name)) for name in SAFE_USER_FIELDS}
    data["roles"] = sorted(user.roles.values_list("code", flat=True)) if user.pk else []
    data["api_token"] = Token.objects.filter(user_id=user.pk).exists() if user.pk else False
    data["two_factor"] = (
        TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists() if user.pk else False
    )
    return data


def _record_user(kind, user, before, *, acting_user, note: str = ""):
    audit.record(
        kind,
        user,
        before=before,
        after=_user_snapshot(user),
        acting_user=acting_user,
        object_repr=f"{user.username}: {note}" if note else user.username,
    )


def _limited(acting_user) -> bool:
    """Whether the acting user's own permissions and scope limit what they may hand out."""
    return acting_user is not None and not acting_user.is_superuser


def _check_grant(acting_user, roles: list[Role]):
    """No escalation: the roles granted carry no permission the acting user lacks."""
    if not _limited(acting_user):
        return
    own = permissions(acting_user)
    beyond = sorted({p for role in roles for p in role.permissions or []} - own)
    if beyond:
        labels = ", ".join(str(Perm(p).label) if p in Perm.values else p for p in beyond)
        raise ValidationError(
            {"roles": [_("Không thể cấp vai trò có quyền mà bạn không có: %(p)s.") % {"p": labels}]}
        )


def _check_organization(acting_user, organization: Organization | None):
    if not _limited(acting_user):
        return
    scope = scope_org_ids(acting_user, Perm.USERS_MANAGE)
    if organization is None or (scope is not None and organization.pk not in scope):
        raise ValidationError({"organization": [_("Chọn tổ chức trong phạm vi quản lý của bạn.")]})


def _roles(codes: list[str]) -> list[Role]:
    found = list(Role.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {r.code for r in found})
    if missing:
        raise ValidationError({"roles": [_("Không có vai trò: %(r)s.") % {"r": ", ".join(missing)}]})
    return found


# Django's own messages for these are not all translated into Vietnamese.
PASSWORD_MESSAGES = {
    "password_too_short": _lazy("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự."),
    "password_too_common": _lazy("Mật khẩu này quá phổ biến: chọn mật khẩu khó đoán hơn."),
    "password_entirely_numeric": _lazy("Mật khẩu không được chỉ gồm chữ số."),
    "password_too_similar": _lazy("Mật khẩu quá giống tên đăng nhập hoặc họ tên."),
}


def check_password(password: str, user: User):
    """The password policy (settings AUTH_PASSWORD_VALIDATORS), with Vietnamese messages, under `password`."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        messages = []
        for error in exc.error_list:
            template = PASSWORD_MESSAGES.get(error.code)
            messages.append(str(template) % (error.params or {}) if template else " ".join(error.messages))
        raise ValidationError({"password": messages}) from exc


def _set_name(user: User, full_name: str):
    parts = normalize(full_name).split(" ") if normalize(full_name) else [""]
    user.last_name, user.first_name = " ".join(parts[:-1]), parts[-1]


# Users ---------------------------------------------------------------------------------------------------


@transaction.atomic
def add_user(
    username: str,
    *,
    organization: Organization | None,
    roles: list[str],
    password: str | None = None,
    full_name: str = "",
    email: str = "",
    is_superuser: bool = False,
    acting_user=None,
) -> tuple[User, str]:
    """Create an account in an organization with roles; returns (user, password) — a generated password when
    none is given. Every account but a superuser's belongs to an organization."""
    username = normalize(username)
    if not username:
        raise ValidationError({"username": [_("Nhập tên đăng nhập.")]})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("Tên đăng nhập %(u)s đã có.") % {"u": username}]})
    found = _roles(roles)
    if organization is None and not is_superuser:
        raise ValidationError({"organization": [_("Chọn tổ chức của người dùng.")]})
    if is_superuser and _limited(acting_user):
        raise ValidationError(_("Chỉ quản trị viên tối cao mới tạo được tài khoản quản trị tối cao."))
    _check_organization(acting_user, organization)
    _check_grant(acting_user, found)
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    user = User(
        username=username,
        organization=organization,
        email=normalize(email),
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if full_name:
        _set_name(user, full_name)
    if not generated:
        check_password(password, user)
    user.set_password(password)
    user.save()
    user.roles.set(found)
    audit.record(AuditKind.CREATE, user, after=_user_snapshot(user), acting_user=acting_user)
    return user, password


@transaction.atomic
def change_user(
    user: User,
    *,
    organization: Organization | None = None,
    roles: list[str] | None = None,
    full_name: str | None = None,
    email: str | None = None,
    acting_user=None,
) -> User:
    """Change an account's organization, roles, name or e-mail (what is None stays)."""
    before = _user_snapshot(user)
    if organization is not None and organization.pk != user.organization_id:
        _check_organization(acting_user, organization)
        user.organization = organization
    if full_name is not None:
        _set_name(user, full_name)
    if email is not None:
        user.email = normalize(email)
    if roles is not None:
        found = _roles(roles)
        current = set(user.roles.values_list("code", flat=True))
        _check_grant(acting_user, [role for role in found if role.code not in current])
    user.save()
    if roles is not None:
        user.roles.set(found)
        user.__dict__.pop("_dangvu_perms", None)
    _record_user(AuditKind.UPDATE, user, before, acting_user=acting_user)
    return user


def set_roles(user: User, roles: list[str], *, acting_user=None) -> User:
    return change_user(user, roles=roles, acting_user=acting_user)


@transaction.atomic
def reset_password(user: User, *, password: str | None = None, acting_user=None) -> str:
    """Give the account a new password (generated when none is given, to hand over once); returns it."""
    before = _user_snapshot(user)
    if password is not None:
        check_password(password, user)
    password = password or secrets.token_urlsafe(12)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(
        AuditKind.UPDATE,
        user,
        before=before,
        after={**_user_snapshot(user), "password": "changed"},
        acting_user=acting_user,
        object_repr=f"{user.username}: {_('đặt lại mật khẩu')}",
    )
    return password


@transaction.atomic
def unlock_user(user: User, *, acting_user=None) -> User:
    """Lift a lock-out: the account's recent failed logins are forgotten."""
    before = _user_snapshot(user)
    user.locked_until = None
    user.save(update_fields=["locked_until"])
    FailedLogin.objects.filter(username=user.username).delete()
    _record_user(AuditKind.UPDATE, user, before, acting_user=acting_user, note=_("mở khóa"))
    return user


@transaction.atomic
def set_active(user: User, active: bool, *, acting_user=None) -> User:
    """Deactivate an account (it can no longer log in nor use its API token) or reactivate it. Accounts are
    never deleted: the audit trail names them."""
    if acting_user is not None and acting_user.pk == user.pk and not active:
        raise ValidationError(_("Không thể tự khóa tài khoản của chính mình."))
    before = _user_snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    _record_user(
        AuditKind.UPDATE,
        user,
        before,
        acting_user=acting_user,
        note=_("mở lại tài khoản") if active else _("khóa tài khoản"),
    )
    return user


@transaction.atomic
def new_token(user: User, *, acting_user=None) -> str:
    """Replace the user's API token (the old one stops working at once). The token acts with the user's
    roles and scope."""
    before = _user_snapshot(user)
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.record(
        AuditKind.UPDATE,
        user,
        before=before,
        after={**_user_snapshot(user), "api_token": "issued"},
        acting_user=acting_user,
        object_repr=f"{user.username}: {_('cấp mã API mới')}",
    )
    return token.key


@transaction.atomic
def revoke_token(user: User, *, acting_user=None) -> bool:
    before = _user_snapshot(user)
    deleted, _n = Token.objects.filter(user=user).delete()
    audit.record(
        AuditKind.UPDATE,
        user,
        before=before,
        after={**_user_snapshot(user), "api_token": "revoked"},
        acting_user=acting_user,
        object_repr=f"{user.username}: {_('thu hồi mã API')}",
    )
    return bool(deleted)


# Two-factor devices ---------------------------------------------------------------------------------------


def _device_snapshot(device: TOTPDevice) -> dict:
    """The device without its secret key (nor the last code step, a replay guard)."""
    return {
        "id": device.pk,
        "user_id": device.user_id,
        "confirmed": device.confirmed,
        "created_at": audit._plain(device.created_at),
    }


@transaction.atomic
def start_two_factor(user: User, *, acting_user=None) -> TOTPDevice:
    """A new, unconfirmed TOTP device with a fresh key for the user to scan (replacing an unconfirmed one).
    A confirmed device is replaced only after `reset_two_factor`."""
    import pyotp

    existing = TOTPDevice.objects.filter(user=user).first()
    if existing is not None and existing.confirmed:
        raise ValidationError(
            _("Xác thực hai lớp đã bật: nhờ quản trị đặt lại trước khi đăng ký thiết bị mới.")
        )
    before = _device_snapshot(existing) if existing else None
    device, _created = TOTPDevice.objects.update_or_create(
        user=user, defaults={"secret": pyotp.random_base32(), "confirmed": False, "last_used_step": 0}
    )
    audit.record(
        AuditKind.UPDATE if before else AuditKind.CREATE,
        device,
        before=before,
        after=_device_snapshot(device),
        acting_user=acting_user or user,
        object_repr=f"{user.username}: {_('đăng ký xác thực hai lớp')}",
    )
    return device


@transaction.atomic
def confirm_two_factor(device: TOTPDevice, code: str, *, acting_user=None) -> bool:
    """Confirm a device with a valid code from it: two-factor authentication is on from now."""
    from .security import verify_code

    if device.confirmed:
        return True
    if not verify_code(device, code):
        return False
    before = _device_snapshot(device)
    device.confirmed = True
    device.save(update_fields=["confirmed", "updated_at"])
    audit.record(
        AuditKind.UPDATE,
        device,
        before=before,
        after=_device_snapshot(device),
        acting_user=acting_user or device.user,
        object_repr=f"{device.user.username}: {_('bật xác thực hai lớp')}",
    )
    return True


@transaction.atomic
def reset_two_factor(user: User, *, acting_user=None) -> bool:
    """Remove the user's device (lost phone): the next login asks to register a new one."""
    device = TOTPDevice.objects.filter(user=user).first()
    if device is None:
        return False
    audit.record(
        AuditKind.DELETE,
        device,
        before=_device_snapshot(device),
        acting_user=acting_user,
        object_repr=f"{user.username}: {_('đặt lại xác thực hai lớp')}",
    )
    device.delete()
    return True


# Roles ---------------------------------------------------------------------------------------------------


def _clean_permissions(values) -> list[str]:
    values = [str(v) for v in values or []]
    unknown = sorted(set(values) - set(ALL))
    if unknown:
        raise ValidationError({"permissions": [_("Quyền không có: %(p)s.") % {"p": ", ".join(unknown)}]})
    # In the order of the vocabulary, so that the audit's before/after compare cleanly.
    return [p for p in ALL if p in values]


def _check_role_permissions(acting_user, wanted: list[str], current: list[str]):
    if not _limited(acting_user):
        return
    beyond = sorted(set(wanted) - set(current) - permissions(acting_user))
    if beyond:
        labels = ", ".join(str(Perm(p).label) for p in beyond)
        raise ValidationError(
            {"permissions": [_("Không thể thêm quyền mà bạn không có: %(p)s.") % {"p": labels}]}
        )


@transaction.atomic
def create_role(
    code: str, name: str, permissions: list[str], *, requires_two_factor: bool = False, acting_user=None
) -> Role:
    code = normalize(code).lower()
    name = normalize(name)
    errors = {}
    if not code:
        errors["code"] = [_("Nhập mã vai trò.")]
    elif Role.objects.filter(code=code).exists():
        errors["code"] = [_("Mã vai trò %(c)s đã có.") % {"c": code}]
    if not name:
        errors["name"] = [_("Nhập tên vai trò.")]
    if errors:
        raise ValidationError(errors)
    perms = _clean_permissions(permissions)
    _check_role_permissions(acting_user, perms, [])
    role = Role(code=code, name=name, permissions=perms, requires_two_factor=requires_two_factor)
    role.full_clean()
    role.save()
    audit.record(AuditKind.CREATE, role, after=audit.snapshot(role), acting_user=acting_user)
    return role


@transaction.atomic
def update_role(
    role: Role,
    *,
    name: str | None = None,
    permissions: list[str] | None = None,
    requires_two_factor: bool | None = None,
    acting_user=None,
) -> Role:
    """Change what a role may do: it applies at once to every user who holds it."""
    before = audit.snapshot(role)
    if name is not None:
        if not normalize(name):
            raise ValidationError({"name": [_("Nhập tên vai trò.")]})
        role.name = normalize(name)
    if permissions is not None:
        perms = _clean_permissions(permissions)
        _check_role_permissions(acting_user, perms, role.permissions or [])
        role.permissions = perms
    if requires_two_factor is not None:
        role.requires_two_factor = requires_two_factor
    role.save()
    audit.record(AuditKind.UPDATE, role, before=before, after=audit.snapshot(role), acting_user=acting_user)
    return role


@transaction.atomic
def delete_role(role: Role, *, acting_user=None):
    """Delete a role nobody holds (take it from its users first)."""
    holders = role.users.count()
    if holders:
        raise ValidationError(
            _("Vai trò %(r)s đang được %(n)s người dùng giữ: bỏ vai trò này khỏi họ trước khi xóa.")
            % {"r": role.name, "n": holders}
        )
    audit.record(AuditKind.DELETE, role, before=audit.snapshot(role), acting_user=acting_user)
    role.delete()


@transaction.atomic
def pass_second_factor(user: User, code: str) -> bool:
    """The second step of a login: a valid code of the user's confirmed device. Both outcomes go to the
    audit trail (a LOGIN, or a LOGIN_FAILED naming the second factor)."""
    from dangvu.core.context import current

    from .security import verify_code

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    passed = device is not None and verify_code(device, code)
    audit.record(
        AuditKind.LOGIN if passed else AuditKind.LOGIN_FAILED,
        user,
        after={"two_factor": "passed" if passed else "wrong code", "address": current().address},
        acting_user=user,
        object_repr=f"{user.username}: {_('xác thực hai lớp')}",
    )
    return passed
