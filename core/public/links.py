"""Addresses of detail pages, worked out once per slug and language rather than on every link.

A list or the tag index links to hundreds of entries and tags; reverse() costs tens of
microseconds each. An address depends only on the URL name, the slug, the language (translated
paths), the script prefix and the URL configuration: with those as the key, it can be kept.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

SLUG_PLACEHOLDER = "slug-placeholder"


def detail_url(url_name: str, slug: str) -> str:
    """`reverse(url_name, kwargs={"slug": slug})`, kept for the process's life."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(url_name, slug, get_language(), get_script_prefix(), urlconf)


def detail_route(url_name: str) -> tuple[str, str]:
    """What comes before and after the slug in `url_name`'s addresses, for links to many slugs.

    `before + slug + after` is `detail_url(url_name, slug)`: a slug holds only letters, digits,
    hyphens and underscores, which a path does not escape.
    """
    before, after = detail_url(url_name, SLUG_PLACEHOLDER).split(SLUG_PLACEHOLDER)
    return before, after


@lru_cache(maxsize=20_000)
def _reverse(url_name: str, slug: str, language: str, script_prefix: str, urlconf: str) -> str:
    return reverse(url_name, kwargs={"slug": slug}, urlconf=urlconf)
