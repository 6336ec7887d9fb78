"""Template context for every page: which navigation section is current and what the user may change or
reach (registered in settings TEMPLATES). The administration entries appear only for the roles that may
open them (accounts.scoping)."""

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import covers_installation, has_perm
from dangvu.transfer.importer import can_import

SECTIONS = (("member", "members"), ("organization", "organizations"), ("home", "home"), ("tree", "tree"))
NAMESPACE_SECTIONS = {
    "audit": "audit",
    "inspection": "inspection",
    "development": "development",
    "targets": "targets",
    "enterprises": "enterprises",
    "transfer": "import",
    "reports": "reports",
}
# Pages that have their own entry inside a namespace's section.
URL_SECTIONS = {
    ("enterprises", "coverage"): "coverage",
    ("development", "todo"): "todo",
    **{("targets", name): "ratings" for name in ("rating-list", "rating-entry", "rating-entry-start")},
    **{
        ("targets", name): "emulation"
        for name in ("ranking", "criterion-add", "criterion-edit", "criterion-delete", "criterion-scores")
    },
    **{
        ("targets", name): "commendations"
        for name in ("commendation-list", "commendation-add", "commendation-detail", "commendation-delete")
    },
}


def navigation(request):
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match and match.namespace == "web" else ""
    section = next((key for prefix, key in SECTIONS if name and name.startswith(prefix)), "")
    if match and match.namespace in NAMESPACE_SECTIONS:
        section = URL_SECTIONS.get((match.namespace, match.url_name), NAMESPACE_SECTIONS[match.namespace])
    elif match and match.namespace == "accounts" and match.url_name:
        section = "roles" if match.url_name.startswith("role") else "users"
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_section": section, "nav_can_add_member": False}
    return {
        "nav_section": section,
        "nav_can_add_member": has_perm(user, Perm.MEMBERS_CHANGE),
        "nav_can_import": can_import(user),
        "nav_can_see_members": has_perm(user, Perm.MEMBERS_VIEW),
        "nav_can_see_discipline": has_perm(user, Perm.DISCIPLINE_VIEW),
        "nav_can_see_candidates": has_perm(user, Perm.CANDIDATES_VIEW),
        "nav_can_see_targets": has_perm(user, Perm.TARGETS_VIEW),
        "nav_can_see_enterprises": has_perm(user, Perm.MASS_ORGS_VIEW),
        "nav_can_see_ratings": has_perm(user, Perm.RATINGS_VIEW),
        "nav_can_see_commendations": has_perm(user, Perm.COMMENDATIONS_VIEW),
        "nav_can_manage_users": has_perm(user, Perm.USERS_MANAGE),
        "nav_can_audit": has_perm(user, Perm.AUDIT_VIEW) and covers_installation(user, Perm.AUDIT_VIEW),
    }
