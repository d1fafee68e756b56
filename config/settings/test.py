"""Settings for the test suite: fast hashing, no outgoing e-mail."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Whatever REDIS_URL says: tests never share a cache with a running site.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "content_version": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "content-version",
    },
}
# Tests read what each page's view put in its context, which a cached page does not have: the
# page cache is on only in the tests about it (tests/test_cache.py).
ATLAS_PAGE_CACHE_SECONDS = 0
# High enough for any test but the rate limit's own (tests/opendata/test_api_headers.py).
ATLAS_API_RATE_LIMIT = "100000/minute"
