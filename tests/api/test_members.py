import datetime

import pytest

from dangvu.core.models import AuditEntry
from dangvu.members.models import Member, MembershipEvent

from .conftest import D

pytestmark = pytest.mark.django_db

URL = "/api/v1/members/"


def names(response):
    assert response.status_code == 200, response.json()
    return [row["full_name"] for row in response.json()["results"]]


def test_list_is_members_on_the_date_in_vietnamese_order(api, committee):
    # Given names An, Bình, Dũng, Đức, Hằng: a < b < d < đ < h; the one who left is not a member.
    assert names(api.get(URL)) == [
        "Nguyên Văn An",
        "Trần Văn Bình",
        "Phạm Văn Dũng",
        "Lê Văn Đức",
        "Nguyễn Thị Hằng",
    ]
    assert names(api.get(URL, {"ordering": "-name"}))[0] == "Nguyễn Thị Hằng"
    # On 31/12/2015: Hằng, Dũng and Cường (who left in 2022); Bình came in 2016, Đức in 2023.
    assert names(api.get(URL, {"as_of": "2015-12-31"})) == [
        "Hoàng Văn Cường",
        "Phạm Văn Dũng",
        "Nguyễn Thị Hằng",
    ]


def test_each_member_shows_where_and_how_they_belong_on_the_date(api, committee):
    rows = {r["full_name"]: r for r in api.get(URL, {"as_of": "2024-03-31"}).json()["results"]}
    duc = rows["Lê Văn Đức"]
    assert (duc["organization"], duc["status"], duc["admitted_on"], duc["recognized_on"]) == (
        "CB-C1",
        "probationary",
        "2023-06-01",
        None,
    )
    hang = rows["Nguyễn Thị Hằng"]
    assert (hang["organization"], hang["status"], hang["recognized_on"], hang["as_of"]) == (
        "CB-A",
        "full",
        "2016-05-04",
        "2024-03-31",
    )
    # Personal data are masked in lists (POST .../reveal/ gives them in full, recorded).
    assert hang["birth_date"] == "1990-**-**" and hang["national_id"] == "********0001"


def test_org_filter_includes_everything_under_it(api, committee):
    assert names(api.get(URL, {"org": "DB-C"})) == ["Phạm Văn Dũng", "Lê Văn Đức"]
    assert names(api.get(URL, {"org": "CB-C1", "as_of": "2020-01-01"})) == ["Phạm Văn Dũng"]
    assert names(api.get(URL, {"org": "ROOT", "as_of": "2009-12-31"})) == []
    response = api.get(URL, {"org": "KHONG-CO"})
    assert response.status_code == 400
    assert response.json()["org"] == ["Không có tổ chức mã “KHONG-CO”."]


def test_search_ignores_case_and_marks(api, committee):
    assert names(api.get(URL, {"search": "nguyen thi hang"})) == ["Nguyễn Thị Hằng"]
    assert names(api.get(URL, {"search": "NGUYEN"})) == ["Nguyên Văn An", "Nguyễn Thị Hằng"]
    assert names(api.get(URL, {"search": "hang nguyen"})) == ["Nguyễn Thị Hằng"]
    # "d" finds "đ" too.
    assert names(api.get(URL, {"search": "duc"})) == ["Lê Văn Đức"]
    assert names(api.get(URL, {"search": "d"})) == ["Phạm Văn Dũng", "Lê Văn Đức"]


def test_status_gender_and_sector_filters(api, committee):
    on = {"as_of": "2024-03-31"}
    assert names(api.get(URL, {**on, "status": "probationary"})) == ["Lê Văn Đức"]
    assert len(names(api.get(URL, {**on, "status": "full"}))) == 4
    assert names(api.get(URL, {**on, "gender": "female"})) == ["Nguyễn Thị Hằng"]
    assert names(api.get(URL, {**on, "sector": "administrative"})) == ["Trần Văn Bình"]
    # The day before her recognition (04/05/2016) Hằng was probationary, like Bình (admitted 01/03/2016).
    assert names(api.get(URL, {"as_of": "2016-05-03", "status": "probationary"})) == [
        "Trần Văn Bình",
        "Nguyễn Thị Hằng",
    ]
    assert names(api.get(URL, {"as_of": "2016-05-04", "status": "probationary"})) == ["Trần Văn Bình"]
    response = api.get(URL, {"status": "ended", "gender": "x", "as_of": "31/03/2024"})
    assert response.status_code == 400
    assert set(response.json()) == {"status", "gender", "as_of"}


def test_pagination(api, committee):
    page = api.get(URL, {"page_size": 2}).json()
    assert page["count"] == 5 and len(page["results"]) == 2 and page["next"]
    second = api.get(page["next"]).json()
    assert [r["full_name"] for r in second["results"]] == ["Phạm Văn Dũng", "Lê Văn Đức"]


def test_retrieve_on_a_date(api, committee):
    response = api.get(f"{URL}{committee.gone.pk}/")
    assert response.status_code == 200
    assert response.json()["status"] is None and response.json()["organization"] is None
    response = api.get(f"{URL}{committee.gone.pk}/", {"as_of": "2020-01-01"})
    assert (response.json()["organization"], response.json()["status"]) == ("CB-A", "full")
    assert api.get(f"{URL}999999/").status_code == 404


def new_member(**changes):
    body = {
        "full_name": "  Vũ   Thị Ánh ",
        "gender": "female",
        "birth_date": "1995-04-30",
        "national_id": "031195000123",
        "ethnicity": "Kinh",
        "first_event": {
            "kind": "admission",
            "date": "2023-03-01",
            "ceremony_date": "2023-03-10",
            "organization": "CB-A",
            "decision_number": "12-QĐ/ĐU",
        },
    }
    body.update(changes)
    return body


def test_create_member_with_first_event_writes_audit_rows_with_the_user(api, committee, admin_user):
    response = api.post(URL, new_member(), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["full_name"] == "Vũ Thị Ánh"  # normalized by the service
    assert (data["organization"], data["status"], data["admitted_on"]) == (
        "CB-A",
        "probationary",
        "2023-03-01",
    )
    member = Member.objects.get(pk=data["id"])
    assert member.events.get().ceremony_date == D(2023, 3, 10)
    entries = AuditEntry.objects.filter(username=admin_user.username)
    assert {e.kind for e in entries} == {"create", "event"}
    assert all(e.user_id == admin_user.pk for e in entries)
    events = api.get(f"{URL}{member.pk}/events/").json()["results"]
    assert [(e["kind"], e["organization"], e["recorded_by"]) for e in events] == [
        ("admission", "CB-A", "quantri")
    ]


def test_an_invalid_member_is_refused_in_vietnamese_and_nothing_is_written(api, committee):
    members, events, audit = (
        Member.objects.count(),
        MembershipEvent.objects.count(),
        AuditEntry.objects.count(),
    )
    too_young = new_member(birth_date="2006-01-01")
    response = api.post(URL, too_young, format="json")
    assert response.status_code == 400
    assert "Chưa đủ 18 tuổi" in response.json()["non_field_errors"][0]
    response = api.post(URL, new_member(national_id="12ab"), format="json")
    assert response.status_code == 400
    assert response.json()["national_id"] == ["Số CCCD “12ab” không hợp lệ: phải gồm 12 chữ số."]
    response = api.post(URL, new_member(national_id="031190000001"), format="json")
    assert response.json()["national_id"] == ["Số CCCD 031190000001 đã thuộc một đảng viên khác."]
    body = new_member()
    del body["first_event"]
    response = api.post(URL, body, format="json")
    assert response.status_code == 400 and "first_event" in response.json()
    response = api.post(
        URL, new_member(first_event={"kind": "recognition", "date": "2023-01-01"}), format="json"
    )
    assert response.json()["non_field_errors"] == ["Sự kiện đầu tiên phải là kết nạp hoặc chuyển đến."]
    assert (Member.objects.count(), MembershipEvent.objects.count(), AuditEntry.objects.count()) == (
        members,
        events,
        audit,
    )


def test_update_member(api, committee, admin_user):
    url = f"{URL}{committee.duc.pk}/"
    response = api.patch(url, {"phone": "0912 345 678", "theory_level": "elementary"}, format="json")
    assert response.status_code == 200, response.json()
    committee.duc.refresh_from_db()
    assert (committee.duc.phone, committee.duc.theory_level) == ("0912 345 678", "elementary")
    entry = AuditEntry.objects.filter(kind="update").get()
    assert entry.username == admin_user.username and entry.after["phone"] == "0912 345 678"
    # A birth date that makes the admission too young is refused by the ledger, and nothing changes.
    response = api.patch(url, {"birth_date": "2010-01-01"}, format="json")
    assert response.status_code == 400 and "18 tuổi" in response.json()["non_field_errors"][0]
    committee.duc.refresh_from_db()
    assert committee.duc.birth_date == D(1990, 1, 1)
    response = api.put(url, {"full_name": "Lê Văn Đức Anh", "gender": "male"}, format="json")
    assert response.status_code == 200 and response.json()["full_name"] == "Lê Văn Đức Anh"


def test_record_events_through_the_api(api, committee, admin_user):
    url = f"{URL}{committee.duc.pk}/events/"
    events, audit = MembershipEvent.objects.count(), AuditEntry.objects.count()
    # Recognition before 12 months of probation: refused with the rule's message, nothing written.
    response = api.post(url, {"kind": "recognition", "date": "2024-03-01"}, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == [
        "Ngày chính thức 01/03/2024 chưa đủ 12 tháng dự bị kể từ lễ kết nạp 01/06/2023: sớm nhất là 01/06/2024."
    ]
    response = api.post(
        url, {"kind": "transfer", "date": "2024-03-01", "to_organization": "NOPE"}, format="json"
    )
    assert response.json() == {"to_organization": ["Không có tổ chức mã “NOPE”."]}
    assert (MembershipEvent.objects.count(), AuditEntry.objects.count()) == (events, audit)


def test_record_a_valid_event_and_correct_it(api, committee, admin_user):
    url = f"{URL}{committee.duc.pk}/events/"
    response = api.post(
        url,
        {"kind": "transfer", "date": "2024-01-15", "to_organization": "CB-A", "decision_number": "5"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    event = response.json()
    assert (event["kind"], event["organization"], event["to_organization"]) == ("transfer", "CB-C1", "CB-A")
    assert AuditEntry.objects.filter(kind="event", username="quantri").count() == 1
    rows = {r["full_name"]: r for r in api.get(URL, {"as_of": "2024-01-15"}).json()["results"]}
    assert rows["Lê Văn Đức"]["organization"] == "CB-A"

    # The transfer went to the wrong cell: correct it with a replacement.
    correct = f"/api/v1/events/{event['id']}/correct/"
    response = api.post(
        correct,
        {
            "reason": "Nhầm chi bộ",
            "replacement": {"kind": "transfer", "date": "2024-01-15", "to_organization": "CB-B"},
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["corrected"]["is_void"] and body["corrected"]["void_reason"] == "Nhầm chi bộ"
    assert body["replacement"]["to_organization"] == "CB-B"
    rows = {r["full_name"]: r for r in api.get(URL, {"as_of": "2024-01-15"}).json()["results"]}
    assert rows["Lê Văn Đức"]["organization"] == "CB-B"
    assert AuditEntry.objects.filter(kind="correction", username="quantri").count() == 1
    # A corrected event cannot be corrected again; a reason is required.
    response = api.post(correct, {"reason": "lần nữa"}, format="json")
    assert response.json()["non_field_errors"] == ["Biến động này đã được đính chính."]
    response = api.post(f"/api/v1/events/{body['replacement']['id']}/correct/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    # The events list shows both, the corrected one marked.
    events = api.get("/api/v1/events/", {"member": committee.duc.pk, "kind": "transfer"}).json()["results"]
    assert [(e["to_organization"], e["is_void"]) for e in events] == [("CB-A", True), ("CB-B", False)]


def test_events_list_filters(api, committee):
    events = api.get(
        "/api/v1/events/", {"kind": "admission", "date_from": "2015-01-01", "date_to": "2019-12-31"}
    )
    assert events.status_code == 200
    dates = [e["date"] for e in events.json()["results"]]
    assert dates == ["2015-05-04", "2016-03-01", "2019-01-07"]
    by_org = api.get("/api/v1/events/", {"org": "CB-B"}).json()["results"]
    assert {e["member"] for e in by_org} == {committee.binh.pk}
    response = api.get("/api/v1/events/", {"date_from": "2020-01-01", "date_to": "2019-01-01"})
    assert response.status_code == 400 and "date_to" in response.json()


def test_dates_are_iso(api, committee):
    response = api.post(
        f"{URL}{committee.duc.pk}/events/", {"kind": "exemption", "date": "01/02/2024"}, format="json"
    )
    assert response.status_code == 400 and "date" in response.json()
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = api.post(
        f"{URL}{committee.duc.pk}/events/", {"kind": "exemption", "date": future}, format="json"
    )
    assert response.status_code == 400 and "ở tương lai" in response.json()["non_field_errors"][0]


@pytest.mark.parametrize("day", ["2011-06-30", "2016-05-03", "2022-08-01", "2024-03-31"])
@pytest.mark.parametrize("org", ["ROOT", "DB-C", "CB-A"])
def test_list_counts_agree_with_the_statistics(api, committee, day, org):
    counts = api.get("/api/v1/statistics/", {"org": org, "as_of": day}).json()["members"]

    def count(**params):
        return api.get(URL, {"org": org, "as_of": day, **params}).json()["count"]

    assert count() == counts["total"]
    assert count(status="full") == counts["full"]
    assert count(status="probationary") == counts["probationary"]
    assert count(sector="enterprise") == counts["enterprise"]
    assert count(sector="administrative") == counts["administrative"]
    assert count(gender="female") == counts["female"]


def test_list_query_count_does_not_grow_with_the_rows(api, committee):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(page_size):
        with CaptureQueriesContext(connection) as captured:
            response = api.get(URL, {"page_size": page_size, "as_of": "2024-03-31"})
        assert len(response.json()["results"]) == page_size
        return len(captured)

    assert queries(1) == queries(5)
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/organizations/", {"page_size": 1, "as_of": "2024-03-31"})
    with CaptureQueriesContext(connection) as five:
        api.get("/api/v1/organizations/", {"page_size": 5, "as_of": "2024-03-31"})
    assert len(one) == len(five)
