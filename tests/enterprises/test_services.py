import datetime

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry
from dangvu.enterprises import services
from dangvu.enterprises.models import (
    Enterprise,
    EnterpriseStatusChange,
    InvestorCountry,
    MassOrganization,
    MembershipSnapshot,
    PartyCoverage,
    WorkforceSnapshot,
    Workplace,
    Zone,
)
from dangvu.organizations.choices import OrganizationKind, Sector
from tests import factories as f

from .conftest import D, enterprise, mass_org, members, workforce, zone

pytestmark = pytest.mark.django_db

MODELS = [
    Zone,
    Enterprise,
    InvestorCountry,
    EnterpriseStatusChange,
    WorkforceSnapshot,
    MassOrganization,
    MembershipSnapshot,
    PartyCoverage,
    Workplace,
    AuditEntry,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def refused(call, *fragments):
    """The call is refused with a Vietnamese message containing each fragment, and nothing is written."""
    before = counts()
    with pytest.raises(ValidationError) as exc:
        call()
    text = " ".join(exc.value.messages)
    for fragment in fragments:
        assert fragment in text, text
    assert counts() == before
    return text


# Tax codes ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("0201234567", "0201234567"),
        (" 0201 234 567 ", "0201234567"),
        ("0201234567-001", "0201234567-001"),
        ("0201234567001", "0201234567-001"),
        ("0201234567 – 012", "0201234567-012"),
        ("0201.234.567", "0201234567"),
        (201234567, "0201234567"),  # Excel dropped the leading zero
        (201234567.0, "0201234567"),
        (201234567001, "0201234567-001"),
    ],
)
def test_tax_code_forms_are_accepted_and_normalized(typed, stored):
    assert services.clean_tax_code(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "020123456",
        "02012345678",
        "0201234567-01",
        "0201234567-000",
        "02012345A7",
        "0201234567-0011",
    ],
)
def test_bad_tax_codes_are_refused_with_what_to_type(typed):
    with pytest.raises(ValidationError) as exc:
        services.clean_tax_code(typed)
    assert "10 chữ số" in exc.value.messages[0] and "0201234567-001" in exc.value.messages[0]


def test_tax_code_is_unique_and_stored_normalized():
    first = enterprise(tax_code="0201234567001")
    assert first.tax_code == "0201234567-001"
    refused(lambda: enterprise(name="Công ty khác", tax_code="0201234567-001"), "đã thuộc doanh nghiệp")
    # The head office and its branch are different codes.
    assert enterprise(name="Trụ sở", tax_code="0201234567").tax_code == "0201234567"


# Enterprises ------------------------------------------------------------------------------------------------


def test_create_writes_the_entry_its_countries_first_status_and_audit_rows():
    area = zone()
    company = enterprise(countries=["kr", "JP", "KR"], zone=area, ownership="joint_venture")
    assert company.countries == ["KR", "JP"]
    assert company.search_key == "cong ty tnhh dien tu anh duong"
    assert [(s.status, s.date) for s in company.status_changes.all()] == [("licensed", D(2015, 1, 1))]
    kinds = list(AuditEntry.objects.order_by("id").values_list("kind", "object_type"))
    assert kinds == [
        ("create", "enterprises.Zone"),
        ("create", "enterprises.Enterprise"),
        ("event", "enterprises.EnterpriseStatusChange"),
    ]
    assert AuditEntry.objects.get(object_type="enterprises.Enterprise").after["countries"] == ["KR", "JP"]
    assert verify_chain() is None


def test_enterprises_sort_by_name_without_the_legal_form():
    for name in [
        "Công ty TNHH Điện tử Bảo Long",
        "Công ty Cổ phần Cảng An Phú",
        "Công ty TNHH MTV Cơ khí Đại Việt",
    ]:
        enterprise(name)
    # "Cảng" < "Cơ khí" < "Điện tử" (a < ơ, c < đ), whatever the legal form in front.
    assert [e.name for e in Enterprise.objects.all()] == [
        "Công ty Cổ phần Cảng An Phú",
        "Công ty TNHH MTV Cơ khí Đại Việt",
        "Công ty TNHH Điện tử Bảo Long",
    ]


def test_bad_enterprise_input_is_refused_and_nothing_written():
    refused(
        lambda: services.create_enterprise(
            {"name": " ", "tax_code": "12", "ownership": "x", "industry": "y", "countries": ["ZZ"]},
            date=D(2020, 1, 1),
        ),
        "Nhập tên doanh nghiệp",
        "Mã số thuế “12” không hợp lệ",
        "Chọn hình thức sở hữu",
        "Chọn ngành nghề",
        "Mã nước “ZZ”",
    )
    refused(lambda: enterprise(countries=[]), "ghi ít nhất một nước đầu tư")
    refused(lambda: enterprise(ownership="state", countries=["JP"]), "không có nhà đầu tư nước ngoài")
    refused(lambda: enterprise(licensed=datetime.date.today() + datetime.timedelta(days=40)), "ở tương lai")
    refused(
        lambda: services.create_enterprise(
            {
                "name": "A",
                "tax_code": "0201234567",
                "ownership": "state",
                "industry": "energy",
                "countries": [],
            },
            status="closed",
            date=D(2020, 1, 1),
        ),
        "Tình trạng đầu tiên",
    )
    company = enterprise()
    refused(lambda: services.update_enterprise(company, {"ownership": "domestic_private"}), "bỏ JP")
    refused(lambda: services.update_enterprise(company, {"status": "closed"}), "Không sửa được")
    services.update_enterprise(company, {"ownership": "domestic_private", "countries": []})
    assert company.countries == [] and AuditEntry.objects.filter(kind="update").count() == 1


def test_status_history_is_recorded_in_order_and_corrected_by_voiding():
    company = enterprise(licensed=D(2015, 1, 1))
    services.record_status(company, "building", D(2015, 6, 1))
    operating = services.record_status(company, "operating", D(2016, 6, 1))
    refused(lambda: services.record_status(company, "suspended", D(2016, 1, 1)), "đính chính")
    refused(lambda: services.record_status(company, "operating", D(2017, 1, 1)), "đã ở tình trạng")
    assert services.status_on(company, D(2014, 12, 31)) is None
    assert services.status_on(company, D(2016, 5, 31)) == "building"
    assert services.status_on(company, D(2016, 6, 1)) == "operating"
    first = company.status_changes.order_by("date").first()
    refused(lambda: services.void_status_change(first, "nhầm"), "tình trạng đầu tiên")
    refused(lambda: services.void_status_change(operating, " "), "lý do")
    services.void_status_change(operating, "Nhập nhầm ngày")
    assert services.status_on(company, D(2016, 6, 1)) == "building"
    assert AuditEntry.objects.filter(kind="correction").count() == 1


def test_closing_needs_the_mass_organizations_dissolved_and_coverage_ended():
    root = f.root()
    cell = f.org(parent=root, day=D(2016, 1, 1))
    company = enterprise(operating=D(2015, 6, 1))
    union = mass_org(company, D(2016, 1, 1))
    link = services.link_party_organization(cell, company, D(2016, 2, 1))
    text = refused(
        lambda: services.record_status(company, "closed", D(2020, 1, 1)), "ghi giải thể", "thôi phụ trách"
    )
    assert union.name in text
    services.dissolve_mass_organization(union, D(2019, 12, 1), "5/QĐ")
    services.end_party_coverage(link, D(2019, 12, 1))
    services.record_status(company, "closed", D(2020, 1, 1))
    refused(lambda: services.record_status(company, "operating", D(2021, 1, 1)), "đã chấm dứt hoạt động")
    refused(lambda: workforce(company, D(2020, 6, 1), 10), "đã chấm dứt hoạt động từ ngày 01/01/2020")


# Snapshots --------------------------------------------------------------------------------------------------


def test_workforce_snapshots_are_checked():
    company = enterprise(licensed=D(2015, 1, 1))
    refused(lambda: workforce(company, D(2014, 6, 1), 10), "chưa có trong sổ vào ngày 01/06/2014")
    refused(lambda: workforce(company, D(2016, 6, 1), 10, women=11), "Số lao động nữ (11) không thể lớn hơn")
    refused(lambda: workforce(company, D(2016, 6, 1), -1), "số nguyên không âm")
    refused(lambda: workforce(company, None, 1), "Nhập Ngày số liệu")
    snapshot = workforce(company, D(2016, 6, 1), "1.062", women=600)
    assert snapshot.workers == 1062
    refused(lambda: workforce(company, D(2016, 6, 1), 5), "sửa số liệu đó")
    services.change_workforce(snapshot, {"workers": 1100})
    refused(
        lambda: services.change_workforce(snapshot, {"workers": 500}), "không thể lớn hơn số người lao động"
    )
    snapshot.refresh_from_db()
    assert snapshot.workers == 1100
    services.delete_workforce(snapshot)
    assert not WorkforceSnapshot.objects.exists()
    assert list(
        AuditEntry.objects.filter(object_type="enterprises.WorkforceSnapshot").values_list("kind", flat=True)
    ) == [
        "delete",
        "update",
        "create",
    ]


def test_mass_organizations_are_checked():
    company = enterprise(licensed=D(2015, 1, 1), operating=D(2016, 1, 1))
    refused(lambda: mass_org(company, D(2014, 1, 1)), "chưa có trong sổ")
    refused(
        lambda: services.found_mass_organization(
            {"kind": "trade_union", "name": "CĐ", "founded_on": D(2016, 2, 1)}
        ),
        "chọn doanh nghiệp, hoặc ghi tên đơn vị",
    )
    refused(
        lambda: mass_org(company, D(2016, 2, 1), level="zone"),
        "Tổ chức cấp Khu kinh tế không thuộc doanh nghiệp",
    )
    refused(lambda: mass_org(company, D(2016, 2, 1), dissolved_on=D(2016, 2, 1)), "phải sau ngày thành lập")
    union = mass_org(company, D(2016, 2, 1))
    refused(
        lambda: mass_org(company, D(2018, 1, 1), name="Công đoàn thứ hai"), "mỗi nơi chỉ một tổ chức mỗi loại"
    )
    youth = mass_org(company, D(2018, 1, 1), kind="youth_union")
    members(union, D(2016, 6, 30), 100)
    refused(lambda: members(union, D(2016, 1, 1), 5), "không hoạt động ngày 01/01/2016")
    refused(
        lambda: services.dissolve_mass_organization(union, D(2016, 6, 1)),
        "Có số liệu đoàn viên ngày 30/06/2016",
    )
    refused(lambda: services.update_mass_organization(union, {"enterprise": None}), "thành lập mới")
    services.dissolve_mass_organization(union, D(2017, 1, 1), "2/QĐ")
    refused(lambda: members(union, D(2017, 1, 1), 5), "giải thể 01/01/2017")
    # After the first one ended, a new union may be founded there.
    mass_org(company, D(2017, 1, 1), name="Công đoàn cơ sở mới")
    services.update_mass_organization(youth, {"chair": "  Trần   Thị Mai "})
    youth.refresh_from_db()
    assert youth.chair == "Trần Thị Mai"
    # A unit and the Zone's own organizations.
    mass_org(
        None, D(2012, 1, 1), kind="youth_union", unit="Ban Quản lý Khu kinh tế", name="Đoàn cơ sở Ban Quản lý"
    )
    refused(
        lambda: mass_org(
            None, D(2013, 1, 1), kind="youth_union", unit="ban quản lý khu kinh tế", name="Trùng"
        ),
        "mỗi nơi chỉ một tổ chức",
    )
    mass_org(None, D(2000, 1, 1), level="zone", name="Công đoàn Khu kinh tế")


def test_party_coverage_and_workplaces_are_checked():
    root = f.root()
    cell = f.org(parent=root, day=D(2016, 1, 1))
    office = f.org(parent=root, day=D(2016, 1, 1), sector=Sector.ADMINISTRATIVE)
    core = f.org(parent=root, day=D(2016, 1, 1), is_core_cell=True)
    committee = f.org(OrganizationKind.GRASSROOTS_COMMITTEE, parent=root, day=D(2020, 1, 1))
    company = enterprise(licensed=D(2015, 1, 1), operating=D(2016, 1, 1))
    refused(
        lambda: services.link_party_organization(office, company, D(2017, 1, 1)), "khối hành chính sự nghiệp"
    )
    refused(lambda: services.link_party_organization(core, company, D(2017, 1, 1)), "Chi bộ nòng cốt")
    refused(
        lambda: services.link_party_organization(committee, company, D(2019, 1, 1)),
        "không tồn tại ngày 01/01/2019",
    )
    refused(
        lambda: services.link_party_organization(cell, company, D(2014, 1, 1)),
        "không tồn tại",
        "chưa có trong sổ",
    )
    link = services.link_party_organization(cell, company, D(2017, 1, 1), decision_number="3-QĐ/ĐU")
    refused(lambda: services.link_party_organization(cell, company, D(2018, 1, 1)), "đã phụ trách")
    # One group: the committee covers the same enterprise as well.
    services.link_party_organization(committee, company, D(2020, 1, 1))
    refused(lambda: services.end_party_coverage(link, D(2017, 1, 1)), "phải sau ngày bắt đầu")
    services.end_party_coverage(link, D(2021, 1, 1), decision_number="9-QĐ/ĐU")
    refused(lambda: services.end_party_coverage(link, D(2022, 1, 1)), "Đã thôi phụ trách")

    member = f.member(core, D(2018, 1, 1))
    other = enterprise("Công ty TNHH Cơ khí Bình Minh", licensed=D(2019, 1, 1))
    refused(lambda: services.record_workplace(member, other, D(2018, 6, 1)), "chưa có trong sổ")
    place = services.record_workplace(member, company, D(2018, 1, 1))
    refused(
        lambda: services.record_workplace(member, other, D(2019, 6, 1)), "ghi ngày thôi làm việc ở đó trước"
    )
    services.end_workplace(place, D(2019, 6, 1))
    services.record_workplace(member, other, D(2019, 6, 1))
    assert Workplace.objects.filter(member=member).count() == 2


def test_zones_are_checked():
    zone(code=" dv ", name="Khu công nghiệp Đình Vũ")
    assert Zone.objects.get().code == "DV"
    refused(lambda: zone(code="DV"), "đã có")
    refused(
        lambda: services.create_zone({"code": "", "name": "", "kind": "x"}),
        "Nhập mã khu",
        "Nhập tên khu",
        "Chọn loại khu",
    )
