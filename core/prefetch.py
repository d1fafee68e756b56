"""Fetch what entries of several kinds show (tags, key figures, sources) in one query each.

Entries of every kind share these generic relations, so one query serves all the kinds of a page
(home, tag pages, search results), where prefetch_related() would make one per kind.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Value

from core.models import KeyFigure, Source, Tag, TaggedEntry


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
