"""Organization pages: state on a date, history with corrections, sub-organizations with counts, figures,
and the forms that change the tree through organizations.services."""

import datetime

import pytest
from django.urls import reverse

from dangvu.core.models import AuditEntry
from dangvu.organizations.choices import OrganizationKind
from dangvu.organizations.models import Organization, OrganizationEvent
from dangvu.organizations.tree import History

from .helpers import listed_names, text

pytestmark = pytest.mark.django_db
D = datetime.date


def detail(client, org, day="31/03/2024"):
    return text(client.get(reverse("web:organization-detail", args=[org.pk]), {"day": day}))


def act(client, org, action, confirm=True, **data):
    url = reverse("web:organization-action", args=[org.pk, action])
    response = client.post(url, data)
    if confirm and response.status_code == 200 and "Xác nhận và ghi" in text(response):
        response = client.post(url, {**data, "confirmed": "1"})
    return response


def test_organization_page(client_admin, committee):
    c = committee
    body = detail(client_admin, c.c)
    assert "Đảng bộ Công ty Đông Hải" in body and "Đảng bộ cơ sở" in body and "Doanh nghiệp" in body
    assert "Chi bộ Phân xưởng 1" in body  # sub-organization, with its members
    assert 'data-figure="members-total">2<' in body
    assert "Thành lập" in body and "DB-C-QĐ/ĐU" in body  # the founding decision
    members_link = reverse("web:member-list") + "?organization=DB-C&amp;day=31/03/2024"
    assert members_link in body
    before = detail(client_admin, c.b, "31/12/2011")
    assert "không tồn tại ngày 31/12/2011" in before


def test_members_link_lists_the_organization_members(client_admin, committee):
    response = client_admin.get(reverse("web:member-list"), {"organization": "DB-C", "day": "31/03/2024"})
    assert set(listed_names(response)) == {"Đặng Văn Đức", "Phạm Văn Dũng"}


def test_found_rename_move_change_kind(client_admin, committee):
    c = committee
    response = act(
        client_admin,
        c.c,
        "found",
        code="CB-C2",
        name="Chi bộ Phân xưởng 2",
        kind=OrganizationKind.SUBORDINATE_CELL,
        sector="enterprise",
        enterprise_kind="foreign_invested",
        date="01/02/2024",
        decision_number="20-QĐ/ĐU",
    )
    assert response.status_code == 302
    new = Organization.objects.get(code="CB-C2")
    assert new.parent == c.c and new.founded_on == D(2024, 2, 1)
    assert (
        act(
            client_admin, new, "rename", name="Chi bộ Xưởng Hai", date="01/03/2024", decision_number="21"
        ).status_code
        == 302
    )
    new.refresh_from_db()
    assert new.name == "Chi bộ Xưởng Hai"
    assert (
        act(
            client_admin, c.b, "change-kind", kind=OrganizationKind.GRASSROOTS_COMMITTEE, date="01/03/2024"
        ).status_code
        == 302
    )
    assert act(client_admin, new, "move", parent="CB-B", date="02/03/2024").status_code == 302
    new.refresh_from_db()
    assert new.parent == c.b
    tree = History.load().tree_on(D(2024, 2, 15))
    assert tree.states[new.pk].parent_id == c.c.pk and tree.states[new.pk].name == "Chi bộ Phân xưởng 2"
    history = detail(client_admin, new, "02/03/2024")
    assert history.index("Thành lập") < history.index("Đổi tên") < history.index("Chuyển trực thuộc")


def test_found_offers_only_the_kinds_that_fit_under_the_parent(client_admin, committee):
    form = text(client_admin.get(reverse("web:organization-action", args=[committee.c.pk, "found"])))
    assert 'value="subordinate_cell"' in form and 'value="section_committee"' in form
    assert 'value="grassroots_cell"' not in form


def test_a_refused_change_shows_the_message_and_writes_nothing(client_admin, committee):
    before = (OrganizationEvent.objects.count(), AuditEntry.objects.count())
    clash = act(
        client_admin,
        committee.c,
        "found",
        code="CB-A",
        name="Trùng mã",
        kind="subordinate_cell",
        sector="enterprise",
        date="01/02/2024",
    )
    assert clash.status_code == 422 and "Mã tổ chức CB-A đã có" in text(clash)
    cycle = act(client_admin, committee.c, "move", parent="CB-C1", date="01/02/2024")
    assert cycle.status_code == 422
    # Members still belong there: dissolving is refused after the confirmation.
    full = act(client_admin, committee.a, "dissolve", date="01/02/2024")
    assert full.status_code == 422 and "còn đảng viên sinh hoạt" in text(full)
    assert (OrganizationEvent.objects.count(), AuditEntry.objects.count()) == before


def test_dissolve_asks_for_confirmation(client_admin, committee):
    from tests import factories as f

    cell = f.org(OrganizationKind.SUBORDINATE_CELL, parent=committee.c, day=D(2020, 1, 1), code="CB-C9")
    first = act(client_admin, cell, "dissolve", confirm=False, date="01/02/2024", decision_number="30-QĐ/ĐU")
    assert first.status_code == 200 and "Xác nhận và ghi" in text(first) and "30-QĐ/ĐU" in text(first)
    cell.refresh_from_db()
    assert cell.ended_on is None
    assert (
        act(client_admin, cell, "dissolve", date="01/02/2024", decision_number="30-QĐ/ĐU").status_code == 302
    )
    cell.refresh_from_db()
    assert cell.ended_on == D(2024, 2, 1)


def test_merge_moves_the_members(client_admin, committee):
    c = committee
    response = act(client_admin, c.c1, "merge", into="CB-A", date="01/02/2024", decision_number="31-QĐ/ĐU")
    assert response.status_code == 302
    counts = client_admin.get(reverse("web:tree"), {"day": "01/02/2024"})
    from .helpers import tree_counts

    shown = tree_counts(counts)
    assert shown["CB-A"] == "4" and "CB-C1" not in shown and shown["DB-C"] == "0"


def test_void_an_event_with_its_reason(client_admin, committee):
    c = committee
    act(client_admin, c.b, "rename", name="Chi bộ Ban Quản lý Khu kinh tế", date="01/03/2024")
    event = c.b.events.get(kind="renamed")
    url = reverse("web:organization-event-void", args=[event.pk])
    assert client_admin.post(url, {"reason": ""}).status_code == 422
    assert client_admin.post(url, {"reason": "Sai tên", "confirmed": "1"}).status_code == 302
    c.b.refresh_from_db()
    assert c.b.name == "Chi bộ Ban Quản lý"
    page = detail(client_admin, c.b)
    assert "đã đính chính" in page and "Sai tên" in page
    founding = c.b.events.get(kind="founded")
    refused = client_admin.post(
        reverse("web:organization-event-void", args=[founding.pk]), {"reason": "x", "confirmed": "1"}
    )
    assert refused.status_code == 422 and "Không thể hủy sự kiện thành lập" in text(refused)


def test_autocomplete_by_name_without_marks_or_by_code(client_admin, committee):
    url = reverse("web:organization-autocomplete")
    by_name = text(client_admin.get(url, {"field": "organization", "organization": "dong hai"}))
    assert '<option value="Đảng bộ Công ty Đông Hải (DB-C)">' in by_name
    by_code = text(client_admin.get(url, {"field": "parent", "parent": "c1"}))
    assert "(CB-C1)" in by_code and "(CB-A)" not in by_code


def test_organization_list(client_admin, committee):
    url = reverse("web:organization-list")
    body = text(client_admin.get(url, {"day": "31/03/2024"}))
    for name in ("Chi bộ Công ty Ánh Dương", "Chi bộ Ban Quản lý", "Chi bộ Phân xưởng 1"):
        assert name in body
    only = text(client_admin.get(url, {"day": "31/03/2024", "under": "DB-C"}))
    assert "Chi bộ Phân xưởng 1" in only and "Chi bộ Ban Quản lý" not in only
    assert "Chi bộ Ban Quản lý" not in text(client_admin.get(url, {"day": "31/12/2011"}))
    found = text(client_admin.get(url, {"q": "anh duong"}))
    assert "Chi bộ Công ty Ánh Dương" in found and "Chi bộ Ban Quản lý" not in found
    administrative = text(client_admin.get(url, {"sector": "administrative"}))
    assert "Chi bộ Ban Quản lý" in administrative and "Ánh Dương" not in administrative
    export = client_admin.get(url, {"export": "xlsx", "day": "31/03/2024"})
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["DB-C"][-1] == 2 and isinstance(rows["DB-C"][-1], int)
    assert rows["ROOT"][-1] == 5
