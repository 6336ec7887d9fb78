"""The published figures of the demo committee (issue 2, point 9), read through `dangvu stats` and
`dangvu members` exactly as our checks run them."""

import io
import json

import pytest
from django.core.management import call_command

from dangvu.core.text import fold, person_sort_key


@pytest.fixture
def demo(demo_db):
    """The demo data (tests/conftest.py), as the code of its root organization."""
    return demo_db.root.code


def stats(*args) -> dict:
    out = io.StringIO()
    call_command("stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_31_march_2024(demo):
    data = stats("--org", demo, "--as-of", "2024-03-31")
    assert (data["org"], data["as_of"]) == (demo, "2024-03-31")
    assert data["members"]["total"] == 1062
    organizations = data["organizations"]
    assert organizations["direct_subordinates"] == 29
    assert (organizations["grassroots_committees"], organizations["grassroots_cells"]) == (5, 24)
    assert organizations["direct_enterprise"] == 27
    assert (data["admitted_in_year"], data["founded_in_year"]) == (96, 2)
    members = data["members"]
    assert members["full"] + members["probationary"] == 1062
    assert members["enterprise"] + members["administrative"] == 1062


def test_other_published_dates(demo):
    assert stats("--org", demo, "--as-of", "2024-06-30")["members"]["total"] == 1091
    assert stats("--org", demo, "--as-of", "2023-12-31")["admitted_in_year"] == 175
    period = stats("--org", demo, "--as-of", "2023-06-30", "--from", "2010-01-01")["period"]
    assert (period["from"], period["to"], period["admitted"], period["founded"]) == (
        "2010-01-01",
        "2023-06-30",
        680,
        48,
    )


def test_default_organization_is_the_root(demo):
    assert stats("--as-of", "2024-03-31") == stats("--org", demo, "--as-of", "2024-03-31")


def test_members_search_nguyen_in_vietnamese_order(demo):
    out = io.StringIO()
    call_command("members", "--search", "nguyen", "--as-of", "2024-03-31", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    names = [row["full_name"] for row in rows]
    assert names, "the demo committee has members named Nguyễn"
    assert all("nguyen" in fold(name) for name in names)
    assert any("Nguyễn" in name for name in names)
    assert names == sorted(names, key=person_sort_key)
    assert all(row["organization"] and len(row["national_id"]) == 12 for row in rows)
    # The same members as the members of the root on that date whose folded name contains "nguyen".
    out = io.StringIO()
    call_command("members", "--as-of", "2024-03-31", "--json", stdout=out)
    everyone = json.loads(out.getvalue())
    assert len(everyone) == 1062
    assert [r["full_name"] for r in everyone if "nguyen" in fold(r["full_name"])] == names


def test_the_api_gives_the_same_figures(demo):
    from dangvu.accounts.models import User
    from tests.api.conftest import client_for

    api = client_for(User.objects.create_superuser("demo-api", password="mat-khau-dai-1"))
    response = api.get("/api/v1/statistics/", {"org": demo, "as_of": "2024-03-31", "from": "2024-01-01"})
    assert response.status_code == 200
    assert response.json() == stats("--org", demo, "--as-of", "2024-03-31", "--from", "2024-01-01")
    members = api.get(
        "/api/v1/members/", {"as_of": "2024-03-31", "search": "nguyen", "page_size": 500}
    ).json()
    out = io.StringIO()
    call_command("members", "--search", "nguyen", "--as-of", "2024-03-31", "--json", stdout=out)
    assert [r["full_name"] for r in members["results"]] == [
        r["full_name"] for r in json.loads(out.getvalue())
    ]
