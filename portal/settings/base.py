"""Settings shared by every environment; each value can be set from the environment."""

import datetime
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str, url_origins

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "portal.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "leaflet",
    "csp",
    "portal",
    "landscapes",
    "meetings",
    "biodiva",
    "monitoring",
    "projects",
    "advice",
    # Last, as its documentation asks: counts failed logins and locks out (see AXES_* below).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Gzip for public JSON/GeoJSON answers only (never HTML: BREACH), see portal/compression.py.
    "portal.compression.PublicJsonGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, with the API's language taken from the client.
    "portal.middleware.PortalLocaleMiddleware",
    "portal.hostile.RejectUnsafeTextMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: turns a login refused by the lockout into the lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Log in by e-mail address or user name; Django's own backend stays for code that names it.
AUTHENTICATION_BACKENDS = [
    # First: refuses every login of a locked-out account or address before a password is checked.
    "portal.accounts.LockoutBackend",
    "portal.accounts.EmailOrUsernameBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute force: after AXES_FAILURE_LIMIT failed logins (portal, admin, HTTP Basic on the API) an
# account, and separately a client address, is locked out for LOGIN_LOCKOUT_MINUTES: the right
# password does not work either meanwhile, and the answer is 429. Counted in the shared cache.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Counted in the shared cache when there is one (REDIS_URL), else in the database (never per process).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Successful logins are not recorded (no address log of everyone who logs in).
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.client_ip"
AXES_USERNAME_CALLABLE = "portal.accounts.login_name_for_lockout"
AXES_LOCKOUT_CALLABLE = "portal.accounts.locked_out_page"
AXES_VERBOSE = False
# Reverse proxies in front of the portal that add X-Forwarded-For (0: the client connects directly).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Budgets per client address for the password-reset form.
PASSWORD_RESET_RATE = env_str("PASSWORD_RESET_RATE", "10/hour")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Dutch first, English complete.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# Numbers and dates in the language of the page: 24.000 m² and 4 oktober 2026 in Dutch, 24,000 m² and
# 31 March 2027 in English (not US dates). Identifiers in attributes use |unlocalize.
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Upload folders anyone may fetch by address; everything else under MEDIA_ROOT is private.
PUBLIC_MEDIA_FOLDERS = ["regions", "species", "brochures", "monitoring/structures", "projects"]
# Uploads and generated PDFs go through the default storage: MEDIA_ROOT on this machine (shared by
# the app servers and workers, e.g. over NFS), or S3-compatible object storage when a bucket is set.
# The bucket stays private: private files are streamed by the portal after its permission check,
# public ones get signed addresses.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "location": env_str("AWS_LOCATION", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: Django keeps at most this much in memory; the per-field limits are in the apps.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_IMAGE_UPLOAD_MB = env_int("MAX_IMAGE_UPLOAD_MB", 20)
MAX_PDF_UPLOAD_MB = env_int("MAX_PDF_UPLOAD_MB", 30)

# Every e-mail is queued as a background task (portal/mail.py); the task hands it to the backend
# named by the EMAIL_BACKEND variable (SMTP in production, the console by default).
EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Provincie Antwerpen <groen@example.org>")
# Absolute address of the portal, used in e-mails and calendar feeds.
# The address the footer and the statements give for questions.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "groen@provincieantwerpen.be")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Shared services. With REDIS_URL set, every process (app servers, Celery workers) shares one cache:
# throttle budgets, the lookup index's version and the statistics cache. Without it each process
# keeps its own cache in memory, which is right for one ``make serve`` process.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
        }
    }
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    # Room for every meeting's calendar event (LocMemCache keeps 300 entries by default).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Background jobs (Celery): e-mails, the meetings' scheduled work and PDF renders. Without a broker
# tasks run at once in the process that queues them, so ``make serve`` needs no worker.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "") or REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL == "memory://")
# A task that fails while running eagerly is logged, never raised into the request that queued it.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged only when it finished, so a worker killed mid-task does not lose it; one
# task at a time per worker process keeps slow SMTP servers from holding others back.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged task to another worker after this long: longer than the longest
# retry delay (EMAIL_RETRY_BACKOFF_MAX), so a waiting retry is not run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "meetings-reminders": {
        "task": "meetings.queue_due_reminders",
        "schedule": 15 * 60,
    },
    "meetings-anonymise": {
        "task": "meetings.anonymise_registrations",
        "schedule": 24 * 3600,
    },
    "advice-anonymise": {
        "task": "advice.anonymise_requests",
        "schedule": 24 * 3600,
    },
}
# Failed e-mails are tried again with exponential back-off (1 s, 2 s, 4 s … at most this many
# seconds apart) this many times, about two days in all, before the failure is logged as an error.
EMAIL_MAX_RETRIES = env_int("EMAIL_MAX_RETRIES", 60)
EMAIL_RETRY_BACKOFF_SECONDS = env_int("EMAIL_RETRY_BACKOFF_SECONDS", 2)
EMAIL_RETRY_BACKOFF_MAX = env_int("EMAIL_RETRY_BACKOFF_MAX", 3600)

# Meetings.
# Reminder e-mails go out this many hours before a meeting starts.
MEETINGS_REMINDER_HOURS = env_int("MEETINGS_REMINDER_HOURS", 24)
# Personal data of registrations is anonymised this many months after the meeting.
MEETINGS_ANONYMISE_AFTER_MONTHS = env_int("MEETINGS_ANONYMISE_AFTER_MONTHS", 12)
# How long a built calendar feed is reused (it is rebuilt at once when a meeting changes).
MEETINGS_FEED_CACHE_SECONDS = env_int("MEETINGS_FEED_CACHE_SECONDS", 600)
# How long each meeting's event is kept for the feeds (a changed meeting gets a new one at once).
MEETINGS_EVENT_CACHE_SECONDS = env_int("MEETINGS_EVENT_CACHE_SECONDS", 7 * 24 * 3600)
# Public registrations per client address, form and API together (DRF rate: "30/hour", "5/minute").
MEETINGS_API_REGISTRATION_RATE = env_str("MEETINGS_API_REGISTRATION_RATE", "30/hour")
# Page size of the public meetings list.
MEETINGS_PAGE_SIZE = env_int("MEETINGS_PAGE_SIZE", 20)
# Check-in (attended) can be recorded from the start, or this many minutes before it (a welcome desk).
MEETINGS_CHECKIN_OPENS_MINUTES = env_int("MEETINGS_CHECKIN_OPENS_MINUTES", 0)

# BIODIVA.
# How long the link in the sign-up confirmation e-mail stays valid.
BIODIVA_SIGNUP_CONFIRM_DAYS = env_int("BIODIVA_SIGNUP_CONFIRM_DAYS", 3)
# Sign-ups per client address (the form answers 429 beyond it).
BIODIVA_SIGNUP_RATE = env_str("BIODIVA_SIGNUP_RATE", "10/hour")
# How many opportunities the result page and the report show at most.
BIODIVA_MAX_OPPORTUNITIES = env_int("BIODIVA_MAX_OPPORTUNITIES", 8)

# Monitoring.
# Observations of the same taxon at the same deployment at most this many minutes after the
# previous one belong to the same independent event.
MONITORING_EVENT_THRESHOLD_MINUTES = env_int("MONITORING_EVENT_THRESHOLD_MINUTES", 30)
# Largest CSV file accepted by the bulk upload, in kilobytes.
MONITORING_CSV_MAX_KB = env_int("MONITORING_CSV_MAX_KB", 5120)
# Rows written per INSERT when bulk loading on databases without COPY.
MONITORING_BULK_BATCH_SIZE = env_int("MONITORING_BULK_BATCH_SIZE", 5000)
# An import of at least this many observations, and at least as many as are stored, is loaded with
# the table's indexes set aside (monitoring.bulk.is_large).
MONITORING_LARGE_LOAD_ROWS = env_int("MONITORING_LARGE_LOAD_ROWS", 50_000)
# Uncertainty of a structure's coordinates in metres (Darwin Core coordinateUncertaintyInMeters).
MONITORING_COORDINATE_UNCERTAINTY_M = env_int("MONITORING_COORDINATE_UNCERTAINTY_M", 30)
# Publisher named in exported data packages and archives, and the data licence.
MONITORING_PUBLISHER = env_str("MONITORING_PUBLISHER", "Provincie Antwerpen")
MONITORING_DATA_LICENSE = env_str("MONITORING_DATA_LICENSE", "CC-BY-4.0")
# Overview figures (index, map, comparison, region pages) are cached this long at most.
MONITORING_STATS_CACHE_SECONDS = env_int("MONITORING_STATS_CACHE_SECONDS", 300)

# Advice from the provincial ecologists.
# Personal data of a closed request (answered, referred or declined) is erased this many months later.
ADVICE_ANONYMISE_AFTER_MONTHS = env_int("ADVICE_ANONYMISE_AFTER_MONTHS", 24)
# Public requests per client address, form and API together (DRF rate: "10/hour", "5/minute").
ADVICE_REQUEST_RATE = env_str("ADVICE_REQUEST_RATE", "10/hour")
# At most this many photos and documents with one request.
ADVICE_MAX_ATTACHMENTS = env_int("ADVICE_MAX_ATTACHMENTS", 5)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "portal.schema.PortalAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "portal.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PARSER_CLASSES": [
        "portal.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "portal.errors.api_exception_handler",
    # HTTP Basic is counted by the login lockout (portal.accounts): API_BASIC_AUTH=0 drops it.
    # Basic comes first: its scheme is the `WWW-Authenticate` header of a 401 (the first class names
    # it), so a client without (or with wrong) credentials gets 401, not 403. Sessions keep CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": (
        ["portal.accounts.LockoutAwareBasicAuthentication"] if env_bool("API_BASIC_AUTH", True) else []
    )
    + ["rest_framework.authentication.SessionAuthentication"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Antwerp green-infrastructure portal API",
    "DESCRIPTION": (
        "Landscape images biodiversity of the province of Antwerp: regions, species, measures, "
        "stakeholder meetings, the BIODIVA company scan and fauna-passage monitoring."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"AdviceStatusEnum": "advice.models.AdviceRequest.Status"},
}

# The maps' background (see portal/maps.py and the README): "vlaanderen" (Digitaal Vlaanderen's
# public WMTS, GRB base map and orthophotos), "custom" (MAP_TILE_URL) or "none" (no outside request;
# the default of `make serve` and the tests). The regions and municipalities show without it.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
MAP_BACKGROUND = env_str("MAP_BACKGROUND", "custom" if MAP_TILE_URL else "vlaanderen")
# django-leaflet only supplies Leaflet's files (static/js/portal-map.js sets the maps up).
LEAFLET_CONFIG: dict[str, list] = {"TILES": []}

# Content-Security-Policy (django-csp) on every answer: scripts and styles only from the portal's own
# static files (no inline script, no inline style); pictures also from the map's tile server and the
# origins in CSP_EXTRA_IMG_SRC. The API documentation pages loosen it for themselves (portal/api_docs.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            "blob:",
            *url_origins([MAP_TILE_URL] if MAP_BACKGROUND == "custom" else []),
            *(["https://geo.api.vlaanderen.be"] if MAP_BACKGROUND == "vlaanderen" else []),
            *env_list("CSP_EXTRA_IMG_SRC", []),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Other apps add sections to a region page and layers to the overview map here: dotted paths
# to callables (region page: ``(request, region) -> str`` of HTML; map: ``(request) -> dict``).
REGION_PAGE_SECTIONS = [
    "meetings.sections.region_section",
    "monitoring.sections.region_section",
    "projects.sections.region_section",
]
MAP_OVERLAYS = [
    "meetings.sections.map_overlay",
    "monitoring.sections.map_overlay",
    "projects.sections.map_overlay",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Every 4xx would be a warning (a click outside the province is a 404): log server errors only.
    "loggers": {
        "django.request": {"level": env_str("LOG_LEVEL_REQUESTS", "ERROR")},
        # WeasyPrint and fontTools report every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
