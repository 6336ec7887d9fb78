"""/api/v1/targets/: the same services and figures as the pages, scoped the same way."""

import datetime

import pytest

from dangvu.targets.models import QualityRating, Target
from tests.api.conftest import client_for

from .conftest import user_with

D = datetime.date
pytestmark = pytest.mark.django_db

BASE = "/api/v1/targets/"


@pytest.fixture
def api(admin_user):
    return client_for(admin_user)


def create(api, **extra):
    data = {
        "receiver": "ROOT",
        "measure": "admissions",
        "period_kind": "year",
        "year": 2024,
        "number": 8,
        "assigner_name": "Ban Thường vụ Thành ủy",
        "document_number": "45-TB/TU",
        **extra,
    }
    return api.post(BASE, data, format="json")


def test_create_list_progress_and_split(api, committee):
    created = create(api)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    progress = api.get(f"{BASE}{pk}/progress/", {"as_of": "2024-03-31"}).json()
    assert (progress["reached"], progress["number"], progress["percent"], progress["percent_whole"]) == (
        3,
        8,
        37.5,
        38,
    )
    assert progress["pace"] == "ahead" and progress["expected_percent"] == 24.9
    listed = api.get(BASE, {"as_of": "2024-03-31", "org": "ROOT"}).json()
    assert listed["count"] == 1 and listed["results"][0]["progress"]["reached"] == 3
    refused = api.post(f"{BASE}{pk}/split/", {"parts": [{"receiver": "CB-A", "number": 2}]}, format="json")
    assert refused.status_code == 400
    assert "thấp hơn chỉ tiêu được giao (8)" in str(refused.json())
    split = api.post(
        f"{BASE}{pk}/split/",
        {"parts": [{"receiver": "CB-A", "number": 4}, {"receiver": "DB-C", "number": 4}]},
        format="json",
    )
    assert split.status_code == 200 and len(split.json()) == 2
    patched = api.patch(f"{BASE}{pk}/", {"number": 9}, format="json")
    assert patched.status_code == 400  # the parts add up to 8
    assert api.delete(f"{BASE}{pk}/").status_code == 204
    assert not Target.objects.exists()


def test_refusals_come_back_with_the_services_message(api, committee):
    response = create(api, assigner_name="")
    assert response.status_code == 400
    assert "Ghi cấp giao" in str(response.json()["assigner"])


def test_rating_entry_and_summary(api, committee):
    entries = [{"member": m.pk, "level": "excellent"} for m in committee.old[:2]]
    entries += [{"member": m.pk, "level": "good"} for m in committee.old[2:7]]
    refused = api.post(
        f"{BASE}ratings/entry/", {"org": "CB-A", "year": 2023, "entries": entries}, format="json"
    )
    assert refused.status_code == 400
    assert "vượt mức tối đa 20%" in str(refused.json())
    assert not QualityRating.objects.exists()
    entries[1]["level"] = "good"
    done = api.post(f"{BASE}ratings/entry/", {"org": "CB-A", "year": 2023, "entries": entries}, format="json")
    assert done.status_code == 200 and len(done.json()) == 7
    summary = api.get(f"{BASE}ratings/summary/", {"org": "ROOT", "year": 2023}).json()
    assert summary["members"]["by_level"] == {"excellent": 1, "good": 6, "complete": 0, "not_complete": 0}
    assert summary["regulation"] == "124-QĐ/TW"
    listed = api.get(f"{BASE}ratings/", {"year": 2023, "level": "excellent"}).json()
    assert listed["count"] == 1


def test_criteria_scores_ranking_and_commendations(api, committee):
    criterion = api.post(
        f"{BASE}criteria/",
        {"owner": "ROOT", "year": 2024, "name": "Sinh hoạt", "kind": "manual", "max_points": "30"},
        format="json",
    )
    assert criterion.status_code == 201
    pk = criterion.json()["id"]
    scored = api.post(
        f"{BASE}criteria/{pk}/scores/",
        {"scores": [{"organization": "CB-A", "points": "25.5", "evidence": "Biên bản"}]},
        format="json",
    )
    assert scored.status_code == 200
    ranking = api.get(f"{BASE}ranking/", {"org": "ROOT", "year": 2024}).json()
    assert ranking["rows"][0]["org"] == "CB-A" and ranking["rows"][0]["total"] == 25.5
    decision = api.post(
        f"{BASE}commendations/",
        {
            "number": "86-QĐ/ĐU",
            "date": "2024-06-14",
            "issuer": "Đảng ủy",
            "form": "Giấy khen",
            "reason": "28-NQ/TU",
            "collectives": ["CB-A"],
            "individuals": [committee.old[0].pk],
        },
        format="json",
    )
    assert decision.status_code == 201, decision.json()
    assert len(decision.json()["recipients"]) == 2


def test_access(committee):
    nobody = client_for(user_with("khong-quyen", committee.root, ["organizations.view"]))
    assert nobody.get(BASE).status_code == 403
    assert nobody.get(f"{BASE}ratings/").status_code == 403
    assert nobody.get(f"{BASE}commendations/").status_code == 403
    admin = client_for(
        user_with("qt-ct", committee.root, ["targets.view", "targets.change", "organizations.view"])
    )
    root_target = create(admin).json()["id"]
    cell = client_for(
        user_with("bithu", committee.a, ["targets.view", "targets.change", "organizations.view"])
    )
    assert cell.get(f"{BASE}{root_target}/").status_code == 404
    assert cell.get(BASE).json()["count"] == 0
    # A target for an organization outside the scope cannot be created ("not found").
    outside = create(cell, receiver="DB-C")
    assert outside.status_code == 400 and "DB-C" in str(outside.json()["receiver"])
    viewer = client_for(user_with("xem", committee.root, ["targets.view"]))
    assert viewer.get(f"{BASE}{root_target}/").status_code == 200
    assert viewer.delete(f"{BASE}{root_target}/").status_code == 403


def test_a_receiver_cannot_rewrite_its_part_through_the_api(api, committee):
    pk = create(api).json()["id"]
    api.post(f"{BASE}{pk}/split/", {"parts": [{"receiver": "CB-A", "number": 8}]}, format="json")
    part = Target.objects.get(parent_id=pk)
    cell = client_for(
        user_with("bithu-api", committee.a, ["targets.view", "targets.change", "organizations.view"])
    )
    assert cell.get(f"{BASE}{part.pk}/").status_code == 200
    assert cell.patch(f"{BASE}{part.pk}/", {"number": 20}, format="json").status_code == 403
    assert cell.delete(f"{BASE}{part.pk}/").status_code == 403
    assert api.patch(f"{BASE}{part.pk}/", {"number": 9}, format="json").status_code == 200
