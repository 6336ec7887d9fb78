"""The member list: accent-insensitive search, Vietnamese order, filters on a date, pages, export."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.core.text import person_sort_key
from tests import factories as f

from .helpers import listed_names, text

pytestmark = pytest.mark.django_db
D = datetime.date
LIST = reverse("web:member-list")


def names(client, **params):
    return listed_names(client.get(LIST, params))


@pytest.mark.parametrize(
    "query", ["nguyen thi hang", "NGUYEN THI HANG", "Nguyễn Thị Hằng", "hang", "  nguyễn   hằng "]
)
def test_search_ignores_marks_case_and_spacing(client_admin, committee, query):
    assert "Nguyễn Thị Hằng" in names(client_admin, q=query)


def test_search_examples(client_admin, committee):
    found = names(client_admin, q="NGUYEN")
    assert set(found) == {"Nguyễn Thị Hằng", "Nguyên Văn An"}
    assert "Đặng Văn Đức" in names(client_admin, q="d")  # "d" finds "Đ"
    assert names(client_admin, q="dang van duc") == ["Đặng Văn Đức"]
    assert names(client_admin, q="1234") == ["Nguyễn Thị Hằng"]  # national ID, by its digits
    assert names(client_admin, q="52001234") == ["Nguyễn Thị Hằng"]  # card number
    assert names(client_admin, q="khong co ai") == []


def test_default_order_is_vietnamese(client_admin, committee):
    shown = names(client_admin)
    # Given name first, in the Vietnamese alphabet: An, Bình, Dũng, Đức, Hằng (Cường left the Party).
    assert shown == ["Nguyên Văn An", "Trần Văn Bình", "Phạm Văn Dũng", "Đặng Văn Đức", "Nguyễn Thị Hằng"]
    assert shown == sorted(shown, key=person_sort_key)
    assert names(client_admin, sort="-name") == list(reversed(shown))


def test_sort_by_birth_and_admission_date(client_admin, committee):
    assert names(client_admin, sort="birth_date")[:2] == ["Trần Văn Bình", "Phạm Văn Dũng"]
    assert names(client_admin, sort="-birth_date")[0] == "Đặng Văn Đức"
    assert names(client_admin, sort="admitted_on") == [
        "Phạm Văn Dũng",
        "Nguyễn Thị Hằng",
        "Trần Văn Bình",
        "Nguyên Văn An",
        "Đặng Văn Đức",
    ]
    assert names(client_admin, sort="nonsense") == names(client_admin)


def test_filters(client_admin, committee):
    c = committee
    assert set(names(client_admin, organization="DB-C")) == {"Đặng Văn Đức", "Phạm Văn Dũng"}
    assert set(names(client_admin, organization=f"{c.c.name} ({c.c.code})")) == {
        "Đặng Văn Đức",
        "Phạm Văn Dũng",
    }
    assert names(client_admin, organization="CB-B") == ["Trần Văn Bình"]
    assert set(names(client_admin, status="probationary", day="31/03/2024")) == {"Đặng Văn Đức"}
    assert "Đặng Văn Đức" not in names(client_admin, status="full", day="31/03/2024")
    assert names(client_admin, status="ended") == ["Hoàng Văn Cường"]
    assert names(client_admin, status="ended", organization="DB-C") == []
    assert names(client_admin, status="ended", organization="CB-A") == ["Hoàng Văn Cường"]
    assert names(client_admin, sector="administrative") == ["Trần Văn Bình"]
    assert names(client_admin, gender="female") == ["Nguyễn Thị Hằng"]
    # Ages on 31/03/2024: Đức 26 (born 1998), Hằng 33, An 32, Dũng 39, Bình 48.
    assert names(client_admin, age_band="to_30", day="31/03/2024") == ["Đặng Văn Đức"]
    assert set(names(client_admin, age_band="31_40", day="31/03/2024")) == {
        "Nguyên Văn An",
        "Phạm Văn Dũng",
        "Nguyễn Thị Hằng",
    }
    assert names(client_admin, age_band="41_50", day="31/03/2024") == ["Trần Văn Bình"]
    # The date: members on 01/01/2016 (Cường was still a member, Bình and An not yet).
    assert set(names(client_admin, day="01/01/2016")) == {
        "Hoàng Văn Cường",
        "Phạm Văn Dũng",
        "Nguyễn Thị Hằng",
    }
    # Filters combine with the search.
    assert names(client_admin, q="van", organization="DB-C", status="full") == ["Phạm Văn Dũng"]


def test_an_unknown_organization_is_reported_and_not_applied(client_admin, committee):
    body = text(client_admin.get(LIST, {"organization": "Không có"}))
    assert "Không tìm thấy tổ chức" in body
    assert len(listed_names(client_admin.get(LIST, {"organization": "Không có"}))) == 5


def test_row_shows_organization_and_status_on_the_date_and_masks_the_national_id(client_admin, committee):
    body = text(client_admin.get(LIST, {"day": "31/03/2024"}))
    assert "********1234" in body and "031190001234" not in body
    assert "Chi bộ Phân xưởng 1" in body and "Dự bị" in body and "Chính thức" in body
    ended = text(client_admin.get(LIST, {"status": "ended"}))
    assert "Ra khỏi Đảng 01/08/2022" in ended


def test_htmx_request_gets_only_the_results(client_admin, committee):
    response = client_admin.get(
        LIST, {"q": "hang"}, headers={"HX-Request": "true", "HX-Target": "list-results"}
    )
    body = text(response)
    assert body.lstrip().startswith('<div id="list-results"') and "<html" not in body
    assert listed_names(response) == ["Nguyễn Thị Hằng"]


def make_members(organization, count, start=0):
    for index in range(start, start + count):
        f.member(
            organization, D(2015, 1, 1) + datetime.timedelta(days=index), name=f"Lê Văn Thành {index:03d}"
        )


def test_pages_and_page_size(client_admin, committee):
    make_members(committee.a, 60)
    first = client_admin.get(LIST)
    assert len(listed_names(first)) == 50
    assert "65 dòng (dòng 1–50)" in text(first)
    second = client_admin.get(LIST, {"page": 2})
    assert len(listed_names(second)) == 15
    assert not set(listed_names(first)) & set(listed_names(second))
    assert len(listed_names(client_admin.get(LIST, {"per_page": 25}))) == 25
    assert len(listed_names(client_admin.get(LIST, {"per_page": 7}))) == 50  # not offered: the default
    assert listed_names(client_admin.get(LIST, {"page": 99})) == listed_names(second)


def test_export_holds_the_whole_current_view_with_real_dates(client_admin, committee):
    make_members(committee.a, 55)
    response = client_admin.get(LIST, {"organization": "CB-A", "export": "xlsx", "day": "31/03/2024"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    # The export is the import template (Tổ chức / Đảng viên / Biến động), so it re-imports unchanged.
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Đảng viên"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 57  # every page of the view: Hằng, An and the 55 new members of CB-A
    hang = next(row for row in rows if row[0] == "Nguyễn Thị Hằng")
    # The plain export masks personal data as the list does, even for the administrator.
    assert hang[header.index("Số CCCD")] != "031190001234" and hang[header.index("Số CCCD")].endswith("1234")
    assert not isinstance(hang[header.index("Ngày sinh")], datetime.datetime)
    assert hang[header.index("Ngày vào Đảng")].date() == D(2015, 5, 4)
    # The explicit full export (members.reveal) holds the full values: the file that imports back.
    full = client_admin.get(
        LIST, {"organization": "CB-A", "export": "xlsx", "day": "31/03/2024", "full": "1"}
    )
    full_rows = list(
        openpyxl.load_workbook(io.BytesIO(full.content))["Đảng viên"].iter_rows(values_only=True)
    )
    hang = next(row for row in full_rows if row[0] == "Nguyễn Thị Hằng")
    assert hang[header.index("Ngày sinh")].date() == D(1990, 4, 2)
    assert hang[header.index("Số CCCD")] == "031190001234"
    assert hang[header.index("Mã tổ chức")] == "CB-A"
    assert sheet.cell(row=2, column=header.index("Ngày vào Đảng") + 1).number_format == "dd/mm/yyyy"
    assert [row[0] for row in rows] == sorted((row[0] for row in rows), key=person_sort_key)


def test_export_is_audited(client_admin, committee):
    from dangvu.core.models import AuditEntry, AuditKind

    client_admin.get(LIST, {"export": "xlsx"})
    entry = AuditEntry.objects.filter(kind=AuditKind.EXPORT).get()
    assert entry.username == "quantri" and "5 dòng" in entry.object_repr
    assert entry.after["members"] == 5 and entry.after["personal_data"] == "masked"
    client_admin.get(LIST, {"export": "xlsx", "full": "1"})
    assert AuditEntry.objects.filter(kind=AuditKind.EXPORT).latest("id").after["personal_data"] == "full"


def list_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, params)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(client_admin, committee):
    # Warm up (session, first-use caches), then measure with 5 and with 50 members on the page.
    list_queries(client_admin)
    small = list_queries(client_admin)
    ended = list_queries(client_admin, status="ended")
    make_members(committee.a, 45)
    large = list_queries(client_admin)
    assert len(listed_names(client_admin.get(LIST))) == 50
    assert large == small
    # Former members need one more lookup per page (their ending event), not one per row.
    for index in range(3):
        from dangvu.members import services

        member = f.member(committee.b, D(2016, 1, 1), name=f"Vũ Văn Hết {index}")
        services.record_event(member, kind="deceased", date=D(2020, 1, 1 + index))
    assert list_queries(client_admin, status="ended") == ended
