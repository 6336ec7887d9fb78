"""Production profile: everything from the environment; `dangvu check --deploy` reports nothing.

The operator's guide is docs/deploy.md; deploy/dangvu.env.example lists every variable read here. A missing
or unusable value stops the process at start with ImproperlyConfigured saying what to set, rather than
serving with a silent fallback (an SQLite file, a development key, a host list that refuses every request).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env_bool, env_list

GUIDE = "see docs/deploy.md and deploy/dangvu.env.example"


def required(name: str, what: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} is not set: {what} ({GUIDE}).")
    return value


DEBUG = False

SECRET_KEY = required(
    "DANGVU_SECRET_KEY",
    "the production settings need a secret key of at least 50 random characters, e.g. the output of "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'",
)
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("dangvu-insecure"):
    raise ImproperlyConfigured(
        f"DANGVU_SECRET_KEY is too weak: use at least 50 random characters, e.g. the output of "
        f"python3 -c 'import secrets; print(secrets.token_urlsafe(50))' ({GUIDE})."
    )

ALLOWED_HOSTS = env_list("DANGVU_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        f"DANGVU_ALLOWED_HOSTS is not set: list the host names the office types in the browser, "
        f"comma-separated, e.g. dangvu.example.vn ({GUIDE})."
    )
# Only needed for origins other than the site itself (nginx passes Host and X-Forwarded-Proto, so the
# site's own forms pass the CSRF origin check without it). Each entry is scheme://host[:port].
CSRF_TRUSTED_ORIGINS = env_list("DANGVU_CSRF_TRUSTED_ORIGINS", [])

# PostgreSQL in production; base.py has parsed DATABASE_URL already, here it is only required.
required("DATABASE_URL", "e.g. postgres://dangvu:PASSWORD@127.0.0.1:5432/dangvu")
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DANGVU_DB_CONN_MAX_AGE", 60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Files: the static files are collected to STATIC_ROOT and served by nginx (deploy/nginx.conf) under
# hashed names, so they can be cached for a year. Uploaded files stay under MEDIA_ROOT and are never served
# by nginx: they may hold personal data, and only the application decides who reads them.
VAR_DIR = Path(os.environ.get("DANGVU_VAR_DIR", "/var/lib/dangvu"))
STATIC_ROOT = Path(os.environ.get("DANGVU_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("DANGVU_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# HTTPS: TLS ends at nginx, which sets X-Forwarded-Proto; gunicorn listens on 127.0.0.1 only, so no one
# else can forge that header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind nginx REMOTE_ADDR is always 127.0.0.1: the audit trail and the per-address lock-out read the
# browser's address from the X-Real-IP header that nginx sets (dangvu.core.middleware.client_address).
DANGVU_REAL_IP_HEADER = "HTTP_X_REAL_IP"
SECURE_SSL_REDIRECT = env_bool("DANGVU_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DANGVU_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
DANGVU_2FA_FOR_PERSONAL_DATA = env_bool("DANGVU_2FA_FOR_PERSONAL_DATA", True)

# Background tasks wait in the database for `dangvu db_worker` (deploy/dangvu-worker.service).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Logging to DANGVU_LOG_DIR/dangvu.log from every process (the gunicorn workers and the task worker).
# WatchedFileHandler, not RotatingFileHandler: several processes write the file, and a file rotated by one
# of them would be lost to the others. logrotate rotates it (deploy/logrotate) and each process reopens the
# file when it sees it was moved.
LOG_DIR = Path(os.environ.get("DANGVU_LOG_DIR", "/var/log/dangvu"))
LOG_FILE = LOG_DIR / "dangvu.log"
if not (LOG_DIR.is_dir() and os.access(LOG_DIR, os.W_OK | os.X_OK)) or (
    LOG_FILE.exists() and not os.access(LOG_FILE, os.W_OK)
):
    raise ImproperlyConfigured(
        f"DANGVU_LOG_DIR={LOG_DIR}: the directory must exist and {LOG_FILE.name} in it must be writable by "
        f"the user running dangvu (uid {os.getuid()}); e.g. install -d -o dangvu -g adm -m 2750 {LOG_DIR} "
        f"({GUIDE})."
    )
LOG_LEVEL = os.environ.get("DANGVU_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} [pid {process}] {message}", "style": "{"},
    },
    "handlers": {
        "file": {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": str(LOG_FILE),
            "formatter": "plain",
            "encoding": "utf-8",
        },
    },
    "root": {"handlers": ["file"], "level": LOG_LEVEL},
    "loggers": {
        # SQL at DEBUG would write every query with its parameters (personal data) to the file.
        "django.db.backends": {"level": "INFO"},
    },
}
