"""The dashboard, the first page after login (issue 7, point 1): the figures of an organization on a date are
those of the shared definitions, each links to the list behind it with the same count, and a user sees only
the organizations of their figures scope and the lists they may open."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from dangvu.accounts.models import Role, User
from dangvu.core.numbers import format_percent
from dangvu.development.deadlines import due_items
from dangvu.enterprises import services as enterprise_services
from dangvu.figures.counting import Scope, admitted_members, flows, founded_organizations, member_counts
from dangvu.figures.coverage import coverage
from dangvu.figures.dashboard import dashboard, month_ends
from dangvu.figures.funnel import candidates_in_progress
from dangvu.figures.targets import progress
from dangvu.members import services as member_services
from dangvu.members.choices import Gender
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.tree import History
from dangvu.targets import services as target_services
from dangvu.targets.choices import Measure, PeriodKind
from dangvu.targets.models import Target
from tests import factories as f
from tests.development.helpers import propose
from tests.enterprises.conftest import enterprise, mass_org, members, workforce, zone

from .helpers import text

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = "31/03/2024"
FIGURE = re.compile(r'data-figure="([a-z-]+)">([^<]*)<')
FIGURE_LINK = re.compile(r'<a href="([^"]+)" class="figure-link" data-figure-link="([a-z-]+)">')
COUNT = re.compile(r"([\d.]+) dòng \(dòng")


class World:
    """ROOT with CB-A (enterprise cell), CB-B (administrative cell), DB-C (grassroots committee) and its cell
    CB-C1, and CB-N founded on 01/02/2024. Members of long standing, three admissions in the first quarter of
    2024 (and one in June), one member who left in 2022. Targets of ROOT for 2024: admit 8, found 2. Two
    enterprises in zone AH, one with a union and CB-A's coverage, one with a union only; a third without
    either. Candidates: one stalled since 2023 (overdue), one proposed in February 2024, both in CB-A; one in
    CB-C1 proposed in March 2024."""

    def __init__(self):
        self.root = f.root()
        self.a = f.org(parent=self.root, day=D(2005, 1, 1), code="CB-A", name="Chi bộ Công ty Ánh Dương")
        self.b = f.org(
            parent=self.root,
            day=D(2012, 1, 1),
            code="CB-B",
            name="Chi bộ Ban Quản lý",
            sector=Sector.ADMINISTRATIVE,
        )
        self.c = f.org(
            OrganizationKind.GRASSROOTS_COMMITTEE,
            parent=self.root,
            day=D(2005, 1, 1),
            code="DB-C",
            name="Đảng bộ Công ty Đông Hải",
        )
        self.c1 = f.org(
            OrganizationKind.SUBORDINATE_CELL,
            parent=self.c,
            day=D(2005, 1, 1),
            code="CB-C1",
            name="Chi bộ Phân xưởng 1",
        )
        self.n = f.org(parent=self.root, day=D(2024, 2, 1), code="CB-N", name="Chi bộ Công ty Bình Minh")
        self.old = []
        for index, (org, name, gender, birth) in enumerate(
            [
                (self.a, "Nguyễn Thị Hằng", Gender.FEMALE, D(1990, 4, 2)),
                (self.a, "Nguyễn Văn An", Gender.MALE, D(1962, 1, 1)),
                (self.b, "Trần Văn Bình", Gender.MALE, D(1975, 6, 1)),
                (self.c1, "Phạm Văn Dũng", Gender.MALE, D(1985, 1, 1)),
            ]
        ):
            member = f.member(org, D(2015, 5, 1 + index), name=name, gender=gender, birth=birth)
            member_services.recognize(member, D(2016, 5, 1 + index))
            self.old.append(member)
        gone = f.member(self.a, D(2012, 2, 1), name="Hoàng Văn Cường", birth=D(1980, 1, 1))
        member_services.recognize(gone, D(2013, 2, 1))
        member_services.record_event(gone, kind="left", date=D(2022, 8, 1))
        self.admitted = [
            f.member(self.a, D(2024, 1, 10), name="Trần Thị Lan", gender=Gender.FEMALE, birth=D(2000, 1, 1)),
            f.member(self.a, D(2024, 2, 20), name="Lê Văn Minh", birth=D(1999, 5, 5)),
            f.member(self.c1, D(2024, 3, 15), name="Phạm Văn Nam", birth=D(1996, 7, 7)),
            f.member(self.c1, D(2024, 6, 1), name="Đỗ Thị Oanh", gender=Gender.FEMALE, birth=D(2001, 2, 2)),
        ]
        for measure, number in ((Measure.ADMISSIONS, 8), (Measure.ORGANIZATIONS_FOUNDED, 2)):
            target_services.create_target(
                {
                    "assigner_name": "Ban Thường vụ Thành ủy",
                    "receiver": self.root,
                    "measure": measure,
                    "period_kind": PeriodKind.YEAR,
                    "year": 2024,
                    "number": number,
                    "document_number": "12-TB/TU",
                }
            )
        self.zone = zone()
        self.e1 = enterprise(zone=self.zone, operating=D(2016, 1, 1))
        workforce(self.e1, D(2016, 1, 1), 500)
        members(mass_org(self.e1, D(2016, 3, 1)), D(2016, 3, 1), 300)
        enterprise_services.link_party_organization(self.a, self.e1, D(2019, 5, 1))
        self.e2 = enterprise("Công ty TNHH Cơ khí Bình Minh", zone=self.zone, operating=D(2017, 1, 1))
        workforce(self.e2, D(2017, 1, 1), 200)
        mass_org(self.e2, D(2018, 3, 1))
        self.e3 = enterprise("Công ty TNHH Nhựa Hải Long", zone=self.zone, operating=D(2018, 1, 1))
        self.stalled = propose(self.a, day=D(2023, 1, 5), name="Vũ Thị Hạnh")
        self.recent = propose(self.a, day=D(2024, 2, 1), name="Đào Văn Tú")
        self.other = propose(
            self.c1, day=D(2024, 3, 1), name="Lý Thị Mai", enterprise_name="Công ty Đông Hải"
        )


@pytest.fixture
def world(db):
    return World()


def user_with(username, organization, permissions=None, roles=()):
    user = User.objects.create_user(username, password="mat-khau-dai-1234", organization=organization)
    if permissions is not None:
        role = Role.objects.create(code=f"test-{username}", name=username, permissions=list(permissions))
        user.roles.add(role)
    for code in roles:
        user.roles.add(Role.objects.get(code=code))
    return user


def open_dashboard(client, **params):
    response = client.get(reverse("web:home"), {"day": DAY, **params})
    assert response.status_code == 200
    return text(response)


def figures(body: str) -> dict[str, str]:
    return dict(FIGURE.findall(body))


def links(body: str) -> dict[str, str]:
    return {key: html.unescape(url) for url, key in FIGURE_LINK.findall(body)}


def listed(client, url: str) -> int:
    """The number of rows of the list page at `url`, whose filters must all be valid."""
    response = client.get(url)
    assert response.status_code == 200, url
    body = text(response)
    assert "field-error" not in body, url  # an invalid filter would be left out, and the count be wrong
    if "Không có dòng nào." in body:
        return 0
    match = COUNT.search(body)
    assert match, url
    return int(match.group(1).replace(".", ""))


def as_int(shown: str) -> int:
    return int(shown.replace(".", ""))


def test_the_figures_are_those_of_the_shared_definitions(client_admin, world):
    body = open_dashboard(client_admin)
    shown = figures(body)
    day = D(2024, 3, 31)
    history = History.load()
    counts = member_counts(Scope(day, world.root.pk, history))
    year = flows(history, world.root.pk, D(2024, 1, 1), day)
    register = coverage(day, history=history)
    assert shown == {
        "members-total": str(counts.total),
        "members-full": str(counts.full),
        "members-probationary": str(counts.probationary),
        "admitted-in-year": str(year.admitted),
        "founded-in-year": str(year.founded),
        "enterprises-with-union": str(register["unions"]["enterprises_with_union"]),
        "enterprises-with-party": str(register["party"]["enterprises_with_party"]),
        "candidates-in-progress": str(len(candidates_in_progress(history, world.root.pk, day))),
        "candidates-overdue": str(len({i.candidate_id for i in due_items(day) if i.overdue})),
    }
    # The world, as a person counts it: 4 full members of long standing and the 3 admitted by 31/03.
    assert (
        shown["members-total"] == "7"
        and shown["members-full"] == "4"
        and shown["members-probationary"] == "3"
    )
    assert shown["admitted-in-year"] == "3" and shown["founded-in-year"] == "1"
    assert shown["enterprises-with-union"] == "2" and shown["enterprises-with-party"] == "1"
    assert shown["candidates-in-progress"] == "3" and shown["candidates-overdue"] == "1"
    # Against the targets (figures.targets): 3/8 admitted, 1/2 founded.
    for target in Target.objects.filter(receiver=world.root):
        item = progress(target, day, history)
        assert f"{item.reached}/{item.number} ({format_percent(item.shown_percent)})" in body
    # Small targets: whole percents, as the reports print them (figures.targets.shown_percent).
    assert "3/8 (38%)" in body and "1/2 (50%)" in body


def test_the_bundle_gathers_each_figure_once(world):
    day = D(2024, 3, 31)
    history = History.load()
    figures_ = dashboard(world.root.pk, day, history=history)
    assert [n for _day, n in figures_.members_over_time][-1] == figures_.members.total
    assert [d for d, _n in figures_.members_over_time] == month_ends(day)
    assert figures_.members_over_time[0] == (D(2023, 4, 30), 4)
    assert [(m.end, m.admitted, m.cumulative) for m in figures_.admissions_by_month] == [
        (D(2024, 1, 31), 1, 1),
        (D(2024, 2, 29), 1, 2),
        (D(2024, 3, 31), 1, 3),
    ]
    # The target's pace: 8 × 91/366 days by 31/03 (figures.targets).
    assert str(figures_.admissions_by_month[-1].expected) == "2.0"
    assert figures_.admissions_target.reached == 3 and figures_.founding_target.reached == 1
    assert figures_.funnel["proposed"] == 2  # those proposed in 2024
    # A cell's figures: CB-A alone.
    cell = dashboard(world.a.pk, day, history=history)
    assert (cell.members.total, cell.admitted_in_year, len(cell.in_progress), len(cell.overdue)) == (
        4,
        2,
        2,
        1,
    )
    assert (
        cell.coverage["party"]["enterprises_with_party"] == 1 and cell.coverage["enterprises"]["total"] == 1
    )


def test_each_figure_opens_a_list_with_the_same_count(client_admin, world):
    body = open_dashboard(client_admin)
    shown = figures(body)
    targets = links(body)
    assert set(targets) == set(shown)  # every headline figure has its list
    for key, url in targets.items():
        assert listed(client_admin, url) == as_int(shown[key]), (key, url)


def test_the_chart_tables_link_each_number_to_its_list(client_admin, world):
    body = open_dashboard(client_admin)
    cells = re.findall(r'<td class="num"><a href="([^"]+)">([\d.]+)</a></td>', body)
    assert len(cells) >= 12 + 3 * 2 + 2 + 2 + 5 + 3
    for url, number in cells:
        assert listed(client_admin, html.unescape(url)) == as_int(number), url


def test_a_cell_secretary_sees_the_cell_only(client, world):
    secretary = user_with("bithu", world.a, roles=["cell_secretary"])
    client.force_login(secretary)
    body = open_dashboard(client)
    assert "Tổng quan Chi bộ Công ty Ánh Dương ngày 31/03/2024" in body
    shown = figures(body)
    assert shown["members-total"] == "4" and shown["admitted-in-year"] == "2"
    assert 'name="organization"' in body and "<select" not in body  # nothing else to choose
    assert client.get(reverse("web:home"), {"day": DAY, "organization": "DB-C"}).status_code == 404
    assert client.get(reverse("web:home"), {"day": DAY, "organization": "ROOT"}).status_code == 404
    assert client.get(reverse("web:home"), {"day": DAY, "organization": "CB-A"}).status_code == 200
    # The lists behind the figures are the cell's, with the same counts.
    for key, url in links(body).items():
        assert listed(client, url) == as_int(shown[key]), (key, url)
    assert "enterprises-with-union" not in links(body)  # no mass_orgs.view: no enterprise list


def test_an_administrator_chooses_an_organization(client_admin, world):
    body = open_dashboard(client_admin, organization="DB-C")
    assert "Tổng quan Đảng bộ Công ty Đông Hải" in body
    assert figures(body)["members-total"] == "2"
    assert '<option value="CB-C1">' in body and '<option value="DB-C" selected>' in body
    assert client_admin.get(reverse("web:home"), {"organization": "KHONG-CO"}).status_code == 404


def test_a_statistics_viewer_sees_aggregates_without_links_to_personal_data(client, world):
    viewer = user_with("thongke", world.root, roles=["statistics_viewer"])
    client.force_login(viewer)
    body = open_dashboard(client)
    assert figures(body)["members-total"] == "7"
    assert reverse("web:member-list") not in body
    assert reverse("development:board") not in body and reverse("development:todo") not in body
    assert reverse("enterprises:enterprise-list") not in body
    # Organizations it may see: the founded organizations link to their list.
    assert set(links(body)) == {"founded-in-year"}


def test_without_figures_view_the_page_shows_no_figure(client, world):
    client.force_login(user_with("chixem", world.root, ["members.view"]))
    body = open_dashboard(client)
    assert "data-figure" not in body and "không có quyền xem số liệu tổng hợp" in body


def test_the_charts_read_their_data_from_json_and_a_static_script(client_admin, world):
    body = open_dashboard(client_admin)
    assert body.count('type="application/json"') == 7
    assert "web/dashboard.js" in body and "vendor/chart.umd.min.js" in body
    assert "<script>" not in body and 'style="' not in body  # strict CSP


def test_days_are_easy_to_pick_and_the_tree_has_its_own_page(client_admin, world):
    body = open_dashboard(client_admin)
    # The quarter ends up to the latest event recorded (01/06/2024), and that day.
    assert "?day=31/03/2024&amp;organization=ROOT" in body and "?day=01/06/2024&amp;organization=ROOT" in body
    assert f'href="{reverse("web:tree")}"' in body
    tree = text(client_admin.get(reverse("web:tree"), {"day": DAY}))
    assert "Cây tổ chức đảng" in tree and "CB-C1" in tree


def test_the_first_page_after_login_is_the_dashboard(client, world):
    User.objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-dai-1234")
    response = client.post(reverse("login"), {"username": "quantri", "password": "mat-khau-dai-1234"})
    assert response["Location"] == reverse("web:home")
    assert 'data-figure="members-total"' in text(client.get(response["Location"]))


@pytest.mark.parametrize(
    ("start", "end"),
    [(D(2024, 1, 1), D(2024, 3, 31)), (D(2024, 1, 1), D(2024, 12, 31)), (D(2015, 1, 1), D(2024, 2, 1))],
)
def test_the_lists_read_the_same_admissions_and_foundings_as_the_flows(world, start, end):
    history = History.load()
    for org_id in (None, world.root.pk, world.a.pk, world.c.pk, world.c1.pk, world.n.pk):
        period = flows(history, org_id, start, end)
        assert admitted_members(history, org_id, start, end).count() == period.admitted, org_id
        assert len(founded_organizations(history, org_id, start, end)) == period.founded, org_id


def test_a_period_that_ends_before_it_starts_is_refused_on_the_lists(client_admin, world):
    params = {"admitted_from": "31/03/2024", "admitted_to": "01/01/2024"}
    body = text(client_admin.get(reverse("web:member-list"), params))
    assert "Ngày cuối phải từ ngày đầu trở đi." in body
    params = {"founded_from": "31/03/2024", "founded_to": "01/01/2024"}
    body = text(client_admin.get(reverse("web:organization-list"), params))
    assert "Ngày cuối phải từ ngày đầu trở đi." in body


def test_the_board_lists_the_candidates_in_progress_on_a_past_day(client_admin, world):
    # On 15/02/2024 the candidate of CB-C1 was not proposed yet: two in progress, both in CB-A.
    url = reverse("development:board") + "?in_progress_on=15/02/2024"
    assert listed(client_admin, url) == 2
    assert listed(client_admin, url + "&organization=CB-C1") == 0
    assert listed(client_admin, reverse("development:board") + "?in_progress_on=31/12/2022") == 0


def test_the_number_of_queries_does_not_grow_with_the_records(client_admin, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    open_dashboard(client_admin)
    with CaptureQueriesContext(connection) as before:
        open_dashboard(client_admin)
    for index in range(4):
        propose(world.c1, day=D(2023, 2, 1 + index), name=f"Ngô Văn Tài {index}")
        f.member(world.b, D(2024, 1, 2 + index), name=f"Bùi Văn Sơn {index}")
    with CaptureQueriesContext(connection) as after:
        body = open_dashboard(client_admin)
    assert figures(body)["candidates-overdue"] == "5"
    assert len(after.captured_queries) == len(before.captured_queries)
