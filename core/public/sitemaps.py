"""The sitemap: every public page in each language it is written in, with when it last changed.

An entry or a tag is listed in English, with hreflang alternates, only once its English is
written (its summary, a tag's name): until then its English page shows the French, and the
sitemap lists only the French page, with no alternate claiming a translation.
"""

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse

from core.caching.dependencies import TAGS, depend_on, list_key, recent_key
from core.caching.remembered import remembered
from core.models import Entry, Tag
from core.registry import content_models


class AtlasSitemap(Sitemap):
    """Each page in French and, where it is translated, in English, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000

    def is_translated(self, item: Any) -> bool:
        """Whether `item`'s page has its own English (the interface's pages always have)."""
        return True

    def get_languages_for_item(self, item: Any) -> list[str]:
        # Sitemap's own list of languages, which the stubs do not declare.
        return self._languages() if self.is_translated(item) else [settings.LANGUAGE_CODE]  # type: ignore[attr-defined]

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        # Sitemap's own, which the stubs do not declare.
        urls = super()._urls(page, protocol, domain)  # type: ignore[misc]
        for url in urls:
            # A page in one language only has no alternate to declare.
            if len(self.get_languages_for_item(url["item"][0])) < 2:
                url["alternates"] = []
        return urls


def latest_update() -> datetime | None:
    """When any published entry last changed: the home page and lists change with it."""
    return remembered("latest-update", _latest_update, depends_on=_every_kind())


def _every_kind() -> list[str]:
    """Which entries are public and when each last changed, of every kind."""
    return [key for model in content_models() for key in (list_key(model), recent_key(model))]


def _latest_update() -> datetime | None:
    latest = [
        model.objects.published().order_by().values_list(Max("updated_at"))
        for model in content_models()
    ]
    dates = [date for (date,) in latest[0].union(*latest[1:], all=True) if date]
    return max(dates, default=None)


class PageSitemap(AtlasSitemap):
    """The home page, the three lists and the tag index, which change with any entry."""

    def items(self) -> list[str]:
        # Their date is read only when a page of the sitemap lists them: the index needs
        # only how many there are.
        return [
            "core:home",
            *(model.list_url_name for model in content_models()),
            "core:tag-list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str) -> datetime | None:
        return latest_update()

    def get_latest_lastmod(self) -> datetime | None:
        return latest_update()


class EntriesInLanguages(Sequence):
    """The (entry, language) pairs a sitemap lists, counted and sliced by the database.

    Every entry in French, then those `translated` selects in each other language. Django's
    sitemaps build every pair in memory to paginate them: 100 000 pairs for the index alone,
    which only needs how many there are (one query for every language).
    """

    def __init__(self, entries: QuerySet[Entry], translated: Q) -> None:
        others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        self.entries, self.translated = entries, translated
        self.parts = [(entries, settings.LANGUAGE_CODE)]
        self.parts += [(entries.filter(translated), code) for code in others]

    @functools.cached_property
    def sizes(self) -> list[int]:
        counts = self.entries.aggregate(
            every=Count("pk"), translated=Count("pk", filter=self.translated)
        )
        return [counts["every"], *(counts["translated"] for _part in self.parts[1:])]

    def __len__(self) -> int:
        return sum(self.sizes)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        pairs, offset = [], 0
        for (entries, code), size in zip(self.parts, self.sizes, strict=True):
            low, high = max(start - offset, 0), None if stop is None else min(stop - offset, size)
            if high is None or low < high:
                pairs += [(entry, code) for entry in entries[low:high]]
            offset += size
            if stop is not None and offset >= stop:
                break
        return pairs


class EntrySitemap(AtlasSitemap):
    """The published entries of one content model."""

    def __init__(self, model: type[Entry]) -> None:
        self.model = model

    @property
    def paginator(self) -> Paginator:
        return Paginator(EntriesInLanguages(self.items(), TRANSLATED), self.limit)

    def items(self) -> QuerySet[Entry]:
        depend_on(list_key(self.model), recent_key(self.model))
        # summary_en: django-modeltranslation's column, added at runtime (hence the ignores).
        return (
            self.model.objects.published().order_by("pk").only("slug", "updated_at", "summary_en")  # type: ignore[misc]
        )

    def is_translated(self, entry: Entry) -> bool:
        return entry.summary_en is not None  # type: ignore[attr-defined]

    def lastmod(self, entry: Entry) -> datetime:
        return entry.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TagSitemap(AtlasSitemap):
    """Tags carried by published entries; a tag page changes when one of its entries does."""

    def items(self) -> list[Tag]:
        return remembered("sitemap-tags", self._dated_tags, depends_on=[TAGS, *_every_kind()])

    def _dated_tags(self) -> list[Tag]:
        latest: dict[int, datetime] = {}
        for tag_id, updated_at in latest_update_per_tag():
            latest[tag_id] = max(updated_at, latest.get(tag_id, updated_at))
        tags = list(Tag.objects.filter(pk__in=latest).order_by("name"))
        for tag in tags:
            tag.updated_at = latest[tag.pk]
        return tags

    def lastmod(self, tag: Tag) -> datetime:
        return tag.updated_at

    def is_translated(self, tag: Tag) -> bool:
        return tag.name_en is not None

    def get_latest_lastmod(self) -> datetime | None:
        return latest_update()


# An entry whose summary has its English: NULL until written (core/details.py).
TRANSLATED = Q(summary_en__isnull=False)


def latest_update_per_tag() -> QuerySet[Any, tuple[int, datetime]]:
    """(tag id, when a published entry of some kind carrying it last changed), in one query.

    Grouped over each kind's entries rather than looked up tag by tag: a subquery per tag and
    kind takes minutes at 100 000 entries. Still a pass over every tagged entry (a second or
    so), which TagSitemap keeps until the content changes.
    """
    # The plugin cannot follow taggit's manager in a lookup (`tags__isnull`).
    latest = [
        model.objects.published()
        .filter(tags__isnull=False)  # type: ignore[misc]
        .order_by()
        .values("tags")
        .annotate(latest=Max("updated_at"))
        .values_list("tags", "latest")
        for model in content_models()
    ]
    return latest[0].union(*latest[1:], all=True)


def sitemaps() -> dict[str, AtlasSitemap]:
    """The sections of /sitemap.xml, keyed by the name used in their URLs."""
    return {
        "pages": PageSitemap(),
        # A model's name, which the stubs allow to be None, never is.
        **{model._meta.model_name: EntrySitemap(model) for model in content_models()},  # type: ignore[misc]
        "tags": TagSitemap(),
    }
