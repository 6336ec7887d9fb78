"""Which organization a page of targets, ratings or emulation opens on, and whether the user may act on
one: both through the one scoping point (`dangvu.accounts.scoping`)."""

from dangvu.accounts.scoping import scope_org_ids
from dangvu.organizations.models import Organization


def home_organization(user) -> Organization | None:
    """The user's own organization; the top of the installation for an account of none (a superuser)."""
    if getattr(user, "organization_id", None):
        return user.organization
    if getattr(user, "is_superuser", False):
        return Organization.objects.filter(parent__isnull=True).order_by("founded_on", "id").first()
    return None


def may_act_on(user, perm: str, org_id: int) -> bool:
    """Whether `org_id` is in the user's scope for `perm`."""
    ids = scope_org_ids(user, perm)
    return ids is None or org_id in ids
