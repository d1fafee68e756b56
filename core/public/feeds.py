"""RSS and Atom feeds of the latest published entries, site-wide and per tag."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.caching.dependencies import depend_on, recent_key, tagged_key
from core.models import Entry, Tag
from core.prefetch import prefetch_cards
from core.public.selectors import published_tags
from core.registry import content_models

FEED_SIZE = 30


def latest_entries(*, tag: Tag | None = None, size: int = FEED_SIZE) -> list[Entry]:
    """The most recently updated published entries of every kind, newest first."""
    entries: list[Entry] = []
    depend_on(*(recent_key(model) for model in content_models()))
    if tag is not None:
        depend_on(tagged_key(tag.pk))
    for model in content_models():
        published = model.objects.published()
        if tag is not None:
            # The plugin cannot follow taggit's manager in a lookup.
            published = published.filter(tags=tag)  # type: ignore[misc]
        entries.extend(published.order_by("-updated_at")[:size])
    latest = sorted(entries, key=lambda entry: entry.updated_at, reverse=True)[:size]
    # The tags of the entries shown only, of every kind at once.
    return prefetch_cards(latest)


class LatestEntriesFeed(Feed):
    # No query parameter makes a feed: the page cache keys it on its address alone.
    cache_parameters: dict[str, bool] = {}
    title = _("Atlas IA Santé : dernières fiches")
    description = _(
        "Acteurs, financements et formations de l'IA en santé récemment publiés ou mis à jour."
    )

    def link(self) -> str:
        return reverse("core:home")

    def items(self) -> list[Entry]:
        return latest_entries()

    def item_title(self, entry: Entry) -> str:
        return f"{entry.name} ({entry.category_label})"

    def item_description(self, entry: Entry) -> str:
        # RSS descriptions and Atom's type="html" summaries are read as HTML: escaped once more,
        # what an editor typed reaches the reader as the characters typed, never as elements.
        return escape(entry.summary)

    def item_pubdate(self, entry: Entry) -> datetime:
        return entry.created_at

    def item_updateddate(self, entry: Entry) -> datetime:
        return entry.updated_at

    def item_categories(self, entry: Entry) -> list[str]:
        return [tag.name for tag in entry.tags.all()]


class LatestEntriesAtomFeed(LatestEntriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestEntriesFeed.description


# Feed calls each of these with the tag, as they take one: their ignored overrides say so.
class TagFeed(LatestEntriesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return get_object_or_404(published_tags(), slug=slug)

    def title(self, tag: Tag) -> str:  # type: ignore[override]
        return _("Atlas IA Santé : thème « %(name)s »") % {"name": tag.name}

    def description(self, tag: Tag) -> str | Promise:  # type: ignore[override]
        return tag.description or self.title(tag)

    def link(self, tag: Tag) -> str:  # type: ignore[override]
        return tag.get_absolute_url()

    def items(self, tag: Tag) -> list[Entry]:  # type: ignore[override]
        return latest_entries(tag=tag)


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed

    def subtitle(self, tag: Tag) -> str | Promise:
        return self.description(tag)
