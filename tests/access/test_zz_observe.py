import re

import pytest
from django.urls import reverse

from .matrix import ROLES, TABLE, Probe
from .test_matrix import PATTERNS, clients, fill, outcome, send

pytestmark = pytest.mark.django_db

NAMES = [
    (r"^development/candidates/<int:pk>", {"pk": "candidate"}),
    (r"^development/steps/<int:pk>", {"pk": "step"}),
    (r"^api/v1/development/\^candidates/\(\?P<pk>", {"pk": "candidate"}),
    (r"^api/v1/development/\^holidays/\(\?P<pk>", {"pk": "holiday"}),
    (r"^api/v1/development/\^notifications/\(\?P<pk>", {"pk": "notification"}),
    (r"^api/v1/development/steps/<int:pk>", {"pk": "step"}),
    (r"^enterprises/<int:pk>", {"pk": "enterprise"}),
    (r"^enterprises/zones/<str:code>", {"code": "zone"}),
    (r"^api/v1/enterprises/\^\(\?P<pk>", {"pk": "enterprise", "change_id": "status_change"}),
    (r"^api/v1/enterprises/\^mass-organizations/\(", {"pk": "mass_org"}),
    (r"^api/v1/enterprises/\^membership/\(", {"pk": "membership"}),
    (r"^api/v1/enterprises/\^party-coverage/\(", {"pk": "coverage"}),
    (r"^api/v1/enterprises/\^workforce/\(", {"pk": "workforce"}),
    (r"^api/v1/enterprises/\^workplaces/\(", {"pk": "workplace"}),
    (r"^api/v1/enterprises/\^zones/\(", {"code": "zone"}),
    (r"^targets/ratings/<int:org_pk>", {"org_pk": "org", "year": "=2023"}),
    (r"^targets/emulation/criteria/<int:pk>", {"pk": "criterion"}),
    (r"^targets/commendations/<int:pk>", {"pk": "commendation"}),
    (r"^targets/<int:pk>", {"pk": "target"}),
    (r"^api/v1/targets/\^ratings/\(", {"pk": "rating"}),
    (r"^api/v1/targets/\^criteria/\(", {"pk": "criterion"}),
    (r"^api/v1/targets/\^commendations/\(", {"pk": "commendation"}),
    (r"^api/v1/targets/\^\(", {"pk": "target"}),
    (r"^import/<int:pk>", {"pk": "import_run"}),
]


def guess(route):
    for pattern, kwargs in NAMES:
        if re.search(pattern, route):
            return kwargs
    return {}


MISSING = sorted(set(PATTERNS) - set(TABLE))


@pytest.mark.parametrize("route", MISSING)
def test_observe(route, world):
    kwargs = guess(route)
    needed = set(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
    needed = {a or b for a, b in needed}
    kwargs = {k: v for k, v in kwargs.items() if k in needed}
    if route.endswith("<slug:kind>/"):
        kwargs["kind"] = "=applied"
    lines = []
    for method in ("get", "post"):
        probe = Probe(method, "")
        res = {}
        for scope in ("in", "out"):
            values = world.scopes[scope]
            kw = {k: fill(v, values) for k, v in kwargs.items()}
            path = reverse(PATTERNS[route], kwargs=kw)
            for role, client in clients(world).items():
                r = send(client, method, path, probe, values)
                res[role] = res.get(role, "") + outcome(r)
        tokens = [res[r] for r in ROLES]
        if "405" in tokens[1]:
            continue
        if not any(k for k in kwargs.values() if not k.startswith("=")) and all(t[0] == t[1] for t in tokens):
            tokens = [t[0] if not t.startswith("?") else t for t in tokens]
        lines.append(f"{method}=\"" + " ".join(tokens) + "\"")
    with open("/tmp/observed2.txt", "a") as out:
        out.write(f"    {route!r}: row({kwargs or ''}{', ' if kwargs else ''}" + ", ".join(lines) + "),\n")
