"""A cell secretary's search, exports, statistics and API lists hold their cell's members and nothing else; an
API token acts with its user's scope and stops working when revoked (issue "access", Done when)."""

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client

from dangvu.accounts import services as account_services
from dangvu.members.models import Member
from tests import factories as f

from .conftest import PASSWORD, D

pytestmark = pytest.mark.django_db


@pytest.fixture
def cells(world):
    """Namesakes in both cells: a search for "nguyen" would find people of both."""
    f.member(world.a, D(2018, 3, 1), name="Nguyễn Thị Lan")
    f.member(world.b, D(2018, 3, 1), name="Nguyễn Văn Bắc")
    f.member(world.b, D(2019, 3, 1), name="Nguyễn Thị Cúc")
    return world


def names_at(world, cell) -> set[str]:
    members = Member.objects.filter(periods__is_latest=True, periods__organization=cell)
    return set(members.values_list("full_name", flat=True))


def secretary_client(world) -> Client:
    client = Client()
    client.force_login(world.users["cell_secretary"])
    return client


def api_client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def test_the_web_search_finds_only_the_cell_members(cells):
    a_names = names_at(cells, cells.a)
    assert {"Nguyễn Văn An", "Nguyễn Thị Lan"} <= a_names
    response = secretary_client(cells).get("/members/", {"q": "nguyen"})
    body = response.content.decode()
    assert "Nguyễn Văn An" in body and "Nguyễn Thị Lan" in body
    for outside in names_at(cells, cells.b):
        assert outside not in body, outside
    # The same search as the administrator of the whole installation finds the namesakes of cell B too.
    admin = Client()
    admin.force_login(cells.users["superuser"])
    assert "Nguyễn Văn Bắc" in admin.get("/members/", {"q": "nguyen"}).content.decode()


def test_the_web_export_holds_only_the_cell_members(cells):
    response = secretary_client(cells).get("/members/", {"q": "nguyen", "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    exported = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert exported == {"Nguyễn Văn An", "Nguyễn Thị Lan"}
    everything = secretary_client(cells).get("/members/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(everything.content)).active
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == names_at(cells, cells.a)


def test_the_autocomplete_and_organization_pages_stay_in_the_cell(cells):
    client = secretary_client(cells)
    options = client.get("/organizations/autocomplete/", {"q": "chi bo"}).content.decode()
    assert "CB-A" in options and "CB-B" not in options
    assert client.get(f"/organizations/{cells.b.pk}/").status_code == 404
    listing = client.get("/organizations/").content.decode()
    assert "CB-A" in listing and "CB-B" not in listing


def test_the_api_lists_only_the_cell_members(cells):
    api = api_client(cells.tokens["cell_secretary"])
    found = api.get("/api/v1/members/", {"search": "nguyen"}).json()["results"]
    assert {row["full_name"] for row in found} == {"Nguyễn Văn An", "Nguyễn Thị Lan"}
    every = api.get("/api/v1/members/").json()
    assert every["count"] == len(names_at(cells, cells.a))
    events = api.get("/api/v1/events/").json()["results"]
    a_ids = set(Member.objects.filter(full_name__in=names_at(cells, cells.a)).values_list("pk", flat=True))
    assert events and {row["member"] for row in events} <= a_ids
    organizations = api.get("/api/v1/organizations/").json()["results"]
    assert [row["code"] for row in organizations] == ["CB-A"]


def test_statistics_of_another_cell_are_refused(cells):
    api = api_client(cells.tokens["cell_secretary"])
    own = api.get("/api/v1/statistics/", {"as_of": "2024-03-31"})
    assert own.status_code == 200 and own.json()["org"] == "CB-A"
    assert own.json()["members"]["total"] == 2
    for org in ("CB-B", "ROOT"):
        response = api.get("/api/v1/statistics/", {"org": org, "as_of": "2024-03-31"})
        assert response.status_code == 400, org
        assert response.json() == {"org": [f"Không có tổ chức mã “{org}”."]}
    # The organization page of another cell, with its figures, is not found either.
    assert secretary_client(cells).get(f"/organizations/{cells.b.pk}/").status_code == 404


def test_the_members_command_is_for_operators_and_not_scoped(cells):
    out = io.StringIO()
    call_command("members", "--search", "nguyen", "--json", "--as-of", "2024-03-31", stdout=out)
    found = {row["full_name"] for row in json.loads(out.getvalue())}
    assert {"Nguyễn Văn An", "Nguyễn Văn Bắc", "Nguyễn Thị Cúc", "Nguyễn Thị Lan"} <= found


def test_a_token_is_scoped_like_its_user_and_revocable(cells):
    secretary = cells.users["cell_secretary"]
    key = account_services.new_token(secretary)
    api = api_client(key)
    listed = {row["full_name"] for row in api.get("/api/v1/members/").json()["results"]}
    assert listed == names_at(cells, cells.a)
    outside = Member.objects.get(full_name="Nguyễn Văn Bắc")
    assert api.get(f"/api/v1/members/{outside.pk}/").status_code == 404
    # The earlier token was replaced: it no longer works.
    assert api_client(cells.tokens["cell_secretary"]).get("/api/v1/members/").status_code == 401
    account_services.revoke_token(secretary)
    response = api.get("/api/v1/members/")
    assert response.status_code == 401 and response.json()["detail"]
    # A deactivated account's token stops working too.
    key = account_services.new_token(secretary)
    assert api_client(key).get("/api/v1/members/").status_code == 200
    account_services.set_active(secretary, False)
    assert api_client(key).get("/api/v1/members/").status_code == 401


def test_a_token_cannot_open_the_pages(cells):
    """The web pages take the session only: a token is for the API."""
    response = Client(HTTP_AUTHORIZATION=f"Token {cells.tokens['cell_secretary']}").get("/members/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_password_login_reaches_only_the_cell(cells):
    client = Client()
    response = client.post("/login/", {"username": "cell_secretary", "password": PASSWORD})
    assert response.status_code == 302
    body = client.get("/members/").content.decode()
    assert "Nguyễn Văn An" in body and "Nguyễn Văn Bắc" not in body
