"""Who may use which part of the API: the roles of `accounts.permissions`, applied through the one scoping
point `accounts.scoping` (the querysets of the views call `visible_to`, so an object outside the user's scope
is not found)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from dangvu.accounts.scoping import has_perm


def required_perm(request, view) -> str:
    """The permission the request needs: the one its action names in the view's `action_perms`, else the
    view's `view_perm` to read, its `change_perm` to write."""
    action_perm = getattr(view, "action_perms", {}).get(getattr(view, "action", None))
    if action_perm:
        return action_perm
    if request.method in SAFE_METHODS:
        return view.view_perm
    return getattr(view, "change_perm", None) or view.view_perm


class RolePermission(BasePermission):
    """An authenticated user whose roles grant the view's permission for this method."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and has_perm(user, required_perm(request, view)))


class ScopedMixin:
    """Views whose records are scoped by role: `perm` is what this request needs (read or write)."""

    permission_classes = [RolePermission]
    view_perm: str = ""
    change_perm: str = ""
    action_perms: dict[str, str] = {}

    @property
    def perm(self) -> str:
        return required_perm(self.request, self)
