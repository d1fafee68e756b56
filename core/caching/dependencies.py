"""What a cached page or count depends on, and whether it is still current.

A *dependency key* names something a page shows: one entry (`entry:ecosystem.Actor:12`), one
tag (`tag:4`), a collection (`list:ecosystem.Actor`: which actors are public and their facets;
`counted:ecosystem.Actor`: the same, less what only the cards show, for counts and facets;
`recent:ecosystem.Actor`: the latest updated; `tagged:4`: what carries tag 4, by name;
`members:4`: which entries carry tag 4, their names aside; `tags`: the tags and their counts;
`search`: what search finds), or `everything`. Each key has a *generation* in the shared cache,
a random token that a change replaces (core.caching.invalidation). A page is stored with the
generations of its keys and served only while they are all unchanged: an edit makes stale
exactly the pages that showed what it changed, on every server at once.

Random tokens, not counters: a generation evicted from the cache comes back as a new token,
which no stored page holds, so eviction can cost a miss, never a stale page.

What a page depends on is collected while it renders: every entry or tag instance made counts
(post_init), and views and selectors add the collections they read (`depend_on()`).
"""

import secrets
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Model

from core.caching import front

# The cache alias of the generations: one that every process of every server shares.
GENERATIONS = "generations"
EVERYTHING = "everything"
TAGS = "tags"
SEARCH = "search"
# Replaced by every change: a page rendered while it changed is not stored (see `Snapshot`).
CHANGES = "changes"
# (last moment checked, next scheduled publication or withdrawal): core.caching.schedule.
SCHEDULE = "atlas:schedule"
# Past this many entries of one kind, a page depends on the kind's latest changes instead.
MAX_ENTRY_KEYS = 200
_PREFIX = "atlas:generation:"
_collectors: ContextVar[tuple[set[str], ...]] = ContextVar(
    "atlas_dependency_collectors", default=()
)


def entry_key(model: type[Model], pk: object) -> str:
    return f"entry:{model._meta.label}:{pk}"


def list_key(model: type[Model]) -> str:
    return f"list:{model._meta.label}"


def counted_key(model: type[Model]) -> str:
    return f"counted:{model._meta.label}"


def recent_key(model: type[Model]) -> str:
    return f"recent:{model._meta.label}"


def tag_key(pk: object) -> str:
    return f"tag:{pk}"


def tagged_key(pk: object) -> str:
    return f"tagged:{pk}"


def members_key(pk: object) -> str:
    return f"members:{pk}"


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Collect, into the set yielded, every key depended on inside the block (nested too)."""
    keys: set[str] = set()
    token = _collectors.set((*_collectors.get(), keys))
    try:
        yield keys
    finally:
        _collectors.reset(token)


@contextmanager
def isolated() -> Iterator[None]:
    """Collect nothing inside the block into the pages being rendered around it."""
    token = _collectors.set(())
    try:
        yield
    finally:
        _collectors.reset(token)


def depend_on(*keys: str) -> None:
    """Record that what is being rendered or computed depends on `keys`."""
    for collected in _collectors.get():
        collected.update(keys)


def is_collecting() -> bool:
    return bool(_collectors.get())


def bounded(keys: Iterable[str]) -> set[str]:
    """`keys`, less those that others already cover.

    The entries of a kind shown by the hundreds are replaced by its latest changes: a sitemap
    shows every entry, its page depends on any change to its kinds, which `recent:<kind>`
    follows, rather than on tens of thousands of keys.
    """
    keys = set(keys)
    if TAGS in keys:
        # A tag's change always replaces `tags` too (core.caching.invalidation.record_keys): the
        # page that shows every tag's count needs no key per tag.
        keys = {key for key in keys if not key.startswith("tag:")}
    by_kind: dict[str, list[str]] = {}
    for key in keys:
        if key.startswith("entry:"):
            by_kind.setdefault(key.split(":")[1], []).append(key)
    kept = set(keys)
    for label, entries in by_kind.items():
        if len(entries) > MAX_ENTRY_KEYS:
            kept.difference_update(entries)
            kept.update({f"recent:{label}", f"list:{label}"})
    return kept


def generations(keys: Iterable[str]) -> dict[str, int] | None:
    """{key: generation} for `keys` and `everything`, created for those the cache lacks.

    None if the cache could not give them all.
    """
    store = caches[GENERATIONS]
    names = {_PREFIX + key: key for key in {*keys, EVERYTHING}}
    found = store.get_many(list(names))
    missing = [name for name in names if name not in found]
    if missing:
        # add() keeps a token another process set in between; read back what won.
        for name in missing:
            store.add(name, _new_token(), timeout=None)
        found.update(store.get_many(missing))
    if len(found) < len(names):
        # The cache cannot keep them (full, down): nothing built on them may be stored.
        return None
    return {names[name]: token for name, token in found.items()}


def current_generations(keys: Iterable[str]) -> dict[str, int]:
    """{key: generation} for those of `keys` the cache holds, in one round trip."""
    names = [_PREFIX + key for key in keys]
    if not names:
        return {}
    found = caches[GENERATIONS].get_many(names)
    return {name.removeprefix(_PREFIX): token for name, token in found.items()}


def are_current(stored: dict[str, int]) -> bool:
    """Whether every generation in `stored` ({key: generation}) is still the current one.

    A cache that answers nothing (Redis down) makes nothing current: a miss.
    """
    return check(stored)[0]


def check(stored: dict[str, int]) -> tuple[bool, Any]:
    """(whether `stored` is current, the schedule): both in one round trip to the cache."""
    if not stored:
        return False, None
    names = {_PREFIX + key: key for key in stored}
    found = caches[GENERATIONS].get_many([*names, SCHEDULE])
    return matches(
        stored, {names[name]: token for name, token in found.items() if name in names}
    ), found.get(SCHEDULE)


def matches(stored: dict[str, int], found: dict[str, object]) -> bool:
    """Whether the generations `found` ({key: generation}) are those `stored`, all of them."""
    return bool(stored) and stored.items() <= found.items()


def get_with_generations(
    alias: str, key: str, keys: Collection[str]
) -> tuple[Any, dict[str, object], Any]:
    """(caches[alias].get(key), the generations of `keys` (None where the cache has none), the
    schedule).

    In one round trip when that cache and the generations are the same Redis; otherwise the
    generations are read, in a second, only if the value was found.
    """
    keys = list(keys)
    wanted = [*(_PREFIX + name for name in keys), SCHEDULE]
    cache = caches[alias]
    if hasattr(cache, "get_with_many") and settings.CACHES[alias] == settings.CACHES[GENERATIONS]:
        value, values = cache.get_with_many(key, wanted)
    else:
        value = cache.get(key)
        found = caches[GENERATIONS].get_many(wanted) if value is not None and keys else {}
        values = [found.get(name) for name in wanted]
    *tokens, scheduled = values
    return value, dict(zip(keys, tokens, strict=True)), scheduled


class Snapshot:
    """The moment a render starts, to tell afterwards whether anything changed meanwhile.

    Generations are read after the render, once its keys are known; a change committed during
    the render, after the rows were read, would otherwise pass for seen. Every change also
    replaces CHANGES: if it moved during the render, the result is served but not stored.
    """

    def __init__(self) -> None:
        self.token = (generations([CHANGES]) or {}).get(CHANGES)

    def unchanged(self) -> bool:
        return self.token is not None and caches[GENERATIONS].get(_PREFIX + CHANGES) == self.token


def _new_token() -> int:
    """A new generation: a random number, which Redis keeps as its digits and gives back faster
    than a pickle (a page served from the cache reads one for each of its keys)."""
    return secrets.randbits(63)


def _replace(keys: Iterable[str]) -> None:
    caches[GENERATIONS].set_many(
        {_PREFIX + key: _new_token() for key in {*keys, CHANGES}}, timeout=None
    )


def invalidate(keys: Iterable[str], *, using: str | None = None) -> None:
    """Make stale whatever depends on `keys`: now, and again once the change is committed.

    Now, for what reads the database later in the same transaction. After the commit, because
    a page may have been rendered from the old rows in between and stored.
    """
    stale = set(keys)
    if not stale:
        return
    _replace(stale)
    transaction.on_commit(lambda: _replace_and_purge(stale), using=using)


def _replace_and_purge(keys: set[str]) -> None:
    _replace(keys)
    # After the commit only: purged earlier, a front cache could fetch the old rows again.
    front.purge(keys)
