import json

import pytest
from django.test import Client

from dangvu.accounts.models import User
from dangvu.figures.stats import statistics
from dangvu.members.models import Member

from .conftest import D, client_for, user_with_role

pytestmark = pytest.mark.django_db

STATS = "/api/v1/statistics/"


def plain(data):
    return json.loads(json.dumps(data))


def test_statistics_is_exactly_figures_stats(api, committee):
    response = api.get(STATS, {"org": "ROOT", "as_of": "2024-03-31"})
    assert response.status_code == 200
    assert response.json() == plain(statistics(committee.root, D(2024, 3, 31)))
    data = response.json()
    assert data["members"]["total"] == 5 and data["organizations"]["direct_subordinates"] == 3
    with_period = api.get(STATS, {"org": "DB-C", "as_of": "2024-03-31", "from": "2010-01-01"}).json()
    assert with_period == plain(statistics(committee.c, D(2024, 3, 31), period_from=D(2010, 1, 1)))
    assert with_period["period"]["admitted"] == 2
    # Without org: the root; without as_of: today.
    assert api.get(STATS).json()["org"] == "ROOT"


def test_statistics_shape_matches_its_schema(api, committee):
    from dangvu.api.serializers import StatisticsSerializer

    data = api.get(STATS, {"as_of": "2024-03-31", "from": "2024-01-01"}).json()
    fields = StatisticsSerializer().fields
    assert set(fields) == set(data)
    for name in ("members", "organizations", "in_year", "period"):
        assert set(fields[name].fields) == set(data[name]), name


def test_statistics_errors(api, committee):
    response = api.get(STATS, {"org": "NOPE", "as_of": "2024-31-03"})
    assert response.status_code == 400
    assert response.json()["org"] == ["Không có tổ chức mã “NOPE”."] and "as_of" in response.json()
    response = api.get(STATS, {"as_of": "2024-03-31", "from": "2024-04-01"})
    assert response.json() == {"from": ["Đầu kỳ phải trước hoặc bằng ngày xem (as_of)."]}


def test_authentication_is_required(committee):
    anonymous = Client()
    for url in ("/api/v1/members/", "/api/v1/organizations/", "/api/v1/events/", STATS):
        response = anonymous.get(url)
        assert response.status_code == 401, url
        assert response.json()["detail"]
    response = Client().post("/api/v1/members/", {}, content_type="application/json")
    assert response.status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert bad.get("/api/v1/members/").status_code == 401


def test_token_and_session_authentication(committee, admin_user):
    assert client_for(admin_user).get("/api/v1/members/").status_code == 200
    session = Client()
    session.force_login(admin_user)
    assert session.get("/api/v1/members/").status_code == 200


def test_roles_decide_what_a_user_sees_and_writes(committee):
    # A cell secretary of CB-A sees the members of CB-A only, and its figures.
    secretary = client_for(user_with_role("bithu", "cell_secretary", committee.a))
    names = [r["full_name"] for r in secretary.get("/api/v1/members/").json()["results"]]
    assert names == ["Nguyên Văn An", "Nguyễn Thị Hằng"]
    assert secretary.get(f"/api/v1/members/{committee.binh.pk}/").status_code == 404
    assert secretary.get(f"/api/v1/members/{committee.hang.pk}/").status_code == 200
    assert secretary.get(STATS, {"as_of": "2024-03-31"}).json()["org"] == "CB-A"
    assert secretary.get(STATS, {"org": "ROOT"}).status_code == 400
    orgs = secretary.get("/api/v1/organizations/").json()["results"]
    assert [o["code"] for o in orgs] == ["CB-A"]
    assert secretary.get("/api/v1/organizations/CB-B/").status_code == 404
    assert secretary.post("/api/v1/organizations/CB-A/rename/", {}, format="json").status_code == 403
    events = secretary.get("/api/v1/events/").json()["results"]
    assert {e["member"] for e in events} == {committee.hang.pk, committee.an.pk, committee.gone.pk}
    # ... and records events only into organizations in that scope.
    response = secretary.post(
        f"/api/v1/members/{committee.hang.pk}/events/",
        {"kind": "transfer", "date": "2024-01-10", "to_organization": "CB-B"},
        format="json",
    )
    assert response.status_code == 400 and response.json() == {
        "to_organization": ["Không có tổ chức mã “CB-B”."]
    }
    # A statistics viewer sees figures but no member, and cannot write.
    viewer = client_for(user_with_role("thongke", "statistics_viewer", committee.root))
    assert viewer.get(STATS, {"as_of": "2024-03-31"}).json()["members"]["total"] == 5
    assert viewer.get("/api/v1/members/").status_code == 403
    count = Member.objects.count()
    assert viewer.post("/api/v1/members/", {"full_name": "X"}, format="json").status_code == 403
    assert viewer.post("/api/v1/organizations/CB-A/rename/", {}, format="json").status_code == 403
    assert Member.objects.count() == count
    # A user without any role gets nothing.
    nobody = client_for(
        User.objects.create_user("khongvaitro", password="mat-khau-dai-1", organization=committee.a)
    )
    for url in ("/api/v1/members/", "/api/v1/organizations/", "/api/v1/events/", STATS):
        assert nobody.get(url).status_code == 403, url
