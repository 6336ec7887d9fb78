"""The organization tree (/tree/) on a date, with each node's members (the node and everything under it)."""

import pytest
from django.urls import reverse

from .helpers import text, tree_counts

pytestmark = pytest.mark.django_db


def home(client, day=None, **headers):
    url = reverse("web:tree") + (f"?day={day}" if day else "")
    return client.get(url, headers=headers)


def test_tree_counts_members_on_the_chosen_date(client_admin, committee):
    # 31/03/2024: Hằng and An in CB-A, Bình in CB-B, Đức and Dũng in CB-C1 under DB-C; Cường left in 2022.
    assert tree_counts(home(client_admin, "31/03/2024")) == {
        "ROOT": "5",
        "CB-A": "2",
        "CB-B": "1",
        "DB-C": "2",
        "CB-C1": "2",
    }
    # 01/01/2016: Hằng and Cường in CB-A, Dũng in CB-C1; CB-B was founded in 2012 and has nobody yet.
    assert tree_counts(home(client_admin, "01/01/2016")) == {
        "ROOT": "3",
        "CB-A": "2",
        "CB-B": "0",
        "DB-C": "1",
        "CB-C1": "1",
    }
    # Before CB-B was founded, it is not in the tree.
    assert "CB-B" not in tree_counts(home(client_admin, "31/12/2011"))


def test_headline_figures_of_the_root(client_admin, committee):
    body = text(home(client_admin, "31/03/2024"))
    assert 'data-figure="members-total">5<' in body
    assert "Đảng ủy Khu kinh tế" in body
    assert "Kết nạp từ đầu năm 2024" in body  # the year is not printed as 2.024
    assert 'data-figure="admitted-in-year">0<' in body
    # Direct subordinates by kind and sector: 1 grassroots committee, 2 grassroots cells (1 administrative).
    assert "Tổ chức đảng trực thuộc: 3" in body


def test_the_date_is_typed_dd_mm_yyyy_and_a_wrong_one_says_so(client_admin, committee):
    body = text(home(client_admin, "31/02/2024"))
    assert "Nhập ngày dạng dd/mm/yyyy" in body
    body = text(home(client_admin, "2024-03-31"))
    assert 'value="2024-03-31"' in body and tree_counts(home(client_admin, "2024-03-31"))["ROOT"] == "5"


def test_htmx_replaces_only_the_tree(client_admin, committee):
    response = home(client_admin, "31/03/2024", HX_Request="true", HX_Target="tree-area")
    body = text(response)
    assert body.lstrip().startswith('<div id="tree-area"')
    assert "<html" not in body and "CB-C1" in body


def test_the_tree_starts_open_at_the_top_and_links_to_each_organization(client_admin, committee):
    body = text(home(client_admin, "31/03/2024"))
    assert "<details open>" in body  # the root's children are shown
    assert reverse("web:organization-detail", args=[committee.c1.pk]) + "?day=31/03/2024" in body


def test_an_empty_system_says_so(client_admin):
    body = text(home(client_admin))
    assert "chưa có tổ chức đảng nào trong hệ thống" in body
    assert "data-figure" not in body
