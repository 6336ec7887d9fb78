"""Demo accounts, one per default role (issue "access", point 9), created by `dangvu demo load` after the demo
organizations and members. All share one documented password (README.md, "Demo accounts"); they are for
looking around a demo installation, never for a real one.

The Committee's boards, the administrator, the mass-organization officer and the statistics viewer belong to
the root organization; the cell secretary to the enterprise grassroots cell (not the core cell, which gathers
members of enterprises without a cell) with the most members today."""

from dataclasses import dataclass

from django.db import transaction

from dangvu.core.context import acting
from dangvu.core.dates import today
from dangvu.figures.counting import Scope, member_counts
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from . import services
from .models import User

DEMO_PASSWORD = "dangvu-demo-2024"

# username, role code, where: "root" or "cell"
DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    ("demo.quantri", "admin", "root"),
    ("demo.thuongtruc", "standing_board", "root"),
    ("demo.bantochuc", "organization_board", "root"),
    ("demo.tuyengiao", "propaganda_board", "root"),
    ("demo.kiemtra", "inspection_committee", "root"),
    ("demo.vanphong", "office", "root"),
    ("demo.bithu", "cell_secretary", "cell"),
    ("demo.doanthe", "mass_org_officer", "root"),
    ("demo.thongke", "statistics_viewer", "root"),
]


@dataclass
class DemoAccount:
    username: str
    role: str
    organization: Organization
    created: bool


def demo_cell(root: Organization) -> Organization:
    """The enterprise grassroots cell under `root` (other than the core cell) with the most members today, the
    smallest code on a tie."""
    history = History.load()
    day = today()
    tree = history.tree_on(day)
    counts = member_counts(Scope(day, root.pk, history), breakdowns=False).by_organization
    cells = [
        state
        for org_id in tree.under(root.pk)
        if (state := tree.states[org_id]).kind == OrganizationKind.GRASSROOTS_CELL
        and state.sector == Sector.ENTERPRISE
        and not state.is_core_cell
    ]
    if not cells:
        raise Organization.DoesNotExist("no enterprise grassroots cell under the root")
    best = min(cells, key=lambda state: (-counts.get(state.id, 0), state.code))
    return Organization.objects.get(pk=best.id)


def ensure_default_roles():
    """The default roles, as the migration writes them (a test database flushed between tests has none)."""
    from .models import Role
    from .permissions import DEFAULT_ROLES

    for code, (name, permissions, two_factor) in DEFAULT_ROLES.items():
        Role.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "permissions": [str(p) for p in permissions],
                "requires_two_factor": two_factor,
            },
        )


@transaction.atomic
def load_demo_accounts(root_code: str = "KKT", *, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    """Create the demo accounts (an existing username is left as it is); returns them in table order."""
    root = Organization.objects.get(code=root_code)
    places = {"root": root, "cell": demo_cell(root)}
    ensure_default_roles()
    accounts = []
    with acting(None, source="demo"):
        for username, role, where in DEMO_ACCOUNTS:
            existing = User.objects.filter(username=username).select_related("organization").first()
            if existing is not None:
                accounts.append(DemoAccount(username, role, existing.organization, False))
                continue
            user, _password = services.add_user(
                username, organization=places[where], roles=[role], password=password
            )
            accounts.append(DemoAccount(username, role, user.organization, True))
    return accounts
