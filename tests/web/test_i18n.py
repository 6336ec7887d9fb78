"""Vietnamese by default, whatever the browser asks; English after choosing it with the switcher."""

import pytest
from django.urls import reverse

from .helpers import text

pytestmark = pytest.mark.django_db


def test_vietnamese_by_default_even_for_an_english_browser(client_admin, committee):
    body = text(client_admin.get(reverse("web:member-list"), headers={"Accept-Language": "en-US,en;q=0.9"}))
    assert '<html lang="vi">' in body and "Đảng viên" in body


def test_language_switcher_turns_the_pages_into_english(client_admin, committee):
    body = text(client_admin.get(reverse("web:home")))
    assert f'action="{reverse("set_language")}"' in body and 'value="en"' in body
    response = client_admin.post(
        reverse("set_language"), {"language": "en", "next": reverse("web:member-list")}
    )
    assert response.status_code == 302
    english = text(client_admin.get(reverse("web:member-list")))
    assert '<html lang="en">' in english
    assert "Party members" in english and "Export to Excel (.xlsx)" in english
    assert "Full member" in english  # a status from members.choices
    tree = text(client_admin.get(reverse("web:tree"), {"day": "31/03/2024"}))
    assert "Organization tree" in tree and "Grassroots cell" in tree
    # Dates and numbers keep the Vietnamese style in English too.
    assert "31/03/2024" in tree
    client_admin.post(reverse("set_language"), {"language": "vi"})
    assert '<html lang="vi">' in text(client_admin.get(reverse("web:home")))
