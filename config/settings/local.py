"""Settings for a developer's machine and the `make run` demo."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine here: this configuration never serves real users (see production.py).
SECRET_KEY = SECRET_KEY or "local-development-only-not-a-secret"  # noqa: F405
