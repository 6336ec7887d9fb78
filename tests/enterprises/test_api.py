"""The enterprises API: authentication, roles, scope (404 outside it), writes through the services."""

import pytest
from rest_framework.test import APIClient

from dangvu.core.models import AuditEntry
from dangvu.enterprises.models import Enterprise, MassOrganization, PartyCoverage, WorkforceSnapshot
from dangvu.figures.coverage import as_json, coverage
from tests.api.conftest import client_for, user_with_role

from .conftest import D
from .test_coverage import DAY, Zone2022

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.enterprises.urls")]
URL = "/api/v1/enterprises/"


@pytest.fixture
def built():
    return Zone2022()


@pytest.fixture
def officer(built):
    """A mass-organization officer of the Committee: every enterprise."""
    return client_for(user_with_role("congdoan", "mass_org_officer", built.root))


@pytest.fixture
def cell_officer(built):
    """A mass-organization officer whose account belongs to cell C1: only the enterprise C1 covers."""
    return client_for(user_with_role("congdoan_c1", "mass_org_officer", built.c1))


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_anonymous_and_roles_without_permission_are_refused(built):
    assert APIClient().get(URL).status_code == 401
    assert APIClient().get(URL + "coverage/").status_code == 401
    propaganda = client_for(user_with_role("tuyengiao", "propaganda_board", built.root))
    for path in ("", "zones/", "mass-organizations/", "workforce/", "membership/", "party-coverage/"):
        assert propaganda.get(URL + path).status_code == 403, path
    assert propaganda.post(URL, {"name": "X"}, format="json").status_code == 403
    # Aggregate figures are theirs to see.
    assert propaganda.get(URL + "coverage/", {"as_of": "2022-09-10"}).status_code == 200
    viewer = client_for(user_with_role("thongke", "standing_board", built.root))
    assert viewer.get(URL).status_code == 200
    assert (
        viewer.post(
            URL + "zones/", {"code": "X", "name": "X", "kind": "industrial"}, format="json"
        ).status_code
        == 403
    )


def test_list_is_searchable_filterable_and_in_vietnamese_order(built, officer):
    # By the name without its legal form: Bao bì < Cảng < Cơ khí < Điện tử < Thực phẩm.
    assert names(officer.get(URL)) == [
        "Công ty TNHH Bao bì Tân Tiến",
        "Công ty Cổ phần Cảng Đông Hải",
        "Công ty TNHH Cơ khí Bình Minh",
        "Công ty TNHH Điện tử Ánh Dương",
        "Công ty TNHH Thực phẩm Hải Hà",
    ]
    assert names(officer.get(URL, {"search": "anh duong"})) == ["Công ty TNHH Điện tử Ánh Dương"]
    assert names(officer.get(URL, {"search": built.e2.tax_code})) == ["Công ty TNHH Cơ khí Bình Minh"]
    assert names(officer.get(URL, {"zone": "BD", "status": "operating", "as_of": "2022-09-10"})) == [
        "Công ty Cổ phần Cảng Đông Hải"
    ]
    assert len(names(officer.get(URL, {"country": "JP"}))) == 2
    row = officer.get(URL, {"search": "tan tien", "as_of": "2021-03-01"}).json()["results"][0]
    assert (row["status"], row["countries"], row["zone"], row["ownership"]) == (
        "licensed",
        ["SG", "JP"],
        "BD",
        "joint_venture",
    )
    assert officer.get(URL, {"status": "nope"}).status_code == 400


def test_scope_a_cell_officer_sees_only_the_enterprises_of_the_cell(built, cell_officer):
    assert names(cell_officer.get(URL)) == ["Công ty TNHH Điện tử Ánh Dương"]
    assert cell_officer.get(f"{URL}{built.e2.pk}/").status_code == 404
    assert cell_officer.get(f"{URL}{built.e1.pk}/").status_code == 200
    orgs = cell_officer.get(URL + "mass-organizations/").json()["results"]
    assert {o["name"] for o in orgs} == {built.union1.name, built.youth1.name}
    assert cell_officer.get(f"{URL}mass-organizations/{built.union2.pk}/").status_code == 404
    # Writing into an enterprise outside the scope: "not found", nothing written.
    response = cell_officer.post(
        URL + "workforce/", {"enterprise": built.e2.pk, "date": "2023-01-01", "workers": 40}, format="json"
    )
    assert response.status_code == 400 and "Không tìm thấy mã" in response.json()["enterprise"][0]
    # An enterprise that belongs to no party organization is the Committee's to add.
    response = cell_officer.post(
        URL,
        {
            "name": "Công ty Mới",
            "tax_code": "0209999999",
            "ownership": "foreign",
            "industry": "other",
            "countries": ["JP"],
            "date": "2023-01-01",
        },
        format="json",
    )
    assert response.status_code == 403
    # The figures cover the cell's enterprise only.
    data = cell_officer.get(URL + "coverage/", {"as_of": "2022-09-10"}).json()
    assert data["enterprises"]["total"] == 1 and data["unions"]["members"] == 760
    assert data["zone_organizations"] == [] and data["union_without_party"] == []


def test_writes_go_through_the_services_and_are_audited(built, officer):
    response = officer.post(
        URL,
        {
            "name": "Công ty TNHH Linh kiện Sao Mai",
            "tax_code": "0201234567001",
            "zone": "AH",
            "ownership": "foreign",
            "industry": "electronics",
            "countries": ["TW"],
            "status": "licensed",
            "date": "2023-02-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["tax_code"], created["status"], created["countries"]) == (
        "0201234567-001",
        "licensed",
        ["TW"],
    )
    entry = AuditEntry.objects.filter(object_type="enterprises.Enterprise").latest("id")
    assert entry.username == "congdoan" and entry.kind == "create"
    pk = created["id"]
    # A refusal of the service comes back as a 400 with its message, and writes nothing.
    count = AuditEntry.objects.count()
    response = officer.patch(f"{URL}{pk}/", {"tax_code": "12345"}, format="json")
    assert response.status_code == 400 and "Mã số thuế “12345” không hợp lệ" in response.json()["tax_code"][0]
    assert AuditEntry.objects.count() == count
    assert officer.patch(f"{URL}{pk}/", {"address": "Lô B2, KCN An Hải"}, format="json").json()[
        "address"
    ] == ("Lô B2, KCN An Hải")
    response = officer.post(
        f"{URL}{pk}/status/", {"status": "operating", "date": "2023-09-01"}, format="json"
    )
    assert response.status_code == 201
    response = officer.post(f"{URL}{pk}/status/", {"status": "building", "date": "2023-05-01"}, format="json")
    assert response.status_code == 400 and "đính chính" in response.json()["date"][0]
    change = officer.get(f"{URL}{pk}/statuses/").json()[-1]
    response = officer.post(f"{URL}{pk}/statuses/{change['id']}/void/", {"reason": "Nhầm"}, format="json")
    assert response.status_code == 200 and response.json()["is_void"] is True

    snapshot = officer.post(
        URL + "workforce/",
        {"enterprise": pk, "date": "2023-06-30", "workers": 120, "women": 80},
        format="json",
    )
    assert snapshot.status_code == 201, snapshot.content
    sid = snapshot.json()["id"]
    assert officer.patch(f"{URL}workforce/{sid}/", {"workers": 130}, format="json").json()["workers"] == 130
    assert [r["workers"] for r in officer.get(URL + "workforce/", {"enterprise": pk}).json()["results"]] == [
        130
    ]
    assert officer.delete(f"{URL}workforce/{sid}/").status_code == 204
    assert not WorkforceSnapshot.objects.filter(enterprise_id=pk).exists()

    union = officer.post(
        URL + "mass-organizations/",
        {
            "kind": "trade_union",
            "name": "Công đoàn cơ sở Công ty Sao Mai",
            "enterprise": pk,
            "founded_on": "2023-03-01",
        },
        format="json",
    )
    assert union.status_code == 201, union.content
    uid = union.json()["id"]
    response = officer.post(
        URL + "membership/", {"organization": uid, "date": "2023-02-01", "members": 5}, format="json"
    )
    assert response.status_code == 400 and "không hoạt động ngày 01/02/2023" in response.json()["date"][0]
    assert (
        officer.post(
            URL + "membership/", {"organization": uid, "date": "2023-03-01", "members": 50}, format="json"
        ).status_code
        == 201
    )
    assert (
        officer.patch(f"{URL}mass-organizations/{uid}/", {"chair": "Phạm Thị Thu"}, format="json").json()[
            "chair"
        ]
        == "Phạm Thị Thu"
    )
    response = officer.post(f"{URL}mass-organizations/{uid}/dissolve/", {"date": "2023-02-15"}, format="json")
    assert response.status_code == 400
    response = officer.post(
        f"{URL}mass-organizations/{uid}/dissolve/",
        {"date": "2024-01-15", "decision_number": "3/QĐ"},
        format="json",
    )
    assert response.json()["dissolved_on"] == "2024-01-15"
    assert MassOrganization.objects.existing_on(D(2024, 1, 15)).filter(pk=uid).count() == 0

    link = officer.post(
        URL + "party-coverage/",
        {"organization": "C1", "enterprise": pk, "start": "2023-09-01"},
        format="json",
    )
    assert link.status_code == 201, link.content
    ended = officer.post(
        f"{URL}party-coverage/{link.json()['id']}/end/", {"end": "2023-12-01"}, format="json"
    )
    assert ended.json()["end"] == "2023-12-01"
    refused = officer.post(
        URL + "party-coverage/",
        {"organization": "NC", "enterprise": pk, "start": "2023-09-01"},
        format="json",
    )
    assert refused.status_code == 400 and "Chi bộ nòng cốt" in refused.json()["organization"][0]
    assert PartyCoverage.objects.filter(enterprise_id=pk).count() == 1


def test_zones(built, officer):
    assert [z["code"] for z in officer.get(URL + "zones/").json()["results"]] == ["AH", "BD"]
    response = officer.post(
        URL + "zones/", {"code": "dv", "name": "Khu công nghiệp Đình Vũ", "kind": "industrial"}, format="json"
    )
    assert response.status_code == 201 and response.json()["code"] == "DV"
    response = officer.post(
        URL + "zones/", {"code": "DV", "name": "Trùng", "kind": "industrial"}, format="json"
    )
    assert response.status_code == 400 and "đã có" in response.json()["code"][0]
    assert (
        officer.patch(URL + "zones/DV/", {"name": "KCN Đình Vũ"}, format="json").json()["name"]
        == "KCN Đình Vũ"
    )


def test_workplaces_are_seen_with_the_member(built):
    core_secretary = client_for(user_with_role("bt_nc", "cell_secretary", built.core))
    c1_secretary = client_for(user_with_role("bt_c1", "cell_secretary", built.c1))
    rows = core_secretary.get(URL + "workplaces/").json()["results"]
    assert [(r["member"], r["enterprise"]) for r in rows] == [(built.worker.pk, built.e2.pk)]
    assert c1_secretary.get(URL + "workplaces/").json()["results"] == []
    assert c1_secretary.get(f"{URL}workplaces/{rows[0]['id']}/").status_code == 404
    ended = core_secretary.post(f"{URL}workplaces/{rows[0]['id']}/end/", {"end": "2023-01-01"}, format="json")
    assert ended.status_code == 200 and ended.json()["end"] == "2023-01-01"
    # A member outside the secretary's scope cannot be named.
    response = c1_secretary.post(
        URL + "workplaces/",
        {"member": built.worker.pk, "enterprise": built.e1.pk, "start": "2023-02-01"},
        format="json",
    )
    assert response.status_code == 400 and "member" in response.json()
    response = core_secretary.post(
        URL + "workplaces/",
        {"member": built.worker.pk, "enterprise": built.e1.pk, "start": "2023-02-01"},
        format="json",
    )
    assert response.status_code == 201


def test_coverage_endpoint_is_the_figures_function(built, officer):
    response = officer.get(URL + "coverage/", {"as_of": "2022-09-10"})
    assert response.status_code == 200
    assert response.json() == as_json(coverage(DAY))
    assert response.json()["unions"]["percent_of_eligible"] == 100.0
    zone = officer.get(URL + "coverage/", {"as_of": "2022-09-10", "zone": "AH"}).json()
    assert zone["zone"] == "AH" and zone["enterprises"]["total"] == 2
    assert officer.get(URL + "coverage/", {"zone": "XX"}).status_code == 400
    assert Enterprise.objects.count() == 5
