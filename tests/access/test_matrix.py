"""The access matrix (issue "access", Done when): every URL pattern × every role × {in scope, out of scope},
answered as tests/access/matrix.py says. A pattern missing from the table fails; so does a row left behind
after its pattern is gone."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from dangvu.accounts.permissions import DEFAULT_ROLES

from .conftest import build_world
from .matrix import ROLES, TABLE, Probe

pytestmark = pytest.mark.django_db

# Objects that belong to no organization: the same in and out of scope (roles, audit entries, zones,
# holidays).
UNSCOPED = {"role", "audit", "zone", "holiday"}
LETTERS = {
    200: "O",
    201: "O",
    204: "O",
    400: "V",
    422: "V",
    401: "L",
    403: "D",
    404: "H",
}


def project_patterns() -> dict[str, str]:
    """{route: URL name with its namespaces} of every pattern reachable from the root URLconf."""
    found: dict[str, str] = {}

    def walk(patterns, prefix: str, namespaces: list[str]):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, namespaces + ([entry.namespace] if entry.namespace else []))
            elif isinstance(entry, URLPattern):
                found[route] = ":".join([*namespaces, entry.name or ""])

    walk(get_resolver().url_patterns, "", [])
    return found


PATTERNS = project_patterns()


def outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        login = reverse(settings.LOGIN_URL)
        return "L" if response["Location"].split("?")[0] == login else "R"
    return LETTERS.get(code, f"?{code}")


def tokens(probe: Probe) -> list[str]:
    found = probe.expect.split()
    assert len(found) == len(ROLES), f"{probe}: {len(found)} expectations for {len(ROLES)} roles"
    return found


def fill(value: str, values: dict):
    if isinstance(value, str) and value.startswith("="):
        return value[1:]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return values[value[1:-1]]
    return values[value]


def test_the_columns_are_the_roles():
    assert ("anonymous", "superuser", *DEFAULT_ROLES) == ROLES, "add the new role as a column of the table"


def test_every_url_pattern_is_in_the_table():
    missing = sorted(set(PATTERNS) - set(TABLE))
    assert not missing, "URL patterns without a row in tests/access/matrix.py:\n" + "\n".join(missing)


def test_every_row_of_the_table_is_a_url_pattern():
    stale = sorted(set(TABLE) - set(PATTERNS))
    assert not stale, "rows of tests/access/matrix.py whose URL pattern is gone:\n" + "\n".join(stale)


def test_every_expectation_has_one_letter_per_role_and_scope():
    for route, row in TABLE.items():
        for probe in row.probes:
            widths = {len(token) for token in tokens(probe)}
            assert widths in ({1}, {2}), f"{route} {probe.method}: mix of one- and two-scope expectations"
            assert set("".join(tokens(probe))) <= set("OVRLDH"), f"{route}: unknown letter"
            if any(v not in UNSCOPED and not v.startswith("=") for v in row.kwargs.values()):
                assert widths == {2}, f"{route}: an object in the URL needs in-scope and out-of-scope answers"


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world of tests/access/conftest.py, built once for the tests of this module inside a transaction
    that stays open until the last of them and is then rolled back. Each test runs, as usual, in its own
    transaction inside it (a savepoint), rolled back after the test: a probe that writes (a POST, a DELETE)
    leaves the world as built for the next test."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # as Django's TestCase does: durable blocks in the code stay allowed
        atomic.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db):
    return shared_world


def clients(world) -> dict[str, Client]:
    found = {"anonymous": Client()}
    for role in ROLES[1:]:
        user = world.users[role]
        client = Client()
        client.force_login(user)
        client.token = world.tokens[user.username]
        found[role] = client
    return found


def send(client: Client, method: str, path: str, probe: Probe, values: dict):
    query = {
        key: fill(value, values) if value.startswith("{") else value for key, value in probe.query.items()
    }
    headers = {}
    api = path.startswith("/api/")
    if api and getattr(client, "token", None):
        headers["HTTP_AUTHORIZATION"] = f"Token {client.token}"
    if method == "get":
        return client.get(path, query, **headers)
    if query:
        path = path + "?" + "&".join(f"{k}={v}" for k, v in query.items())
    data = probe.data if probe.data is not None else {}
    if api:
        return getattr(client, method)(path, data, content_type="application/json", **headers)
    return getattr(client, method)(path, data, **headers)


@override_settings(DANGVU_2FA_FOR_PERSONAL_DATA=False)
@pytest.mark.parametrize("route", sorted(PATTERNS))
def test_access(route, world):
    """Every probe of the route's row, as every role, in scope and (for an object) out of scope."""
    assert route in TABLE, f"{route}: add its row to tests/access/matrix.py"
    row = TABLE[route]
    name = PATTERNS[route]
    failures = []
    for probe in row.probes:
        expected = tokens(probe)
        scopes = ("in", "out") if len(expected[0]) == 2 else ("in",)
        for index, scope in enumerate(scopes):
            values = world.scopes[scope]
            kwargs = {key: fill(value, values) for key, value in row.kwargs.items()}
            path = reverse(name, kwargs=kwargs)
            resolved = resolve(path).route
            assert resolved == route.replace("/^", "/"), f"{path} resolves to {resolved}, not {route}"
            # Fresh clients for each scope: a probe (logging out) may end the session.
            for role, client in clients(world).items():
                response = send(client, probe.method, path, probe, values)
                got = outcome(response)
                want = expected[ROLES.index(role)][index]
                if got != want:
                    failures.append(
                        f"{probe.method.upper()} {path} {probe.query or ''} as {role} ({scope}): {got}, expected {want}"
                    )
    assert not failures, "\n".join(failures)
