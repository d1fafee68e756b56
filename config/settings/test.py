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
    "generations": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "generations",
    },
}
# Tests read what each page's view put in its context, which a cached page does not have: the
# page cache is on only in the tests about it (tests/core/caching/test_pages.py).
ATLAS_PAGE_CACHE_SECONDS = 0
# A fourth kind of entry that only its tests list in ATLAS_CONTENT_MODELS (tests/events/).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.events"]  # noqa: F405
# High enough for any test but the rate limit's own (tests/opendata/test_api_headers.py).
ATLAS_API_RATE_LIMIT = "100000/minute"
