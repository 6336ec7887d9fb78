"""The edit pages of the links around an enterprise (issue 5, point 2): a party organization's coverage of an
enterprise (added from the enterprise's page, ended after confirmation, shown on the organization's page), a
member's workplace (recorded and ended from the member's page), and the correction of a status change. Each
goes through its service with its Vietnamese messages, writes nothing on a refusal, is audited, and finds
nothing outside the user's scope; a coverage link entered on the web changes the coverage figures ("with a
party organization") from its date only."""

import pytest

from dangvu.core.models import AuditKind
from dangvu.enterprises import services
from dangvu.enterprises.models import PartyCoverage, Workplace
from dangvu.figures.coverage import coverage, party_members_working_in
from dangvu.organizations.tree import History
from tests import factories as f
from tests.api.conftest import user_with_role

from . import test_forms
from .conftest import D
from .test_forms import COVERAGE, Unchanged, audit_of, client_of, figure, refused, text

pytestmark = pytest.mark.django_db

# The fixtures of test_forms.py (the Zone2022 history; officers of the Committee and of cell C1).
built = test_forms.built
officer = test_forms.officer
cell_officer = test_forms.cell_officer


def on(day) -> str:
    return day.strftime("%d/%m/%Y")


def confirmed(client, url, data):
    """The confirmation page first (nothing written), then the confirmed write."""
    with Unchanged():
        page = client.post(url, data)
    assert page.status_code == 200 and "Xác nhận và ghi" in text(page), text(page)
    return client.post(url, {**data, "confirmed": "1"})


@pytest.fixture
def c2(built):
    """A second enterprise cell of the Committee, founded 01/01/2022, with two members."""
    cell = f.org(parent=built.root, day=D(2022, 1, 1), code="C2", name="Chi bộ Cơ khí Bình Minh")
    f.member(cell, D(2022, 1, 1), name="Trần Văn Bình")
    f.member(cell, D(2022, 1, 1), name="Phạm Thị Lan")
    return cell


def test_a_party_organization_covers_an_enterprise_from_the_date_entered_on_its_page(built, officer, c2):
    """E2 (union, no party organization) is covered by C2 from 01/03/2023 until 01/01/2024: the figures
    "with a party organization" move on those dates only, on the page and in figures.coverage."""
    add = f"/enterprises/{built.e2.pk}/party/add/"
    assert f'href="{add}"' in text(officer.get(f"/enterprises/{built.e2.pk}/"))
    form = text(officer.get(add))
    # Offered: the enterprise cells in scope; not the Committee (administrative) nor the core cell.
    assert f'value="{c2.pk}"' in form and f'value="{built.c1.pk}"' in form
    assert f'value="{built.root.pk}"' not in form and f'value="{built.core.pk}"' not in form
    data = {"organization": c2.pk, "start": "01/03/2023", "decision_number": "15-QĐ/ĐU"}
    refused(officer, add, {**data, "organization": ""}, "Chọn tổ chức đảng phụ trách.")
    refused(officer, add, {**data, "organization": built.core.pk}, "Chọn tổ chức đảng trong danh sách")
    refused(officer, add, {**data, "start": "31/02/2023"}, "Nhập ngày dạng dd/mm/yyyy")
    refused(officer, add, {**data, "start": "01/01/2999"}, "ở tương lai: chỉ ghi điều đã xảy ra.")
    refused(
        officer,
        add,
        {**data, "start": "01/06/2021"},
        "Chi bộ Cơ khí Bình Minh không tồn tại ngày 01/06/2021.",
    )

    days = (D(2023, 2, 28), D(2023, 3, 1), D(2023, 12, 31), D(2024, 1, 1))
    before = {day: coverage(day) for day in days}
    assert before[D(2023, 3, 1)]["party"]["operating_with_party"] == 1
    assert [row["id"] for row in before[D(2023, 3, 1)]["union_without_party"]] == [built.e2.pk]
    page_before = text(officer.get(COVERAGE, {"day": "01/03/2023"}))
    assert figure(page_before, "operating-with-party") == "1"

    response = officer.post(add, data)
    assert response.status_code == 302 and response["Location"] == f"/enterprises/{built.e2.pk}/"
    link = PartyCoverage.objects.get(organization=c2, enterprise=built.e2)
    assert (link.start, link.end, link.decision_number) == (D(2023, 3, 1), None, "15-QĐ/ĐU")
    assert audit_of(link, AuditKind.CREATE).get().username == "congdoan"
    refused(
        officer,
        add,
        {**data, "start": "01/06/2023"},
        "Chi bộ Cơ khí Bình Minh đã phụ trách doanh nghiệp này từ ngày 01/03/2023.",
    )

    assert coverage(D(2023, 2, 28)) == before[D(2023, 2, 28)]
    after = coverage(D(2023, 3, 1))
    assert after["party"]["operating_with_party"] == 2 and after["party"]["enterprises_with_party"] == 2
    assert after["party"]["organizations"] == 2 and after["party"]["members"] == 5
    assert after["union_without_party"] == []
    assert figure(text(officer.get(COVERAGE, {"day": "28/02/2023"})), "operating-with-party") == "1"
    page_after = text(officer.get(COVERAGE, {"day": "01/03/2023"}))
    assert (
        figure(page_after, "operating-with-party") == "2" and figure(page_after, "party-percent") == "66,7%"
    )

    # Ending it: the date is checked, the page asks first, and the figures move back from the end on.
    page = text(officer.get(f"/enterprises/{built.e2.pk}/"))
    end = f"/enterprises/party/{link.pk}/end/"
    assert f'href="{end}"' in page
    refused(
        officer,
        end,
        {"end": "01/02/2023", "confirmed": "1"},
        "Ngày thôi phụ trách phải sau ngày bắt đầu 01/03/2023.",
    )
    refused(officer, end, {"end": "", "confirmed": "1"}, "Nhập ngày (dd/mm/yyyy).")
    response = confirmed(officer, end, {"end": "01/01/2024", "decision_number": "3-QĐ/ĐU"})
    assert response.status_code == 302 and response["Location"] == f"/enterprises/{built.e2.pk}/"
    link.refresh_from_db()
    assert (link.end, link.end_decision_number) == (D(2024, 1, 1), "3-QĐ/ĐU")
    entry = audit_of(link, AuditKind.UPDATE).get()
    assert entry.before["end"] is None and entry.after["end"] == "2024-01-01"
    assert coverage(D(2023, 12, 31))["party"] == after["party"]
    assert coverage(D(2024, 1, 1)) == before[D(2024, 1, 1)]
    assert f'href="{end}"' not in text(officer.get(f"/enterprises/{built.e2.pk}/"))
    refused(officer, end, {"end": "01/02/2024", "confirmed": "1"}, "Đã thôi phụ trách từ ngày 01/01/2024.")


def test_the_organization_page_lists_the_enterprises_it_covers(built, c2):
    link = services.link_party_organization(c2, built.e2, D(2023, 3, 1), decision_number="15-QĐ/ĐU")
    admin = client_of(user_with_role("quantri", "admin", built.root))
    page = text(admin.get(f"/organizations/{c2.pk}/"))
    table = page[page.index('id="covered-enterprises"') :]
    assert "Công ty TNHH Cơ khí Bình Minh" in table and "01/03/2023" in table
    assert f'href="/enterprises/party/{link.pk}/end/"' in table
    # On a day before the link the row is there (the history), not marked as current.
    old = text(admin.get(f"/organizations/{c2.pk}/", {"day": "01/01/2023"}))
    assert "Công ty TNHH Cơ khí Bình Minh" in old and "ngày 01/01/2023</span>" not in old
    # A role without the register sees no such section.
    propaganda = client_of(user_with_role("tuyengiao", "propaganda_board", built.root))
    assert 'id="covered-enterprises"' not in text(propaganda.get(f"/organizations/{c2.pk}/"))


def test_a_status_change_recorded_by_mistake_is_corrected_with_a_reason_after_confirmation(built, officer):
    wrong = services.record_status(built.e3, "suspended", D(2023, 2, 1), decision_number="3/TB")
    first = built.e3.status_changes.order_by("date", "id").first()
    page = text(officer.get(f"/enterprises/{built.e3.pk}/"))
    url = f"/enterprises/statuses/{wrong.pk}/void/"
    assert f'href="{url}"' in page and f'href="/enterprises/statuses/{first.pk}/void/"' not in page
    assert coverage(D(2023, 3, 1))["enterprises"]["by_status"]["suspended"] == 2

    form = text(officer.get(url))
    assert "01/02/2023" in form and "3/TB" in form and "Lý do đính chính" in form
    refused(officer, url, {"reason": "  ", "confirmed": "1"}, "Ghi lý do đính chính.")
    refused(
        officer,
        f"/enterprises/statuses/{first.pk}/void/",
        {"reason": "Nhầm", "confirmed": "1"},
        "Không hủy được tình trạng đầu tiên",
    )
    response = confirmed(officer, url, {"reason": "Ghi nhầm doanh nghiệp"})
    assert response.status_code == 302 and response["Location"] == f"/enterprises/{built.e3.pk}/"
    wrong.refresh_from_db()
    assert wrong.voided_at is not None and wrong.void_reason == "Ghi nhầm doanh nghiệp"
    entry = audit_of(wrong, AuditKind.CORRECTION).get()
    assert entry.username == "congdoan" and entry.after["void_reason"] == "Ghi nhầm doanh nghiệp"
    # It stops counting from its date; it stays on the page, marked, with the reason.
    assert coverage(D(2023, 3, 1))["enterprises"]["by_status"]["suspended"] == 1
    page = text(officer.get(f"/enterprises/{built.e3.pk}/"))
    statuses = page[page.index('id="statuses"') :]
    assert "đã đính chính" in statuses and "Ghi nhầm doanh nghiệp" in statuses
    assert f'href="{url}"' not in page
    # A corrected change is not corrected twice.
    with Unchanged():
        assert officer.post(url, {"reason": "Lần nữa", "confirmed": "1"}).status_code == 404


def test_a_members_workplace_is_recorded_and_ended_from_the_members_page(built):
    admin = client_of(user_with_role("bantochuc", "organization_board", built.root))
    worker = built.worker  # Lê Thị Hoa, of the core cell, works in E2 from 01/01/2020
    workplace = Workplace.objects.get(member=worker)
    page = text(admin.get(f"/members/{worker.pk}/"))
    table = page[page.index('id="workplaces"') :]
    assert "Công ty TNHH Cơ khí Bình Minh" in table and "01/01/2020" in table
    end = f"/enterprises/workplaces/{workplace.pk}/end/"
    add = f"/enterprises/members/{worker.pk}/workplaces/add/"
    assert f'href="{end}"' in page and f'href="{add}"' in page

    data = {"enterprise": built.e1.pk, "start": "01/07/2023"}
    refused(admin, add, {**data, "enterprise": ""}, "Chọn doanh nghiệp nơi đảng viên làm việc.")
    refused(
        admin,
        add,
        data,
        "Lê Thị Hoa đang làm việc ở “Công ty TNHH Cơ khí Bình Minh” từ ngày 01/01/2020: ghi ngày thôi làm việc ở đó trước.",
    )
    refused(
        admin,
        end,
        {"end": "01/01/2019", "confirmed": "1"},
        "Ngày thôi làm việc phải sau ngày bắt đầu 01/01/2020.",
    )
    history = History.load()
    ids = [built.e1.pk, built.e2.pk]
    assert party_members_working_in(ids, D(2023, 7, 1), history) == {built.e2.pk: 1}

    response = confirmed(admin, end, {"end": "01/07/2023"})
    assert response.status_code == 302 and response["Location"] == f"/members/{worker.pk}/"
    workplace.refresh_from_db()
    assert workplace.end == D(2023, 7, 1)
    assert audit_of(workplace, AuditKind.UPDATE).get().username == "bantochuc"

    refused(
        admin,
        add,
        {**data, "enterprise": built.e4.pk, "start": "01/01/2020"},
        "chưa có trong sổ vào ngày 01/01/2020",
    )
    response = admin.post(add, {**data, "note": "Kỹ sư"})
    assert response.status_code == 302 and response["Location"] == f"/members/{worker.pk}/"
    moved = Workplace.objects.get(member=worker, enterprise=built.e1)
    assert (moved.start, moved.end, moved.note) == (D(2023, 7, 1), None, "Kỹ sư")
    assert audit_of(moved, AuditKind.CREATE).get().username == "bantochuc"
    # The figures "party members working in" follow from those dates only.
    assert party_members_working_in(ids, D(2023, 6, 30), history) == {built.e2.pk: 1}
    assert party_members_working_in(ids, D(2023, 7, 1), history) == {built.e1.pk: 1}


def test_the_link_forms_need_the_permission_and_the_scope(built, cell_officer, c2):
    # The officer of cell C1 sees E1 (C1 covers it): C1 is the only organization offered.
    form = text(cell_officer.get(f"/enterprises/{built.e1.pk}/party/add/"))
    assert f'value="{built.c1.pk}"' in form and f'value="{c2.pk}"' not in form
    own = PartyCoverage.objects.get(organization=built.c1, enterprise=built.e1)
    other = services.link_party_organization(c2, built.e1, D(2023, 1, 1))
    page = text(cell_officer.get(f"/enterprises/{built.e1.pk}/"))
    assert f'href="/enterprises/party/{own.pk}/end/"' in page
    assert f'href="/enterprises/party/{other.pk}/end/"' not in page
    e2_status = built.e2.status_changes.order_by("date", "id").last()
    e1_status = built.e1.status_changes.order_by("date", "id").last()
    assert cell_officer.get(f"/enterprises/statuses/{e1_status.pk}/void/").status_code == 200
    with Unchanged():
        for url, data in (
            (f"/enterprises/{built.e2.pk}/party/add/", {"organization": built.c1.pk, "start": "01/03/2023"}),
            (f"/enterprises/party/{other.pk}/end/", {"end": "01/03/2023", "confirmed": "1"}),
            (f"/enterprises/statuses/{e2_status.pk}/void/", {"reason": "Nhầm", "confirmed": "1"}),
        ):
            assert cell_officer.post(url, data).status_code == 404, url
        # An organization outside the scope, typed in by hand, is refused like any choice not offered.
        response = cell_officer.post(
            f"/enterprises/{built.e1.pk}/party/add/", {"organization": c2.pk, "start": "01/03/2023"}
        )
        assert response.status_code == 422 and "Chọn tổ chức đảng trong danh sách" in text(response)

    # Workplaces: members.change over the member. The secretary of C1 writes those of C1's members only.
    secretary = client_of(user_with_role("bithu_c1", "cell_secretary", built.c1))
    worker_workplace = Workplace.objects.get(member=built.worker)
    with Unchanged():
        assert (
            secretary.post(
                f"/enterprises/members/{built.worker.pk}/workplaces/add/",
                {"enterprise": built.e1.pk, "start": "01/07/2023"},
            ).status_code
            == 404
        )
        assert (
            secretary.post(
                f"/enterprises/workplaces/{worker_workplace.pk}/end/", {"end": "01/07/2023", "confirmed": "1"}
            ).status_code
            == 404
        )
    member_c1 = _member_of(built.c1)
    assert secretary.get(f"/enterprises/members/{member_c1.pk}/workplaces/add/").status_code == 200
    response = secretary.post(
        f"/enterprises/members/{member_c1.pk}/workplaces/add/",
        {"enterprise": built.e1.pk, "start": "01/05/2019"},
    )
    assert response.status_code == 302
    # Readers: no link, no form.
    reader = client_of(user_with_role("thuongtruc", "standing_board", built.root))
    page = text(reader.get(f"/enterprises/{built.e1.pk}/"))
    assert "/party/add/" not in page and "/void/" not in page and "/end/" not in page
    assert reader.get(f"/enterprises/{built.e1.pk}/party/add/").status_code == 403
    page = text(reader.get(f"/members/{built.worker.pk}/"))
    assert "Công ty TNHH Cơ khí Bình Minh" in page and "/workplaces/add/" not in page
    assert reader.get(f"/enterprises/workplaces/{worker_workplace.pk}/end/").status_code == 403


def _member_of(org):
    from dangvu.members.models import MembershipPeriod

    return MembershipPeriod.objects.filter(organization=org).order_by("pk").first().member
