"""The demo committee's published figures, read on the home page (issue 2, point 9)."""

import pytest
from django.urls import reverse

from .helpers import text, tree_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_db):
    # Named as an argument, so that the demo is loaded before the test's transaction (tests/conftest.py).
    return demo_db


@pytest.mark.parametrize(("day", "shown"), [("31/03/2024", "1.062"), ("30/06/2024", "1.091")])
def test_home_page_shows_the_published_member_count(demo, client_admin, day, shown):
    response = client_admin.get(reverse("web:home"), {"day": day})
    body = text(response)
    assert f'data-figure="members-total">{shown}<' in body
    from dangvu.figures.stats import root_organization

    assert tree_counts(response)[root_organization().code] == shown


def test_home_page_shows_the_figures_of_31_march_2024(demo, client_admin):
    body = text(client_admin.get(reverse("web:home"), {"day": "31/03/2024"}))
    assert 'data-figure="admitted-in-year">96<' in body
    assert 'data-figure="founded-in-year">2<' in body
    assert "Tổ chức đảng trực thuộc: 29" in body
