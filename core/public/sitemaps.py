"""The sitemap: every public page in both languages, with when it last changed."""

from collections.abc import Sequence

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse

from core.caching.dependencies import TAGS, depend_on, list_key, recent_key
from core.caching.remembered import remembered
from core.models import Tag
from core.registry import content_models


class AtlasSitemap(Sitemap):
    """Each page in French and English, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000


def latest_update():
    """When any published entry last changed: the home page and lists change with it."""
    return remembered("latest-update", _latest_update, depends_on=_every_kind())


def _every_kind():
    """Which entries are public and when each last changed, of every kind."""
    return [key for model in content_models() for key in (list_key(model), recent_key(model))]


def _latest_update():
    latest = [
        model.objects.published().order_by().values_list(Max("updated_at"))
        for model in content_models()
    ]
    dates = [date for (date,) in latest[0].union(*latest[1:], all=True) if date]
    return max(dates, default=None)


class PageSitemap(AtlasSitemap):
    """The home page, the three lists and the tag index, which change with any entry."""

    def items(self):
        # Their date is read only when a page of the sitemap lists them: the index needs
        # only how many there are.
        return [
            "core:home",
            *(model.list_url_name for model in content_models()),
            "core:tag-list",
        ]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return latest_update()

    def get_latest_lastmod(self):
        return latest_update()


class EntriesInLanguages(Sequence):
    """The (entry, language) pairs a sitemap lists, counted and sliced by the database.

    Django's sitemaps build every pair in memory to paginate them: 100 000 pairs for the
    index alone, which only needs how many there are.
    """

    def __init__(self, entries, languages):
        self.entries = entries
        self.languages = list(languages)

    def __len__(self):
        return self.entries.count() * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        per_entry = len(self.languages)
        first = start // per_entry
        last = None if stop is None else -(-stop // per_entry)
        pairs = [(entry, code) for entry in self.entries[first:last] for code in self.languages]
        skipped = start - first * per_entry
        return pairs[skipped : None if stop is None else skipped + stop - start]


class EntrySitemap(AtlasSitemap):
    """The published entries of one content model."""

    def __init__(self, model):
        self.model = model

    @property
    def paginator(self):
        return Paginator(EntriesInLanguages(self.items(), self._languages()), self.limit)

    def items(self):
        depend_on(list_key(self.model), recent_key(self.model))
        return self.model.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, entry):
        return entry.updated_at

    def get_latest_lastmod(self):
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TagSitemap(AtlasSitemap):
    """Tags carried by published entries; a tag page changes when one of its entries does."""

    def items(self):
        return remembered("sitemap-tags", self._dated_tags, depends_on=[TAGS, *_every_kind()])

    def _dated_tags(self):
        latest = {}
        for tag_id, updated_at in latest_update_per_tag():
            latest[tag_id] = max(updated_at, latest.get(tag_id, updated_at))
        tags = list(Tag.objects.filter(pk__in=latest).order_by("name"))
        for tag in tags:
            tag.updated_at = latest[tag.pk]
        return tags

    def lastmod(self, tag):
        return tag.updated_at

    def get_latest_lastmod(self):
        return latest_update()


def latest_update_per_tag():
    """(tag id, when a published entry of some kind carrying it last changed), in one query.

    Grouped over each kind's entries rather than looked up tag by tag: a subquery per tag and
    kind takes minutes at 100 000 entries. Still a pass over every tagged entry (a second or
    so), which TagSitemap keeps until the content changes.
    """
    latest = [
        model.objects.published()
        .filter(tags__isnull=False)
        .order_by()
        .values("tags")
        .annotate(latest=Max("updated_at"))
        .values_list("tags", "latest")
        for model in content_models()
    ]
    return latest[0].union(*latest[1:], all=True)


def sitemaps():
    """The sections of /sitemap.xml, keyed by the name used in their URLs."""
    return {
        "pages": PageSitemap(),
        **{model._meta.model_name: EntrySitemap(model) for model in content_models()},
        "tags": TagSitemap(),
    }
