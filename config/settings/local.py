"""Settings for a developer's machine and the `make run` demo."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine here: this configuration never serves real users (see production.py).
SECRET_KEY = SECRET_KEY or "local-development-only-not-a-secret"  # noqa: F405
# Templates and code change under a developer's feet with no content change to replace the
# cache's version: pages are cached here only when asked (`make serve` caches them).
ATLAS_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# Messages (proposal outcomes, alerts) are printed, not sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
