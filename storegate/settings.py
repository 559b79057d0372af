"""Storegate settings: everything comes from environment variables (see .env.example)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from storegate.core.email_url import parse_email_url
from storegate.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("STOREGATE_DATA_DIR", str(BASE_DIR / "var")))

# The demo (``storegate demo``) and the test suite set STOREGATE_DEMO=1; it allows a
# development secret and the mailbox e-mail backend, and nothing else.
DEMO = env_bool("STOREGATE_DEMO", False)
DEBUG = env_bool("DEBUG", False)

_secret = os.environ.get("SECRET_KEY")
if _secret is None:
    if not (DEMO or DEBUG):
        raise ImproperlyConfigured(
            "SECRET_KEY is required in production. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    _secret = "storegate-demo-secret-not-for-production-use-0123456789"
elif len(_secret) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if (DEMO or DEBUG) else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
STOREGATE_STORE_DOMAIN = env_str("STOREGATE_STORE_DOMAIN", "storegate.test")
if not STOREGATE_STORE_DOMAIN or "/" in STOREGATE_STORE_DOMAIN or " " in STOREGATE_STORE_DOMAIN:
    raise ImproperlyConfigured(
        f"STOREGATE_STORE_DOMAIN={STOREGATE_STORE_DOMAIN!r} is not a domain name."
    )
# Where links in e-mails point.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must start with http:// or https://.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # Listed so the API docs use the Swagger UI files shipped in the package, not a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "storegate.core",
    "storegate.accounts",
    "storegate.stores",
    "storegate.partners",
    "storegate.collaborators",
    "storegate.commerce",
    "storegate.notifications",
    "storegate.audit",
    "storegate.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "storegate.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "storegate.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "storegate.core.middleware.ApplicationErrorMiddleware",
    "storegate.core.middleware.RejectNulCharactersMiddleware",
]

ROOT_URLCONF = "storegate.urls"
WSGI_APPLICATION = "storegate.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "storegate" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'storegate.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", _default_db)
try:
    _db = dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0)
    )
except Exception as exc:  # dj-database-url raises several types for malformed URLs
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if _db["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the worker share the file; IMMEDIATE
    # transactions take the write lock at BEGIN so that check-then-insert cannot interleave.
    _db["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    _db["CONN_MAX_AGE"] = 0
    # A fresh checkout has no var/ yet; SQLite needs the folder of its file.
    Path(str(_db["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    _db["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME", str(DATA_DIR / "test.sqlite3"))}
elif env_bool("DB_PREPARED_STATEMENTS", True):
    # Django turns psycopg's prepared statements off for poolers in transaction mode; only the
    # per-request token look-ups ask for them (core/sql.py). DB_PREPARED_STATEMENTS=false for
    # a pooler that cannot keep them (PgBouncer before 1.21, or without max_prepared_statements).
    _db["OPTIONS"] = {**_db.get("OPTIONS", {}), "prepare_threshold": 5}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# E-mail uniqueness is a case-insensitive constraint (accounts.User.Meta), which this check cannot see.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL={REDIS_URL!r} must start with redis://, rediss:// or unix://."
        )
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["storegate.accounts.backends.EmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("nl", _("Dutch")), ("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "storegate" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG or DEMO

# S5: secure cookies and headers. Secure flags follow SITE_URL so the demo works on http.
_https = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _https)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12, minimum=300)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if _https else 0, minimum=0)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)

_email_default = "mailbox://" if DEMO else "console://"
EMAIL_URL = env_str("EMAIL_URL", _email_default)
globals().update(parse_email_url(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Storegate <no-reply@storegate.test>")

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per task run is noise at the periodic jobs' pace; failures still show.
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
    },
}

NINJA_PAGINATION_PER_PAGE = 50

# --- Product settings ---------------------------------------------------------------------
# R09: days before a pending collaborator request expires.
STOREGATE_REQUEST_EXPIRY_DAYS = env_int("STOREGATE_REQUEST_EXPIRY_DAYS", 30, minimum=1)
# R24: default days of inactivity before access is removed (0 turns it off); stores may override.
STOREGATE_INACTIVITY_DAYS = env_int("STOREGATE_INACTIVITY_DAYS", 90, minimum=0)
# R26: days between access-review digests.
STOREGATE_REVIEW_DIGEST_DAYS = env_int("STOREGATE_REVIEW_DIGEST_DAYS", 30, minimum=1)
# S4: two-factor is required for collaborator log-in unless the operator turns it off.
STOREGATE_REQUIRE_2FA_FOR_COLLABORATORS = env_bool(
    "STOREGATE_REQUIRE_2FA_FOR_COLLABORATORS", not DEMO
)
# Hours a store session opened through the partner dashboard lasts.
STOREGATE_STORE_SESSION_HOURS = env_int("STOREGATE_STORE_SESSION_HOURS", 8, minimum=1, maximum=72)
# Days a personal API token lasts.
STOREGATE_TOKEN_DAYS = env_int("STOREGATE_TOKEN_DAYS", 30, minimum=1, maximum=365)
# Webhooks may target private and loopback addresses only when the operator allows it.
STOREGATE_WEBHOOK_ALLOW_PRIVATE = env_bool("STOREGATE_WEBHOOK_ALLOW_PRIVATE", False)
# A webhook endpoint is switched off after this many deliveries in a row have failed for good.
STOREGATE_WEBHOOK_DISABLE_AFTER_FAILURES = env_int(
    "STOREGATE_WEBHOOK_DISABLE_AFTER_FAILURES", 15, minimum=1
)
# What the outbox (notifications/delivery.py) and the partner events (notifications/events.py)
# hand their work to, by dotted path: the low layers name no module above them.
STOREGATE_OUTBOX_DELIVERERS = {
    "email": "storegate.notifications.delivery.deliver_email",
    "webhook": "storegate.webhooks.delivery.deliver_webhook",
}
STOREGATE_OUTBOX_FAILURE_HOOKS = ["storegate.webhooks.disabling.webhook_disable_after_failure"]
STOREGATE_PARTNER_EVENT_SUBSCRIBERS = ["storegate.webhooks.fan_out.webhook_fan_out"]
# Outbox delivery: attempts before a message is given up, and the first back-off in seconds.
STOREGATE_OUTBOX_MAX_ATTEMPTS = env_int("STOREGATE_OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
STOREGATE_OUTBOX_BACKOFF_SECONDS = env_int("STOREGATE_OUTBOX_BACKOFF_SECONDS", 30, minimum=1)
# Bearer token for /metrics (empty: the endpoint answers 404).
STOREGATE_METRICS_TOKEN = env_str("STOREGATE_METRICS_TOKEN", "")
# Login throttling (S4): attempts per e-mail and per IP in a 15-minute window.
STOREGATE_LOGIN_ATTEMPTS = env_int("STOREGATE_LOGIN_ATTEMPTS", 10, minimum=1)
