"""Member development in a real browser: a cell secretary adds a candidate proposed by the trade union and
records every step through the forms, from the proposal to the recognition as a full member; a refused
step shows its message; the board, the to-do list and the funnel (its chart drawn under the strict CSP)."""

import re

from playwright.sync_api import expect

from dangvu.accounts.services import add_user
from dangvu.development.choices import StepKind
from dangvu.development.models import Candidate
from tests.development.helpers import world

from .test_member_search import PASSWORD, login


def record(page, button="Ghi bước", message=None):
    page.get_by_role("button", name=button).click()
    if message:
        expect(page.locator(".messages")).to_contain_text(message)


def test_a_secretary_records_the_steps_of_a_candidate(live_server, page):
    w = world()
    introducer = w["members"][0]
    add_user("bithu", organization=w["cell"], roles=["cell_secretary"], password=PASSWORD)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, live_server.url, "bithu")

    # The navigation leads to the board; the candidate is added there.
    page.get_by_role("link", name="Phát triển đảng viên", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Phát triển đảng viên")
    page.get_by_role("link", name="Thêm quần chúng ưu tú").click()
    page.get_by_label("Họ và tên").fill("Vũ Thị Hạnh")
    page.get_by_label("Nữ").check()
    page.get_by_label("Ngày sinh").fill("01/03/1995")
    page.get_by_label("Số CCCD").fill("031195000111")
    page.get_by_label("Doanh nghiệp, đơn vị").fill("Công ty TNHH Alpha")
    page.get_by_label("Công đoàn", exact=True).check()
    page.get_by_label("Tổ chức đề xuất").fill("Công đoàn cơ sở Công ty TNHH Alpha")
    page.get_by_label("Tổ chức đảng bồi dưỡng").fill("CB-A")
    page.get_by_label("Ngày đề xuất").fill("05/01/2023")
    page.get_by_label("Số văn bản đề xuất").fill("12/CĐ")
    page.get_by_role("button", name="Ghi quần chúng").click()
    expect(page.locator("h1")).to_contain_text("Vũ Thị Hạnh")
    expect(page.locator("[data-next]")).to_have_attribute("data-next", "trained")

    page.get_by_label("Ngày cấp giấy chứng nhận").fill("10/02/2023")
    page.get_by_label("Số giấy chứng nhận").fill("101/GCN-TTCT")
    record(page, message="Đã ghi bước")

    page.get_by_label("Ngày nộp đơn và lý lịch").fill("01/03/2023")
    record(page, message="Đã ghi bước")

    page.get_by_label("Ngày giới thiệu").fill("10/03/2023")
    page.get_by_label("Tổ chức giới thiệu", exact=True).select_option("trade_union_executive")
    page.get_by_label("Tên tổ chức giới thiệu").fill("BCH Công đoàn cơ sở Công ty TNHH Alpha")
    page.get_by_label("Đảng viên giới thiệu 1").select_option(str(introducer.pk))
    page.locator("#id_introduced_known_since_1").fill("01/01/2020")
    record(page, message="Đã ghi bước")

    page.get_by_label("Ngày kết luận thẩm tra").fill("10/04/2023")
    page.locator("#id_verified_document_number").fill("5/TTLL")
    record(page, message="Đã ghi bước")

    # The cell votes: too few votes first — refused with the two-thirds rule, nothing recorded.
    page.get_by_label("Ngày chi bộ họp xét").fill("05/05/2023")
    page.get_by_label("Số đảng viên dự họp").fill("3")
    page.get_by_label("Số tán thành").fill("1")
    page.get_by_label("Số nghị quyết").fill("3-NQ/CB")
    record(page)
    expect(page.locator(".error-summary, .field-error").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("cần ít nhất 2")
    expect(page.locator("[data-stage]")).to_have_attribute("data-stage", "verified")
    page.get_by_label("Số tán thành").fill("3")
    record(page, message="Đã ghi bước")

    # The admission decision creates the member record: confirmed first.
    page.get_by_label("Ngày quyết định kết nạp").fill("01/06/2023")
    page.get_by_label("Số quyết định").fill("45-QĐ/ĐU")
    record(page)
    expect(page.locator(".warning-box")).to_contain_text("tạo hồ sơ đảng viên")
    record(page, button="Xác nhận và ghi", message="Đã ghi bước")
    expect(page.get_by_role("link", name="Hồ sơ đảng viên")).to_be_visible()

    page.get_by_label("Ngày lễ kết nạp").fill("15/06/2023")
    record(page, message="Đã ghi bước")

    page.get_by_label("Ngày chi bộ họp xét").fill("20/06/2024")
    page.get_by_label("Số đảng viên dự họp").fill("4")
    page.get_by_label("Số tán thành").fill("3")
    record(page, message="Đã ghi bước")

    page.get_by_label("Ngày quyết định công nhận").fill("01/07/2024")
    page.get_by_label("Số quyết định").fill("77-QĐ/ĐU")
    record(page, message="Đã ghi bước")
    expect(page.locator("main")).to_contain_text("quá trình phát triển đảng viên đã hoàn thành")
    timeline = page.locator(".timeline-item")
    expect(timeline).to_have_count(10)

    candidate = Candidate.objects.get(national_id="031195000111")
    assert candidate.stage == StepKind.RECOGNIZED and candidate.member is not None
    assert set(candidate.steps.values_list("recorded_by", flat=True)) == {"bithu"}

    # The member record the admission created.
    page.get_by_role("link", name="Hồ sơ đảng viên").click()
    page.wait_for_url(re.compile(r"/members/\d+/$"))
    expect(page.locator("main")).to_contain_text("Chính thức")

    # The board, the to-do list and the funnel with its chart (drawn by the static script, no CSP error).
    page.goto(live_server.url + "/development/?status=all")
    expect(page.locator('[data-count="recognized"]')).to_have_text("1")
    page.get_by_role("link", name="Việc cần làm").first.click()
    expect(page.locator("h1")).to_contain_text("Việc cần làm")
    page.goto(live_server.url + "/development/funnel/?start=01/01/2023&end=31/12/2023")
    expect(page.locator('[data-figure="admitted"]')).to_have_text("1")
    expect(page.locator("#chart-steps")).to_have_attribute("data-drawn", "true")
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
