"""The public pages' cache: a page is kept with what it depends on, and served while that holds.

A cached page's key is its address (normalised to the parameters its view reads: core.caching
.parameters), its language, and the format the request asks for when its view offers several.
Beside the page are kept the generations of everything it showed (core.caching.dependencies):
an entry's change makes stale the pages that showed it, and only those, on every server that
shares the cache. core.caching.invalidation says which changes touch which keys;
`content_changed()` makes everything stale.

A page served from Redis costs one round trip: the page and the generations of what it showed
the last time this process served it come back together (a pipeline); a page stored again since
with other keys costs a second one.
"""

import functools
import hashlib
import re
import socket
import time
from collections.abc import Iterable
from typing import NamedTuple, TypeGuard, cast

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import has_vary_header, set_response_etag
from django.utils.http import http_date

from core.caching import dependencies, front, parameters, schedule, signed_in
from core.caching.invalidation import content_changed

__all__ = ["content_changed"]

# Between the directives of a Cache-Control header (as django.utils.cache splits them).
CACHE_CONTROL_DELIMITER = re.compile(r"\s*,\s*")
# Pages that must always be fresh, or that are not pages.
UNCACHED_PATH_PREFIXES = ("/admin/", "/healthz")
# While one process makes a stale page again, the others answer with the stale copy, for this
# long at most: a page that 16 visitors ask for just after an edit is made once, not 16 times
# at once, and a visitor sees a change at most this late.
RENDER_LOCK_SECONDS = 1
# This server, for the bound on the stale pages it makes at a time (start_rendering).
SERVER = socket.gethostname()


# What the cache keeps of a page: its body, its headers, the generations of what it showed.
PageEntry = tuple[bytes, list[tuple[str, str]], dict[str, int]]

# --- Pages ---------------------------------------------------------------------------------


def content_version() -> str | None:
    """A token that every change to the published content replaces, scheduled ones included.

    For what is rebuilt from the whole atlas (the data package): None when the cache cannot say.
    """
    schedule.apply_due_changes()
    found = dependencies.generations([dependencies.CHANGES])
    return str(found[dependencies.CHANGES]) if found else None


def request_is_cacheable(request: HttpRequest) -> bool:
    """An anonymous GET or HEAD of a public page, while the page cache is on."""
    return (
        settings.ATLAS_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        # Those signed in always see fresh pages; a session cookie alone proves nothing.
        and not signed_in.is_signed_in(request)
        and not request.path.startswith(UNCACHED_PATH_PREFIXES)
        and not request.path.startswith(f"/{settings.STATIC_URL.lstrip('/')}")
    )


def response_is_cacheable(response: HttpResponseBase) -> TypeGuard[HttpResponse]:
    """A complete 200 page that is the same for every anonymous visitor."""
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in CACHE_CONTROL_DELIMITER.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not cache_control & {"private", "no-store"}
    )


@functools.lru_cache(maxsize=10_000)
def _view(path: str, urlconf: str | None) -> object | None:
    """The view that answers `path`, or None: kept, as resolving costs a tenth of a cache hit.

    Keyed on the URLconf too, which a test may replace.
    """
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return getattr(match.func, "view_class", match.func)


def page_query(request: HttpRequest) -> tuple[QueryDict, str] | None:
    """The query string that makes this page, normalised, and the representation the request
    asks for (core.caching.parameters.declared_variant); None if the page is not stored."""
    view = _view(request.path_info, get_urlconf(settings.ROOT_URLCONF))
    if view is None:
        return None
    query = parameters.normalised_query(request.GET, parameters.declared_parameters(view))
    variant = parameters.declared_variant(view, request)
    if query is None or variant is None:
        return None
    return query, variant


def use_query(request: HttpRequest, query: QueryDict) -> None:
    """Make the view see `query` alone: the page then depends on nothing its key leaves out."""
    request.GET = query  # type: ignore[assignment]  # immutable, as the stubs want, but a QueryDict
    request.META["QUERY_STRING"] = query.urlencode()


def page_key(request: HttpRequest, variant: str = "") -> str:
    """The cache key of this page, in this language and this representation (`variant`).

    Call use_query() first: the address in the key is then the normalised one.
    """
    address = f"{request.LANGUAGE_CODE} {variant} {request.build_absolute_uri()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"atlas:page:{digest}"


def store(
    key: str,
    response: HttpResponse,
    *,
    depends_on: Iterable[str],
    snapshot: dependencies.Snapshot,
) -> None:
    """Keep a copy of `response` with the generations of `depends_on`, the keys it showed.

    Not if anything changed since `snapshot`, taken before the render: what the page read may
    predate a change whose generations it would be stored with.
    """
    response.headers.setdefault("Last-Modified", http_date(time.time()))
    if not response.has_header("ETag"):
        set_response_etag(response)
    generations = dependencies.generations(dependencies.bounded(depends_on))
    if generations is None or not snapshot.unchanged():
        front.mark_unshared(response)
        return
    # Browsers may keep the page but must ask first (an ETag makes that question cheap); shared
    # caches keep it until a purge names one of its keys.
    front.mark_shared(response, generations)
    caches["default"].set(
        key,
        (response.content, list(response.headers.items()), generations),
        settings.ATLAS_PAGE_CACHE_SECONDS,
    )


class Kept(NamedTuple):
    """A page found in the cache, and whether all it depends on is unchanged."""

    response: HttpResponse
    current: bool


def fetch(key: str) -> Kept | None:
    """The page cached under `key`, current or stale, or None."""
    found = schedule.read_kept(key, lambda cached: cast(PageEntry, cached)[2])
    if found is None:
        return None
    (content, headers, _generations), current = found
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return Kept(response, current)


def start_rendering(key: str) -> list[str] | None:
    """The locks under which this process makes the stale page under `key` again, or None if it
    must answer with the stale copy: another process is making that page, or this server is
    making settings.ATLAS_STALE_RENDERS stale pages already.

    Without that bound, an edit that makes several pages stale takes every worker of a server
    to make them, and visitors queue meanwhile. Each lock lasts RENDER_LOCK_SECONDS at most.
    """
    cache = caches["default"]
    page_lock = f"{key}:rendering"
    if not cache.add(page_lock, True, RENDER_LOCK_SECONDS):
        return None
    for slot in range(settings.ATLAS_STALE_RENDERS):
        server_lock = f"atlas:rendering:{SERVER}:{slot}"
        if cache.add(server_lock, True, RENDER_LOCK_SECONDS):
            return [page_lock, server_lock]
    cache.delete(page_lock)
    return None


def done_rendering(locks: list[str]) -> None:
    caches["default"].delete_many(locks)
