"""The register's edit pages (issue 5, points 1, 2 and 6): zones, enterprises and their status, mass
organizations (found, correct, dissolve), workforce and membership snapshots, written through the services
with their Vietnamese messages, nothing written on a refusal, every write audited, destructive actions
confirmed first, objects outside the user's scope not found. And the "done when" through the forms: a
workforce snapshot or a union founded on the web changes the coverage figures (the page's and
figures.coverage's) from its date only."""

import re

import pytest
from django.test import Client

from dangvu.core.models import AuditEntry, AuditKind
from dangvu.enterprises.models import (
    Enterprise,
    EnterpriseStatusChange,
    MassOrganization,
    MembershipSnapshot,
    PartyCoverage,
    WorkforceSnapshot,
    Workplace,
    Zone,
)
from dangvu.figures.coverage import coverage
from tests.api.conftest import user_with_role

from .conftest import D
from .test_coverage import DAY, Zone2022

pytestmark = pytest.mark.django_db

COVERAGE = "/enterprises/coverage/"


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


def figure(html, name):
    found = re.search(rf'data-figure="{name}">([^<]*)<', html)
    return found.group(1) if found else None


def figures_shown(html) -> dict:
    """Every figure of the coverage page, by its name (the chart's rows included)."""
    shown = re.findall(r'data-figure="([\w-]+)">([^<]*)<', html)
    assert len(shown) > 10
    return shown


@pytest.fixture
def built():
    return Zone2022()


@pytest.fixture
def officer(built):
    """A mass-organization officer of the Committee: the whole register."""
    return client_of(user_with_role("congdoan", "mass_org_officer", built.root))


@pytest.fixture
def cell_officer(built):
    """A mass-organization officer whose account belongs to cell C1: only the enterprise C1 covers (E1)."""
    return client_of(user_with_role("congdoan_c1", "mass_org_officer", built.c1))


class Unchanged:
    """Asserts that a refused form wrote nothing: no row of the register, no audit entry."""

    MODELS = (
        Zone,
        Enterprise,
        EnterpriseStatusChange,
        MassOrganization,
        WorkforceSnapshot,
        MembershipSnapshot,
        PartyCoverage,
        Workplace,
    )

    def __enter__(self):
        self.before = self.counts()
        return self

    def counts(self):
        return [model.objects.count() for model in self.MODELS] + [AuditEntry.objects.count()]

    def __exit__(self, *exc):
        assert self.counts() == self.before


def refused(client, url, data, message):
    with Unchanged():
        response = client.post(url, data)
    body = text(response)
    assert response.status_code == 422, (response.status_code, body)
    assert message in body, body
    return body


def audit_of(obj, kind):
    return AuditEntry.objects.filter(kind=kind, object_type=obj._meta.label, object_id=str(obj.pk))


def test_zones_are_added_and_corrected_through_the_forms(built, officer):
    listing = text(officer.get("/enterprises/"))
    assert 'href="/enterprises/zones/add/"' in listing and 'href="/enterprises/add/"' in listing
    data = {"code": "tl", "name": "Khu công nghiệp Tràng Duệ", "kind": "industrial"}
    refused(officer, "/enterprises/zones/add/", {**data, "code": "AH"}, "Mã khu AH đã có: chọn mã khác.")
    refused(officer, "/enterprises/zones/add/", {**data, "name": ""}, "Nhập tên khu.")
    response = officer.post("/enterprises/zones/add/", data)
    assert response.status_code == 302 and response["Location"] == "/enterprises/zones/TL/"
    zone = Zone.objects.get(code="TL")
    assert audit_of(zone, AuditKind.CREATE).get().username == "congdoan"
    assert 'href="/enterprises/zones/TL/edit/"' in text(officer.get("/enterprises/zones/TL/"))
    response = officer.post("/enterprises/zones/TL/edit/", {**data, "code": "TL", "name": "KCN Tràng Duệ"})
    assert response.status_code == 302
    zone.refresh_from_db()
    assert zone.name == "KCN Tràng Duệ"
    assert audit_of(zone, AuditKind.UPDATE).get().before["name"] == "Khu công nghiệp Tràng Duệ"


ENTERPRISE = {
    "name": "Công ty TNHH Linh kiện Hòa Bình",
    "tax_code": "0201234567",
    "zone": "AH",
    "address": "Lô B2, KCN An Hải",
    "ownership": "foreign",
    "countries": ["KR"],
    "industry": "electronics",
    "status": "licensed",
    "date": "15/03/2021",
    "decision_number": "GCNĐT 2103",
}


def zone_id(code):
    return str(Zone.objects.get(code=code).pk)


def test_an_enterprise_is_registered_with_a_checked_tax_code_and_its_first_status(built, officer):
    data = {**ENTERPRISE, "zone": zone_id("AH")}
    refused(officer, "/enterprises/add/", {**data, "tax_code": "12345"}, "Mã số thuế “12345” không hợp lệ")
    refused(officer, "/enterprises/add/", {**data, "tax_code": "0201234567-000"}, "không hợp lệ")
    refused(
        officer,
        "/enterprises/add/",
        {**data, "tax_code": built.e1.tax_code},
        f"Mã số thuế {built.e1.tax_code} đã thuộc doanh nghiệp “{built.e1.name}”.",
    )
    refused(officer, "/enterprises/add/", {**data, "countries": []}, "ghi ít nhất một nước đầu tư")
    refused(officer, "/enterprises/add/", {**data, "date": "01/01/2999"}, "ở tương lai")
    # 13 digits: the branch suffix, written with its hyphen.
    response = officer.post("/enterprises/add/", {**data, "tax_code": "0201234567 001"})
    assert response.status_code == 302
    company = Enterprise.objects.get(tax_code="0201234567-001")
    assert response["Location"] == f"/enterprises/{company.pk}/"
    assert (company.zone.code, company.countries, company.ownership) == ("AH", ["KR"], "foreign")
    change = company.status_changes.get()
    assert (change.status, change.date, change.decision_number) == ("licensed", D(2021, 3, 15), "GCNĐT 2103")
    assert audit_of(company, AuditKind.CREATE).get().after["countries"] == ["KR"]
    assert audit_of(change, AuditKind.EVENT).exists()


def test_an_enterprise_is_corrected_and_its_status_recorded_from_its_page(built, officer):
    page = text(officer.get(f"/enterprises/{built.e3.pk}/"))
    assert f'href="/enterprises/{built.e3.pk}/edit/"' in page
    assert f'href="/enterprises/{built.e3.pk}/status/"' in page
    url = f"/enterprises/{built.e3.pk}/edit/"
    form = text(officer.get(url))
    assert built.e3.tax_code in form and "Công ty Cổ phần Cảng Đông Hải" in form
    data = {
        "name": "Công ty Cổ phần Cảng Đông Hải",
        "tax_code": built.e3.tax_code,
        "zone": zone_id("BD"),
        "address": "",
        "ownership": "domestic_private",
        "countries": ["SG"],
        "industry": "logistics",
    }
    refused(officer, url, data, "không có nhà đầu tư nước ngoài")
    response = officer.post(url, {**data, "ownership": "joint_venture"})
    assert response.status_code == 302
    built.e3.refresh_from_db()
    assert (built.e3.ownership, built.e3.countries) == ("joint_venture", ["SG"])
    entry = audit_of(built.e3, AuditKind.UPDATE).get()
    assert entry.before["countries"] == [] and entry.after["countries"] == ["SG"]
    status_url = f"/enterprises/{built.e3.pk}/status/"
    refused(
        officer, status_url, {"status": "operating", "date": "01/01/2023"}, "Doanh nghiệp đã ở tình trạng"
    )
    refused(
        officer, status_url, {"status": "suspended", "date": "01/01/2009"}, "Đã có tình trạng ngày 01/01/2010"
    )
    response = officer.post(
        status_url, {"status": "suspended", "date": "01/02/2023", "decision_number": "3/TB"}
    )
    assert response.status_code == 302
    assert built.e3.status_changes.order_by("date").last().status == "suspended"


def test_mass_organizations_are_founded_corrected_and_dissolved_after_confirmation(built, officer):
    page = text(officer.get(f"/enterprises/{built.e2.pk}/"))
    add = f"/enterprises/{built.e2.pk}/mass-organizations/add/"
    assert f'href="{add}"' in page
    assert f'href="/enterprises/mass-organizations/{built.union2.pk}/dissolve/"' in page
    data = {
        "kind": "youth_union",
        "name": "Đoàn cơ sở Công ty TNHH Cơ khí Bình Minh",
        "founded_on": "26/03/2023",
        "founding_decision": "5/QĐ-ĐTN",
        "chair": "Phạm Văn Khoa",
    }
    refused(officer, add, {**data, "founded_on": "01/01/2016"}, "chưa có trong sổ vào ngày 01/01/2016")
    refused(officer, add, {**data, "kind": "trade_union"}, "Cùng nơi đã có “Công đoàn cơ sở")
    refused(officer, add, {**data, "name": ""}, "Nhập tên tổ chức.")
    response = officer.post(add, data)
    assert response.status_code == 302 and response["Location"] == f"/enterprises/{built.e2.pk}/"
    youth = MassOrganization.objects.get(kind="youth_union", enterprise=built.e2)
    assert (youth.founded_on, youth.founding_decision, youth.chair) == (
        D(2023, 3, 26),
        "5/QĐ-ĐTN",
        "Phạm Văn Khoa",
    )
    assert audit_of(youth, AuditKind.CREATE).get().username == "congdoan"

    edit = f"/enterprises/mass-organizations/{youth.pk}/edit/"
    response = officer.post(edit, {**data, "chair": "Nguyễn Thị Mai"})
    assert response.status_code == 302
    youth.refresh_from_db()
    assert youth.chair == "Nguyễn Thị Mai" and youth.kind == "youth_union"

    dissolve = f"/enterprises/mass-organizations/{youth.pk}/dissolve/"
    refused(
        officer, dissolve, {"date": "01/01/2023", "confirmed": "1"}, "Ngày giải thể phải sau ngày thành lập"
    )
    with Unchanged():
        confirm = officer.post(dissolve, {"date": "30/06/2024", "decision_number": "9/QĐ"})
    assert confirm.status_code == 200 and "Xác nhận và ghi" in text(confirm)
    response = officer.post(dissolve, {"date": "30/06/2024", "decision_number": "9/QĐ", "confirmed": "1"})
    assert response.status_code == 302
    youth.refresh_from_db()
    assert (youth.dissolved_on, youth.dissolution_decision) == (D(2024, 6, 30), "9/QĐ")
    assert audit_of(youth, AuditKind.UPDATE).count() == 2
    refused(
        officer, dissolve, {"date": "01/07/2024", "confirmed": "1"}, "Tổ chức đã giải thể ngày 30/06/2024"
    )


def test_workforce_snapshots_are_added_corrected_and_deleted_after_confirmation(built, officer):
    add = f"/enterprises/{built.e2.pk}/workforce/add/"
    data = {"date": "31/12/2022", "workers": "1.062", "women": "500", "young_workers": "600"}
    refused(
        officer, add, {**data, "women": "1.100"}, "Số lao động nữ (1100) không thể lớn hơn số người lao động"
    )
    refused(officer, add, {**data, "workers": "nhiều"}, "Số người lao động phải là số nguyên không âm")
    refused(officer, add, {**data, "date": "01/01/2018"}, "Đã có số liệu lao động ngày 01/01/2018")
    response = officer.post(add, data)
    assert response.status_code == 302
    snapshot = WorkforceSnapshot.objects.get(enterprise=built.e2, date=D(2022, 12, 31))
    assert (snapshot.workers, snapshot.women, snapshot.young_workers) == (1062, 500, 600)
    assert audit_of(snapshot, AuditKind.CREATE).exists()
    page = text(officer.get(f"/enterprises/{built.e2.pk}/"))
    assert "1.062" in page and f'href="/enterprises/workforce/{snapshot.pk}/delete/"' in page

    response = officer.post(f"/enterprises/workforce/{snapshot.pk}/edit/", {**data, "workers": "1.070"})
    assert response.status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.workers == 1070

    delete = f"/enterprises/workforce/{snapshot.pk}/delete/"
    assert officer.get(delete).status_code == 200
    with Unchanged():
        confirm = officer.post(delete, {})
    assert confirm.status_code == 200 and "Xác nhận và ghi" in text(confirm)
    assert "31/12/2022" in text(confirm)
    response = officer.post(delete, {"confirmed": "1"})
    assert response.status_code == 302
    assert not WorkforceSnapshot.objects.filter(pk=snapshot.pk).exists()
    assert audit_of(snapshot, AuditKind.DELETE).get().before["workers"] == 1070


def test_membership_snapshots_are_added_corrected_and_deleted_after_confirmation(built, officer):
    add = f"/enterprises/mass-organizations/{built.union2.pk}/membership/add/"
    refused(officer, add, {"date": "01/01/2018", "members": "20"}, "không hoạt động ngày 01/01/2018")
    refused(officer, add, {"date": "01/06/2018", "members": "20"}, "Đã có số liệu ngày 01/06/2018")
    refused(officer, add, {"date": "30/06/2024", "members": ""}, "Nhập số đoàn viên, hội viên.")
    response = officer.post(add, {"date": "30/06/2024", "members": "28"})
    assert response.status_code == 302
    snapshot = MembershipSnapshot.objects.get(organization=built.union2, date=D(2024, 6, 30))
    response = officer.post(
        f"/enterprises/membership/{snapshot.pk}/edit/", {"date": "30/06/2024", "members": "29"}
    )
    assert response.status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.members == 29 and audit_of(snapshot, AuditKind.UPDATE).exists()
    delete = f"/enterprises/membership/{snapshot.pk}/delete/"
    with Unchanged():
        assert officer.post(delete, {}).status_code == 200
    assert officer.post(delete, {"confirmed": "1"}).status_code == 302
    assert not MembershipSnapshot.objects.filter(pk=snapshot.pk).exists()
    assert audit_of(snapshot, AuditKind.DELETE).exists()


def test_the_forms_need_the_permission_and_the_scope(built, cell_officer):
    # A reader of the register: no link, no form.
    reader = client_of(user_with_role("thuongtruc", "standing_board", built.root))
    page = text(reader.get(f"/enterprises/{built.e1.pk}/"))
    assert "/edit/" not in page and "/workforce/add/" not in page
    assert reader.get(f"/enterprises/{built.e1.pk}/workforce/add/").status_code == 403
    assert reader.get("/enterprises/add/").status_code == 403
    # An officer of cell C1 writes in E1 (which C1 covers) but neither elsewhere (not found) nor zones
    # and new enterprises (the whole installation's).
    assert cell_officer.get(f"/enterprises/{built.e1.pk}/workforce/add/").status_code == 200
    with Unchanged():
        for url in (
            f"/enterprises/{built.e2.pk}/workforce/add/",
            f"/enterprises/{built.e2.pk}/edit/",
            f"/enterprises/mass-organizations/{built.union2.pk}/dissolve/",
        ):
            assert cell_officer.post(url, {"date": "01/01/2023", "workers": "40"}).status_code == 404, url
        assert (
            cell_officer.post(
                "/enterprises/zones/add/", {"code": "X", "name": "X", "kind": "industrial"}
            ).status_code
            == 403
        )
        assert cell_officer.get("/enterprises/add/").status_code == 403
    assert 'href="/enterprises/add/"' not in text(cell_officer.get("/enterprises/"))


def test_a_snapshot_and_a_union_entered_on_the_web_change_the_coverage_from_their_date_only(built, officer):
    """Issue 5, "done when", through the forms: E3 (10 workers, not eligible) reports 25 workers from
    01/01/2023, then a union is founded there on 01/03/2023; the coverage page and figures.coverage move
    from those dates on, and not before."""
    days = (DAY, D(2022, 12, 31), D(2023, 1, 1), D(2023, 2, 28), D(2023, 3, 1))
    before = {day: coverage(day) for day in days}

    def page(day):
        return text(officer.get(COVERAGE, {"day": day.strftime("%d/%m/%Y")}))

    def shown(day):
        return figures_shown(page(day))

    shown_before = {day: shown(day) for day in days}
    assert dict(shown_before[D(2023, 1, 1)])["eligible"] == "2"

    response = officer.post(
        f"/enterprises/{built.e3.pk}/workforce/add/", {"date": "01/01/2023", "workers": "25", "women": "5"}
    )
    assert response.status_code == 302
    for day in (DAY, D(2022, 12, 31)):
        assert coverage(day) == before[day] and shown(day) == shown_before[day]
    after = coverage(D(2023, 1, 1))
    assert (
        after["unions"]["eligible"] == 3
        and after["workers"]["total"] == before[D(2023, 1, 1)]["workers"]["total"] + 15
    )
    html = page(D(2023, 1, 1))
    assert figure(html, "eligible") == "3" and figure(html, "union-percent") == "66,7%"

    response = officer.post(
        f"/enterprises/{built.e3.pk}/mass-organizations/add/",
        {"kind": "trade_union", "name": "Công đoàn cơ sở Cảng Đông Hải", "founded_on": "01/03/2023"},
    )
    assert response.status_code == 302
    union = MassOrganization.objects.get(enterprise=built.e3)
    response = officer.post(
        f"/enterprises/mass-organizations/{union.pk}/membership/add/", {"date": "01/03/2023", "members": "20"}
    )
    assert response.status_code == 302
    assert coverage(D(2023, 2, 28))["unions"] == after["unions"]
    assert figure(page(D(2023, 2, 28)), "union-percent") == "66,7%"
    html = page(D(2023, 3, 1))
    assert figure(html, "eligible-with-union") == "3" and figure(html, "union-percent") == "100,0%"
    assert figure(html, "union-members") == "805"
    figures = coverage(D(2023, 3, 1))
    assert figures["unions"]["eligible_with_union"] == 3 and figures["unions"]["members"] == 805


def test_the_enterprise_list_reads_on_a_chosen_day(built, officer):
    """ "Tính đến ngày": statuses and workforce as they stood then, only enterprises registered by then."""
    today_rows = text(officer.get("/enterprises/"))
    assert "Công ty TNHH Bao bì Tân Tiến" in today_rows
    old = text(officer.get("/enterprises/", {"day": "31/12/2017"}))
    assert "Công ty TNHH Bao bì Tân Tiến" not in old  # licensed in 2021
    assert "Công ty TNHH Điện tử Ánh Dương" in old and "500" in old and "800" not in old
    suspended = text(officer.get("/enterprises/", {"day": "31/12/2019", "status": "suspended"}))
    assert "Công ty TNHH Thực phẩm Hải Hà" not in suspended
    suspended = text(officer.get("/enterprises/", {"day": "31/12/2020", "status": "suspended"}))
    assert "Công ty TNHH Thực phẩm Hải Hà" in suspended and "Công ty TNHH Điện tử Ánh Dương" not in suspended
    wrong = officer.get("/enterprises/", {"day": "32/13/2020"})
    assert wrong.status_code == 200 and "Nhập ngày dạng dd/mm/yyyy" in text(wrong)


def test_the_enterprise_page_lists_the_members_and_candidates_working_there(built):
    admin = client_of(user_with_role("quantri", "admin", built.root))
    page = text(admin.get(f"/enterprises/{built.e2.pk}/"))
    people = page[page.index('id="people-title"') :]
    assert "Lê Thị Hoa" in people  # the core cell's member who works in E2
    # A mass-organization officer sees no member records: no names of members.
    officer = client_of(user_with_role("congdoan2", "mass_org_officer", built.root))
    page = text(officer.get(f"/enterprises/{built.e2.pk}/"))
    assert "Lê Thị Hoa" not in page
