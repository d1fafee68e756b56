"""The data cache: counts and fragments kept until what they depend on changes.

Counts over every published entry (facets, tags, home figures) take tens of milliseconds at
100 000 entries and change only with the content. Each value is kept with the generations of
what it depends on (core.caching.dependencies), as a page is, and hands those on to the page
that uses it: a page built from a kept count depends on what the count depends on.
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import caches
from django.db import connection

from core.caching import dependencies as deps
from core.caching import schedule

DATA_CACHE_SECONDS = 60 * 60
# The keys each kept value depends on, as this process last read them: {cache key: keys}.
_known_keys: dict[str, frozenset[str]] = {}
MAX_KNOWN_VALUES = 10_000
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
    kept = _kept(cache_key)
    if kept is not None:
        deps.depend_on(*kept[1])
        return kept[0]
    snapshot = deps.Snapshot()
    with deps.collecting() as keys:
        deps.depend_on(*depends_on)
        value = compute()
    generations = deps.generations(deps.bounded(keys))
    if generations is not None and snapshot.unchanged():
        caches["default"].set(cache_key, (value, generations), DATA_CACHE_SECONDS)
    return value


def _kept(cache_key: str) -> tuple[Any, dict[str, str]] | None:
    """(value, generations) kept under `cache_key` if all it depends on is unchanged, or None.

    The value, its generations and the schedule of publications are read in one round trip
    when this process already knows which keys the value depends on, as the page cache does
    (core.caching.pages.fetch): a list page asks for three values, which took nine round trips.
    """
    known = _known_keys.get(cache_key, frozenset())
    cached, found, scheduled = deps.get_with_generations("default", cache_key, known)
    if cached is None:
        schedule.apply_due_changes()
        return None
    generations = cached[1]
    if generations.keys() <= known:
        current = deps.matches(generations, found)
    else:
        if len(_known_keys) >= MAX_KNOWN_VALUES:
            _known_keys.clear()
        _known_keys[cache_key] = frozenset(generations)
        current, scheduled = deps.check(generations)
    if schedule.is_due(scheduled):
        # A publication or withdrawal has come: what it changes is stale from now on.
        schedule.apply_due_changes()
        current = deps.are_current(generations)
    return cached if current else None
