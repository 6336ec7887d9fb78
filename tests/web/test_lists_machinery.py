"""The generic list machinery (core.lists) on a configuration of a few lines."""

import pytest
from django.test import RequestFactory

from dangvu.core.lists import Column, ObjectList
from dangvu.core.text import fold
from dangvu.organizations.models import Organization

pytestmark = pytest.mark.django_db


class Codes(ObjectList):
    columns = [
        Column("code", "Mã", "code", sort=("code",)),
        Column("name", "Tên", "name", sort=("sort_key",)),
        Column("founded_on", "Ngày thành lập", "founded_on"),
    ]
    default_sort = "code"
    page_sizes = (2, 3)
    paginate_by = 2

    def queryset(self):
        return Organization.objects.all()

    def search(self, queryset, text):
        return queryset.filter(search_key__contains=fold(text))


def listing(**params):
    request = RequestFactory().get("/x/", params)
    return Codes(request)


def codes(lst):
    return [o.code for o in lst.page.object_list]


def test_sort_search_pages_and_links(committee):
    assert codes(listing()) == ["CB-A", "CB-B"]
    assert codes(listing(sort="-code")) == ["ROOT", "DB-C"]
    assert codes(listing(sort="not-a-column")) == ["CB-A", "CB-B"]
    assert codes(listing(sort="founded_on")) == ["CB-A", "CB-B"]  # not sortable: the default
    assert codes(listing(page="2")) == ["CB-C1", "DB-C"]
    assert codes(listing(page="x")) == ["CB-A", "CB-B"]
    assert codes(listing(q="phan xuong")) == ["CB-C1"]
    lst = listing(q="chi bo", sort="code", page="2")
    headers = {h.column.name: h for h in lst.headers()}
    assert headers["code"].direction == "ascending" and "sort=-code" in headers["code"].url
    assert "page=" not in headers["code"].url and "q=chi+bo" in headers["code"].url
    assert headers["founded_on"].url is None
    assert lst.url_with(page=3) == "?q=chi+bo&sort=code&page=3"
    assert [n for n, _url in listing().page_links()] == [1, 2, 3]
    assert [size for size, _url, current in listing().page_size_links() if current] == [2]


def test_rows_are_shown_in_vietnamese_style(committee):
    lst = listing(q="anh duong")
    ((_obj, cells),) = list(lst.rows())
    assert [str(html) for _col, html in cells] == ["CB-A", "Chi bộ Công ty Ánh Dương", "01/01/2005"]
