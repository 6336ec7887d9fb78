import pytest
from django.urls import reverse

from .matrix import ROLES, Probe
from .test_matrix import PATTERNS, clients, fill, outcome, send

pytestmark = pytest.mark.django_db

EXTRA = [
    ("api/v1/development/^holidays/(?P<pk>[^/.]+)/$", {"pk": "holiday"}, "options", {}),
    ("api/v1/development/^holidays/(?P<pk>[^/.]+)/$", {"pk": "holiday"}, "delete", {}),
    ("api/v1/development/funnel/", {}, "get", {"org": "{code}"}),
    ("api/v1/enterprises/coverage/", {}, "get", {"org": "{code}"}),
    ("api/v1/targets/ranking/", {}, "get", {"org": "{code}"}),
    ("api/v1/targets/^ratings/summary/$", {}, "get", {"org": "{code}"}),
    ("development/funnel/", {}, "get", {"org": "{code}"}),
    ("targets/emulation/", {}, "get", {"org": "{code}"}),
    ("enterprises/coverage/", {}, "get", {"org": "{code}"}),
    ("api/v1/development/due/", {}, "get", {"org": "{code}"}),
]


@pytest.mark.parametrize("index", range(len(EXTRA)))
def test_observe(index, world):
    route, kwargs, method, query = EXTRA[index]
    probe = Probe(method, "", query=query)
    res = {}
    for scope in ("in", "out"):
        values = world.scopes[scope]
        kw = {k: fill(v, values) for k, v in kwargs.items()}
        path = reverse(PATTERNS[route], kwargs=kw)
        for role, client in clients(world).items():
            r = send(client, method, path, probe, values)
            res[role] = res.get(role, "") + outcome(r)
    with open("/tmp/observed3.txt", "a") as out:
        out.write(f"{route} {method} {query}: " + " ".join(res[r] for r in ROLES) + "\n")
