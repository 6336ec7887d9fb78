import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def v1_paths() -> set[str]:
    """Every route under /api/v1/ written as an OpenAPI path (the router's root and format suffixes aside)."""
    routes = set()

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                routes.add(route.replace("^", "").replace("$", ""))

    walk(get_resolver().url_patterns, "")
    paths = set()
    for route in routes:
        if not route.startswith("api/v1/") or "format" in route or route == "api/v1/":
            continue
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: "{" + ("id" if m[1] == "pk" else m[1]) + "}", route)
        # path() routes: <int:pk> as well.
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "{" + ("id" if m[1] == "pk" else m[1]) + "}", path)
        paths.add("/" + path)
    return paths


@pytest.fixture
def signed_in(db):
    from dangvu.accounts.models import User

    client = Client()
    client.force_login(User.objects.create_user("doc", password="mat-khau-dai-1"))
    return client


def test_schema_and_docs_need_authentication():
    for url in ("/api/schema/", "/api/docs/"):
        assert Client().get(url).status_code == 401, url


def test_schema_is_valid_openapi_with_every_v1_path(signed_in):
    response = signed_in.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    expected = v1_paths()
    assert "/api/v1/statistics/" in expected and "/api/v1/events/{id}/correct/" in expected
    assert expected <= set(schema["paths"]), expected - set(schema["paths"])
    assert {p for p in schema["paths"] if p.startswith("/api/v1/")} == expected
    assert set(schema["components"]["securitySchemes"]) >= {"tokenAuth"}


def test_schema_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out), stderr=io.StringIO())
    assert "/api/v1/members/{id}/events/" in out.read_text()


def test_swagger_ui_is_served_from_vendored_assets(signed_in):
    response = signed_in.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"):
        path = f"drf_spectacular_sidecar/swagger-ui-dist/{asset}"
        assert f"/static/{path}" in html
        assert finders.find(path), path
    assert "cdn" not in html.lower() and "https://" not in html
    # Its start-up script is a separate same-origin file, so the page runs under the strict CSP.
    script = signed_in.get("/api/docs/", {"script": ""})
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()


def test_browsable_api_pages_render(committee, admin_user):
    client = Client()
    client.force_login(admin_user)
    member = committee.hang.pk
    for url in (
        "/api/v1/",
        "/api/v1/members/",
        f"/api/v1/members/{member}/",
        f"/api/v1/members/{member}/events/",
        "/api/v1/organizations/",
        "/api/v1/organizations/CB-A/",
        "/api/v1/organizations/CB-A/events/",
        "/api/v1/events/",
        "/api/v1/statistics/",
    ):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url
