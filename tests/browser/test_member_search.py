"""The newcomer's path of issue 2 in a real browser: log in, read the tree on a date, search a member without
diacritics and open the member found."""

import re

from playwright.sync_api import expect

from dangvu.accounts.services import add_user

PASSWORD = "mat-khau-kiem-thu-2024"


def login(page, base_url, username):
    page.goto(base_url + "/login/")
    page.get_by_label(re.compile("Tên đăng nhập", re.I)).fill(username)
    page.get_by_label(re.compile("Mật khẩu", re.I)).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(base_url + "/")


def test_search_without_marks_and_open_a_member(demo_db, live_server, page):
    add_user("quantri", organization=None, roles=[], password=PASSWORD, is_superuser=True)
    login(page, live_server.url, "quantri")

    page.goto(live_server.url + "/?day=31/03/2024")
    expect(page.locator("main")).to_contain_text("1.062")

    page.goto(live_server.url + "/members/")
    search = page.locator("#id_q")
    search.fill("nguyen")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=nguyen"))
    rows = page.locator("table tbody tr")
    expect(rows.first).to_be_visible()
    first_link = rows.first.locator("a").first
    name = first_link.inner_text().strip()
    # Found without marks: the name carries them ("Nguyễn" or "Nguyên", any case).
    assert re.search(r"nguy[eễêề]n", name, re.I), name
    first_link.click()
    page.wait_for_url(re.compile(r"/members/\d+/$"))
    expect(page.locator("h1")).to_contain_text(name)
