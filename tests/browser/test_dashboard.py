"""Issue 7 in a real browser: log in to the dashboard, follow a figure to the list behind it (same count), come
back, then open a report of the catalogue and download it as .xlsx."""

import re

import openpyxl
from playwright.sync_api import expect

from dangvu.accounts.services import add_user

from .test_member_search import PASSWORD, login


def test_dashboard_figure_to_its_list_then_a_report_download(demo_db, live_server, page, tmp_path):
    add_user("quantri", organization=None, roles=[], password=PASSWORD, is_superuser=True)
    login(page, live_server.url, "quantri")  # the first page after login is the dashboard
    expect(page.locator("h1")).to_contain_text("Tổng quan")

    page.goto(live_server.url + "/?day=31/03/2024")
    members = page.locator('[data-figure="members-total"]')
    expect(members).to_have_text("1.062")
    expect(page.locator("main")).to_contain_text("96/190 (50,5%)")
    # The charts are drawn from the page's JSON by the static script (no inline script under the strict CSP).
    expect(page.locator('canvas[data-chart="chart-members-over-time"]')).to_have_attribute(
        "data-drawn", "true"
    )

    page.locator('[data-figure-link="members-total"]').click()
    page.wait_for_url(re.compile(r"/members/\?.*organization=KKT"))
    expect(page.locator(".list-summary")).to_contain_text("1.062 dòng")
    expect(page.locator("#id_day")).to_have_value("31/03/2024")

    page.go_back()
    page.wait_for_url(re.compile(r"/\?day=31/03/2024$"))
    expect(page.locator('[data-figure="members-total"]')).to_have_text("1.062")

    page.goto(live_server.url + "/reports/")
    report_link = page.locator(".report-list h2 a").first
    title = report_link.inner_text().strip()
    report_link.click()
    page.wait_for_url(re.compile(r"/reports/[\w-]+/"))
    expect(page.locator("h1")).to_contain_text(title)
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải .xlsx").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved)
    # Real numbers, not text, in the report's tables.
    assert any(
        isinstance(cell, int | float) and not isinstance(cell, bool)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ), workbook.sheetnames
