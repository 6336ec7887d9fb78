import io
import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from dangvu.accounts.models import User
from dangvu.core.dates import today
from dangvu.core.models import AuditEntry
from dangvu.figures.management.commands.stats import summary
from dangvu.figures.stats import statistics
from tests.api.conftest import Committee, D

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def committee(db):
    return Committee()


def test_stats_json_is_statistics(committee):
    data = json.loads(run("stats", "--org", "ROOT", "--as-of", "2024-03-31", "--json"))
    assert data == json.loads(json.dumps(statistics(committee.root, D(2024, 3, 31))))
    assert data["org"] == "ROOT" and data["as_of"] == "2024-03-31"
    assert {
        k: data["members"][k]
        for k in ("total", "full", "probationary", "enterprise", "administrative", "female")
    } == {
        "total": 5,
        "full": 4,
        "probationary": 1,
        "enterprise": 4,
        "administrative": 1,
        "female": 1,
    }
    assert (data["admitted_in_year"], data["founded_in_year"]) == (0, 0)
    assert {k: data["organizations"][k] for k in ("direct_subordinates", "grassroots_committees", "grassroots_cells", "subordinate_cells")} == {
        "direct_subordinates": 3,
        "grassroots_committees": 1,
        "grassroots_cells": 2,
        "subordinate_cells": 1,
    }  # fmt: skip
    assert "period" not in data


def test_stats_defaults_and_period(committee):
    data = json.loads(run("stats", "--json"))
    assert (data["org"], data["as_of"]) == ("ROOT", today().isoformat())
    data = json.loads(
        run("stats", "--org", "DB-C", "--as-of", "2023-12-31", "--from", "2023-01-01", "--json")
    )
    assert data["period"] == {
        **data["period"],
        "from": "2023-01-01",
        "to": "2023-12-31",
        "admitted": 1,
        "founded": 0,
    }
    assert data["admitted_in_year"] == 1 and data["members"]["total"] == 2


def test_stats_readable_summary(committee):
    text = run("stats", "--as-of", "2024-03-31", "--from", "2010-01-01")
    assert text.startswith("Đảng ủy Khu kinh tế (ROOT), ngày 31/03/2024")
    assert "Đảng viên: 5 (chính thức 4, dự bị 1)" in text
    assert "3 đầu mối trực thuộc; 1 đảng bộ cơ sở, 2 chi bộ cơ sở, 1 chi bộ trực thuộc" in text
    assert "Trong kỳ 01/01/2010 – 31/03/2024: kết nạp 6, thành lập 1 tổ chức" in text
    # Thousands in Vietnamese style.
    data = statistics(committee.root, D(2024, 3, 31))
    data["members"] = {**data["members"], "total": 1062, "full": 1000, "probationary": 62}
    assert "Đảng viên: 1.062 (chính thức 1.000, dự bị 62)" in summary(data)


def test_stats_errors(committee):
    with pytest.raises(CommandError, match="Không có tổ chức mã “NOPE”"):
        run("stats", "--org", "NOPE", "--json")
    with pytest.raises(CommandError, match="--as-of: ngày “2024-02-30” không hợp lệ"):
        run("stats", "--as-of", "2024-02-30", "--json")
    with pytest.raises(CommandError, match="--from phải trước"):
        run("stats", "--as-of", "2024-01-01", "--from", "2024-02-01")


def test_stats_on_an_empty_database_says_what_to_do(db):
    with pytest.raises(CommandError, match="dangvu demo load"):
        run("stats", "--json")


def test_members_json_in_vietnamese_order(committee):
    rows = json.loads(run("members", "--json"))
    assert [r["full_name"] for r in rows] == [
        "Nguyên Văn An",
        "Trần Văn Bình",
        "Phạm Văn Dũng",
        "Lê Văn Đức",
        "Nguyễn Thị Hằng",
    ]
    duc = rows[3]
    assert duc == {
        "id": committee.duc.pk,
        "full_name": "Lê Văn Đức",
        "national_id": "031190000003",
        "organization": "CB-C1",
        "gender": "male",
        "birth_date": "1990-01-01",
        "admitted_on": "2023-06-01",
        "recognized_on": None,
        "status": "probationary",
    }
    assert rows[4]["status"] == "full" and rows[4]["organization"] == "CB-A"


def test_members_of_an_organization_on_a_date_with_search(committee):
    rows = json.loads(run("members", "--org", "DB-C", "--as-of", "2023-05-31", "--json"))
    assert [r["full_name"] for r in rows] == ["Phạm Văn Dũng"]
    rows = json.loads(run("members", "--as-of", "2020-06-30", "--search", "nguyen", "--json"))
    assert [(r["full_name"], r["organization"]) for r in rows] == [
        ("Nguyên Văn An", "CB-A"),
        ("Nguyễn Thị Hằng", "CB-A"),
    ]
    rows = json.loads(run("members", "--as-of", "2020-06-30", "--search", "CUONG", "--json"))
    assert [r["full_name"] for r in rows] == ["Hoàng Văn Cường"]
    assert json.loads(run("members", "--as-of", "2023-01-01", "--search", "cuong", "--json")) == []


def test_members_table(committee):
    text = run("members", "--org", "CB-A", "--as-of", "2024-03-31")
    lines = text.splitlines()
    assert lines[0] == "Chi bộ Công ty Ánh Dương (CB-A), ngày 31/03/2024"
    assert lines[1].split()[:4] == ["STT", "Họ", "và", "tên"]
    assert "Nguyễn Thị Hằng" in lines[3] and "04/05/2015" in lines[3] and "Chính thức" in lines[3]
    assert lines[-1] == "Tổng số: 2 đảng viên"


def test_members_errors(committee):
    with pytest.raises(CommandError, match="Không có tổ chức mã “X”"):
        run("members", "--org", "X", "--json")
    with pytest.raises(CommandError, match="không hợp lệ"):
        run("members", "--as-of", "hôm qua")


def test_ensure_admin_creates_one_admin_once(db, monkeypatch):
    monkeypatch.delenv("DANGVU_ADMIN_PASSWORD", raising=False)
    text = run("ensure_admin")
    assert "Đăng nhập tại: http://127.0.0.1:8000/login/" in text and "Tên đăng nhập: admin" in text
    password = text.split("Mật khẩu: ")[1].split()[0]
    user = authenticate(username="admin", password=password)
    assert user is not None and user.is_superuser
    assert AuditEntry.objects.filter(kind="create", object_id=str(user.pk)).exists()
    again = run("ensure_admin")
    assert "Đã có tài khoản quản trị “admin”" in again and "Mật khẩu" not in again and password not in again
    assert User.objects.count() == 1


def test_ensure_admin_takes_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DANGVU_ADMIN_PASSWORD", "mot-mat-khau-rat-dai")
    text = run("ensure_admin", "--url", "https://dangvu.example.vn/")
    assert "https://dangvu.example.vn/login/" in text
    assert "mot-mat-khau-rat-dai" not in text and "DANGVU_ADMIN_PASSWORD" in text
    assert authenticate(username="admin", password="mot-mat-khau-rat-dai") is not None
    monkeypatch.setenv("DANGVU_ADMIN_PASSWORD", "ngan")
    User.objects.all().delete()
    with pytest.raises(CommandError):
        run("ensure_admin")
    assert not User.objects.exists()


def test_console_script_exits_non_zero_with_the_error_on_stderr(tmp_path):
    """`dangvu stats` through dangvu.cli, on a throwaway SQLite database."""
    env = {**os.environ, "DANGVU_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "dangvu.settings.dev"}
    env.pop("DATABASE_URL", None)
    cli = [
        sys.executable,
        "-c",
        "import sys; from dangvu.cli import main; sys.exit(main(['dangvu'] + sys.argv[1:]))",
    ]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True, capture_output=True, timeout=300)
    result = subprocess.run(
        [*cli, "stats", "--org", "NOPE", "--json"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Không có tổ chức mã “NOPE”" in result.stderr and result.stdout == ""
