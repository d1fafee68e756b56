"""Read-only queries over every kind of entry, reached through settings.ATLAS_CONTENT_MODELS."""

import difflib
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import npgettext

from core.cache import content_version
from core.models import KeyFigure, Source, Tag, TaggedEntry

# Counts over every published entry (facets, tags, home figures) take tens of milliseconds at
# 100 000 entries and change only with the content: they are kept until it changes.
DATA_CACHE_SECONDS = 60 * 60
_MISSING = object()


def remembered(key, compute):
    """`compute()`, kept in the cache under `key` until the content changes (core/cache.py).

    Not inside a transaction: what it reads there may yet be rolled back (tests run in one).
    """
    if connection.in_atomic_block:
        return compute()
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"atlas:data:{content_version()}:{digest}"
    value = caches["default"].get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        caches["default"].set(cache_key, value, DATA_CACHE_SECONDS)
    return value


def content_models():
    """The published content models, in the order the site presents them."""
    return [apps.get_model(label) for label in settings.ATLAS_CONTENT_MODELS]


@dataclass(frozen=True)
class Section:
    """One kind of entry as a page shows it: its model, its entries, how many there are."""

    model: type
    entries: list
    count: int
    # On a tag page: the tag, whose list of entries of this kind `more_url` gives.
    tag: Tag | None = None

    @property
    def verbose_name_plural(self):
        return self.model._meta.verbose_name_plural

    @property
    def count_label(self):
        """The kind's name agreeing with its count: « 0 acteur », « 18 acteurs », « 0 actors »."""
        meta = self.model._meta
        # gettext picks a plural entry's form by the language's own rule (French: 0 and 1 take
        # the singular; English: 1 only); this entry's forms name themselves in every catalogue.
        form = npgettext("grammatical number", "singular", "plural", self.count)
        return meta.verbose_name if form == "singular" else meta.verbose_name_plural

    @property
    def list_url(self):
        return reverse(self.model.list_url_name)

    @property
    def more_url(self):
        """All the entries of this section, when it shows only the first ones."""
        if self.tag is None or self.count <= len(self.entries):
            return ""
        return f"{self.list_url}?{urlencode({'tag': self.tag.slug})}"


def prefetch_cards(entries):
    """Fetch what the cards of `entries`, of any kinds, show: two queries for them all.

    Prefetching each kind's tags and key figures apart would take two queries per kind, and
    prefetch_related() builds a queryset for each entry, which costs more than the queries.
    """
    return _prefetch_generic(entries, [("tags", Tag), ("key_figures", KeyFigure)])


def prefetch_tags(entries):
    """Fetch the tags of `entries`, of any kinds, in one query."""
    return _prefetch_generic(entries, [("tags", Tag)])


def _prefetch_generic(entries, relations):
    """Fill each entry's generic `relations` ((name, model) pairs), one query for each."""
    entries = list(entries)
    if not entries:
        return entries
    types = ContentType.objects.get_for_models(*{type(entry) for entry in entries})
    by_type = defaultdict(list)
    for entry in entries:
        by_type[types[type(entry)].pk].append(entry.pk)
    whose = Q()
    for content_type_id, ids in by_type.items():
        whose |= Q(content_type_id=content_type_id, object_id__in=ids)
    rows = {
        Tag: TaggedEntry.objects.filter(whose).select_related("tag").order_by("tag__name"),
        KeyFigure: KeyFigure.objects.filter(whose),
    }
    for name, model in relations:
        found = defaultdict(list)
        for row in rows[model]:
            found[row.content_type_id, row.object_id].append(row.tag if model is Tag else row)
        for entry in entries:
            _set_prefetched(entry, name, model, found[types[type(entry)].pk, entry.pk])
    return entries


def prefetch_sources_and_figures(entry):
    """Fetch the sources and key figures of one entry in a single query, for its page.

    Both are short lists in tables of the same shape (core.models.EntryDetail): one UNION of
    their rows, each padded to the same columns, saves every detail page a query.
    """
    content_type = ContentType.objects.get_for_model(entry)
    whose = {"content_type": content_type, "object_id": entry.pk}
    parts = [
        (KeyFigure, ("label", "value", "source_url")),
        (Source, ("title", "url", "publisher")),
    ]
    rows = [
        model.objects.filter(**whose)
        .order_by()
        .annotate(detail_model=Value(model._meta.label))
        .values_list("detail_model", "pk", "position", *fields)
        for model, fields in parts
    ]
    found = defaultdict(list)
    for label, pk, position, *values in rows[0].union(*rows[1:], all=True):
        model, fields = next(part for part in parts if part[0]._meta.label == label)
        found[model].append(
            model(pk=pk, position=position, **whose, **dict(zip(fields, values, strict=True)))
        )
    for model, name in [(KeyFigure, "key_figures"), (Source, "sources")]:
        ordered = sorted(found[model], key=lambda detail: (detail.position, detail.pk))
        _set_prefetched(entry, name, model, ordered)
    return entry


def _set_prefetched(instance, name, model, objects):
    """Make `instance.<name>.all()` return `objects`, as prefetch_related would."""
    queryset = model.objects.all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


def _published_counts():
    """{model label: number of published entries}, in one query."""
    counts = [
        model.objects.published()
        .order_by()
        .annotate(label=Value(model._meta.label))
        .values("label")
        .annotate(number=Count("pk"))
        .values_list("label", "number")
        for model in content_models()
    ]
    return dict(counts[0].union(*counts[1:], all=True))


def home_sections(*, latest=3):
    """Each kind with its published count and its most recently updated entries."""
    counts = remembered("home-counts", _published_counts)
    sections = [
        Section(
            model=model,
            entries=list(model.objects.published().order_by("-updated_at")[:latest]),
            count=counts.get(model._meta.label, 0),
        )
        for model in content_models()
    ]
    prefetch_cards(entry for section in sections for entry in section.entries)
    return sections


def tag_sections(*, tag, limit=6):
    """Each kind with its first `limit` published entries that carry `tag`, and their number.

    A popular tag is carried by thousands of entries: the page is a hub that shows the first
    ones of each kind, and each section's `more_url` lists them all, with the list's filters.
    """
    found = remembered(f"tag-sections:{tag.pk}:{limit}", lambda: _tag_entries(tag, limit))
    sections = [
        Section(model=model, entries=entries, count=count, tag=tag)
        for model, (entries, count) in zip(content_models(), found, strict=True)
    ]
    prefetch_cards(entry for section in sections for entry in section.entries)
    return sections


def carrying_tag(entries, tag):
    """Those of `entries` that carry `tag`, as a semi-join on its taggings (`pk IN (...)`).

    The database starts from the tag's taggings. A join would repeat an entry once per matching
    tag and need DISTINCT, which sorts whole rows; a correlated EXISTS lets it walk every entry
    in name order until a page is full, all of them when few match.
    """
    tagged = TaggedEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(entries.model), tag=tag
    )
    return entries.filter(pk__in=tagged.values("object_id"))


def _tag_entries(tag, limit):
    """For each kind: its first `limit` entries carrying `tag`, and how many carry it.

    The counts are asked apart, all kinds in one query: a window count beside the LIMIT made
    PostgreSQL walk every actor in name order (2.5 s at 100 000 entries).
    """
    carrying = {model: carrying_tag(model.objects.published(), tag) for model in content_models()}
    counts = [
        entries.order_by()
        .annotate(content_model=Value(model._meta.label))
        .values("content_model")
        .annotate(total=Count("pk"))
        for model, entries in carrying.items()
    ]
    totals = {row["content_model"]: row["total"] for row in counts[0].union(*counts[1:], all=True)}
    return [
        (list(entries[:limit]), totals.get(model._meta.label, 0))
        for model, entries in carrying.items()
    ]


def tags_with_counts():
    """Tags carried by at least one published entry, each with that number, in one query."""
    return remembered("tags-with-counts", lambda: list(_tags_with_counts()))


def _tags_with_counts():
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
    return remembered(f"related-tags:{tag.pk}:{limit}", lambda: list(_related_tags(tag, limit)))


def _related_tags(tag, limit):
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
    key = f"see-also:{entry._meta.label}:{entry.pk}:{limit}"
    return remembered(key, lambda: _see_also(entry, limit))


def _see_also(entry, limit):
    """One query for every kind: the candidates of each, ranked together by the database.

    A see-also link shows a name, an address (the slug) and a category label (a choice field):
    each kind's choice fields come along as one JSON value, from which the instances are made.
    """
    tag_ids = [tag.pk for tag in entry.tags.all()]
    if not tag_ids:
        return []
    candidates = []
    for model in content_models():
        others = model.objects.published().filter(tags__in=tag_ids).order_by()
        if isinstance(entry, model):
            others = others.exclude(pk=entry.pk)
        choices = [
            f.attname for f in model._meta.concrete_fields if f.choices and f.name != "status"
        ]
        candidates.append(
            others.annotate(
                shared=Count("tags"),
                see_also_model=Value(model._meta.label),
                see_also_choices=JSONObject(**{name: F(name) for name in choices}),
            ).values_list("see_also_model", "pk", "name", "slug", "shared", "see_also_choices")
        )
    ranked = candidates[0].union(*candidates[1:], all=True).order_by("-shared", "name")[:limit]
    found = []
    for label, pk, name, slug, shared, choices in ranked:
        other = apps.get_model(label)(pk=pk, name=name, slug=slug, **choices)
        other.shared = shared
        found.append(other)
    return found


def similar_tags(slug, *, limit=5):
    """Existing tags whose address looks like `slug`, for a page that found no tag."""
    slugs = list(Tag.objects.values_list("slug", flat=True))
    close = difflib.get_close_matches(slug, slugs, n=limit, cutoff=0.5)
    return sorted(Tag.objects.filter(slug__in=close), key=lambda tag: close.index(tag.slug))
