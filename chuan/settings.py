"""Settings for Chuẩn, read from the environment.

This module is what production runs; tests overlay `chuan.test_settings`. Every variable is
documented in docs/configuration.md.
"""

import ipaddress
import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url
import django_stubs_ext

# Lets type parameters such as ModelAdmin[Agency] work at run time, as mypy wants them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
_TRUE = {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    return default if raw is None or not raw.strip() else raw.strip().lower() in _TRUE


def env_int(name: str, *, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("CHUAN_DEBUG", default=False)
DATA_DIR = Path(env_str("CHUAN_DATA_DIR") or BASE_DIR / "var")

SECRET_KEY = env_str("CHUAN_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set CHUAN_SECRET_KEY (50+ random characters); `make run` generates one in var/."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("CHUAN_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CHUAN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "chuan.core",
    "chuan.accounts",
    "chuan.organisations",
    "chuan.rollout",
    "chuan.calendars",
    "chuan.legal",
    "chuan.procedures",
    "chuan.dossiers",
    "chuan.documents",
    "chuan.feedback",
    "chuan.notifications",
    "chuan.servicesindex",
    "chuan.portal",
    "chuan.improvement",
    "chuan.kits",
    "chuan.training",
    "chuan.inspections",
    "chuan.reports",
    "chuan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "chuan.core.middleware.SecurityHeadersMiddleware",
    # Read-your-writes with a replica (nothing without one): chuan.core.db_router.
    "chuan.core.db_router.PrimaryAfterWriteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chuan.accounts.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "chuan.accounts.middleware.AuthenticationMiddleware",
    "chuan.accounts.middleware.UserLanguageMiddleware",
    "chuan.accounts.middleware.MfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chuan.urls"
WSGI_APPLICATION = "chuan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "chuan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chuan.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# SQLite is the embedded default: WAL lets readers run beside the one writer, FULL sync keeps
# committed activity entries across a power cut, IMMEDIATE avoids lock-upgrade deadlocks.
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=env_int("CHUAN_DB_CONN_MAX_AGE", default=60)
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "chuan.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A hot-standby replica fed by PostgreSQL streaming replication: the dashboards, reports and
# document search read there (chuan.core.db_router), everything else on the primary. A
# browser that has just written stays on the primary for CHUAN_REPLICA_PIN_SECONDS; a
# replica that is down or lags more than CHUAN_REPLICA_MAX_LAG_SECONDS is left aside (its
# health checked at most every CHUAN_REPLICA_CHECK_SECONDS per process, connecting within
# CHUAN_REPLICA_CONNECT_TIMEOUT seconds).
_replica_url = env_str("CHUAN_REPLICA_DATABASE_URL")
CHUAN_REPLICA_ALIAS = ""
if _replica_url:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "CHUAN_REPLICA_DATABASE_URL needs DATABASE_URL on PostgreSQL (streaming replication)."
        )
    _replica = dj_database_url.parse(
        _replica_url, conn_max_age=env_int("CHUAN_DB_CONN_MAX_AGE", default=60)
    )
    _replica.setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "CHUAN_REPLICA_CONNECT_TIMEOUT", default=1
    )
    # Tests read the test database through the replica's server (it streams it too).
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["chuan.core.db_router.ReplicaRouter"]
    CHUAN_REPLICA_ALIAS = "replica"
CHUAN_REPLICA_PIN_SECONDS = env_int("CHUAN_REPLICA_PIN_SECONDS", default=5)
CHUAN_REPLICA_CHECK_SECONDS = env_int("CHUAN_REPLICA_CHECK_SECONDS", default=5)
CHUAN_REPLICA_MAX_LAG_SECONDS = env_int("CHUAN_REPLICA_MAX_LAG_SECONDS", default=30)

# The shared cache holds what every worker must agree on, above all rate limits: Redis when
# CHUAN_REDIS_URL is set, otherwise a table of the database (`manage.py createcachetable`),
# so one machine with SQLite needs nothing more. Never a per-process cache: with three
# gunicorn workers a limit of ten would let thirty through, and a restart would forget it.
_redis_url = env_str("CHUAN_REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "chuan",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "chuan.core.cache.DatabaseCache",
            "LOCATION": "chuan_cache",
            # Culling would forget rate-limit counters: keep room for a busy day's keys.
            "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 4},
        }
    }

# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR networks, e.g.
# "10.0.0.5,192.168.10.0/24"); empty: the direct peer is the client (chuan.core.client).
CHUAN_TRUSTED_PROXIES = env_list("CHUAN_TRUSTED_PROXIES")
for _proxy in CHUAN_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"CHUAN_TRUSTED_PROXIES: {_proxy!r} is not an address or a network."
        ) from exc

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "chuan.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("CHUAN_PASSWORD_MIN_LENGTH", default=10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:start"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout (TCVN 14423 suggests at most 5 failures for business software): per account, so a
# guesser rotating addresses is stopped too; an administrator can lift it early.
AXES_FAILURE_LIMIT = env_int("CHUAN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CHUAN_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "chuan.accounts.views.lockout_response"
AXES_VERBOSE = False
# The same client address as the rate limits: X-Forwarded-For only from trusted proxies.
AXES_CLIENT_IP_CALLABLE = "chuan.core.client.client_ip"
# Roles that must use two-step sign-in (TOTP) before doing anything else; administrators by
# default (OWASP ASVS 6.3.2 at level 2, TCVN 14423 for administrators). Empty turns it off.
CHUAN_MFA_REQUIRED_ROLES = env_list("CHUAN_MFA_REQUIRED_ROLES", "system_admin")
# axes.W006 assumes an IP-based limit; ours is per account on purpose, since a whole agency
# often signs in from behind one address and one clumsy colleague must not lock it out.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Idle timeout: the cookie is re-issued on every request and expires after this many idle
# minutes; the absolute lifetime is enforced by chuan.accounts.middleware.
SESSION_IDLE_MINUTES = env_int("CHUAN_SESSION_IDLE_MINUTES", default=15)
SESSION_MAX_HOURS = env_int("CHUAN_SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

HTTPS = env_bool("CHUAN_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("CHUAN_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("CHUAN_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "chuan" / "locale"]
LANGUAGE_COOKIE_NAME = "chuan_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "chuan" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
CHUAN_IMPORT_MAX_BYTES = env_int("CHUAN_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
# Bounds on a DOCX/XLSX checked as an archive before any parser opens it (chuan.core.archives):
# parts, unpacked megabytes (imports, parsed in the worker itself, get the smaller bound) and
# the compression ratio of a part larger than 1 MB.
CHUAN_ARCHIVE_MAX_ENTRIES = env_int("CHUAN_ARCHIVE_MAX_ENTRIES", default=1000)
CHUAN_ARCHIVE_MAX_MB = env_int("CHUAN_ARCHIVE_MAX_MB", default=100)
CHUAN_IMPORT_MAX_UNPACKED_MB = env_int("CHUAN_IMPORT_MAX_UNPACKED_MB", default=25)
CHUAN_ARCHIVE_MAX_RATIO = env_int("CHUAN_ARCHIVE_MAX_RATIO", default=100)
# Bounds of the child process that reads an upload's content (chuan.core.sandbox).
CHUAN_FILE_READ_SECONDS = env_int("CHUAN_FILE_READ_SECONDS", default=10)
CHUAN_FILE_READ_MB = env_int("CHUAN_FILE_READ_MB", default=512)
# Working days a review request opened by a change of the law gives its owner.
CHUAN_REVIEW_DAYS = env_int("CHUAN_REVIEW_DAYS", default=10)
# Working days an agency has to reply to a citizen's feedback (the province's rule; Ninh
# Bình's 2025 regulation sets 10). Forwarding outside the agency's competence is the
# decree's 5 working days (NĐ 20/2008 Art. 9.4), not a setting.
CHUAN_FEEDBACK_REPLY_DAYS = env_int("CHUAN_FEEDBACK_REPLY_DAYS", default=10)
# How far an extension may move a dossier's due time: at most this many times the
# procedure's statutory time, counted from the current due time (a positive decimal).
try:
    CHUAN_EXTENSION_MAX_FACTOR = Decimal(env_str("CHUAN_EXTENSION_MAX_FACTOR") or "1")
except ArithmeticError as exc:
    raise ImproperlyConfigured(
        "CHUAN_EXTENSION_MAX_FACTOR must be a number, e.g. 1 or 1.5."
    ) from exc
if not CHUAN_EXTENSION_MAX_FACTOR.is_finite() or CHUAN_EXTENSION_MAX_FACTOR <= 0:
    raise ImproperlyConfigured("CHUAN_EXTENSION_MAX_FACTOR must be above zero.")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "chuan.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "chuan.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "chuan.core.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Endpoints anyone may call (the public calendar, later the citizen's lookup).
    "DEFAULT_THROTTLE_RATES": {"public": "120/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Chuẩn API",
    "DESCRIPTION": "ISO 9001 QMS and one-stop desk of Vietnamese state agencies.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Redoc is served from this server (drf-spectacular-sidecar), never from a CDN.
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "chuan.core.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DossierChannelEnum": "chuan.dossiers.choices.Channel",
        "FeedbackChannelEnum": "chuan.feedback.choices.Channel",
        "UnitKindEnum": "chuan.organisations.choices.UnitKind",
        "AgencyKindEnum": "chuan.organisations.choices.AgencyKind",
        "LegalDocumentKindEnum": "chuan.legal.choices.DocumentKind",
        "LegalRelationKindEnum": "chuan.legal.choices.RelationKind",
        "LegalDocumentStatusEnum": "chuan.legal.choices.DocumentStatus",
        "LegalShownStatusEnum": "chuan.legal.choices.ShownStatus",
        "ProcessStatusEnum": "chuan.procedures.choices.ProcessStatus",
        "QmsStatusEnum": "chuan.rollout.choices.QmsStatus",
        "DossierStatusEnum": "chuan.dossiers.choices.Status",
        "ProcedureTimeUnitEnum": "chuan.procedures.choices.TimeUnit",
        "StepTimeUnitEnum": "chuan.procedures.choices.StepUnit",
        "DossierResultEnum": "chuan.dossiers.choices.Result",
        "DossierFileOriginEnum": "chuan.dossiers.choices.FileOrigin",
        "UnitLevelEnum": "chuan.organisations.choices.UnitLevel",
        "ActionStateEnum": "chuan.improvement.choices.ActionState",
        "ObjectiveUnitEnum": "chuan.improvement.choices.ObjectiveUnit",
        "RiskKindEnum": "chuan.improvement.choices.RiskKind",
        "RiskLevelEnum": "chuan.improvement.choices.RiskLevel",
        "TriageKindEnum": "chuan.improvement.choices.TriageKind",
        "ChecklistResultEnum": "chuan.improvement.choices.ChecklistResult",
        "NcStateEnum": "chuan.improvement.choices.NcState",
        "ObjectiveStateEnum": "chuan.improvement.choices.ObjectiveState",
        "RiskStateEnum": "chuan.improvement.choices.RiskState",
        "AuditStateEnum": "chuan.improvement.choices.AuditState",
        "ReviewStateEnum": "chuan.improvement.choices.ReviewState",
        "GuidanceLetterStateEnum": "chuan.inspections.guidance_states.LetterState",
        "GuidanceQuestionStateEnum": "chuan.inspections.guidance_states.QuestionState",
        "GuidanceFileRoleEnum": "chuan.inspections.guidance_states.FileRole",
        "ProvinceReportKindEnum": "chuan.inspections.report_states.ReportKind",
        "ProvinceReportStateEnum": "chuan.inspections.report_states.ReportState",
        "InspectionStateEnum": "chuan.inspections.choices.InspectionState",
        "ItemResultEnum": "chuan.inspections.choices.ItemResult",
        "CourseKindEnum": "chuan.training.choices.CourseKind",
        "CourseStateEnum": "chuan.training.choices.CourseState",
        "InspectionTeamRoleEnum": "chuan.inspections.models.onsite.TeamRole",
        "ControlledDocumentKindEnum": "chuan.documents.choices.DocumentKind",
        "KitSetScopeEnum": "chuan.kits.choices.SetScope",
        "KitItemKindEnum": "chuan.kits.choices.ItemKind",
        "KitEditionStateEnum": "chuan.kits.choices.EditionState",
        "KitRequestStatusEnum": "chuan.kits.choices.RequestStatus",
        "KitReviewStatusEnum": "chuan.kits.choices.ReviewStatus",
        "KitAdoptionStateEnum": "chuan.kits.choices.AdoptionState",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CHUAN_LOG_LEVEL", "INFO").upper()},
    "loggers": {"axes": {"level": "WARNING"}},
}

CHUAN_SCOPE_QUERYSET = "chuan.organisations.scoping.scope_queryset"
CSRF_FAILURE_VIEW = "chuan.core.views.csrf_failure"

ADMINS: list[tuple[str, str]] = []
EMAIL_BACKEND = env_str("CHUAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# SMTP when CHUAN_EMAIL_BACKEND is django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env_str("CHUAN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("CHUAN_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("CHUAN_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("CHUAN_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("CHUAN_EMAIL_TLS", default=False)
EMAIL_TIMEOUT = env_int("CHUAN_EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env_str("CHUAN_EMAIL_FROM", "Chuẩn <no-reply@chuan.local>")

# Work that leaves the request (mail, reminders) runs in the background worker
# (`manage.py run_worker`; `make run` starts one), through django-tasks on one of two queues:
# "database" (default), django-tasks' database backend, a table every worker polls (one
# machine, or a province's few); "redis", RQ on Redis (django-tasks-rq), where workers on
# any number of nodes take each job atomically, for the nation. Same tasks, same code.
CHUAN_TASKS_BACKEND = env_str("CHUAN_TASKS_BACKEND", "database").lower()
TASKS: dict[str, dict[str, Any]]
if CHUAN_TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif CHUAN_TASKS_BACKEND == "redis":
    _tasks_redis_url = env_str("CHUAN_TASKS_REDIS_URL") or _redis_url
    if not _tasks_redis_url:
        raise ImproperlyConfigured(
            "CHUAN_TASKS_BACKEND=redis needs CHUAN_TASKS_REDIS_URL or CHUAN_REDIS_URL."
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        "default": {
            "URL": _tasks_redis_url,
            # A job still running after this many seconds is stopped (and marked failed).
            "DEFAULT_TIMEOUT": env_int("CHUAN_TASK_TIMEOUT", default=900),
        }
    }
    RQ_SHOW_ADMIN_LINK = False
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured("CHUAN_TASKS_BACKEND must be database or redis.")
# The hour (local time) the worker builds the day's reminder digest, one e-mail per person.
CHUAN_REMINDERS_HOUR = env_int("CHUAN_REMINDERS_HOUR", default=7)
if not 0 <= CHUAN_REMINDERS_HOUR <= 23:
    raise ImproperlyConfigured("CHUAN_REMINDERS_HOUR must be an hour from 0 to 23.")
# Attempts before an e-mail the server keeps refusing is given up (kept, marked not sent);
# the waits between them double from one minute to six hours (about two days in all).
CHUAN_MAIL_MAX_ATTEMPTS = env_int("CHUAN_MAIL_MAX_ATTEMPTS", default=16)
# The link to the National Public Service Portal (Cổng DVCQG): unset, the desk works alone and
# writes nothing for a portal.
CHUAN_PORTAL_URL = env_str("CHUAN_PORTAL_URL")
CHUAN_PORTAL_TOKEN = env_str("CHUAN_PORTAL_TOKEN")
CHUAN_PORTAL_TIMEOUT = env_int("CHUAN_PORTAL_TIMEOUT", default=10)
CHUAN_PORTAL_MAX_ATTEMPTS = env_int("CHUAN_PORTAL_MAX_ATTEMPTS", default=30)
CHUAN_PORTAL_PULL_MINUTES = env_int("CHUAN_PORTAL_PULL_MINUTES", default=5)
if CHUAN_PORTAL_URL and not CHUAN_PORTAL_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("CHUAN_PORTAL_URL must be an http:// or https:// address.")
if not 1 <= CHUAN_PORTAL_TIMEOUT <= 300:
    raise ImproperlyConfigured("CHUAN_PORTAL_TIMEOUT must be from 1 to 300 seconds.")
# The address links in e-mails point to (no request is there to tell it).
CHUAN_SITE_URL = env_str("CHUAN_SITE_URL", "http://127.0.0.1:8000")
# SMS to citizens (receipt, supplement request, result ready; only with their consent):
# the console in development, `chuan.notifications.sms.HttpBackend` for a gateway.
CHUAN_SMS_BACKEND = env_str(
    "CHUAN_SMS_BACKEND",
    "chuan.notifications.sms.ConsoleBackend",
)
CHUAN_SMS_URL = env_str("CHUAN_SMS_URL")
CHUAN_SMS_TOKEN = env_str("CHUAN_SMS_TOKEN")
CHUAN_SMS_SENDER = env_str("CHUAN_SMS_SENDER")
CHUAN_SMS_TIMEOUT = env_int("CHUAN_SMS_TIMEOUT", default=10)
