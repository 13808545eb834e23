"""Base settings: every value that varies between environments is read from the environment.

Each variable is documented here, where it is read, and listed with an example in
`.env.example`. `dev.py` and `test.py` only set safe defaults before importing this module;
`production.py` adds the hardening that is always true in production.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "brygga"

env = environ.Env()

# SECRET_KEY: required; only dev and test settings provide a throwaway default.
SECRET_KEY = env.str("SECRET_KEY")
# DEBUG: never on in production (production.py refuses to start with it).
DEBUG = env.bool("DEBUG", default=False)
# ALLOWED_HOSTS: comma-separated host names this instance answers to.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# TRUSTED_PROXY_HOPS: how many reverse proxies in front of Brygga append to X-Forwarded-For
# (0 when Brygga faces the internet directly). Used for per-client rate limits.
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)
# SITE_URL: the public address, for links in e-mails sent outside a request.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# CSRF_TRUSTED_ORIGINS: comma-separated origins (https://brygga.example.se) behind a proxy.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# BRYGGA_DEMO_MODE: a demo instance with fictional data; staff may sign in without the second
# factor and every page says so. Impossible in production (see production.py).
DEMO_MODE = env.bool("BRYGGA_DEMO_MODE", default=False)

# VAR_DIR: where the SQLite database, uploaded documents and other runtime files live.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "brygga.core",
    "brygga.accounts",
    "brygga.audit",
    "brygga.catalogue",
    "brygga.carers",
    "brygga.clients",
    "brygga.assignments",
    "brygga.compensation",
    "brygga.contracts",
    "brygga.payments",
    "brygga.oversight",
    "brygga.integrations",
    "brygga.applicants",
    "brygga.website",
    "brygga.retention",
    "brygga.demo",
]

MIDDLEWARE = [
    "brygga.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "brygga.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before any view reads a query parameter: PostgreSQL refuses text with NUL characters.
    "brygga.core.middleware.NulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "brygga.accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes' own rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "brygga.urls"
WSGI_APPLICATION = "brygga.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "brygga.core.context_processors.brygga",
                "brygga.accounts.context_processors.site_organisation",
            ],
        },
    },
]

# DATABASE_URL: e.g. postgres://user:password@127.0.0.1:5432/brygga. Without it, SQLite under
# VAR_DIR, so a newcomer needs nothing installed.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'brygga.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must work from a fresh clone, with or without `make run`.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let the web process and the worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )


def _without_jit(database: dict[str, Any]) -> None:
    # JIT compilation pays off for long analytical queries; for the register's and the lists'
    # queries PostgreSQL misjudges it and spends most of a second compiling (ADR 0034).
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")


_without_jit(DATABASES["default"])
# DATABASE_REPLICA_URL: optional read replica of the primary; statistics and exports read from
# it (brygga.core.db_routers, ADR 0031).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    _without_jit(DATABASES["replica"])
REPLICA_READS = "replica" in DATABASES
DATABASE_ROUTERS = ["brygga.core.db_routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL: optional shared cache (rate limits, lockouts) for several application servers.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "brygga_cache",
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out account is refused before the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:staff-login"
LOGIN_REDIRECT_URL = "accounts:staff-home"

# Sessions. Staff sessions expire after STAFF_IDLE_TIMEOUT_MINUTES without a request;
# public (e-mail link) sessions after PUBLIC_SESSION_HOURS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
STAFF_IDLE_TIMEOUT = timedelta(minutes=env.int("STAFF_IDLE_TIMEOUT_MINUTES", default=30))
PUBLIC_SESSION_AGE = timedelta(hours=env.int("PUBLIC_SESSION_HOURS", default=2))
CSRF_COOKIE_HTTPONLY = True

# Lockout after repeated failed staff logins (django-axes).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
# Lock the account, not the address: a municipality's staff share one outgoing address, and
# locking it would lock out a whole office. Address-level throttling belongs in the proxy.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# Never write the client's IP address or user agent to the plain server log.
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# "Hjälpte informationen dig?" answers accepted per client address an hour.
PAGE_FEEDBACK_RATE_LIMIT = env.int("PAGE_FEEDBACK_RATE_LIMIT", default=20)
# Interest forms accepted per client address an hour (spam protection).
INTEREST_SUBMISSIONS_PER_HOUR = env.int("INTEREST_SUBMISSIONS_PER_HOUR", default=10)

# One-time e-mail links for applicants and carers.
LOGIN_LINK_MAX_AGE = timedelta(minutes=env.int("LOGIN_LINK_MINUTES", default=20))
# At most this many links per e-mail address and per client address an hour.
LOGIN_LINK_RATE_LIMIT = env.int("LOGIN_LINK_RATE_LIMIT", default=5)

# The "Upphör snart" page and flags: approvals and extracts ending within this many days.
CARER_EXPIRY_WARNING_DAYS = env.int("CARER_EXPIRY_WARNING_DAYS", default=60)

OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Brygga")
OTP_TOTP_THROTTLE_FACTOR = 1

# E-mail. EMAIL_URL: smtp+tls://user:password@smtp.example.se:587, or consolemail:// for dev.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Brygga <noreply@brygga.invalid>")

# Internationalisation: Swedish first, English second (ADR 0004).
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Log review (loggkontroll): a staff member's reads count as a burst when at least
# AUDIT_BURST_READS fall within AUDIT_BURST_MINUTES.
AUDIT_BURST_READS = env.int("AUDIT_BURST_READS", default=30)
AUDIT_BURST_WINDOW = timedelta(minutes=env.int("AUDIT_BURST_MINUTES", default=10))

# Uploaded documents live outside the web root and are served only through permission checks.
PRIVATE_MEDIA_ROOT = VAR_DIR / "documents"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work (ADR 0006): the database queue, run by `make worker`.
# TASKS_BACKEND: "database" (default) or "immediate" (runs in the request; tests, small demos).
_TASK_BACKENDS = {
    "database": "django_tasks_db.backend.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[env.str("TASKS_BACKEND", default="database")]}}

# Content-Security-Policy: no inline script, nothing from other origins (ADR 0005).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

REST_FRAMEWORK = {
    # Systems send `Authorization: Bearer <token>` (ADR 0026); staff use their session. The
    # token class comes first so that a refused call answers 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "brygga.accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "brygga.accounts.api_schema.ScopedAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Brygga API",
    "DESCRIPTION": "Kontaktverksamhet: rekrytering, beslut, matchning, avtal och ersättning.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Every operation's error bodies (400, 401, 403, 404) come from one place.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "brygga.core.api_schema.add_error_responses",
    ],
    # One name per choice set, so clients generated from the schema get stable enums.
    "ENUM_NAME_OVERRIDES": {
        "ApplicantStageEnum": "brygga.applicants.constants.ApplicantStage",
        "ApplicantManualStageEnum": "brygga.applicants.constants.MANUAL_STAGE_CHOICES",
        "CarerStatusEnum": "brygga.carers.constants.CarerStatus",
        "CompensationQuoteTypeEnum": "brygga.compensation.constants.QUOTE_TYPE_CHOICES",
        "CompensationLawEnum": "brygga.compensation.constants.Law",
        "CompensationLineKindEnum": "brygga.compensation.constants.LINE_KIND_CHOICES",
        "DecisionStatusEnum": "brygga.clients.constants.DecisionStatus",
        "SexEnum": "brygga.clients.constants.Sex",
    },
}

# Logging: request ids, never personal data (ADR 0008: personal data goes to the audit log,
# not the server log). Log messages carry ids only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "brygga.core.logging.RequestIdFilter"},
        "redact_personal_data": {"()": "brygga.core.logging.RedactPersonalDataFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id", "redact_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django logs the full request path and query string of failed requests; ours carry ids.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
