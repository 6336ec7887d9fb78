"""The development API: authentication, scoping by role, a step recorded through it, refusals, what is due,
the funnel, reminders, the holiday calendar, the core cell; and its schema without warnings."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dangvu.accounts import services as account_services
from dangvu.core.models import AuditEntry
from dangvu.development import services
from dangvu.development.choices import StepKind
from dangvu.development.models import CandidateStep, Holiday, Notification
from dangvu.members import services as member_services
from tests import factories as f

from .helpers import D, propose, to_verified, world

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.development.urls")]

BASE = "/api/v1/development"


def client_for(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def setup():
    w = world()
    other = f.org(parent=w["root"], code="CB-Z", name="Chi bộ Công ty Zeta", day=D(2010, 1, 1))
    mine = propose(w["cell"], name="Vũ Thị Hạnh", national_id="031195000111")
    theirs = propose(other, name="Đào Văn Tú", national_id="031195000222", enterprise_name="Công ty Zeta")
    users = {}
    for username, org, role in [
        ("bt_a", w["cell"], "cell_secretary"),
        ("bt_z", other, "cell_secretary"),
        ("btc", w["root"], "organization_board"),
        ("btv", w["root"], "standing_board"),
        ("doanthe", w["root"], "mass_org_officer"),
        ("thongke", w["root"], "statistics_viewer"),
    ]:
        users[username], _pw = account_services.add_user(username, organization=org, roles=[role])
    users["admin"], _pw = account_services.add_user("quantri", organization=None, roles=[], is_superuser=True)
    return {**w, "other": other, "mine": mine, "theirs": theirs, "users": users}


def test_anonymous_and_roles_without_candidates_are_refused(setup):
    assert APIClient().get(f"{BASE}/candidates/").status_code == 401
    assert client_for(setup["users"]["thongke"]).get(f"{BASE}/candidates/").status_code == 403
    assert client_for(setup["users"]["thongke"]).get(f"{BASE}/due/").status_code == 403


def test_each_role_sees_the_candidates_of_its_scope(setup):
    def names(username):
        response = client_for(setup["users"][username]).get(f"{BASE}/candidates/")
        assert response.status_code == 200
        return sorted(row["full_name"] for row in response.json()["results"])

    assert names("bt_a") == ["Vũ Thị Hạnh"]
    assert names("bt_z") == ["Đào Văn Tú"]
    for username in ("btc", "btv", "doanthe", "admin"):
        assert names(username) == ["Vũ Thị Hạnh", "Đào Văn Tú"] or names(username) == [
            "Đào Văn Tú",
            "Vũ Thị Hạnh",
        ]
    board = client_for(setup["users"]["btc"])
    rows = board.get(f"{BASE}/candidates/", {"enterprise": "Zeta"}).json()["results"]
    assert [row["full_name"] for row in rows] == ["Đào Văn Tú"]
    rows = board.get(
        f"{BASE}/candidates/", {"org": "CB-A", "stage": "proposed", "source": "trade_union"}
    ).json()
    assert [row["full_name"] for row in rows["results"]] == ["Vũ Thị Hạnh"]
    # Outside the scope: not found, not forbidden.
    outsider = client_for(setup["users"]["bt_z"])
    assert outsider.get(f"{BASE}/candidates/{setup['mine'].pk}/").status_code == 404
    assert outsider.post(f"{BASE}/candidates/{setup['mine'].pk}/steps/", {}, format="json").status_code == 404


def test_the_list_leaves_personal_data_out_and_the_page_shows_it(setup):
    client = client_for(setup["users"]["bt_a"])
    row = client.get(f"{BASE}/candidates/", {"search": "hanh"}).json()["results"][0]
    assert "national_id" not in row and "birth_date" not in row and "phone" not in row
    assert row["preparing_organization"] == "CB-A" and row["stage"] == StepKind.PROPOSED
    page = client.get(f"{BASE}/candidates/{setup['mine'].pk}/").json()
    assert page["national_id"] == "031195000111"
    assert page["next_steps"][0] == StepKind.TRAINED
    assert [s["kind"] for s in page["steps"]] == [StepKind.PROPOSED]


def test_a_step_recorded_through_the_api(setup):
    client = client_for(setup["users"]["bt_a"])
    url = f"{BASE}/candidates/{setup['mine'].pk}/steps/"
    response = client.post(
        url, {"kind": "trained", "date": "2023-02-10", "certificate_number": "101/GCN"}, format="json"
    )
    assert response.status_code == 201, response.json()
    step = CandidateStep.objects.get(pk=response.json()["id"])
    assert (step.kind, step.decision_number, step.recorded_by) == (StepKind.TRAINED, "101/GCN", "bt_a")
    assert AuditEntry.objects.filter(
        object_type="development.CandidateStep", object_id=str(step.pk), username="bt_a"
    )
    assert client.get(url).json()[-1]["kind"] == StepKind.TRAINED

    # A refused step: 400 with the service's Vietnamese message, nothing written.
    count = CandidateStep.objects.count()
    response = client.post(
        url, {"kind": "cell_vote", "date": "2023-03-01", "members_present": 3}, format="json"
    )
    assert response.status_code == 400
    assert "Chưa ghi bước" in response.json()["non_field_errors"][0]
    assert CandidateStep.objects.count() == count

    # Introductions with a member outside the user's scope: that member is not named.
    outsider_member = f.member(setup["other"], D(2015, 1, 1), name="Ông Ngoài Phạm Vi")
    member_services.recognize(outsider_member, D(2016, 1, 1))
    client.post(url, {"kind": "applied", "date": "2023-03-01"}, format="json")
    response = client.post(
        url,
        {
            "kind": "introduced",
            "date": "2023-03-10",
            "introducers": [
                {"kind": "trade_union_executive", "body_name": "BCH CĐCS Alpha"},
                {"kind": "member", "member": outsider_member.pk, "known_since": "2020-01-01"},
            ],
        },
        format="json",
    )
    assert response.status_code == 400 and "Ông Ngoài" not in str(response.json())
    response = client.post(
        url,
        {
            "kind": "introduced",
            "date": "2023-03-10",
            "introducers": [
                {"kind": "trade_union_executive", "body_name": "BCH CĐCS Alpha"},
                {"kind": "member", "member": setup["members"][0].pk, "known_since": "2020-01-01"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert len(response.json()["introductions"]) == 2


def test_reading_roles_cannot_write_and_mass_org_officers_can(setup):
    url = f"{BASE}/candidates/{setup['mine'].pk}/steps/"
    payload = {"kind": "trained", "date": "2023-02-10", "certificate_number": "1"}
    assert client_for(setup["users"]["btv"]).post(url, payload, format="json").status_code == 403
    assert client_for(setup["users"]["doanthe"]).post(url, payload, format="json").status_code == 201


def test_propose_a_candidate_through_the_api_in_scope_only(setup):
    client = client_for(setup["users"]["bt_a"])
    payload = {
        "full_name": "Trịnh Thị Yến",
        "gender": "female",
        "birth_date": "1997-04-02",
        "national_id": "031197000333",
        "source": "youth_union",
        "preparing_organization": "CB-Z",
        "date": "2023-04-01",
        "enterprise_name": "Công ty TNHH Alpha",
    }
    response = client.post(f"{BASE}/candidates/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"preparing_organization": ["Không có tổ chức mã “CB-Z”."]}
    response = client.post(
        f"{BASE}/candidates/", {**payload, "preparing_organization": "CB-A"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["source"] == "youth_union"
    patch = client.patch(
        f"{BASE}/candidates/{response.json()['id']}/", {"phone": "0912 345 678"}, format="json"
    )
    assert patch.status_code == 200 and patch.json()["phone"] == "0912 345 678"


def test_void_the_latest_step(setup):
    step = services.record_training(setup["mine"], date=D(2023, 2, 10), certificate_number="1")
    response = client_for(setup["users"]["bt_z"]).post(f"{BASE}/steps/{step.pk}/void/", {"reason": "x"})
    assert response.status_code == 404
    response = client_for(setup["users"]["bt_a"]).post(
        f"{BASE}/steps/{step.pk}/void/", {"reason": "Nhập nhầm"}
    )
    assert response.status_code == 200 and response.json()["is_void"]


def test_due_funnel_and_notifications(setup):
    to_verified(setup["mine"], setup["members"][0])
    services.record_cell_vote(setup["mine"], date=D(2023, 5, 5), members_present=3, votes_for=3)
    secretary = client_for(setup["users"]["bt_a"])
    due = secretary.get(f"{BASE}/due/", {"on": "2023-08-01"}).json()
    assert [(i["kind"], i["overdue"], i["organization"]) for i in due] == [("decision", True, "CB-A")]
    theirs = client_for(setup["users"]["bt_z"]).get(f"{BASE}/due/", {"on": "2023-08-01"}).json()
    assert [(i["candidate_name"], i["kind"]) for i in theirs] == [("Đào Văn Tú", "stalled")]

    funnel = client_for(setup["users"]["btc"]).get(
        f"{BASE}/funnel/", {"from": "2023-01-01", "to": "2023-12-31"}
    )
    assert funnel.status_code == 200
    assert (funnel.json()["org"], funnel.json()["proposed"], funnel.json()["voted"]) == ("ROOT", 2, 1)
    own = secretary.get(f"{BASE}/funnel/", {"from": "2023-01-01", "to": "2023-12-31"}).json()
    assert (own["org"], own["proposed"]) == ("CB-A", 1)
    assert (
        secretary.get(
            f"{BASE}/funnel/", {"org": "CB-Z", "from": "2023-01-01", "to": "2023-12-31"}
        ).status_code
        == 404
    )
    bad = secretary.get(f"{BASE}/funnel/", {"from": "2023-12-31", "to": "2023-01-01"})
    assert bad.status_code == 400

    call_command("remind", "--date", "2023-08-01", stdout=io.StringIO())
    notes = secretary.get(f"{BASE}/notifications/").json()["results"]
    assert [n["kind"] for n in notes] == ["decision"]
    read = secretary.post(f"{BASE}/notifications/{notes[0]['id']}/read/")
    assert read.status_code == 200 and read.json()["read_at"]
    assert secretary.get(f"{BASE}/notifications/", {"unread": "1"}).json()["results"] == []
    other_note = Notification.objects.get(user=setup["users"]["bt_z"])
    assert secretary.post(f"{BASE}/notifications/{other_note.pk}/read/").status_code == 404


def test_holidays_are_kept_by_rule_administrators(setup):
    board = client_for(setup["users"]["btc"])
    assert board.get(f"{BASE}/holidays/", {"year": "2024"}).json()["count"] >= 10
    assert board.post(f"{BASE}/holidays/", {"date": "2030-01-02", "name": "Thử"}).status_code == 403
    admin = client_for(setup["users"]["admin"])
    created = admin.post(f"{BASE}/holidays/", {"date": "2030-01-02", "name": "Thử"})
    assert created.status_code == 201
    assert admin.delete(f"{BASE}/holidays/{created.json()['id']}/").status_code == 204
    assert not Holiday.objects.filter(date=D(2030, 1, 2)).exists()


def test_found_a_cell_from_the_core_cell_through_the_api(setup):
    core = setup["core"]
    people = [f.member(core, D(2018, 3, 1), name=n) for n in ("Phan Văn Sơn", "Vương Thị Tâm", "Kiều Văn Uy")]
    for person in people:
        member_services.recognize(person, D(2019, 3, 1))
    payload = {
        "enterprise_name": "Công ty TNHH Beta",
        "code": "CB-BETA",
        "name": "Chi bộ Công ty TNHH Beta",
        "date": "2022-06-01",
        "decision_number": "15-QĐ/ĐU",
        "members": [p.pk for p in people],
    }
    assert (
        client_for(setup["users"]["bt_a"])
        .post(f"{BASE}/core-cell/found/", payload, format="json")
        .status_code
        == 403
    )
    response = client_for(setup["users"]["btc"]).post(f"{BASE}/core-cell/found/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json() == {"organization": "CB-BETA", "transferred": 3, "reassigned": 0, "warnings": []}


def test_the_schema_has_no_warnings():
    with override_settings(ROOT_URLCONF="tests.development.urls"):
        out = io.StringIO()
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null", stderr=out)
