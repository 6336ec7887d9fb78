"""The one enforcement point for what a user may see and do (NetBox's `restrict(user, action)`).

A user's roles apply to the user's organization and everything under it (on today's tree). Every query that
returns records goes through `visible_*` here — pages, API, search, autocomplete, exports, reports, counts —
so they agree; an object outside the scope is simply not found (404), never named in a 403.
"""

import datetime

from django.conf import settings

from dangvu.core.dates import today
from dangvu.organizations.tree import History

from .permissions import ALL, PERSONAL_DATA_WRITE


def permissions(user) -> set[str]:
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return set(ALL)
    cached = getattr(user, "_dangvu_perms", None)
    if cached is None:
        cached = set()
        for role_perms in user.roles.values_list("permissions", flat=True):
            cached.update(role_perms or [])
        user._dangvu_perms = cached
    return cached


def has_perm(user, perm: str) -> bool:
    return perm in permissions(user)


def requires_two_factor(user) -> bool:
    """Two-factor authentication is required when a role says so, or, with the setting on, when a role can
    change personal data."""
    if user is None or not user.is_authenticated:
        return False
    if user.roles.filter(requires_two_factor=True).exists():
        return True
    if getattr(settings, "DANGVU_2FA_FOR_PERSONAL_DATA", True):
        return bool(permissions(user) & {str(p) for p in PERSONAL_DATA_WRITE})
    return False


def scope_org_ids(user, perm: str, *, day: datetime.date | None = None, history: History | None = None):
    """Organization ids the user may act on with `perm`: None means every organization (the superuser),
    an empty set means none."""
    if not has_perm(user, perm):
        return set()
    if user.is_superuser:
        return None
    if user.organization_id is None:
        return set()
    history = history or History.load()
    return history.ever_under(user.organization_id, day or today())


def visible_members(user, perm: str = "members.view"):
    from dangvu.members.models import Member

    return Member.objects.visible_to(user, perm)


def visible_organizations(user, perm: str = "organizations.view"):
    from dangvu.organizations.models import Organization

    return Organization.objects.visible_to(user, perm)


def figures_scope(user) -> set[int] | None:
    """Organizations whose aggregate figures the user may see (roles with figures.view)."""
    return scope_org_ids(user, "figures.view")


def visible_users(user, perm: str = "users.manage"):
    """Accounts the user may manage: those of the organizations in their scope for `perm` (a superuser's
    accounts, which belong to no organization, only for a superuser)."""
    from .models import User

    ids = scope_org_ids(user, perm)
    if ids is None:
        return User.objects.all()
    if not ids:
        return User.objects.none()
    return User.objects.filter(organization_id__in=sorted(ids), is_superuser=False)


def covers_installation(user, perm: str) -> bool:
    """Whether the user's scope for `perm` is every organization of today's tree (a superuser, or a role
    held at the top organization)."""
    from dangvu.organizations.models import Organization

    scope = scope_org_ids(user, perm)
    if scope is None:
        return True
    if not scope:
        return False
    current = set(Organization.objects.filter(ended_on__isnull=True).values_list("pk", flat=True))
    return current <= scope


def can_edit_roles(user) -> bool:
    """A role applies to every user who holds it, in every organization: only a manager of users whose scope
    is the whole installation may change one."""
    return covers_installation(user, "users.manage")


def visible_audit_entries(user):
    """The audit trail names people and organizations of every part of the installation, and its entries
    carry no organization to scope them by: it is shown whole, to a user with `audit.view` over the whole
    installation, and to nobody else."""
    from dangvu.core.models import AuditEntry

    if covers_installation(user, "audit.view"):
        return AuditEntry.objects.all()
    return AuditEntry.objects.none()
