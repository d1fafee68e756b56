"""Read-only queries over every kind of entry, reached through settings.ATLAS_CONTENT_MODELS."""

import difflib
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.urls import reverse

from core.models import Tag

# What every card shows: its tags and its first key figure.
CARD_PREFETCH = ("tags", "key_figures")


def content_models():
    """The published content models, in the order the site presents them."""
    return [apps.get_model(label) for label in settings.ATLAS_CONTENT_MODELS]


@dataclass(frozen=True)
class Section:
    """One kind of entry as a page shows it: its model, its entries, how many there are."""

    model: type
    entries: list
    count: int

    @property
    def verbose_name_plural(self):
        return self.model._meta.verbose_name_plural

    @property
    def count_label(self):
        """The kind's name agreeing with its count: « 1 acteur », « 18 acteurs »."""
        meta = self.model._meta
        return meta.verbose_name if self.count == 1 else meta.verbose_name_plural

    @property
    def list_url(self):
        return reverse(self.model.list_url_name)


def home_sections(*, latest=3):
    """Each kind with its published count and its most recently updated entries."""
    sections = []
    for model in content_models():
        published = model.objects.published()
        entries = list(published.order_by("-updated_at").prefetch_related(*CARD_PREFETCH)[:latest])
        sections.append(Section(model=model, entries=entries, count=published.count()))
    return sections


def tag_sections(*, tag):
    """Each kind with its published entries that carry `tag`."""
    sections = []
    for model in content_models():
        entries = list(model.objects.published().filter(tags=tag).prefetch_related(*CARD_PREFETCH))
        sections.append(Section(model=model, entries=entries, count=len(entries)))
    return sections


def tags_with_counts():
    """Tags carried by at least one published entry, each with that number, in one query."""
    published = Q()
    for model in content_models():
        published |= Q(
            tagged_entries__content_type=ContentType.objects.get_for_model(model),
            tagged_entries__object_id__in=model.objects.published().values("pk"),
        )
    return Tag.objects.annotate(entry_count=Count("tagged_entries", filter=published)).filter(
        entry_count__gt=0
    )


def published_prefetch(model, relation, *select_related):
    """Prefetch `relation` of `model`, keeping only the published entries at its other end.

    Works through the relation's own model, so an app can follow the reverse relations that
    other apps attach to it (an actor's awards) without importing those apps.
    """
    related_model = model._meta.get_field(relation).related_model
    queryset = related_model.objects.published().select_related(*select_related)
    return Prefetch(relation, queryset=queryset)


def related_tags(*, tag, limit=12):
    """Tags that published entries carry together with `tag`, most frequent first."""
    with_tag = Q()
    for model in content_models():
        with_tag |= Q(
            tagged_entries__content_type=ContentType.objects.get_for_model(model),
            tagged_entries__object_id__in=model.objects.published().filter(tags=tag).values("pk"),
        )
    return (
        Tag.objects.exclude(pk=tag.pk)
        .annotate(shared=Count("tagged_entries", filter=with_tag))
        .filter(shared__gt=0)
        .order_by("-shared", "name")[:limit]
    )


def see_also(*, entry, limit=6):
    """Published entries of every kind sharing the most tags with `entry`, then by name."""
    tag_ids = [tag.pk for tag in entry.tags.all()]
    if not tag_ids:
        return []
    candidates = []
    for model in content_models():
        others = model.objects.published().filter(tags__in=tag_ids)
        if isinstance(entry, model):
            others = others.exclude(pk=entry.pk)
        candidates.extend(others.annotate(shared=Count("tags")).order_by("-shared", "name")[:limit])
    return sorted(candidates, key=lambda other: (-other.shared, other.name))[:limit]


def similar_tags(slug, *, limit=5):
    """Existing tags whose address looks like `slug`, for a page that found no tag."""
    slugs = list(Tag.objects.values_list("slug", flat=True))
    close = difflib.get_close_matches(slug, slugs, n=limit, cutoff=0.5)
    return sorted(Tag.objects.filter(slug__in=close), key=lambda tag: close.index(tag.slug))
