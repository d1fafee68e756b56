"""Shared HTTP caches in front of the app servers (Varnish with xkey, a CDN with surrogate keys).

A public page tells them how long they may keep it (`s-maxage`) and what it depends on
(`xkey` and `Surrogate-Key`: its dependency keys); browsers must still ask before reusing it
(`max-age=0`, answered cheaply with a 304). Once a change is committed, each front cache of
FRONT_CACHE_PURGE_URLS is sent one PURGE naming the keys the change made stale, with a short
timeout: a front cache that does not answer is logged, never a reason to fail the save.
"""

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponseBase
from django.utils.cache import patch_cache_control

logger = logging.getLogger("atlas.cache")

PURGE_TIMEOUT_SECONDS = 0.5
KEYS_HEADER = "xkey"
# Fastly's and Akamai's name for the same thing.
SURROGATE_KEYS_HEADER = "Surrogate-Key"


def mark_shared(response: HttpResponseBase, keys: Iterable[str]) -> None:
    """Let shared caches keep `response`, tagged with its dependency `keys`."""
    patch_cache_control(response, max_age=0, s_maxage=settings.ATLAS_PAGE_CACHE_SECONDS)
    tags = " ".join(sorted(keys))
    response[KEYS_HEADER] = tags
    response[SURROGATE_KEYS_HEADER] = tags


def mark_unshared(response: HttpResponseBase) -> None:
    """Keep `response` out of shared caches (rendered while the content changed, or a bad query)."""
    patch_cache_control(response, private=True)


def purge(keys: Iterable[str]) -> None:
    """Ask every front cache to drop the pages tagged with any of `keys`."""
    if not keys or not settings.FRONT_CACHE_PURGE_URLS:
        return
    tags = " ".join(sorted(keys))
    for url in settings.FRONT_CACHE_PURGE_URLS:
        request = urllib.request.Request(url, method="PURGE", headers={"xkey-purge": tags})
        try:
            with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):
                pass
        except (OSError, urllib.error.URLError) as error:
            logger.warning("Purge of %s failed, its pages expire on their own: %r", url, error)
