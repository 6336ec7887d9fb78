"""A candidate's record on the web (issue 4, point 1): the personal data masked on the candidate's page with
"Hiện" recorded in the audit trail, as on a member's page; the edit page (personal data, enterprise, source,
preparing organization, introducers) with Vietnamese messages, nothing written on a refusal, every change
audited, and a candidate outside the user's scope not found."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.accounts import services as account_services
from dangvu.core.models import AuditEntry, AuditKind
from dangvu.development import services
from dangvu.development.choices import IntroducerKind, Source, StepKind
from dangvu.development.models import Candidate, CandidateStep
from tests import factories as f

from .helpers import D, propose, to_admitted, union_and_member, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    w = world()
    other = f.org(parent=w["root"], code="CB-Z", name="Chi bộ Công ty Zeta", day=D(2010, 1, 1))
    mine = propose(
        w["cell"],
        name="Vũ Thị Hạnh",
        national_id="031195000111",
        phone="0912345678",
        home_province="Nam Định",
    )
    theirs = propose(other, name="Đào Văn Tú", national_id="031195000222", enterprise_name="Công ty Zeta")
    users = {}
    users["bt_a"], _pw = account_services.add_user("bt_a", organization=w["cell"], roles=["cell_secretary"])
    users["doanthe"], _pw = account_services.add_user(
        "doanthe", organization=w["root"], roles=["mass_org_officer"]
    )
    users["thuongtruc"], _pw = account_services.add_user(
        "thuongtruc", organization=w["root"], roles=["standing_board"]
    )
    return {**w, "other": other, "mine": mine, "theirs": theirs, "users": users, "client": client}


def as_user(setup, name):
    client = setup["client"]
    client.force_login(setup["users"][name])
    return client


def page_of(candidate) -> str:
    return reverse("development:candidate", args=[candidate.pk])


def reveal_url(candidate) -> str:
    return reverse("development:candidate-reveal", args=[candidate.pk])


def edit_url(candidate) -> str:
    return reverse("development:candidate-edit", args=[candidate.pk])


def reveals(candidate):
    return AuditEntry.objects.filter(
        kind=AuditKind.REVEAL, object_type="development.Candidate", object_id=str(candidate.pk)
    )


def text(response) -> str:
    return response.content.decode()


# "Hiện" on the candidate's page ------------------------------------------------------------------------------


def test_the_candidate_page_masks_personal_data_and_offers_hien(setup):
    candidate = setup["mine"]
    page = text(as_user(setup, "bt_a").get(page_of(candidate)))
    assert "031195000111" not in page and "0912345678" not in page and "01/03/1995" not in page
    assert "********0111" in page and "**/**/1995" in page and "*******678" in page
    assert f'hx-post="{reveal_url(candidate)}"' in page and "Hiện</button>" in page
    assert not reveals(candidate).exists()


def test_hien_shows_the_values_and_is_recorded_in_the_audit_trail(setup):
    candidate = setup["mine"]
    client = as_user(setup, "bt_a")
    response = client.post(reveal_url(candidate), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = text(response)
    assert fragment.lstrip().startswith('<div id="personal-data"')
    assert "031195000111" in fragment and "0912345678" in fragment and "Nam Định" in fragment
    assert "01/03/1995" in fragment and "Lần xem này đã được ghi vào nhật ký hệ thống" in fragment
    entry = reveals(candidate).get()
    assert entry.username == "bt_a" and entry.object_repr == candidate.full_name
    assert entry.after == {"fields": ["national_id", "birth_date", "phone", "home_province"]}
    # Without htmx, the whole page with the values; a GET reveals nothing.
    page = text(client.post(reveal_url(candidate)))
    assert "031195000111" in page and "<html" in page and 'data-step="proposed"' in page
    assert client.get(reveal_url(candidate)).status_code == 405
    assert reveals(candidate).count() == 2


def test_hien_needs_the_permission_to_reveal_and_the_scope(setup):
    # Outside the secretary's cell: not found, nothing recorded.
    assert as_user(setup, "bt_a").post(reveal_url(setup["theirs"])).status_code == 404
    # A mass-organization officer sees candidates but may not reveal personal data: no button, not found.
    client = as_user(setup, "doanthe")
    page = text(client.get(page_of(setup["mine"])))
    assert "********0111" in page and "Hiện</button>" not in page and "031195000111" not in page
    assert client.post(reveal_url(setup["mine"])).status_code == 404
    assert not AuditEntry.objects.filter(kind=AuditKind.REVEAL).exists()


# The edit page ---------------------------------------------------------------------------------------------


def record_data(candidate, **changes) -> dict:
    data = {
        "section": "record",
        "record-full_name": candidate.full_name,
        "record-gender": candidate.gender,
        "record-birth_date": candidate.birth_date.strftime("%d/%m/%Y"),
        "record-national_id": candidate.national_id,
        "record-ethnicity": candidate.ethnicity,
        "record-religion": candidate.religion,
        "record-home_province": candidate.home_province,
        "record-phone": candidate.phone,
        "record-enterprise_name": candidate.enterprise_name,
        "record-enterprise_tax_code": candidate.enterprise_tax_code,
        "record-source": candidate.source,
        "record-proposing_body": candidate.proposing_body,
    }
    data.update({f"record-{name}": value for name, value in changes.items()})
    return data


def test_the_candidate_page_links_to_the_edit_page_which_shows_the_values_and_is_recorded(setup):
    candidate = setup["mine"]
    client = as_user(setup, "bt_a")
    assert f'href="{edit_url(candidate)}"' in text(client.get(page_of(candidate)))
    form = text(client.get(edit_url(candidate)))
    assert "031195000111" in form and "0912345678" in form and 'value="01/03/1995"' in form
    assert reveals(candidate).count() == 1
    # No link and no page for a reader of candidates, nor for a role that may not reveal personal data.
    thuongtruc = as_user(setup, "thuongtruc")
    assert f'href="{edit_url(candidate)}"' not in text(thuongtruc.get(page_of(candidate)))
    assert thuongtruc.get(edit_url(candidate)).status_code == 403
    assert as_user(setup, "doanthe").get(edit_url(candidate)).status_code == 403
    # Outside the scope: not found.
    assert as_user(setup, "bt_a").get(edit_url(setup["theirs"])).status_code == 404


def test_correcting_the_record_is_validated_audited_and_writes_nothing_when_refused(setup):
    candidate = setup["mine"]
    client = as_user(setup, "bt_a")
    audit = AuditEntry.objects.count()
    cases = [
        ({"national_id": "03119500011A"}, "phải gồm 12 chữ số"),
        ({"national_id": "031195000222"}, "Số CCCD 031195000222 đã thuộc quần chúng Đào Văn Tú"),
        ({"birth_date": "31/02/1995"}, "Nhập ngày dạng dd/mm/yyyy"),
        ({"full_name": ""}, "Trường này là bắt buộc."),
        ({"source": "friends"}, "Hãy chọn một lựa chọn hợp lệ"),
    ]
    for changes, message in cases:
        response = client.post(edit_url(candidate), record_data(candidate, **changes))
        assert response.status_code == 422, changes
        assert message in text(response), (changes, text(response))
    assert AuditEntry.objects.count() == audit
    candidate.refresh_from_db()
    assert candidate.national_id == "031195000111" and candidate.full_name == "Vũ Thị Hạnh"

    response = client.post(
        edit_url(candidate),
        record_data(
            candidate,
            full_name="Vũ Thị  Hạnh Nhi",
            phone="0987654321",
            enterprise_name="Công ty TNHH Alpha Việt Nam",
            enterprise_tax_code="0201234567",
            source=Source.YOUTH_UNION,
            proposing_body="Đoàn Thanh niên Công ty TNHH Alpha",
        ),
    )
    assert response.status_code == 302 and response["Location"] == page_of(candidate)
    candidate.refresh_from_db()
    assert (candidate.full_name, candidate.phone, candidate.enterprise_tax_code, candidate.source) == (
        "Vũ Thị Hạnh Nhi",
        "0987654321",
        "0201234567",
        Source.YOUTH_UNION,
    )
    entry = AuditEntry.objects.filter(
        kind=AuditKind.UPDATE, object_type="development.Candidate", object_id=str(candidate.pk)
    ).get()
    assert entry.username == "bt_a"
    assert entry.before["phone"] == "0912345678" and entry.after["phone"] == "0987654321"
    assert entry.before["source"] == Source.TRADE_UNION and entry.after["source"] == Source.YOUTH_UNION
    assert "Đã lưu hồ sơ quần chúng." in text(client.get(page_of(candidate)))


def test_after_admission_only_the_enterprise_and_source_are_edited_here(setup):
    candidate = to_admitted(setup["mine"], setup["members"][0])
    client = as_user(setup, "bt_a")
    form = text(client.get(edit_url(candidate)))
    assert "Đã kết nạp: sửa thông tin cá nhân trong hồ sơ đảng viên" in form
    assert 'name="record-national_id"' not in form and 'name="record-enterprise_name"' in form
    response = client.post(
        edit_url(candidate),
        {
            "section": "record",
            "record-enterprise_name": "Công ty TNHH Alpha Hải Phòng",
            "record-enterprise_tax_code": "",
            "record-source": Source.TRADE_UNION,
            "record-proposing_body": "",
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.enterprise_name == "Công ty TNHH Alpha Hải Phòng"


def test_handing_the_preparation_to_another_organization_is_a_dated_step(setup):
    candidate = setup["mine"]
    client = as_user(setup, "bt_a")
    core = setup["core"]
    steps = CandidateStep.objects.count()
    # Out of the secretary's scope (CB-Z), a date in the future, a date missing: refused, nothing written.
    for data, message in (
        ({"organization-organization": "CB-Z", "organization-date": "01/03/2023"}, "Không tìm thấy tổ chức"),
        ({"organization-organization": "CB-A", "organization-date": ""}, "Nhập ngày"),
    ):
        response = client.post(edit_url(candidate), {"section": "organization", **data})
        assert response.status_code == 422 and message in text(response), text(response)
    assert CandidateStep.objects.count() == steps
    admin, _pw = account_services.add_user("quantri", organization=None, roles=[], is_superuser=True)
    client.force_login(admin)
    response = client.post(
        edit_url(candidate),
        {
            "section": "organization",
            "organization-organization": core.code,
            "organization-date": "01/03/2023",
            "organization-document_number": "9-QĐ/ĐU",
        },
    )
    assert response.status_code == 302, text(response)
    candidate.refresh_from_db()
    assert candidate.preparing_organization == core
    step = CandidateStep.objects.get(candidate=candidate, kind=StepKind.REASSIGNED)
    assert (step.date, step.decision_number, step.recorded_by) == (D(2023, 3, 1), "9-QĐ/ĐU", "quantri")
    assert AuditEntry.objects.filter(object_type="development.CandidateStep", object_id=str(step.pk)).exists()


def test_correcting_the_introducers_voids_and_records_the_introduction_again(setup):
    candidate = setup["mine"]
    first, second = setup["members"][:2]
    services.record_training(candidate, date=D(2023, 2, 10), certificate_number="101/GCN-TTCT")
    services.record_application(candidate, date=D(2023, 3, 1))
    old = services.record_introduction(
        candidate, date=D(2023, 3, 11), introducers=union_and_member(first, D(2020, 1, 1))
    )
    client = as_user(setup, "bt_a")
    form = text(client.get(edit_url(candidate)))
    assert first.full_name in form and 'name="introducers-reason"' in form
    data = {
        "section": "introducers",
        "introducers-date": "11/03/2023",
        "introducers-body_kind": "",
        "introducers-member_1": str(first.pk),
        "introducers-known_since_1": "01/01/2020",
        "introducers-member_2": str(second.pk),
        "introducers-known_since_2": "01/06/2023",
        "introducers-reason": "Ghi nhầm người giới thiệu",
    }
    # Known for less than twelve months on the introduction day: the rule's message, nothing written.
    steps, audit = CandidateStep.objects.count(), AuditEntry.objects.count()
    response = client.post(edit_url(candidate), {**data, "confirmed": "1"})
    assert response.status_code == 422
    assert f"{second.full_name} mới biết người xin vào Đảng từ 01/06/2023" in text(response), text(response)
    assert (CandidateStep.objects.count(), AuditEntry.objects.count()) == (steps, audit)
    old.refresh_from_db()
    assert old.voided_at is None
    # Without the reason: refused.
    response = client.post(edit_url(candidate), {**data, "introducers-reason": ""})
    assert response.status_code == 422 and "Ghi lý do sửa người giới thiệu." in text(response)
    # Valid: the confirmation first, then the correction.
    data["introducers-known_since_2"] = "01/01/2021"
    confirm = client.post(edit_url(candidate), data)
    assert confirm.status_code == 200 and "Xác nhận và ghi" in text(confirm)
    assert CandidateStep.objects.count() == steps
    response = client.post(edit_url(candidate), {**data, "confirmed": "1"})
    assert response.status_code == 302, text(response)
    old.refresh_from_db()
    assert old.voided_at is not None and old.void_reason == "Ghi nhầm người giới thiệu"
    new = CandidateStep.objects.get(candidate=candidate, kind=StepKind.INTRODUCED, voided_at__isnull=True)
    assert new.date == D(2023, 3, 11)
    assert sorted(i.member_id for i in new.introductions.all()) == sorted([first.pk, second.pk])
    assert all(i.kind == IntroducerKind.MEMBER for i in new.introductions.all())
    kinds = set(
        AuditEntry.objects.filter(
            object_type="development.CandidateStep", object_id__in=[str(old.pk), str(new.pk)]
        ).values_list("kind", flat=True)
    )
    assert {AuditKind.CORRECTION, AuditKind.EVENT} <= kinds
    # After a later step, the introducers are no longer corrected here.
    services.record_verification(candidate, date=D(2023, 4, 20), document_number="5/TTLL")
    form = text(client.get(edit_url(candidate)))
    assert 'name="introducers-reason"' not in form and "đính chính các bước sau trước" in form
    response = client.post(edit_url(candidate), data)
    assert response.status_code == 404
    assert Candidate.objects.get(pk=candidate.pk).stage == StepKind.VERIFIED


def test_correct_introduction_service_refuses_when_it_is_not_the_latest_step(setup):
    candidate = setup["mine"]
    with pytest.raises(ValidationError, match="bước giới thiệu là bước ghi sau cùng"):
        services.correct_introduction(candidate, introducers=[], reason="x")
    assert not CandidateStep.objects.filter(candidate=candidate, voided_at__isnull=False).exists()
