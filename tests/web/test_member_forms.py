"""Adding and editing members, recording each kind of ledger event, correcting one: every write through
the services; a refusal shows the service's Vietnamese message next to the form and writes nothing."""

import datetime

import pytest
from django.urls import reverse

from dangvu.core.models import AuditEntry
from dangvu.members.choices import EventKind
from dangvu.members.models import Member, MembershipEvent
from tests import factories as f

from .helpers import text

pytestmark = pytest.mark.django_db
D = datetime.date


def person(**extra):
    return {
        "full_name": "  Võ   Thị Ngọc Ánh ",
        "gender": "female",
        "birth_date": "05/09/1995",
        "national_id": "0312 9500 0777",
        "ethnicity": "Kinh",
        "religion": "Không",
        **extra,
    }


def test_add_member_with_admission(client_admin, committee):
    data = person(
        first_kind="admission",
        organization="Chi bộ Công ty Ánh Dương (CB-A)",
        date="15/03/2024",
        ceremony_date="20/03/2024",
        decision_number="96-QĐ/ĐU",
    )
    response = client_admin.post(reverse("web:member-add"), data)
    member = Member.objects.get(national_id="031295000777")
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:member-detail", args=[member.pk]
    )
    assert member.full_name == "Võ Thị Ngọc Ánh"
    event = member.events.get()
    assert (event.kind, event.date, event.ceremony_date, event.organization) == (
        EventKind.ADMISSION,
        D(2024, 3, 15),
        D(2024, 3, 20),
        committee.a,
    )
    assert AuditEntry.objects.filter(object_type="members.member", object_id=str(member.pk)).exists() or (
        AuditEntry.objects.filter(object_id=str(member.pk)).exists()
    )
    page = text(client_admin.get(response["Location"]))
    assert "Đã thêm đảng viên." in page and "Dự bị" in page and "96-QĐ/ĐU" in page


def test_add_member_transferred_in(client_admin, committee):
    data = person(
        first_kind="transfer_in",
        organization="CB-B",
        date="02/01/2024",
        external_organization="Đảng bộ Thành phố Hà Nội",
        original_admission_date="01/06/2019",
        original_recognition_date="01/06/2020",
    )
    assert client_admin.post(reverse("web:member-add"), data).status_code == 302
    event = Member.objects.get(national_id="031295000777").events.get()
    assert (event.kind, event.external_organization, event.original_admission_date) == (
        EventKind.TRANSFER_IN,
        "Đảng bộ Thành phố Hà Nội",
        D(2019, 6, 1),
    )


def test_add_member_refused_shows_the_message_and_writes_nothing(client_admin, committee):
    before = (Member.objects.count(), MembershipEvent.objects.count(), AuditEntry.objects.count())
    too_young = person(
        first_kind="admission", organization="CB-A", date="01/09/2012", birth_date="05/09/1995"
    )
    response = client_admin.post(reverse("web:member-add"), too_young)
    assert response.status_code == 422
    assert "Chưa đủ 18 tuổi ngày kết nạp 01/09/2012" in text(response)
    duplicate = person(
        first_kind="admission", organization="CB-A", date="01/09/2020", national_id="031190001234"
    )
    response = client_admin.post(reverse("web:member-add"), duplicate)
    assert response.status_code == 422
    assert "đã thuộc một đảng viên khác" in text(response)
    bad_date = person(first_kind="admission", organization="CB-A", date="31/02/2020")
    assert "Nhập ngày dạng dd/mm/yyyy" in text(client_admin.post(reverse("web:member-add"), bad_date))
    no_org = person(first_kind="admission", organization="Chi bộ không có", date="01/09/2020")
    assert "Không tìm thấy tổ chức" in text(client_admin.post(reverse("web:member-add"), no_org))
    assert (Member.objects.count(), MembershipEvent.objects.count(), AuditEntry.objects.count()) == before


def test_edit_member(client_admin, committee):
    url = reverse("web:member-edit", args=[committee.hang.pk])
    form = text(client_admin.get(url))
    assert 'value="02/04/1990"' in form and 'value="Nguyễn Thị Hằng"' in form
    data = person(
        full_name="Nguyễn Thị Hằng", national_id="031190001234", birth_date="02/04/1990", phone="0912 345 678"
    )
    assert client_admin.post(url, data).status_code == 302
    committee.hang.refresh_from_db()
    assert committee.hang.phone == "0912 345 678"
    refused = client_admin.post(
        url, {**data, "birth_date": "02/04/2000"}
    )  # would make the admission too young
    assert refused.status_code == 422 and "Chưa đủ 18 tuổi" in text(refused)
    committee.hang.refresh_from_db()
    assert committee.hang.birth_date == D(1990, 4, 2)


def record(client, member, kind, confirm=True, **data):
    url = reverse("web:member-event-add", args=[member.pk]) + f"?kind={kind}"
    payload = {"kind": kind, **data}
    response = client.post(url, payload)
    if confirm and response.status_code == 200 and "Xác nhận và ghi" in text(response):
        response = client.post(url, {**payload, "confirmed": "1"})
    return response


@pytest.mark.parametrize(
    ("kind", "data", "check"),
    [
        (
            EventKind.RECOGNITION,
            {"date": "01/06/2024", "decision_number": "12-QĐ/ĐU"},
            {"date": D(2024, 6, 1)},
        ),
        (EventKind.TRANSFER, {"date": "01/07/2024", "to_organization": "CB-B"}, {"to_organization_id": "b"}),
        (
            EventKind.TRANSFER_OUT,
            {"date": "01/07/2024", "external_organization": "Đảng bộ tỉnh Hải Dương"},
            {},
        ),
        (
            EventKind.TEMPORARY_TRANSFER,
            {"date": "01/07/2024", "organization": "CB-A", "until": "31/12/2024"},
            {},
        ),
        (EventKind.EXEMPTION, {"date": "01/07/2024", "note": "Sức khỏe"}, {"note": "Sức khỏe"}),
        (EventKind.STRUCK_OFF, {"date": "01/07/2024"}, {}),
        (EventKind.EXPELLED, {"date": "01/07/2024", "decision_number": "5-QĐ/UBKT"}, {}),
        (EventKind.LEFT, {"date": "01/07/2024"}, {}),
        (EventKind.DECEASED, {"date": "01/07/2024"}, {}),
    ],
)
def test_each_event_form_records_its_event(client_admin, committee, kind, data, check):
    member = committee.duc  # probationary in CB-C1 since 01/06/2023
    response = record(client_admin, member, kind, **data)
    assert response.status_code == 302, text(response)[:3000]
    event = member.events.filter(kind=kind).get()
    assert event.date == D(*reversed([int(p) for p in data["date"].split("/")]))
    for name, value in check.items():
        expected = getattr(committee, value).pk if name.endswith("_id") else value
        assert getattr(event, name) == expected
    assert AuditEntry.objects.filter(kind="event", object_id=str(event.pk)).exists()


def test_admission_again_and_transfer_in_after_leaving(client_admin, committee):
    c = committee
    # Cường left on 01/08/2022: readmission needs 36 months.
    refused = record(client_admin, c.gone, EventKind.ADMISSION, date="01/09/2024", organization="CB-A")
    assert refused.status_code == 422 and "ít nhất 36 tháng" in text(refused)
    moved = f.member(c.b, D(2015, 1, 1), name="Lý Văn Chuyển", national_id="031190000099")
    assert (
        record(
            client_admin, moved, EventKind.TRANSFER_OUT, date="01/01/2020", external_organization="Hà Nội"
        ).status_code
        == 302
    )
    back = record(
        client_admin,
        moved,
        EventKind.TRANSFER_IN,
        date="01/01/2023",
        organization="CB-A",
        external_organization="Đảng bộ Hà Nội",
        original_admission_date="01/01/2015",
    )
    assert back.status_code == 302
    assert moved.events.filter(kind=EventKind.TRANSFER_IN).exists()


def test_an_invalid_event_shows_its_message_and_writes_nothing(client_admin, committee):
    before = (MembershipEvent.objects.count(), AuditEntry.objects.count())
    early = record(client_admin, committee.duc, EventKind.RECOGNITION, date="01/01/2024")
    assert early.status_code == 422
    body = text(early)
    assert "chưa đủ 12 tháng dự bị" in body and "sớm nhất là 01/06/2024" in body
    assert 'class="error-summary"' in body
    future = record(
        client_admin, committee.duc, EventKind.TRANSFER, date="01/01/2999", to_organization="CB-B"
    )
    assert "ở tương lai" in text(future)
    same = record(client_admin, committee.duc, EventKind.TRANSFER, date="01/07/2024", to_organization="CB-C1")
    assert "trùng nơi đang sinh hoạt" in text(same)
    missing = record(client_admin, committee.duc, EventKind.TRANSFER, date="01/07/2024")
    assert "Chọn tổ chức" in text(missing)
    assert (MembershipEvent.objects.count(), AuditEntry.objects.count()) == before


def test_ending_events_ask_for_confirmation_first(client_admin, committee):
    url = reverse("web:member-event-add", args=[committee.duc.pk]) + "?kind=deceased"
    first = client_admin.post(url, {"kind": "deceased", "date": "01/07/2024"})
    body = text(first)
    assert first.status_code == 200 and "Xác nhận và ghi" in body and "01/07/2024" in body
    assert not committee.duc.events.filter(kind="deceased").exists()
    back = client_admin.post(url, {"kind": "deceased", "date": "01/07/2024", "back": "1"})
    assert 'value="01/07/2024"' in text(back) and not committee.duc.events.filter(kind="deceased").exists()
    client_admin.post(url, {"kind": "deceased", "date": "01/07/2024", "confirmed": "1"})
    assert committee.duc.events.filter(kind="deceased").exists()


def test_htmx_swaps_the_form_when_the_kind_changes(client_admin, committee):
    url = reverse("web:member-event-add", args=[committee.duc.pk])
    response = client_admin.get(
        url, {"kind": "transfer"}, headers={"HX-Request": "true", "HX-Target": "event-form"}
    )
    body = text(response)
    assert body.lstrip().startswith('<form method="post"') and 'name="to_organization"' in body
    assert client_admin.get(url, {"kind": "nonsense"}).status_code == 404


def test_correct_an_event_with_a_replacement(client_admin, committee):
    c = committee
    transfer = record(client_admin, c.duc, EventKind.TRANSFER, date="01/07/2024", to_organization="CB-A")
    assert transfer.status_code == 302
    event = c.duc.events.get(kind=EventKind.TRANSFER)
    url = reverse("web:member-event-correct", args=[c.duc.pk, event.pk])
    form = text(client_admin.get(url))
    assert 'name="replacement-to_organization"' in form and "(CB-A)" in form
    data = {
        "reason": "Chuyển nhầm chi bộ",
        "replace": "on",
        "replacement-date": "01/07/2024",
        "replacement-to_organization": "CB-B",
    }
    confirm = client_admin.post(url, data)
    assert "Xác nhận và ghi" in text(confirm) and c.duc.events.get(pk=event.pk).voided_at is None
    assert client_admin.post(url, {**data, "confirmed": "1"}).status_code == 302
    event.refresh_from_db()
    assert event.voided_at is not None and event.void_reason == "Chuyển nhầm chi bộ"
    replacement = c.duc.events.filter(kind=EventKind.TRANSFER, voided_at__isnull=True).get()
    assert replacement.to_organization == c.b
    page = text(client_admin.get(reverse("web:member-detail", args=[c.duc.pk])))
    assert "đã đính chính" in page and "Chuyển nhầm chi bộ" in page


def test_correction_without_replacement_and_refusals(client_admin, committee):
    c = committee
    recognition = c.hang.events.get(kind=EventKind.RECOGNITION)
    url = reverse("web:member-event-correct", args=[c.hang.pk, recognition.pk])
    no_reason = client_admin.post(url, {"reason": "", "confirmed": "1"})
    assert no_reason.status_code == 422 and "Ghi lý do đính chính." in text(no_reason)
    assert client_admin.post(url, {"reason": "Ghi trùng", "confirmed": "1"}).status_code == 302
    recognition.refresh_from_db()
    assert recognition.voided_at is not None
    # A voided event cannot be corrected again.
    assert client_admin.get(url).status_code == 404
    # Voiding the admission of someone with later events leaves a ledger that does not replay: refused.
    admission = c.dung.events.get(kind=EventKind.ADMISSION)
    url = reverse("web:member-event-correct", args=[c.dung.pk, admission.pk])
    refused = client_admin.post(url, {"reason": "Nhầm", "confirmed": "1"})
    assert refused.status_code == 422 and "không phải đảng viên" in text(refused)
    admission.refresh_from_db()
    assert admission.voided_at is None
