"""Settings shared by every environment; what differs comes from environment variables."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

# Two self-contained blocks, each in its own module so that this one stays readable at a sitting:
# the open data API (Django REST framework, its schema, its rate limit) and the logging.
from .api import ATLAS_API_RATE_LIMIT, REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: F401
from .logs import LOGGING  # noqa: F401
from .participation import (  # noqa: F401
    ATLAS_ALERT_CONFIRM_DAYS,
    ATLAS_ALERT_LINK_DAYS,
    ATLAS_PARTICIPATION_PER_HOUR,
    ATLAS_PROPOSAL_MAX_LINKS,
    ATLAS_PROPOSAL_MAX_SECONDS,
    ATLAS_PROPOSAL_MIN_SECONDS,
    ATLAS_SITE_URL,
)
from .policies import (  # noqa: F401
    ATLAS_ADMIN_CONTENT_SECURITY_POLICY,
    ATLAS_PERMISSIONS_POLICY,
    CONTENT_SECURITY_POLICY,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    """Read a comma-separated environment variable as a list of non-empty items."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications -------------------------------------------------------------

DJANGO_APPS = [
    # Before the admin, as django-modeltranslation asks: its admin's tabs override Django's.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "axes",
    "django_filters",
    "simple_history",
    "taggit",
    "import_export",
    "rest_framework",
    "drf_spectacular",
]
LOCAL_APPS = [
    "core",
    "ecosystem",
    "funding",
    "trainings",
    "landscape",
    "opendata",
    "participation",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # Outermost, so that its timing covers every other middleware and the view.
    "core.http.middleware.RequestLogMiddleware",
    "core.http.middleware.HeadWithoutBodyMiddleware",
    # Outside the page cache: cached API responses get the CORS headers too.
    "opendata.middleware.ApiCorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.http.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "opendata.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Outside the page cache, so that a cached page answers If-None-Match with a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    # After LocaleMiddleware (the language is part of the key); what follows runs only on a miss.
    "core.http.middleware.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Revisions made during a request (inlines, deletions) name the user who made them.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the authentication, to see who a login let in (core/http/login_throttle.py).
    "core.http.login_throttle.LoginThrottleMiddleware",
    # Last, as django-axes asks: it turns a login refused for a lock-out into its own page.
    "axes.middleware.AxesMiddleware",
]

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
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# SQLite is the embedded default; production sets DATABASE_URL to a PostgreSQL server.

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Read the file through a memory map (up to 1 GiB): pages come straight from the system's
    # file cache, shared by every worker, not copied by read() into each connection's 2 MB
    # cache. At 100 000 entries: a list filtered by a tag and a kind, whose query checks 2 000
    # rows, 3.6 → 1.4 ms; a search's ranking 7.1 → 4.2 ms. An init_command given in
    # DATABASE_URL (`?init_command=…`) is kept.
    _sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite_options.setdefault("init_command", f"PRAGMA mmap_size={2**30}")

# --- Authentication -------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Where a login lands when its `next=` is missing or refused (another site): the back-office.
LOGIN_REDIRECT_URL = "admin:index"

# Only staff log in, to the back-office: a working day, and no longer than the browser is open.
# In the database, never only in the cache: with Redis stopped, editors still log in and save.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes refuses logins for a while after repeated failures, per username and address
# together: a stranger who types a wrong password cannot lock an editor out of their own office.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# Every failure, in a log core.http.login_throttle counts per account, whatever the address.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Behind reverse proxies, the visitor's address is read from X-Forwarded-For, as written by the
# last TRUSTED_PROXIES of them (core/http/client_ip.py); 0 when the site is reached directly.
ATLAS_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip.client_ip"

# --- Internationalisation ----------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
# The content's text in both languages (django-modeltranslation, see core/public/languages.py):
# the French is required and is what queries read; the English is optional and falls back to it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
MODELTRANSLATION_REQUIRED_LANGUAGES = ("fr",)
USE_TZ = True

# --- Static and media files ------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# --- Cache ----------------------------------------------------------------------
# Public pages are cached for anonymous visitors (core/caching/pages.py), each with the "generations" of
# what it shows (core/caching/dependencies.py), which every change to that content replaces: the
# generations must live where every process of every app server reads them. With REDIS_URL,
# pages and generations are both in Redis. Without it, pages stay in each process's memory, and
# the generations go to files that all the workers of this one machine share (gunicorn runs
# several processes: generations in memory would be one set per worker).

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis_timeout = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.5"))
    _redis = {
        # A Redis that is full, down or slow is a miss, logged: the site serves on, uncached.
        "BACKEND": "core.caching.backends.ForgivingRedisCache",
        "LOCATION": REDIS_URL,
        # Sites (or test runs) that share one Redis database keep apart with a prefix each.
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        "OPTIONS": {
            "socket_connect_timeout": _redis_timeout,
            "socket_timeout": _redis_timeout,
        },
    }
    CACHES = {"default": _redis, "generations": _redis}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "generations": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": Path(os.environ.get("CACHE_DIR", BASE_DIR / "var" / "cache")),
            # One per entry, tag and collection shown: culled ones come back as misses.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
# How long a cached page may live; 0 turns the page cache off (to measure pages cold).
ATLAS_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60)))
# Search counts and ranks this many matches at most: past them a common word costs no more
# than a rare one, and the page says « plus de 1 000 résultats » (core/search.py).
ATLAS_SEARCH_MATCH_CAP = 1000
# How many stale pages one server makes again at a time; meanwhile the other stale pages are
# answered with their last copy, so that workers stay free for visitors (core/caching/pages.py).
ATLAS_STALE_RENDERS = int(os.environ.get("STALE_RENDERS", "1"))
# Shared HTTP caches in front (Varnish: deploy/varnish/default.vcl): each URL is sent a PURGE
# with the dependency keys a change makes stale (core/caching/front.py). None by default.
FRONT_CACHE_PURGE_URLS = env_list("FRONT_CACHE_PURGE_URLS")

# --- Security -----------------------------------------------------------------------
# SecurityMiddleware sends nosniff, the referrer and opener policies (and HSTS in production);
# core.http.middleware.SecurityHeadersMiddleware adds the content security policy (django-csp)
# and the permissions policy.

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Taggit -----------------------------------------------------------------------

TAGGIT_CASE_INSENSITIVE = True

# --- Atlas ------------------------------------------------------------------------
# The published content types, in the order the site presents them. `core` reaches the
# apps only through this list (tag pages, home counts, demo data), never by importing them.

ATLAS_CONTENT_MODELS = [
    "ecosystem.Actor",
    "funding.FundingScheme",
    "trainings.TrainingProgramme",
]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
ATLAS_DEMO_FIXTURES = ["core_demo", "ecosystem_demo", "funding_demo", "trainings_demo"]
ATLAS_PAGE_SIZE = 12
# Where visitors write about an accessibility barrier: the accessibility statement gives it
# (RGAA asks for one); without it, the statement says there is none yet.
ATLAS_CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
