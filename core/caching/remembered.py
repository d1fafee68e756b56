"""The data cache: what a page computes from the content, kept until the content changes."""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db import connection

from core.caching.pages import content_version

# Counts over every published entry (facets, tags, home figures) take tens of milliseconds at
# 100 000 entries and change only with the content: they are kept until it changes.
DATA_CACHE_SECONDS = 60 * 60
_MISSING = object()
T = TypeVar("T")


def remembered(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in the cache under `key` until the content changes (pages.py).

    Not inside a transaction: what it reads there may yet be rolled back (tests run in one).
    """
    if connection.in_atomic_block:
        return compute()
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"atlas:data:{content_version()}:{digest}"
    value = caches["default"].get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        caches["default"].set(cache_key, value, DATA_CACHE_SECONDS)
    return value
