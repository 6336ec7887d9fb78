"""Settings shared by every profile. Values come from environment variables with typed defaults."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("DANGVU_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("DANGVU_SECRET_KEY", "dangvu-insecure-development-key-change-me")
DEBUG = env_bool("DANGVU_DEBUG", False)
ALLOWED_HOSTS = env_list("DANGVU_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks_db",
    "drf_spectacular_sidecar",
    "dangvu.core",
    "dangvu.accounts",
    "dangvu.organizations",
    "dangvu.members",
    "dangvu.figures",
    "dangvu.inspection",
    "dangvu.development",
    "dangvu.enterprises",
    "dangvu.targets",
    "dangvu.demo",
    "dangvu.web",
    "dangvu.api",
    "dangvu.transfer",
    "dangvu.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dangvu.web.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "dangvu.core.middleware.RequestContextMiddleware",
    "dangvu.accounts.middleware.TwoFactorMiddleware",
]

ROOT_URLCONF = "dangvu.urls"

# Background tasks (django.tasks) wait in the database (django-tasks-db). The embedded default runs them in
# the development server itself (DANGVU_TASKS_IN_PROCESS, dangvu/core/worker.py); a deployment runs
# `dangvu db_worker` (deploy/dangvu-worker.service). The tests run them at once (settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DANGVU_TASKS_IN_PROCESS = env_bool("DANGVU_TASKS_IN_PROCESS", True)
# A first import of at least this many members is checked in a worker process (dangvu/transfer/parallel.py).
DANGVU_IMPORT_PARALLEL_ROWS = int(os.environ.get("DANGVU_IMPORT_PARALLEL_ROWS", 20_000))

WSGI_APPLICATION = "dangvu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangvu.web.context_processors.navigation",
            ],
        },
    },
]

DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'dangvu.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_SQLITE), conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = ["dangvu.accounts.backends.LockoutBackend"]
DANGVU_LOCKOUT_ACCOUNT_FAILURES = int(os.environ.get("DANGVU_LOCKOUT_ACCOUNT_FAILURES", 10))
DANGVU_LOCKOUT_ADDRESS_FAILURES = int(os.environ.get("DANGVU_LOCKOUT_ADDRESS_FAILURES", 30))
DANGVU_LOCKOUT_WINDOW_MINUTES = int(os.environ.get("DANGVU_LOCKOUT_WINDOW_MINUTES", 15))
DANGVU_LOCKOUT_MINUTES = int(os.environ.get("DANGVU_LOCKOUT_MINUTES", 30))
# Roles that can change personal data must use two-factor authentication (issue "access").
DANGVU_2FA_FOR_PERSONAL_DATA = env_bool("DANGVU_2FA_FOR_PERSONAL_DATA", False)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first, English second. Dates dd/mm/yyyy, numbers 1.062 and 50,5% (dangvu/formats/).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["dangvu.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DANGVU_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]

SESSION_COOKIE_AGE = int(os.environ.get("DANGVU_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "dangvu API",
    "DESCRIPTION": "Party organizations, members, membership events and figures.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its documentation page are for signed-in users and API tokens only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI at /api/docs/ from the assets vendored in drf-spectacular-sidecar: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Three choice sets are all called `kind`: name each in the schema.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "dangvu.organizations.choices.OrganizationKind",
        "OrganizationEventKindEnum": "dangvu.organizations.choices.OrganizationEventKind",
        "MembershipEventKindEnum": "dangvu.members.choices.EventKind",
        "StepKindEnum": "dangvu.development.choices.StepKind",
        "IntroducerKindEnum": "dangvu.development.choices.IntroducerKind",
        "DueKindEnum": "dangvu.development.choices.DueKind",
        "EnterpriseStatusEnum": "dangvu.enterprises.choices.EnterpriseStatus",
        "CriterionKindEnum": "dangvu.targets.choices.CriterionKind",
        "SubjectKindEnum": "dangvu.targets.choices.SubjectKind",
        "RatingLevelEnum": "dangvu.targets.choices.RatingLevel",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANGVU_LOG_LEVEL", "WARNING")},
}

# A strict Content-Security-Policy: every asset is vendored and served from here, so nothing else is
# allowed. No inline <script> or style="" attributes: scripts live in static/js, styles in static/css.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
