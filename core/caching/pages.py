"""The public pages' cache, and the content version that keeps it correct.

A cached page's key holds the current *content version*: a random token kept in the
"content_version" cache, which every app server shares (Redis in production). Any change to the
content replaces the token, so every page cached before the change is never read again — on
every server at once — and simply expires. No page has to know which entries it shows.

The token is replaced by signal receivers rather than in model methods because admin inlines,
`loaddata` (raw saves) and many-to-many edits (members, operators, providers, tags) never call
`Model.save()`; receivers see them all. Bulk writes (`QuerySet.update()`, `bulk_create()`) send
no signal: code that uses them calls `content_changed()` itself.

Scheduled publication changes the public pages with no write at all: an entry's `publish_at`
comes and `published()` starts to show it. The version is therefore also replaced when the
next scheduled publication or withdrawal comes, which the version cache keeps next to the token
(computed once per version).
"""

import hashlib
import secrets
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    has_vary_header,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

from core.models import PublicationStatus
from core.registry import content_models

VERSION_KEY = "atlas:content-version"
# (content version, Unix time of the next scheduled publication or withdrawal, or None).
SCHEDULE_KEY = "atlas:next-scheduled-change"
# Pages that must always be fresh, or that are not pages.
UNCACHED_PATH_PREFIXES = ("/admin/", "/healthz")
# Derived data, rewritten in bulk by the search index (whose deletes would otherwise each send a
# signal): it changes only along with an entry or a tag, which already changes the version.
# A working copy is not public: proposing one changes no page.
UNWATCHED_MODELS = {"core.SearchDocument", "core.PendingChange"}


# --- Content version -----------------------------------------------------------------


def content_version():
    """The current content version, created on first use or after the cache lost it.

    A scheduled publication or withdrawal changes the public pages with no write to the
    database: once the next one has come, the version is replaced as if the entry were saved.
    """
    store = caches["content_version"]
    # Twice at most: a replaced version is checked against a schedule computed after now.
    for _ in range(2):
        values = store.get_many([VERSION_KEY, SCHEDULE_KEY])
        version = values.get(VERSION_KEY)
        if version is None:
            # add() keeps the token of a process that got there first.
            store.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
            version = store.get(VERSION_KEY)
        schedule = values.get(SCHEDULE_KEY)
        if schedule is None or schedule[0] != version:
            # Tied to the version read before the query: a change committed meanwhile replaces
            # the version, and so makes this schedule be computed again.
            schedule = (version, next_scheduled_change())
            store.set(SCHEDULE_KEY, schedule, timeout=None)
        if schedule[1] is None or schedule[1] > time.time():
            return version
        _replace_version()
    return version


def next_scheduled_change():
    """When the next publication or withdrawal scheduled on a published entry comes, or None.

    A Unix time. One query per content model, made once per content version.
    """
    now = timezone.now()
    published = Q(status=PublicationStatus.PUBLISHED)
    moments = []
    for model in content_models():
        moments += model.objects.aggregate(
            publish=Min("publish_at", filter=published & Q(publish_at__gt=now)),
            withdraw=Min("unpublish_at", filter=published & Q(unpublish_at__gt=now)),
        ).values()
    return min((moment.timestamp() for moment in moments if moment), default=None)


def _replace_version():
    # A fresh token, not an increment: two servers changing it at once still end on a value
    # that no page was cached under.
    caches["content_version"].set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def content_changed(*, using=None):
    """Make every cached page stale: now, and again once the change is committed.

    Now, for what reads the database later in the same transaction. After the commit, because
    another request may have rendered a page from the old rows in between and cached it under
    the version of the moment.
    """
    _replace_version()
    transaction.on_commit(_replace_version, using=using)


def _on_save_or_delete(sender, using, **kwargs):
    content_changed(using=using)


def _on_m2m_changed(sender, action, using, **kwargs):
    if action.startswith("post_"):
        content_changed(using=using)


def watched_models():
    """Every model of the project's own apps and of taggit, many-to-many tables included.

    A model may say it never shows on a public page with `changes_public_pages = False`
    (visitors' proposals, alert subscriptions): a flood of them must not empty the page cache.
    """
    labels = [*settings.LOCAL_APPS, "taggit"]
    return [
        model
        for label in labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.label not in UNWATCHED_MODELS
        and getattr(model, "changes_public_pages", True)
    ]


def connect_signals():
    """Replace the content version on any write to the content (called by CoreConfig.ready)."""
    # One receiver per model, not one for every sender: a receiver for all senders would make
    # Django delete every model's rows one by one (sessions, search documents) to signal each.
    for model in watched_models():
        uid = f"atlas-content-version-{model._meta.label}"
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=uid)
        m2m_changed.connect(_on_m2m_changed, sender=model, dispatch_uid=uid)


# --- Pages ---------------------------------------------------------------------------------


def request_is_cacheable(request):
    """An anonymous GET or HEAD of a public page, while the page cache is on."""
    return (
        settings.ATLAS_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        # A session cookie means a logged-in user, or one who may be: they always see fresh pages.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PATH_PREFIXES)
        and not request.path.startswith(f"/{settings.STATIC_URL.lstrip('/')}")
    )


def response_is_cacheable(response):
    """A complete 200 page that is the same for every anonymous visitor."""
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not cache_control & {"private", "no-store"}
    )


def page_key(request):
    """The cache key of this page, in this language, at the current content version."""
    address = f"{request.LANGUAGE_CODE} {request.build_absolute_uri()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"atlas:page:{content_version()}:{digest}"


def store(key, response):
    """Keep a copy of `response`, with the validators a conditional GET compares."""
    response.headers.setdefault("Last-Modified", http_date(time.time()))
    if not response.has_header("ETag"):
        set_response_etag(response)
    # Browsers may keep the page but must ask first: an ETag makes that question cheap.
    patch_cache_control(response, no_cache=True)
    caches["default"].set(
        key,
        (response.content, list(response.headers.items())),
        settings.ATLAS_PAGE_CACHE_SECONDS,
    )


def fetch(key):
    """The response cached under `key`, or None."""
    cached = caches["default"].get(key)
    if cached is None:
        return None
    content, headers = cached
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response
