import pytest

from dangvu.core.models import AuditEntry
from dangvu.organizations import services
from dangvu.organizations.models import Organization, OrganizationEvent

from .conftest import D

pytestmark = pytest.mark.django_db

URL = "/api/v1/organizations/"


def codes(response):
    assert response.status_code == 200, response.json()
    return [row["code"] for row in response.json()["results"]]


def test_list_now_and_on_a_date(api, committee):
    assert codes(api.get(URL, {"ordering": "code"})) == ["CB-A", "CB-B", "CB-C1", "DB-C", "ROOT"]
    # CB-B was founded in 2012.
    assert codes(api.get(URL, {"ordering": "code", "as_of": "2011-12-31"})) == [
        "CB-A",
        "CB-C1",
        "DB-C",
        "ROOT",
    ]
    assert codes(api.get(URL, {"as_of": "1999-01-01"})) == []


def test_state_on_a_date_follows_the_history(api, committee):
    services.rename(committee.a, D(2020, 1, 1), "7-QĐ/ĐU", "Chi bộ Công ty Hoàng Gia")
    services.move(committee.b, D(2021, 1, 1), "8-QĐ/ĐU", None, external_parent="Thành ủy")
    before = api.get(f"{URL}CB-A/", {"as_of": "2019-12-31"}).json()
    after = api.get(f"{URL}CB-A/").json()
    assert before["name"] == "Chi bộ Công ty Ánh Dương" and before["as_of"] == "2019-12-31"
    assert after["name"] == "Chi bộ Công ty Hoàng Gia" and after["as_of"] is None
    assert api.get(f"{URL}CB-B/", {"as_of": "2020-06-01"}).json()["parent"] == "ROOT"
    moved = api.get(f"{URL}CB-B/", {"as_of": "2021-06-01"}).json()
    assert (moved["parent"], moved["external_parent"], moved["exists"]) == (None, "Thành ủy", True)
    not_yet = api.get(f"{URL}CB-B/", {"as_of": "2011-06-01"}).json()
    assert not_yet["exists"] is False
    # Search by the name of that date.
    assert codes(api.get(URL, {"search": "anh duong", "as_of": "2019-12-31"})) == ["CB-A"]
    assert codes(api.get(URL, {"search": "anh duong"})) == []
    assert codes(api.get(URL, {"search": "HOANG gia"})) == ["CB-A"]


def test_filters(api, committee):
    assert codes(api.get(URL, {"kind": "subordinate_cell"})) == ["CB-C1"]
    assert codes(api.get(URL, {"sector": "administrative", "ordering": "code"})) == ["CB-B", "ROOT"]
    assert codes(api.get(URL, {"parent": "DB-C"})) == ["CB-C1"]
    assert codes(api.get(URL, {"parent": "ROOT", "as_of": "2010-01-01", "ordering": "code"})) == [
        "CB-A",
        "DB-C",
    ]
    assert codes(api.get(URL, {"search": "dang bo"})) == ["DB-C"]
    assert codes(api.get(URL, {"search": "cb-c"})) == ["CB-C1"]
    response = api.get(URL, {"kind": "nothing", "parent": "NOPE", "as_of": "2024-02-30"})
    assert response.status_code == 400 and set(response.json()) == {"kind", "parent", "as_of"}


def test_found_through_the_api(api, committee, admin_user):
    body = {
        "date": "2024-02-01",
        "decision_number": "15-QĐ/ĐU",
        "code": "CB-MOI",
        "name": "Chi bộ  Công ty Mới",
        "kind": "grassroots_cell",
        "sector": "enterprise",
        "enterprise_kind": "foreign_invested",
        "parent": "ROOT",
    }
    response = api.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["code"], data["name"], data["parent"], data["founded_on"]) == (
        "CB-MOI",
        "Chi bộ Công ty Mới",
        "ROOT",
        "2024-02-01",
    )
    entry = AuditEntry.objects.filter(kind="event").order_by("-id").first()
    assert entry.object_repr.startswith("Thành lập CB-MOI")
    assert entry.username == admin_user.username
    # The same code again, and a subordinate cell directly under the upper committee: refused, nothing written.
    count = OrganizationEvent.objects.count()
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["Mã tổ chức CB-MOI đã có: chọn mã khác."]
    response = api.post(URL, {**body, "code": "CB-X", "kind": "subordinate_cell"}, format="json")
    assert response.status_code == 400
    assert "không thể trực thuộc" in response.json()["non_field_errors"][0]
    assert (
        OrganizationEvent.objects.count() == count and not Organization.objects.filter(code="CB-X").exists()
    )


def test_decisions_through_the_api(api, committee):
    response = api.post(
        f"{URL}CB-A/rename/", {"date": "2024-01-02", "name": "Chi bộ Công ty Sao Mai"}, format="json"
    )
    assert response.status_code == 200 and response.json()["name"] == "Chi bộ Công ty Sao Mai"
    response = api.post(f"{URL}CB-A/move/", {"date": "2024-01-03", "parent": "DB-C"}, format="json")
    assert response.status_code == 400  # a grassroots cell cannot stand under a grassroots committee
    assert "không thể trực thuộc" in response.json()["non_field_errors"][0]
    response = api.post(
        f"{URL}CB-A/change-kind/", {"date": "2024-01-03", "kind": "subordinate_cell"}, format="json"
    )
    assert response.status_code == 400
    response = api.post(f"{URL}CB-C1/move/", {"date": "2024-01-04", "parent": "ROOT"}, format="json")
    assert response.status_code == 400
    # Cells with members cannot be dissolved; an empty one can.
    response = api.post(
        f"{URL}CB-A/dissolve/", {"date": "2024-01-05", "decision_number": "20"}, format="json"
    )
    assert response.status_code == 400 and "còn đảng viên" in response.json()["non_field_errors"][0]
    empty = api.post(
        URL,
        {"date": "2024-01-01", "code": "CB-E", "name": "Chi bộ E", "kind": "grassroots_cell", "sector": "enterprise",
         "parent": "ROOT"},
        format="json",
    )  # fmt: skip
    assert empty.status_code == 201
    response = api.post(
        f"{URL}CB-E/dissolve/", {"date": "2024-01-05", "decision_number": "21"}, format="json"
    )
    assert response.status_code == 200 and response.json()["exists"] is False
    assert response.json()["ended_on"] == "2024-01-05"
    history = api.get(f"{URL}CB-A/events/").json()["results"]
    assert [(e["kind"], e["name"]) for e in history] == [
        ("founded", "Chi bộ Công ty Ánh Dương"),
        ("renamed", "Chi bộ Công ty Sao Mai"),
    ]
    assert (
        api.post(f"{URL}NOPE/rename/", {"date": "2024-01-02", "name": "x"}, format="json").status_code == 404
    )
    response = api.post(f"{URL}CB-A/rename/", {"name": "Thiếu ngày"}, format="json")
    assert response.status_code == 400 and "date" in response.json()
