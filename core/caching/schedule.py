"""Scheduled publications and withdrawals, which change the public pages with no write at all.

An entry's `publish_at` comes and `published()` starts to show it. The cache keeps the moment
of the next such change; the first page read after it makes stale what the entries due since
the last check change, as if they had been saved, and looks up the next moment. An edit that
touches a status or a date makes the moment due at once (core.caching.invalidation).
"""

import time
from collections.abc import Iterator
from datetime import UTC, datetime

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
