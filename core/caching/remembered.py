"""The data cache: counts and fragments kept until what they depend on changes.

Counts over every published entry (facets, tags, home figures) take tens of milliseconds at
100 000 entries and change only with the content. Each value is kept with the generations of
what it depends on (core.caching.dependencies), as a page is, and hands those on to the page
that uses it: a page built from a kept count depends on what the count depends on.
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import caches
from django.db import connection

from core.caching import dependencies as deps
from core.caching import schedule

DATA_CACHE_SECONDS = 60 * 60
T = TypeVar("T")


def remembered(key: str, compute: Callable[[], T], *, depends_on: Iterable[str] = ()) -> T:
    """`compute()`, kept under `key` until something it depends on changes.

    `depends_on`: the collections it reads that no instance it makes names (a count of a list).
    Not inside a transaction: what it reads there may yet be rolled back (tests run in one).
    """
    deps.depend_on(*depends_on)
    if connection.in_atomic_block:
        return compute()
    cache_key = "atlas:data:" + hashlib.sha256(key.encode()).hexdigest()
    kept = schedule.read_kept(cache_key, lambda cached: cached[1])
    if kept is not None and kept[1]:
        (value, generations), _current = kept
        deps.depend_on(*generations)
        return value
    snapshot = deps.Snapshot()
    with deps.collecting() as keys:
        deps.depend_on(*depends_on)
        value = compute()
    generations = deps.generations(deps.bounded(keys))
    if generations is not None and snapshot.unchanged():
        caches["default"].set(cache_key, (value, generations), DATA_CACHE_SECONDS)
    return value
