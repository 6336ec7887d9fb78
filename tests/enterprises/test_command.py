"""`dangvu coverage [--zone CODE] --as-of DATE [--json]`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dangvu.figures.coverage import as_json, coverage

from .test_coverage import DAY, Zone2022

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("coverage", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def built():
    return Zone2022()


def test_json_is_exactly_the_figures_function(built):
    data = json.loads(run("--as-of", "2022-09-10", "--json"))
    assert data == as_json(coverage(DAY))
    assert data["unions"]["percent_of_eligible"] == 100.0 and data["party"]["members_per_1000_workers"] == 3.2
    zone = json.loads(run("--zone", "ah", "--as-of", "10/09/2022", "--json"))
    assert zone["zone"] == "AH" and zone["enterprises"]["total"] == 2


def test_text_is_vietnamese(built):
    text = run("--as-of", "2022-09-10")
    assert "Toàn Khu kinh tế, ngày 10/09/2022" in text
    assert "2/2 doanh nghiệp đủ điều kiện (100,0%; theo cấu hình: hoạt động ổn định, từ 20 lao động)" in text
    assert "1/3 doanh nghiệp hoạt động ổn định (33,3%)" in text and "(3,2 trên 1.000 lao động)" in text
    assert "Công ty TNHH Cơ khí Bình Minh: 30 lao động, 1 đảng viên" in text
    assert "Công đoàn Khu kinh tế Hải Phòng" in text
    assert "Khu công nghiệp An Hải, ngày 10/09/2022" in run("--zone", "AH", "--as-of", "2022-09-10")


def test_bad_arguments_say_what_to_type(built):
    with pytest.raises(CommandError, match="Không có khu mã “XX”"):
        run("--zone", "XX")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--as-of", "31/02/2022")
