"""Each report of the catalogue on the small installation of conftest.py: its figures are those of the shared
figure functions, its narrative states them in Vietnamese style, and personal data stays masked."""

import datetime
from decimal import Decimal

import pytest

from dangvu.figures.counting import Scope, flows, member_counts
from dangvu.figures.targets import shown_percent
from dangvu.organizations.tree import History
from dangvu.reports import catalogue

from .conftest import DAY

D = datetime.date


def build(slug, org, day=DAY, start=None):
    spec = catalogue.get(slug)
    return catalogue.build(spec, catalogue.Params(org, day, start))


def table(report, title):
    return next(t for t in report.tables if t.title == title)


def test_the_catalogue_has_the_six_reports():
    assert set(catalogue.REPORTS) >= {
        "statistics",
        "development",
        "coverage",
        "targets",
        "member_list",
        "movements",
    }
    assert catalogue.get("member_list").personal_data and catalogue.get("movements").period
    assert not catalogue.get("statistics").personal_data


def test_statistics_figures_and_narrative(world):
    report = build("statistics", world.root)
    counts = member_counts(Scope(DAY, world.root.pk, History.load()))
    members = table(report, "Đảng viên")
    assert members.rows[0][1] == counts.total == 5
    assert [row[1] for row in members.rows[1:3]] == [counts.full, counts.probationary] == [1, 4]
    assert members.rows[0][2] == Decimal("100.0")
    targets = table(report, "Tiến độ thực hiện chỉ tiêu")
    assert [row[3:] for row in targets.rows] == [[4, 3, Decimal("75")], [3, 1, Decimal("33")]]
    [paragraph] = report.narrative
    assert paragraph.startswith(
        "Tính đến ngày 31/3/2024, toàn Đảng bộ có 5 đảng viên (1 đảng viên chính thức"
    )
    assert "kết nạp 3 đảng viên mới, đạt 3/4 (75%) chỉ tiêu năm 2024" in paragraph
    assert "thành lập 1 tổ chức đảng, đạt 1/3 (33%) chỉ tiêu năm 2024" in paragraph
    assert report.issuer.body == "ĐẢNG ỦY KHU KINH TẾ" and report.issuer.upper_body == "THÀNH ỦY HẢI PHÒNG"


def test_statistics_of_a_cell_speaks_of_the_cell(world):
    report = build("statistics", world.a)
    assert report.narrative[0].startswith("Tính đến ngày 31/3/2024, Chi bộ Công ty Ánh Dương có 3 đảng viên")
    assert report.issuer.symbol == "BC/CB" and report.issuer.upper_body == "ĐẢNG ỦY KHU KINH TẾ"


def test_shown_percent_keeps_a_decimal_only_against_large_targets():
    assert shown_percent(96, 190) == Decimal("50.5")
    assert shown_percent(2, 11) == Decimal("18")
    assert shown_percent(1, 0) is None


def test_member_list_masks_personal_data(world):
    report = build("member_list", world.root)
    listing = table(report, "Danh sách đảng viên")
    assert len(listing.rows) == 5
    an = next(row for row in listing.rows if row[1] == "Nguyễn Văn An")
    assert an[3] == "**/**/1985" and an[4] == "********1234"
    assert an[5] == "Chi bộ Công ty Ánh Dương" and an[6] == D(2015, 5, 4) and an[8] == "Chính thức"
    summary = table(report, "Số đảng viên theo tổ chức")
    assert summary.rows[-1][2] == 5
    assert "031085001234" not in repr(report)


def test_movements_lists_the_period_and_counts_with_flows(world):
    report = build("movements", world.root, start=D(2024, 1, 1))
    history = History.load()
    expected = flows(history, world.root.pk, D(2024, 1, 1), DAY)
    summary = table(report, "Tổng hợp biến động")
    assert summary.rows[0][1] == expected.admitted == 3
    ledger = table(report, "Các biến động trong kỳ")
    assert [row[2] for row in ledger.rows] == ["Lê Văn Cường", "Phạm Văn Dũng", "Hoàng Thị Em"]
    assert ledger.rows[0][1] == D(2024, 1, 10)
    # Only cell A: its own admission, none of cell B's.
    report = build("movements", world.a, start=D(2024, 1, 1))
    assert [row[2] for row in table(report, "Các biến động trong kỳ").rows] == ["Lê Văn Cường"]


def test_targets_report(world):
    report = build("targets", world.root)
    rows = table(report, "Chỉ tiêu được giao").rows
    assert [(row[3], row[4], row[5]) for row in rows] == [(4, 3, Decimal("75")), (3, 1, Decimal("33"))]
    assert "đạt 3/4 (75%)" in report.narrative[0]


@pytest.mark.parametrize("slug", ["development", "coverage"])
def test_other_reports_build(world, slug):
    spec = catalogue.get(slug)
    report = build(slug, world.root, start=D(2024, 1, 1) if spec.period else None)
    assert report.tables and report.narrative
    assert "31/3/2024" in report.narrative[0]
