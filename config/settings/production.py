"""Settings for a real deployment: everything secret or site-specific comes from the environment.

Every variable is described in README.md (« Mise en production ») and in .env.example.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable to start in production.")

# --- Database -----------------------------------------------------------------------
# DATABASE_URL, read in base.py; each worker keeps its connection between requests (ten minutes
# unless CONN_MAX_AGE says otherwise) and checks that it still answers before reusing it.

DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# --- HTTPS ---------------------------------------------------------------------------
# TLS ends at the reverse proxy, which says so with this header.

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe the health check over plain HTTP, straight at the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
# Sent from the site's own host, includeSubDomains covers only the hosts under it (never a
# sibling such as an intranet beside it): safe to keep on. Preloading is asked for the whole
# registered domain and takes months to undo: only on purpose, when the domain is the site's.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # The deployment check would ask for preload, which is opt-in here on purpose.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# --- Static and media files ------------------------------------------------------------
# WhiteNoise serves the collected static files from the app server: compressed, under
# content-hashed names, with far-future cache headers. Uploaded media are the proxy's job.

# After the security headers' middlewares, not right after SecurityMiddleware as WhiteNoise's
# guide says: a static file (an SVG opened on its own) gets the same policies as a page.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("core.http.middleware.SecurityHeadersMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail ------------------------------------------------------------------------------
# Either EMAIL_URL (smtp://user:password@host:587?tls=1, or smtps:// for implicit TLS),
# or the separate EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER... variables.

_email = urlsplit(os.environ.get("EMAIL_URL", ""))
_email_options = {key: values[-1] for key, values in parse_qs(_email.query).items()}
EMAIL_HOST = _email.hostname or os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.port or int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = (
    unquote(_email.username) if _email.username else os.environ.get("EMAIL_HOST_USER", "")
)
EMAIL_HOST_PASSWORD = (
    unquote(_email.password) if _email.password else os.environ.get("EMAIL_HOST_PASSWORD", "")
)
EMAIL_USE_TLS = _email_options.get("tls") == "1" or env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.scheme == "smtps" or env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Atlas IA Santé <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# "Name <address>" items, comma-separated; they receive the server errors.
ADMINS = [
    (name.strip(), address.strip(" >"))
    for name, _, address in (item.rpartition("<") for item in env_list("ADMINS"))
]
