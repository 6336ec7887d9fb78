"""The production profile (dangvu.settings.prod) passes `check --deploy` and refuses to start half-configured.

Each case runs manage.py in a subprocess, because the settings are read once per process and the test
process runs dangvu.settings.test. scripts/deploy-smoke tries the whole deployment (nginx, gunicorn, the
worker, PostgreSQL) by hand; these tests keep the settings honest in `make test`.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from dangvu.core.middleware import client_address

PROJECT_DIR = Path(__file__).resolve().parent.parent
SETTINGS_DIR = PROJECT_DIR / "dangvu" / "settings"
ENV_EXAMPLE = PROJECT_DIR / "deploy" / "dangvu.env.example"


@pytest.fixture
def prod_env(tmp_path):
    """A complete production environment; the database is never connected to by these commands."""
    env = {
        name: value
        for name, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests for the rest of the session (tests/browser).
        if not name.startswith("DANGVU_")
        and name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    log_dir = tmp_path / "log"
    log_dir.mkdir()
    env.update(
        DJANGO_SETTINGS_MODULE="dangvu.settings.prod",
        DANGVU_SECRET_KEY=secrets.token_urlsafe(50),
        DANGVU_ALLOWED_HOSTS="dangvu.example.vn",
        DATABASE_URL="postgres://dangvu:secret@127.0.0.1:5432/dangvu",
        DANGVU_LOG_DIR=str(log_dir),
        DANGVU_VAR_DIR=str(tmp_path / "var"),
    )
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_check_deploy_reports_no_issue(prod_env):
    # --fail-level DEBUG: any message at all, even a hint, makes the command exit non-zero.
    result = manage(prod_env, "check", "--deploy", "--fail-level", "DEBUG")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_https_redirect_is_switched_off(prod_env):
    # The same check that passes above does see a weakened profile: the test above can fail.
    result = manage(
        dict(prod_env, DANGVU_SSL_REDIRECT="false"), "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DANGVU_SECRET_KEY", "DANGVU_SECRET_KEY is not set"),
        ("DANGVU_ALLOWED_HOSTS", "DANGVU_ALLOWED_HOSTS is not set"),
        ("DATABASE_URL", "DATABASE_URL is not set"),
    ],
)
def test_prod_settings_refuse_to_start_without_a_required_variable(prod_env, missing, message):
    del prod_env[missing]

    result = manage(prod_env, "check")

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr
    assert "docs/deploy.md" in result.stderr


def test_prod_settings_refuse_a_weak_or_development_secret_key(prod_env):
    for weak in ["short", "dangvu-insecure-development-key-change-me" + "x" * 20, "ab" * 40]:
        result = manage(dict(prod_env, DANGVU_SECRET_KEY=weak), "check")

        assert result.returncode != 0, weak
        assert "ImproperlyConfigured: DANGVU_SECRET_KEY is too weak" in result.stderr


def test_prod_settings_refuse_a_missing_log_directory(prod_env, tmp_path):
    result = manage(dict(prod_env, DANGVU_LOG_DIR=str(tmp_path / "nowhere")), "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured: DANGVU_LOG_DIR=" in result.stderr


def test_prod_profile_logs_to_the_log_directory_and_queues_tasks_in_the_database(prod_env):
    code = (
        "import logging; from django.conf import settings; from django.tasks import task_backends;"
        "logging.getLogger('dangvu.deploy').warning('nhật ký thử');"
        "print(type(task_backends['default']).__module__, settings.DEBUG, settings.STORAGES['staticfiles'])"
    )
    result = manage(prod_env, "shell", "--no-imports", "-c", code)

    assert result.returncode == 0, result.stderr
    assert "django_tasks_db.backend False" in result.stdout
    assert "ManifestStaticFilesStorage" in result.stdout
    log = (Path(prod_env["DANGVU_LOG_DIR"]) / "dangvu.log").read_text(encoding="utf-8")
    assert "WARNING dangvu.deploy" in log
    assert "nhật ký thử" in log


def test_every_setting_variable_is_in_the_env_file_template():
    # Each variable the settings read: os.environ.get("X"), os.environ["X"], env_bool("X"), required("X"), ...
    reads = re.compile(
        r"(?:environ\.get\(|environ\[|env_bool\(|env_list\(|required\()\s*\"([A-Z][A-Z0-9_]*)\""
    )
    read = set()
    for settings_file in ("base.py", "prod.py"):
        read |= set(reads.findall((SETTINGS_DIR / settings_file).read_text()))
    assert {"DANGVU_SECRET_KEY", "DATABASE_URL", "DANGVU_LOG_DIR"} <= read
    template = ENV_EXAMPLE.read_text()

    missing = sorted(name for name in read if not re.search(rf"^#?\s*{name}=", template, re.MULTILINE))
    assert not missing, f"add these to {ENV_EXAMPLE.relative_to(PROJECT_DIR)}: {missing}"


def test_behind_nginx_the_recorded_address_is_the_browsers(settings, rf):
    settings.DANGVU_REAL_IP_HEADER = "HTTP_X_REAL_IP"

    via_nginx = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(via_nginx) == "203.0.113.7"
    # Only the local proxy is believed: a client that reaches the application directly cannot pick an address.
    direct = rf.get("/", REMOTE_ADDR="198.51.100.2", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(direct) == "198.51.100.2"
    assert client_address(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_without_a_proxy_the_header_is_ignored(settings, rf):
    settings.DANGVU_REAL_IP_HEADER = ""

    assert client_address(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")) == "127.0.0.1"
