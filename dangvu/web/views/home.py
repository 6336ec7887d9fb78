"""The tree (/tree/): the organization tree on a chosen date with each node's members (with everything under it), and the
headline figures of the top organization — all from `dangvu.figures`."""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.figures.counting import Scope, member_counts, subtree_totals
from dangvu.figures.stats import statistics
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.tree import KIND_ORDER, History, OrgState, Tree

from ..querysets import organizations_for
from .common import is_htmx, read_day

OPEN_DEPTH = 1  # levels shown open at first; deeper ones are collapsed


@dataclass
class Node:
    state: OrgState
    members: int
    depth: int
    children: list["Node"] = field(default_factory=list)

    @property
    def kind_label(self):
        return OrganizationKind(self.state.kind).label

    @property
    def sector_label(self):
        return Sector(self.state.sector).label

    @property
    def is_open(self):
        return self.depth < OPEN_DEPTH


def build_tree(tree: Tree, start: int, totals: dict[int, int], depth: int = 0) -> Node:
    node = Node(tree.states[start], totals.get(start, 0), depth)
    node.children = [build_tree(tree, child, totals, depth + 1) for child in tree.direct_subordinates(start)]
    return node


def top_organizations(request, tree: Tree) -> list[int]:
    """Where the tree starts: the installation's top on that date, or the user's own organization."""
    user = request.user
    visible = organizations_for(request)
    if not user.is_superuser and user.organization_id and tree.exists(user.organization_id):
        # Only when the user may see organizations at all (a role without organizations.view sees no tree).
        return [user.organization_id] if visible.filter(pk=user.organization_id).exists() else []
    visible = set(visible.filter(pk__in=tree.roots()).values_list("pk", flat=True))
    return [org_id for org_id in tree.roots() if org_id in visible]


# Kinds in the order of the glossary, for the table of direct subordinates.
DIRECT_KINDS = [kind for kind in KIND_ORDER if kind != OrganizationKind.UPPER_COMMITTEE]
KIND_TITLES = {
    OrganizationKind.GRASSROOTS_COMMITTEE: _("Đảng bộ cơ sở"),
    OrganizationKind.SECTION_COMMITTEE: _("Đảng bộ bộ phận"),
    OrganizationKind.GRASSROOTS_CELL: _("Chi bộ cơ sở"),
    OrganizationKind.SUBORDINATE_CELL: _("Chi bộ trực thuộc"),
}


def direct_table(stats: dict) -> list[dict]:
    """Rows kind × sector of the direct subordinates, from statistics()['organizations']."""
    by = stats["organizations"].get("direct_by_kind_and_sector", {})
    rows = []
    for kind in DIRECT_KINDS:
        enterprise = by.get(f"{kind.value}:{Sector.ENTERPRISE.value}", 0)
        administrative = by.get(f"{kind.value}:{Sector.ADMINISTRATIVE.value}", 0)
        if enterprise or administrative:
            rows.append(
                {
                    "label": KIND_TITLES[kind],
                    "enterprise": enterprise,
                    "administrative": administrative,
                    "total": enterprise + administrative,
                }
            )
    return rows


@login_required
def tree(request):
    day, day_form = read_day(request)
    history = History.load()
    day_tree = history.tree_on(day)
    roots = []
    for org_id in top_organizations(request, day_tree):
        scope = Scope(day, org_id, history)
        totals = subtree_totals(scope, member_counts(scope, breakdowns=False).by_organization)
        roots.append(build_tree(day_tree, org_id, totals))
    headline = None
    if len(roots) == 1 and has_perm(request.user, Perm.FIGURES_VIEW):
        org = organizations_for(request).get(pk=roots[0].state.id)
        stats = statistics(org, day, history=history, breakdowns=False)
        headline = {"org": org, "stats": stats, "direct": direct_table(stats)}
    context = {"day": day, "day_form": day_form, "roots": roots, "headline": headline}
    if is_htmx(request) and request.headers.get("HX-Target") == "tree-area":
        return render(request, "web/home_tree.html", context)
    return render(request, "web/home.html", context)
