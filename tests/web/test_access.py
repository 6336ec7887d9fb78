"""Every page: a logged-in user sees it, an anonymous visitor is sent to the login page; writing needs the
permission to change, exporting the permission to export."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_urls(c):
    first_event = c.hang.events.first()
    return [
        reverse("web:home"),
        reverse("web:home") + "?day=31/03/2024",
        reverse("web:tree"),
        reverse("web:tree") + "?day=31/03/2024",
        reverse("web:organization-list"),
        reverse("web:organization-detail", args=[c.c.pk]),
        reverse("web:organization-autocomplete") + "?field=organization&organization=cong",
        reverse("web:member-list"),
        reverse("web:member-detail", args=[c.hang.pk]),
        *write_urls(c, first_event),
    ]


def write_urls(c, first_event=None):
    first_event = first_event or c.hang.events.first()
    c_event = c.c.events.first()
    return [
        reverse("web:member-add"),
        reverse("web:member-edit", args=[c.hang.pk]),
        reverse("web:member-event-add", args=[c.hang.pk]) + "?kind=transfer",
        reverse("web:member-event-correct", args=[c.hang.pk, first_event.pk]),
        *[
            reverse("web:organization-action", args=[c.c.pk, action])
            for action in ("found", "rename", "move", "change-kind", "dissolve", "merge")
        ],
        reverse("web:organization-event-void", args=[c_event.pk]),
    ]


def test_every_page_renders_for_a_logged_in_user(client_admin, committee):
    for url in page_urls(committee):
        response = client_admin.get(url)
        assert response.status_code == 200, url


def test_anonymous_visitors_go_to_the_login_page(client, committee):
    for url in [*page_urls(committee), reverse("web:member-list") + "?export=xlsx"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url


def test_login_page_is_in_vietnamese_and_logs_in(client, admin_user):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    body = page.content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body and 'for="id_username"' in body and 'for="id_password"' in body
    response = client.post(reverse("login"), {"username": "quantri", "password": "mat-khau-dai-1234"})
    assert response.status_code == 302 and response["Location"] == reverse("web:home")


def test_a_user_who_may_only_view_cannot_write_or_export(client_viewer, committee):
    for url in write_urls(committee):
        assert client_viewer.get(url).status_code == 403, url
    listing = client_viewer.get(reverse("web:member-list"))
    assert listing.status_code == 200
    assert "export=xlsx" not in listing.content.decode()
    assert client_viewer.get(reverse("web:member-list") + "?export=xlsx").status_code == 403
    detail = client_viewer.get(reverse("web:member-detail", args=[committee.hang.pk])).content.decode()
    assert "Sửa hồ sơ" not in detail and "Ghi biến động" not in detail
    # The full national ID is for those who may reveal personal data.
    assert "031190001234" not in detail and "********1234" in detail


def test_the_page_has_a_skip_link_labels_and_the_print_stylesheet(client_admin, committee):
    body = client_admin.get(reverse("web:member-list")).content.decode()
    assert '<a class="skip-link" href="#main">' in body and '<main id="main"' in body
    assert 'media="print"' in body and "css/print.css" in body
    assert '<label for="id_q">' in body and '<label for="id_day">' in body
    assert "vendor/htmx.min.js" in body and "cdn" not in body.lower()
