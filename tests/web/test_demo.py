"""The demo committee's published figures, read on the tree page (issue 2, point 9)."""

import pytest
from django.urls import reverse

from .helpers import text, tree_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_db):
    # Named as an argument, so that the demo is loaded before the test's transaction (tests/conftest.py).
    return demo_db


@pytest.mark.parametrize(("day", "shown"), [("31/03/2024", "1.062"), ("30/06/2024", "1.091")])
def test_tree_page_shows_the_published_member_count(demo, client_admin, day, shown):
    response = client_admin.get(reverse("web:tree"), {"day": day})
    body = text(response)
    assert f'data-figure="members-total">{shown}<' in body
    from dangvu.figures.stats import root_organization

    assert tree_counts(response)[root_organization().code] == shown


def test_tree_page_shows_the_figures_of_31_march_2024(demo, client_admin):
    body = text(client_admin.get(reverse("web:tree"), {"day": "31/03/2024"}))
    assert 'data-figure="admitted-in-year">96<' in body
    assert 'data-figure="founded-in-year">2<' in body
    assert "Tổ chức đảng trực thuộc: 29" in body


def _figure(body: str, name: str) -> str:
    import re

    match = re.search(rf'data-figure="{name}">([^<]*)<', body)
    assert match, name
    return match.group(1)


def _root_page(client, **params):
    from dangvu.figures.stats import root_organization

    url = reverse("web:organization-detail", args=[root_organization().pk])
    return text(client.get(url, params))


def test_root_page_on_28_january_2010(demo, client_admin):
    body = _root_page(client_admin, day="28/01/2010")
    assert _figure(body, "members-total") == "98"
    assert "Tổ chức đảng trực thuộc: 11" in body


def test_root_page_periods_and_sectors(demo, client_admin):
    body = _root_page(client_admin, day="30/06/2023", start="01/01/2010")
    assert _figure(body, "period-admitted") == "680"
    assert _figure(body, "period-founded") == "48"
    body = _root_page(client_admin, day="31/12/2023", start="01/01/2023")
    assert _figure(body, "period-admitted") == "175"
    assert _figure(body, "period-founded") == "9"
    body = _root_page(client_admin, day="31/03/2024")
    assert _figure(body, "members-total") == "1.062"
    assert "961" in body and "90,5%" in body and "101" in body and "9,5%" in body
    assert "đảng bộ cơ sở 5, chi bộ cơ sở 24" in body
    body = _root_page(client_admin, day="30/06/2024", start="01/01/2009")
    assert _figure(body, "members-total") == "1.091"
    assert _figure(body, "period-founded") == "56"
    body = _root_page(client_admin, day="31/03/2024", start="01/04/2024")
    assert "Ngày bắt đầu phải trước ngày đang xem." in body


def test_dashboard_on_31_march_2024(demo, client_admin):
    """The dashboard (issue 7): the published figures of the demo, each linked to its list."""
    body = text(client_admin.get(reverse("web:home"), {"day": "31/03/2024"}))
    assert _figure(body, "members-total") == "1.062"
    assert _figure(body, "admitted-in-year") == "96"
    assert "96/190 (50,5%)" in body
    assert _figure(body, "founded-in-year") == "2"
    assert "2/11 (18%)" in body
    listing = text(
        client_admin.get(
            reverse("web:member-list"),
            {
                "day": "31/03/2024",
                "organization": "KKT",
                "admitted_from": "01/01/2024",
                "admitted_to": "31/03/2024",
            },
        )
    )
    assert "96 dòng (dòng 1–50)" in listing
