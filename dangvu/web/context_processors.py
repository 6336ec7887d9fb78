"""Template context for every page: which navigation section is current and what the user may change
(registered in settings TEMPLATES)."""

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm

SECTIONS = (("member", "members"), ("organization", "organizations"), ("home", "home"))


def navigation(request):
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match and match.namespace == "web" else ""
    section = next((key for prefix, key in SECTIONS if name and name.startswith(prefix)), "")
    user = getattr(request, "user", None)
    return {
        "nav_section": section,
        "nav_can_add_member": has_perm(user, Perm.MEMBERS_CHANGE) if user is not None else False,
    }
