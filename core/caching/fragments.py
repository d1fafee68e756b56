"""Fragments that many pages repeat (an entry's card), kept until what each one shows changes.

After an edit, the pages that showed the entry are rendered again, but on each of them only the
changed entry's card is: the others come from the cache, all of them in two round trips. A
fragment is kept with the generations of its keys (core.caching.dependencies), as a page is,
and only while a page is being rendered for the page cache: that page's Snapshot, taken before
it read the database, tells whether a change came in between (then nothing is stored).
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import caches
from django.db import connection
from django.utils.translation import get_language

from core.caching import dependencies as deps

T = TypeVar("T")
FRAGMENT_CACHE_SECONDS = 60 * 60
_page_snapshot: ContextVar[deps.Snapshot | None] = ContextVar("atlas_page_snapshot", default=None)


@contextmanager
def rendering_since(snapshot: deps.Snapshot) -> Iterator[None]:
    """Let the fragments of the page rendered inside the block be kept, as of `snapshot`."""
    token = _page_snapshot.set(snapshot)
    try:
        yield
    finally:
        _page_snapshot.reset(token)


def kept_fragments(
    items: Sequence[T],
    *,
    name: Callable[[T], str],
    depends_on: Callable[[T], Iterable[str]],
    render: Callable[[T], str],
    prepare: Callable[[list[T]], object],
) -> list[str]:
    """`render(item)` for each item, from the cache where what it depends on is unchanged.

    `name(item)` tells fragments apart (a kind and a primary key); the language is added.
    `prepare(items)` is called once with the items to render, before them: to fetch what they
    show in a few queries rather than for the cards that come from the cache.
    """
    snapshot = _page_snapshot.get()
    if snapshot is None or connection.in_atomic_block or not items:
        prepare(list(items))
        return [render(item) for item in items]
    store = caches["default"]
    keys = [f"atlas:fragment:{get_language()}:{name(item)}" for item in items]
    found = store.get_many(keys)
    current = deps.current_generations({key for _html, kept in found.values() for key in kept})
    fragments = {
        key: html
        for key, (html, kept) in found.items()
        if all(current.get(dependency) == token for dependency, token in kept.items())
    }
    to_render = {key: item for key, item in zip(keys, items, strict=True) if key not in fragments}
    prepare(list(to_render.values()))
    missed = {}
    for key, item in to_render.items():
        fragments[key] = render(item)
        missed[key] = (fragments[key], {*depends_on(item), deps.EVERYTHING})
    if missed:
        generations = deps.generations(set().union(*(shown for _html, shown in missed.values())))
        if generations is not None and snapshot.unchanged():
            store.set_many(
                {
                    key: (html, {dependency: generations[dependency] for dependency in shown})
                    for key, (html, shown) in missed.items()
                },
                FRAGMENT_CACHE_SECONDS,
            )
    return [fragments[key] for key in keys]
