"""In a real browser, under the strict Content-Security-Policy: "Hiện" on a member's page and on a candidate's
page shows the personal data through htmx and records it; "Kiểm tra chuỗi nhật ký" shows the result of the check in place."""

import re

import pytest
from playwright.sync_api import expect

from dangvu.core.models import AuditEntry, AuditKind
from dangvu.development.models import Candidate
from dangvu.members.models import Member
from tests.access.conftest import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base_url, username):
    page.goto(base_url + "/login/")
    page.get_by_label(re.compile("Tên đăng nhập", re.I)).fill(username)
    page.get_by_label(re.compile("Mật khẩu", re.I)).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(base_url + "/")


def test_reveal_and_verify_in_the_browser(live_server, page):
    world = build_world()
    member = Member.objects.get(pk=world.scopes["in"]["member"])
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    login(page, live_server.url, "cell_secretary")
    page.goto(f"{live_server.url}/members/{member.pk}/")
    national_id = page.locator('#personal-data [data-field="national_id"]')
    expect(national_id).to_have_text("********" + member.national_id[-4:])
    page.get_by_role("button", name="Hiện").click()
    expect(national_id).to_have_text(member.national_id)
    expect(page.locator('#personal-data [data-field="phone"]')).to_have_text("0912345678")
    assert page.url.endswith(f"/members/{member.pk}/")  # swapped in place, no page load
    assert AuditEntry.objects.filter(kind=AuditKind.REVEAL, object_id=str(member.pk)).count() == 1

    candidate = Candidate.objects.get(pk=world.scopes["in"]["candidate"])
    page.goto(f"{live_server.url}/development/candidates/{candidate.pk}/")
    national_id = page.locator('#personal-data [data-field="national_id"]')
    expect(national_id).to_have_text("********" + candidate.national_id[-4:])
    page.get_by_role("button", name="Hiện").click()
    expect(national_id).to_have_text(candidate.national_id)
    assert page.url.endswith(f"/development/candidates/{candidate.pk}/")
    revealed = AuditEntry.objects.filter(kind=AuditKind.REVEAL, object_type="development.Candidate")
    assert list(revealed.values_list("object_id", flat=True)) == [str(candidate.pk)]

    page.context.clear_cookies()
    login(page, live_server.url, "superuser")
    page.goto(live_server.url + "/audit/")
    page.get_by_role("button", name="Kiểm tra chuỗi nhật ký").click()
    expect(page.locator("#verify-result")).to_contain_text("Chuỗi nhật ký nguyên vẹn")
    assert page.url.endswith("/audit/")
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
