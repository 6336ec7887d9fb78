"""The enterprise pages: permission and scope, the coverage page shows exactly coverage(), the list."""

import re

import pytest
from django.test import Client

from dangvu.core.numbers import format_int, format_percent
from dangvu.figures.coverage import coverage
from tests.api.conftest import user_with_role

from .test_coverage import DAY, Zone2022

COVERAGE = "/enterprises/coverage/"


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def figure(html, name):
    found = re.search(rf'data-figure="{name}">([^<]*)<', html)
    return found.group(1) if found else None


@pytest.fixture
def built(db):
    return Zone2022()


@pytest.fixture
def officer(built):
    return client_of(user_with_role("congdoan", "mass_org_officer", built.root))


def test_pages_need_mass_orgs_view(built, officer):
    propaganda = client_of(user_with_role("tuyengiao", "propaganda_board", built.root))
    for url in (COVERAGE, "/enterprises/", f"/enterprises/{built.e1.pk}/", "/enterprises/zones/AH/"):
        assert Client().get(url).status_code == 302, url
        assert propaganda.get(url).status_code == 403, url
        assert officer.get(url).status_code == 200, url
    assert officer.get("/enterprises/zones/NOPE/").status_code == 404


def test_enterprise_outside_scope_is_404(built):
    cell = client_of(user_with_role("congdoan_c1", "mass_org_officer", built.c1))
    assert cell.get(f"/enterprises/{built.e1.pk}/").status_code == 200
    assert cell.get(f"/enterprises/{built.e2.pk}/").status_code == 404
    page = cell.get("/enterprises/").content.decode()
    assert built.e1.name in page and built.e2.name not in page


def test_coverage_page_shows_the_figures_of_coverage(built, officer):
    html = officer.get(COVERAGE, {"day": "10/09/2022"}).content.decode()
    data = coverage(DAY)
    assert figure(html, "enterprises") == format_int(data["enterprises"]["total"])
    assert figure(html, "eligible-with-union") == format_int(data["unions"]["eligible_with_union"])
    assert figure(html, "union-percent") == format_percent(data["unions"]["percent_of_eligible"])
    assert figure(html, "party-percent") == format_percent(data["party"]["percent_of_operating"])
    assert figure(html, "workers") == format_int(data["workers"]["total"])
    assert figure(html, "union-members") == format_int(data["unions"]["members"])
    assert figure(html, "workers-with-union") == format_int(
        data["unions"]["workers_in_enterprises_with_union"]
    )
    assert figure(html, "with-youth-union") == format_int(data["youth_union"]["enterprises_with_youth_union"])
    assert figure(html, "party-members") == format_int(data["party"]["members"])
    # E2 has a union and no party organization: it is on the list, with its one member working there.
    table = html.split('id="union-without-party"')[1].split("</table>")[0]
    assert built.e2.name in table and built.e1.name not in table
    (target,) = data["union_without_party"]
    assert target["party_members"] == 1  # the core-cell member who works at E2
    cells = f'<td class="num">{format_int(target["party_members"])}</td>'
    assert cells in table.split(built.e2.name)[1]
    # The bars carry the same rates as the tables (machine-readable values, Vietnamese text).
    assert 'value="100.0"' in html and format_percent(data["by_zone"][0]["union_percent_of_eligible"]) in html
    assert 'id="by-zone"' in html and 'id="by-country"' in html and "<meter" in html
    zone_html = officer.get(COVERAGE, {"day": "10/09/2022", "zone": "BD"}).content.decode()
    zone_data = coverage(DAY, zone=built.b)
    assert figure(zone_html, "workers") == format_int(zone_data["workers"]["total"])
    assert figure(zone_html, "party-percent") == format_percent(zone_data["party"]["percent_of_operating"])
    assert figure(zone_html, "enterprises") == format_int(zone_data["enterprises"]["total"])


def test_enterprise_list_search_filter_export(built, officer):
    page = officer.get("/enterprises/", {"q": "anh duong"}).content.decode()
    assert built.e1.name in page and built.e2.name not in page
    page = officer.get("/enterprises/", {"q": built.e2.tax_code}).content.decode()
    assert built.e2.name in page and built.e1.name not in page
    page = officer.get("/enterprises/", {"zone": "BD"}).content.decode()
    assert built.e3.name in page and built.e1.name not in page
    page = officer.get("/enterprises/", {"country": "KR"}).content.decode()
    assert built.e2.name in page and built.e1.name not in page
    page = officer.get("/enterprises/", {"status": "building"}).content.decode()
    assert built.e4.name in page and built.e1.name not in page
    response = officer.get("/enterprises/", {"export": "xlsx", "sort": "-workers"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_enterprise_page_shows_its_organizations_and_history(built, officer):
    html = officer.get(f"/enterprises/{built.e1.pk}/").content.decode()
    assert built.union1.name in html and built.youth1.name in html
    assert format_int(760) in html and format_int(800) in html
    assert 'id="party-links"' in html


def test_demo_coverage_page(demo_db, admin_client):
    html = admin_client.get(COVERAGE, {"day": "10/09/2022"}).content.decode()
    assert figure(html, "eligible-with-union") == "275"
    assert figure(html, "union-percent") == "95,2%"
    assert figure(html, "operating-with-party") == "51"
    assert figure(html, "party-percent") == "15,4%"
    assert figure(html, "workers-with-union") == "156.915"
    assert figure(html, "union-members") == "148.630"
    assert (figure(html, "eligible"), figure(html, "operating")) == ("289", "331")
    html = admin_client.get(COVERAGE, {"day": "30/06/2024"}).content.decode()
    assert figure(html, "unions") == "317"
    assert figure(html, "union-members") == "227.416"
    assert figure(html, "youth-unions") == "26"
    assert figure(html, "youth-members") == "1.411"
