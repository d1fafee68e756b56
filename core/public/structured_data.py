"""schema.org descriptions of pages, embedded as JSON-LD for search engines."""

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

CONTEXT = "https://schema.org"

# Characters that could close the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: object) -> SafeString:
    """A <script type="application/ld+json"> element holding `data`, safe to embed in HTML."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def breadcrumb_list(
    crumbs: Iterable[tuple[str | Promise, str]], build_url: Callable[[str], str]
) -> dict[str, Any]:
    """A BreadcrumbList from (name, path) pairs, first to current page."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": build_url(path)}
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def web_page(
    *, url: str, name: str | Promise | None, description: str | Promise | None, language: str
) -> dict[str, Any]:
    """The page itself: what it is called, what it says it is about, the language it is in."""
    return without_empty(
        {
            "@context": CONTEXT,
            "@type": "WebPage",
            "url": url,
            "name": str(name) if name else None,
            "description": str(description) if description else None,
            "inLanguage": language,
        }
    )


def without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is empty, so that the description states only what is known."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
