"""Django settings for Gehoord, read from environment variables.

Every variable is documented in README.md ("Configuration"). Development
defaults apply only when DEBUG is on; production refuses to start without a
SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gehoord.api.schedule import BEAT_SCHEDULE as API_BEAT_SCHEDULE
from gehoord.audit.schedule import BEAT_SCHEDULE as AUDIT_BEAT_SCHEDULE
from gehoord.core import logs
from gehoord.correspondence.schedule import BEAT_SCHEDULE as CORRESPONDENCE_BEAT_SCHEDULE
from gehoord.intake.schedule import BEAT_SCHEDULE as INTAKE_BEAT_SCHEDULE
from gehoord.mailbox.schedule import BEAT_SCHEDULE as MAILBOX_BEAT_SCHEDULE
from gehoord.monitor.schedule import BEAT_SCHEDULE as MONITOR_BEAT_SCHEDULE
from gehoord.privacy.schedule import BEAT_SCHEDULE as PRIVACY_BEAT_SCHEDULE
from gehoord.social.schedule import BEAT_SCHEDULE as SOCIAL_BEAT_SCHEDULE
from gehoord.surveys.schedule import BEAT_SCHEDULE as SURVEYS_BEAT_SCHEDULE
from gehoord.webhooks.schedule import BEAT_SCHEDULE as WEBHOOKS_BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "value, or set DEBUG=true for local development only."
        )
    # DEBUG only.
    SECRET_KEY = "gehoord-development-only-key-never-use-in-production"  # noqa: S105  # nosec B105

# The public address of this installation, for links in e-mails and letters.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_prometheus",
    "gehoord.core",
    "gehoord.accounts",
    "gehoord.organisation",
    "gehoord.clock",
    "gehoord.cases",
    "gehoord.learning",
    "gehoord.intake",
    "gehoord.correspondence",
    "gehoord.monitor",
    "gehoord.mailbox",
    "gehoord.social",
    "gehoord.vouchers",
    "gehoord.surveys",
    "gehoord.reporting",
    "gehoord.privacy",
    "gehoord.api",
    "gehoord.webhooks",
    "gehoord.audit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "gehoord.demo",
]

MIDDLEWARE = [
    # First: django-prometheus counts every request, and the request id is known to every log line.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "gehoord.core.middleware.RequestIdMiddleware",
    # The audit trail knows the request being handled (who, from where) wherever a file is changed.
    "gehoord.audit.middleware.AuditContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gehoord.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gehoord.accounts.middleware.StaffSessionExpiryMiddleware",
    "gehoord.accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gehoord.core.middleware.DomainErrorMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # django-prometheus wants this one last; django-axes wants its own last, so this comes just before.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gehoord.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gehoord" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gehoord.organisation.context_processors.municipality",
                "gehoord.accounts.context_processors.staff_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "gehoord.wsgi.application"

# Database: an SQLite file under var/ unless DATABASE_URL says otherwise
# (production: postgres://user:password@host:5432/gehoord).
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'gehoord.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: wait for a writer instead of failing at once, and take the write
    # lock at BEGIN so concurrent reference numbering cannot deadlock.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DATABASES["default"].setdefault("TEST", {})

# Cache (also holds the rate-limit counters, which every web process must
# share): Redis in production, e.g. CACHE_URL=redis://redis:6379/1; per-process
# memory is only good enough for the one development server.
if not DEBUG and not env.str("CACHE_URL", default=""):
    raise ImproperlyConfigured(
        "CACHE_URL is not set. Production needs a shared cache for rate limiting, "
        "e.g. CACHE_URL=redis://127.0.0.1:6379/1 (or set DEBUG=true for local development only)."
    )
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://gehoord")}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if DEBUG and CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")  # one development process: not shared is fine
RATELIMIT_VIEW = "gehoord.core.views.rate_limited"
# Per client address (the API: per client application) before the answer is 429; see
# gehoord.core.ratelimits and the README. Pages without input (privacy, theme.css, ...) have none.
RATE_LIMITS = {
    "triage": "120/m",  # the complaints page with its triage question, a triage destination
    "form": "120/m",  # opening the complaint form
    "form_post": "20/h",  # sending the complaint form
    "status_link": "60/m",  # a personal link (status, withdraw, survey): guessing it is the attack
    "status_post": "20/h",  # adding information and files through the status link
    "forward": "5/h",  # "stuur door": sends an e-mail to any address
    "login": "20/m",  # staff and admin sign-in (django-axes also locks a user name after failures)
    "language": "30/m",  # choosing the language
    "health": "120/m",
    "metrics": "60/m",  # guarded by a token: guessing it is the attack
    "api": env.str("API_RATE_LIMIT", default="600/m"),  # per client application
    "api_anonymous": "60/m",  # API calls without a token, and the schema and documentation
    "api_unknown_caller": "20/m",  # API and webhook calls with a wrong token
    "webhook": "120/m",  # social-media signals, per address
}
# Behind a proxy the client address is in a header the proxy sets.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
RATELIMIT_IP_META_KEY = "gehoord.core.ratelimits.client_address"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff sign in with a password and a TOTP code (django-otp); after
# AXES_FAILURE_LIMIT failed attempts for one user name from one client address the
# login is locked for AXES_COOLOFF_MINUTES (django-axes). Service accounts (API
# clients) cannot sign in at all (gehoord.accounts.backends).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gehoord.accounts.backends.StaffModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
# A user name is locked for one client only: whoever knows a colleague's user name cannot lock them out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client address by the same rule as the rate limits and the audit trail (CLIENT_IP_HEADER).
# Without this axes falls back to REMOTE_ADDR (django-ipware is not installed): behind a proxy
# that is the proxy, and one user name would be locked for everyone.
AXES_CLIENT_IP_CALLABLE = "gehoord.core.ratelimits.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Gehoord")
# After a wrong code django-otp makes the next try wait 1, 2, 4, ... seconds, without end. Someone
# who knows only the password could keep an employee out that way; the wait stops growing here
# (gehoord.accounts.two_factor), and the coordinator can lift it.
TOTP_MAX_WAIT_SECONDS = env.int("TOTP_MAX_WAIT_SECONDS", default=5 * 60)
# Functioneel beheer manages the users, but never sees their TOTP secrets or QR codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Optional single sign-on with OpenID Connect (mozilla-django-oidc), switched on
# by OIDC_RP_CLIENT_ID. Employees must already exist: they are matched on the
# provider's `sub` claim, stored at the first sign-on, which links the account by a
# verified e-mail address (gehoord.accounts.oidc). The TOTP step follows, unless
# OIDC_MFA_REPLACES_TOTP is on and the provider says it did multi-factor itself.
OIDC_ENABLED = bool(env.str("OIDC_RP_CLIENT_ID", default=""))
OIDC_MFA_REPLACES_TOTP = env.bool("OIDC_MFA_REPLACES_TOTP", default=False)
# The `amr` values (RFC 8176) and `acr` values of the ID token that count as multi-factor.
OIDC_MFA_AMR_VALUES = env.list("OIDC_MFA_AMR_VALUES", default=["mfa"])
OIDC_MFA_ACR_VALUES = env.list("OIDC_MFA_ACR_VALUES", default=[])
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("gehoord.accounts.oidc.StaffOIDCBackend")
    OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
    OIDC_CREATE_USER = False
    LOGIN_REDIRECT_URL_FAILURE = "/medewerkers/inloggen/"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:list"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "gehoord" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "gehoord" / "static",
    ("nlds/utrecht", BASE_DIR / "node_modules" / "@utrecht" / "component-library-css" / "dist"),
    (
        "nlds/tokens",
        BASE_DIR / "node_modules" / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
    ),
    # The fonts the design tokens name (Noto Sans for text, Noto Serif for headings), served by us: no CDN.
    ("nlds/fonts/noto-sans", BASE_DIR / "node_modules" / "@fontsource" / "noto-sans"),
    ("nlds/fonts/noto-serif", BASE_DIR / "node_modules" / "@fontsource" / "noto-serif"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Virus scanning of every upload by ClamAV's daemon (off without CLAMAV_ADDRESS): tcp://host:3310
# or the path of clamd's unix socket. While it is on, a file that cannot be scanned is refused.
CLAMAV_ADDRESS = env.str("CLAMAV_ADDRESS", default="")
CLAMAV_TIMEOUT = env.float("CLAMAV_TIMEOUT", default=30.0)
# The one attachment policy of every channel (gehoord.cases.attachment_policy): files per message, MB per file.
ATTACHMENT_MAX_FILES = env.int("ATTACHMENT_MAX_FILES", default=5)
ATTACHMENT_MAX_MB = env.int("ATTACHMENT_MAX_MB", default=10)
# Where `manage.py backup` writes its backups unless told otherwise (see docs/deploy.md).
BACKUP_ROOT = env.path("BACKUP_ROOT", default=str(VAR_DIR / "backups"))

# E-mail: SMTP when EMAIL_URL is set (smtp+tls://user:password@mail.example.nl:587). In development
# every message is a file under var/mail/ (one .log file per connection, the attachments base64 inside),
# so `make run` and the demo loader do not fill the terminal; EMAIL_URL=consolemail:// prints them instead.
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL",
    default="filemail://" if DEBUG else "smtp://127.0.0.1:25",
)
vars().update(EMAIL_CONFIG)
if EMAIL_CONFIG["EMAIL_BACKEND"].endswith(".filebased.EmailBackend") and not EMAIL_CONFIG["EMAIL_FILE_PATH"]:
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="klachten@gemeente.example")
# A letter whose e-mail failed is tried again after LETTER_RETRY_BASE_SECONDS, then twice as long
# each time, never more than LETTER_RETRY_CAP_SECONDS apart (1 minute and 1 hour by default). The
# soak benchmark shortens both, so its outbox drains in minutes after the mail server is back.
LETTER_RETRY_BASE_SECONDS = env.int("LETTER_RETRY_BASE_SECONDS", default=60)
LETTER_RETRY_CAP_SECONDS = env.int("LETTER_RETRY_CAP_SECONDS", default=60 * 60)
if not 1 <= LETTER_RETRY_BASE_SECONDS <= LETTER_RETRY_CAP_SECONDS:
    raise ImproperlyConfigured(
        "LETTER_RETRY_BASE_SECONDS must be at least 1 and at most LETTER_RETRY_CAP_SECONDS."
    )

# The complaints mailbox, read over IMAP by a scheduled task (off without MAILBOX_HOST).
MAILBOX_HOST = env.str("MAILBOX_HOST", default="")
MAILBOX_SSL = env.bool("MAILBOX_SSL", default=True)
MAILBOX_PORT = env.int("MAILBOX_PORT", default=993 if MAILBOX_SSL else 143)
MAILBOX_USER = env.str("MAILBOX_USER", default="")
MAILBOX_PASSWORD = env.str("MAILBOX_PASSWORD", default="")
MAILBOX_FOLDER = env.str("MAILBOX_FOLDER", default="INBOX")
MAILBOX_PROCESSED_FOLDER = env.str("MAILBOX_PROCESSED_FOLDER", default="")
# The authserv-id our receiving mail server writes in Authentication-Results (e.g. "mx.gemeente.nl").
# Empty: the topmost such header counts, which the receiving server adds last.
MAILBOX_AUTHSERV_ID = env.str("MAILBOX_AUTHSERV_ID", default="")

# Outgoing requests to configured addresses (webhooks, Mastodon) go through gehoord.core.outbound:
# https only, and never to an internal address (loopback, private, link-local, metadata, CGNAT ...).
# OUTBOUND_ALLOWED_HOSTS names hosts that may resolve to internal addresses (an internal case system);
# OUTBOUND_ALLOW_HTTP allows http:// as well (on with DEBUG; for internal receivers and tests).
OUTBOUND_ALLOWED_HOSTS = env.list("OUTBOUND_ALLOWED_HOSTS", default=[])
OUTBOUND_ALLOW_HTTP = env.bool("OUTBOUND_ALLOW_HTTP", default=DEBUG)

# Mentions of the municipality's Mastodon account become social-media signals (off without both).
MASTODON_API_BASE_URL = env.str("MASTODON_API_BASE_URL", default="")
MASTODON_ACCESS_TOKEN = env.str("MASTODON_ACCESS_TOKEN", default="")

# Privacy (AVG): years the personal data of an ended complaint are kept, per result of the Selectielijst
# gemeenten 2020, process type 13 (DOMAIN.md, gehoord.privacy.retention); a daily task erases them
# afterwards, keeping the anonymous figures. A permanent file is never erased (transfer to the archive).
RETENTION_HANDLED_YEARS = env.int("RETENTION_HANDLED_YEARS", default=5)
RETENTION_FINANCIAL_YEARS = env.int("RETENTION_FINANCIAL_YEARS", default=7)
# Counted from the end of the ombudsman's handling.
RETENTION_OMBUDSMAN_YEARS = env.int("RETENTION_OMBUDSMAN_YEARS", default=10)
RETENTION_NOT_HANDLED_YEARS = env.int("RETENTION_NOT_HANDLED_YEARS", default=1)
# The audit trail: entries older than this whose file holds no personal data any more are removed daily
# (gehoord.audit.retention).
AUDIT_RETENTION_YEARS = env.int("AUDIT_RETENTION_YEARS", default=2)
# The REST API's stored Idempotency-Key answers hold a complaint's data: a retry with the same key gets
# the first answer for this many hours; after that the key is new again and an hourly task removes it.
IDEMPOTENCY_KEY_HOURS = env.int("IDEMPOTENCY_KEY_HOURS", default=24)
if IDEMPOTENCY_KEY_HOURS < 1:
    raise ImproperlyConfigured("IDEMPOTENCY_KEY_HOURS must be at least 1 (hour).")
for _name in (
    "RETENTION_HANDLED_YEARS",
    "RETENTION_FINANCIAL_YEARS",
    "RETENTION_OMBUDSMAN_YEARS",
    "RETENTION_NOT_HANDLED_YEARS",
    "AUDIT_RETENTION_YEARS",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1 (year).")
del _name

# Celery: Redis in production. Without CELERY_BROKER_URL tasks run eagerly
# in-process, so `make run` needs no broker.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
# A task is acknowledged only when it has finished: a worker that dies mid-task (killed, out of
# memory, the machine gone) leaves it on the broker, and another worker runs it again. Every task is
# written to be safe to run twice (a letter is sent once: its row is locked and its status checked).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Redis hands an unacknowledged task to another worker after this many seconds. It must be longer
# than the longest task and the longest countdown (webhook retries wait up to 6 hours), or a waiting
# task is handed out twice; the letters' safety net (deliver_due_letters, every minute) does not wait
# for it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=7 * 60 * 60),
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    **CORRESPONDENCE_BEAT_SCHEDULE,
    **MONITOR_BEAT_SCHEDULE,
    **MAILBOX_BEAT_SCHEDULE,
    **SOCIAL_BEAT_SCHEDULE,
    **SURVEYS_BEAT_SCHEDULE,
    **PRIVACY_BEAT_SCHEDULE,
    **AUDIT_BEAT_SCHEDULE,
    **WEBHOOKS_BEAT_SCHEDULE,
    **API_BEAT_SCHEDULE,
    **INTAKE_BEAT_SCHEDULE,
}
# Beat's periodic and safety-net tasks (the letters' retry every minute, the mailbox poll, digests,
# retention, ...) have a queue of their own, consumed by a worker of their own
# (`celery -A gehoord worker -Q periodic`): a backlog of letters on the default queue cannot delay
# them until they expire. Everything else stays on the default queue, "celery".
CELERY_TASK_DEFAULT_QUEUE = "celery"
PERIODIC_QUEUE = "periodic"
CELERY_TASK_ROUTES = {entry["task"]: {"queue": PERIODIC_QUEUE} for entry in CELERY_BEAT_SCHEDULE.values()}
# Beat runs once, however many nodes start it: with Redis, its schedule lives there (celery-redbeat)
# and every beat takes a lock first. Only the holder sends; another waits and takes over at most
# CELERY_REDBEAT_LOCK_TIMEOUT seconds after the holder stopped (it extends the lock every loop, at
# most CELERY_BEAT_MAX_LOOP_INTERVAL seconds apart, which must stay well below the timeout). With
# another broker (RabbitMQ) set CELERY_REDBEAT_REDIS_URL, or run exactly one beat by hand.
CELERY_REDBEAT_REDIS_URL = env.str("CELERY_REDBEAT_REDIS_URL", default="") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else ""
)
if CELERY_REDBEAT_REDIS_URL:
    CELERY_BEAT_SCHEDULER = "redbeat.RedBeatScheduler"
CELERY_REDBEAT_KEY_PREFIX = env.str("CELERY_REDBEAT_KEY_PREFIX", default="gehoord:beat")
CELERY_REDBEAT_LOCK_TIMEOUT = env.int("CELERY_REDBEAT_LOCK_TIMEOUT", default=60)
CELERY_BEAT_MAX_LOOP_INTERVAL = env.int("CELERY_BEAT_MAX_LOOP_INTERVAL", default=10)
if CELERY_BEAT_MAX_LOOP_INTERVAL * 3 > CELERY_REDBEAT_LOCK_TIMEOUT:
    raise ImproperlyConfigured(
        "CELERY_BEAT_MAX_LOOP_INTERVAL must be at most a third of CELERY_REDBEAT_LOCK_TIMEOUT: "
        "the beat holding the lock extends it once per loop."
    )

# The REST API (/api/v1/): client tokens with scopes, problem+json errors, OpenAPI 3 by drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["gehoord.api.auth.ApiClientAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["gehoord.api.auth.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gehoord.api.problems.handle",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gehoord API",
    "DESCRIPTION": "Klachtbehandeling voor gemeenten (Awb hoofdstuk 9): klachten indienen, lezen en behandelen.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The documentation page's scripts come from the drf-spectacular-sidecar package, never a CDN.
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Request bodies get their own components, so required text fields say minLength 1.
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation also documents its problem+json error answers (schemathesis holds us to them).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gehoord.api.schema.add_problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ComplaintChannelEnum": "gehoord.cases.constants.Channel",
        "ContactChannelEnum": "gehoord.cases.constants.ContactChannel",
        "StatusEnum": "gehoord.cases.constants.Status",
    },
}

# A staff session lasts at most a working day from signing in, and ends after half an hour
# without a request (gehoord/accounts/middleware.py).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
STAFF_IDLE_TIMEOUT = env.int("STAFF_IDLE_TIMEOUT", default=30 * 60)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy (django-csp): only this site's own files. The public pages and the
# back office use no JavaScript of their own and no inline script or style, so nothing else is
# needed; the API documentation page widens it for itself (gehoord/api/views.py). The browser
# tests fail on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)

# Logs: one JSON object per line in production (LOG_FORMAT=json, the default without DEBUG),
# readable text in development. On stdout under gunicorn (gunicorn.conf.py sets LOG_STREAM) and
# Celery (gehoord/celery.py); on stderr for management commands, whose own output is on stdout.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json").lower()
if LOG_FORMAT not in logs.FORMATS:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOG_STREAM = env.str("LOG_STREAM", default="stderr").lower()
if LOG_STREAM not in logs.STREAMS:
    raise ImproperlyConfigured(f"LOG_STREAM must be stdout or stderr, not {LOG_STREAM!r}.")
LOGGING = logs.logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL, stream=LOG_STREAM)

# /metrics (Prometheus) answers only this bearer token; without one, only requests from loopback.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
