"""The sitemap: every public page in both languages, with when it last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from core.models import Tag
from core.selectors import content_models


class AtlasSitemap(Sitemap):
    """Each page in French and English, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000


def latest_update():
    """When any published entry last changed: the home page and lists change with it."""
    dates = [
        model.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        for model in content_models()
    ]
    return max((date for date in dates if date), default=None)


class PageSitemap(AtlasSitemap):
    """The home page, the three lists and the tag index, which change with any entry."""

    def items(self):
        latest = latest_update()
        routes = [
            "core:home",
            *(model.list_url_name for model in content_models()),
            "core:tag-list",
        ]
        return [(route, latest) for route in routes]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return latest_update()


class EntrySitemap(AtlasSitemap):
    """The published entries of one content model."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, entry):
        return entry.updated_at

    def get_latest_lastmod(self):
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TagSitemap(AtlasSitemap):
    """Tags carried by published entries; a tag page changes when one of its entries does."""

    def items(self):
        # Coalesce: GREATEST ignores NULLs on PostgreSQL but not on SQLite.
        never = timezone.make_aware(timezone.datetime(2000, 1, 1))
        latest_per_kind = [
            Coalesce(
                Subquery(
                    model.objects.published()
                    .filter(tags=OuterRef("pk"))
                    .order_by("-updated_at")
                    .values("updated_at")[:1]
                ),
                never,
            )
            for model in content_models()
        ]
        return (
            Tag.objects.annotate(updated_at=Greatest(*latest_per_kind))
            .filter(updated_at__gt=never)
            .order_by("name")
        )

    def lastmod(self, tag):
        return tag.updated_at

    def get_latest_lastmod(self):
        return latest_update()


def sitemaps():
    """The sections of /sitemap.xml, keyed by the name used in their URLs."""
    return {
        "pages": PageSitemap(),
        **{model._meta.model_name: EntrySitemap(model) for model in content_models()},
        "tags": TagSitemap(),
    }
