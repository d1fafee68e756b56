"""Scheduled publications and withdrawals, which change the public pages with no write at all.

An entry's `publish_at` comes and `published()` starts to show it. The cache keeps the moment
of the next such change; the first page read after it makes stale what the entries due since
the last check change, as if they had been saved, and looks up the next moment. An edit that
touches a status or a date makes the moment due at once (core.caching.invalidation).

`read_kept()` reads what the page and data caches keep the way that needs: with the generations
of its keys and the schedule, and current only if neither says otherwise.
"""

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min, Model, Q

from core.caching import dependencies as deps
from core.caching.invalidation import appearance_keys, content_models
from core.publishing.status import PublicationStatus


def _next_moment(after: float) -> float | None:
    """The Unix time of the next publication or withdrawal of a published entry, or None."""
    moment = datetime.fromtimestamp(after, UTC)
    published = Q(status=PublicationStatus.PUBLISHED)
    moments: list[datetime | None] = []
    for model in content_models():
        moments += model._default_manager.aggregate(
            publish=Min("publish_at", filter=published & Q(publish_at__gt=moment)),
            withdraw=Min("unpublish_at", filter=published & Q(unpublish_at__gt=moment)),
        ).values()
    return min((found.timestamp() for found in moments if found), default=None)


def _due_entries(since: float, until: float) -> Iterator[Model]:
    """Published entries whose publication or withdrawal came in (since, until]."""
    start, end = datetime.fromtimestamp(since, UTC), datetime.fromtimestamp(until, UTC)
    for model in content_models():
        due = Q(publish_at__gt=start, publish_at__lte=end) | Q(
            unpublish_at__gt=start, unpublish_at__lte=end
        )
        yield from model._default_manager.filter(due, status=PublicationStatus.PUBLISHED)


def is_due(value: tuple[float, float | None] | None) -> bool:
    """Whether the schedule `value` read from the cache calls for apply_due_changes()."""
    return value is None or (value[1] is not None and value[1] <= time.time())


def apply_due_changes() -> None:
    """Make stale what the scheduled changes that came since the last check change."""
    store = caches[deps.GENERATIONS]
    now = time.time()
    # Lost (evicted, or never set): nothing cached is older than the longest cache duration.
    value = store.get(deps.SCHEDULE) or (now - max(settings.ATLAS_PAGE_CACHE_SECONDS, 60 * 60), 0)
    checked, upcoming = value
    if upcoming is None or upcoming > now:
        return
    keys = set()
    # Apart from any page being rendered: these entries are not what it shows.
    with deps.isolated():
        for entry in _due_entries(checked, now):
            keys |= appearance_keys(entry)
    deps.invalidate(keys)
    store.set(deps.SCHEDULE, (now, _next_moment(now)), timeout=None)


# The dependency keys of the values (pages, counts) this process read lately: knowing them, it
# reads a value and their generations in one round trip to the cache, not two.
_known_keys: dict[str, frozenset[str]] = {}
MAX_KNOWN_VALUES = 20_000


def read_kept(key: str, generations_of: Callable[[Any], dict[str, int]]) -> tuple[Any, bool] | None:
    """(the value the default cache keeps under `key`, whether all it depends on is unchanged),
    or None if it keeps none.

    `generations_of(value)` gives the generations the value was kept with ({key: generation}).
    The value, those generations and the schedule come in one round trip when this process
    knows the value's keys already; a value stored since with other keys costs a second one.
    """
    known = _known_keys.get(key, frozenset())
    cached, found, scheduled = deps.get_with_generations("default", key, known)
    if cached is None:
        apply_due_changes()
        return None
    generations = generations_of(cached)
    if generations.keys() <= known:
        current = deps.matches(generations, found)
    else:
        if len(_known_keys) >= MAX_KNOWN_VALUES:
            _known_keys.clear()
        _known_keys[key] = frozenset(generations)
        current, scheduled = deps.check(generations)
    if is_due(scheduled):
        # A publication or withdrawal has come: what it changes is stale from now on.
        apply_due_changes()
        current = deps.are_current(generations)
    return cached, current
