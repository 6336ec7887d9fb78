"""Actions on user accounts; each writes its audit row."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from dangvu.core import audit
from dangvu.core.models import AuditKind
from dangvu.organizations.models import Organization

from .models import Role, User

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
    return data


@transaction.atomic
def add_user(
    username: str,
    *,
    organization: Organization | None,
    roles: list[str],
    password: str | None = None,
    full_name: str = "",
    is_superuser: bool = False,
    acting_user=None,
) -> tuple[User, str]:
    """Create an account in an organization with roles; returns (user, password) — a generated password when
    none is given."""
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("Tên đăng nhập %(u)s đã có.") % {"u": username})
    found = list(Role.objects.filter(code__in=roles))
    missing = sorted(set(roles) - {r.code for r in found})
    if missing:
        raise ValidationError(_("Không có vai trò: %(r)s.") % {"r": ", ".join(missing)})
    if organization is None and not is_superuser:
        raise ValidationError(_("Chọn tổ chức của người dùng."))
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    user = User(
        username=username, organization=organization, is_superuser=is_superuser, is_staff=is_superuser
    )
    if full_name:
        parts = full_name.split(" ")
        user.last_name, user.first_name = " ".join(parts[:-1]), parts[-1]
    if not generated:
        validate_password(password, user)
    user.set_password(password)
    user.save()
    user.roles.set(found)
    audit.record(AuditKind.CREATE, user, after=_user_snapshot(user), acting_user=acting_user)
    return user, password


@transaction.atomic
def set_roles(user: User, roles: list[str], *, acting_user=None) -> User:
    before = _user_snapshot(user)
    user.roles.set(Role.objects.filter(code__in=roles))
    audit.record(AuditKind.UPDATE, user, before=before, after=_user_snapshot(user), acting_user=acting_user)
    return user


@transaction.atomic
def new_token(user: User, *, acting_user=None) -> str:
    """Replace the user's API token (the old one stops working at once)."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.record(
        AuditKind.UPDATE,
        user,
        after={"api_token": "issued"},
        acting_user=acting_user,
        object_repr=f"{user.username}: cấp mã API mới",
    )
    return token.key


@transaction.atomic
def revoke_token(user: User, *, acting_user=None) -> bool:
    deleted, _n = Token.objects.filter(user=user).delete()
    audit.record(
        AuditKind.UPDATE,
        user,
        after={"api_token": "revoked"},
        acting_user=acting_user,
        object_repr=f"{user.username}: thu hồi mã API",
    )
    return bool(deleted)
