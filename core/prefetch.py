"""Fetch what entries of several kinds show (tags, key figures, sources) in one query each.

Entries of every kind share these generic relations, so one query serves all the kinds of a page
(home, tag pages, search results). Django's prefetch_related_objects() cannot do it: taggit's
tag prefetch keeps only the first entry's kind and refuses a custom queryset (one query per kind
instead: home 7 → 9 queries), a detail page would need two queries where one UNION serves
(actor detail 10 → 11, over the bound of tests/system/test_query_counts_generated.py), and it
builds a queryset per entry, which costs more than the queries. So the results are put where
prefetch_related_objects() puts them (`set_prefetched`), the one place that writes Django's
prefetch cache by hand (working copies use it too, core.publishing.working_copies).

Each query's SQL is compiled once per shape (how many entries of which kinds) and run with the
ids of each page (`_compiled`): Django took twice as long to compile them as the database to
answer them.
"""

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple, TypeVar, cast

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import F, ForeignObjectRel, ManyToOneRel, Model, Q, QuerySet, Value
from django.db.models.fields.related import RelatedField
from django.db.models.query import RawQuerySet

from core.models import Entry, KeyFigure, Source, Tag
from core.public.languages import language_columns

AnyModel = TypeVar("AnyModel", bound=Model)
# The first of the values a query is compiled with for _compiled(): far above any id here.
_STAND_IN = 2_000_000_000


def prefetch_cards(entries: Iterable[Entry]) -> list[Entry]:
    """Fetch what the cards of `entries`, of any kinds, show: two queries for them all.

    Prefetching each kind's tags and key figures apart would take two queries per kind, and
    prefetch_related() builds a queryset for each entry, which costs more than the queries.
    Entries fetched already are left as they are (a page of several sections fetches them all
    at once; core.templatetags.atlas.entry_cards then only those whose card it must render).
    """
    entries = list(entries)
    _prefetch_generic(
        [entry for entry in entries if prefetched(entry, "key_figures") is None],
        [("tags", Tag), ("key_figures", KeyFigure)],
    )
    return entries


def prefetch_tags(entries: Iterable[Entry]) -> list[Entry]:
    """Fetch the tags of `entries`, of any kinds, in one query."""
    return _prefetch_generic(entries, [("tags", Tag)])


def prefetch_sources(entries: Iterable[AnyModel]) -> list[AnyModel]:
    """Fetch the sources of `entries`, of any kinds (awards too), in one query."""
    return _prefetch_generic(entries, [("sources", Source)])


def _prefetch_generic(
    entries: Iterable[AnyModel], relations: list[tuple[str, type[Model]]]
) -> list[AnyModel]:
    """Fill each entry's generic `relations` ((name, model) pairs), one query for each."""
    entries = list(entries)
    if not entries:
        return entries
    types = ContentType.objects.get_for_models(*{type(entry) for entry in entries})
    by_type = defaultdict(list)
    for entry in entries:
        by_type[types[type(entry)].pk].append(entry.pk)
    for name, model in relations:
        found = defaultdict(list)
        for row in _rows(model, by_type):
            found[row.content_type_id, row.object_id].append(row)
        for entry in entries:
            set_prefetched(entry, name, model, found[types[type(entry)].pk, entry.pk])
    return entries


def _rows(model: type[Model], ids_by_type: dict[int, list[int]]) -> RawQuerySet:
    """The rows of `model` (tags, key figures or sources) about the entries of `ids_by_type`."""
    counts = tuple(len(ids) for ids in ids_by_type.values())
    values = [value for type_id, ids in ids_by_type.items() for value in (type_id, *ids)]
    sql, params = _compiled(_rows_query, values, model, counts)
    return model._default_manager.raw(sql, params)


def _rows_query(values: list[int], model: type[Model], counts: tuple[int, ...]) -> QuerySet[Any]:
    """_rows()'s query; `values` holds each content type id followed by `counts` object ids."""
    ids_by_type, start = {}, 0
    for count in counts:
        ids_by_type[values[start]] = values[start + 1 : start + 1 + count]
        start += 1 + count
    if model is Tag:
        # The tags themselves, each with the entry it is on: no tagging row to build.
        return (
            Tag.objects.filter(_whose(ids_by_type, prefix="tagged_entries__"))
            .annotate(
                content_type_id=F("tagged_entries__content_type_id"),
                object_id=F("tagged_entries__object_id"),
            )
            .order_by("name")
        )
    return model._default_manager.filter(_whose(ids_by_type))


def _whose(ids_by_type: dict[int, list[int]], prefix: str = "") -> Q:
    """The rows about the entries of `ids_by_type` ({content type id: [object ids]})."""
    whose = Q()
    for content_type_id, ids in ids_by_type.items():
        whose |= Q(**{f"{prefix}content_type_id": content_type_id, f"{prefix}object_id__in": ids})
    return whose


def prefetch_sources_and_figures(entry: Entry) -> Entry:
    """Fetch the sources and key figures of one entry in a single query, for its page.

    Both are short lists in tables of the same shape (core.models.EntryDetail): one UNION of
    their rows, each padded to the same columns, saves every detail page a query.
    """
    content_type = ContentType.objects.get_for_model(entry)
    sql, params = _compiled(_details_query, [content_type.pk, entry.pk])
    with connections[router.db_for_read(KeyFigure)].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    columns = {model._meta.label: (model, fields) for model, fields in _detail_columns()}
    found: defaultdict[type[Model], list[Any]] = defaultdict(list)
    for label, pk, position, *values in rows:
        model, fields = columns[label]
        found[model].append(
            model(
                pk=pk,
                position=position,
                content_type=content_type,
                object_id=entry.pk,
                **dict(zip(fields, values, strict=False)),
            )
        )
    for model, name in [(KeyFigure, "key_figures"), (Source, "sources")]:
        ordered = sorted(found[model], key=lambda detail: (detail.position, detail.pk))
        set_prefetched(entry, name, model, ordered)
    return entry


def _detail_columns() -> list[tuple[type[Model], list[str]]]:
    return [
        (KeyFigure, language_columns(KeyFigure, "label", "value", "source_url")),
        (Source, language_columns(Source, "title", "url", "publisher")),
    ]


def _details_query(values: list[int]) -> QuerySet[Any]:
    """prefetch_sources_and_figures()'s query; `values` are a content type id and an object id."""
    content_type_id, object_id = values
    parts = _detail_columns()
    # A UNION needs as many columns on each side: the narrower rows get empty ones.
    width = max(len(fields) for _model, fields in parts)
    rows = [
        model._default_manager.filter(content_type_id=content_type_id, object_id=object_id)
        .order_by()
        .annotate(
            detail_model=Value(model._meta.label),
            **{f"padding_{n}": Value("") for n in range(width - len(fields))},
        )
        .values_list(
            "detail_model",
            "pk",
            "position",
            *fields,
            *(f"padding_{n}" for n in range(width - len(fields))),
        )
        for model, fields in parts
    ]
    return rows[0].union(*rows[1:], all=True)


def prefetch_published(entry: Entry, relation: str, *select_related: str) -> Entry:
    """Fill `entry.<relation>` with what is public at its other end, as a prefetch of
    core.public.selectors.published_prefetch() would, from queries compiled once: one for the
    relation, one for each of `select_related` (what its objects are shown with).

    Whether each object is public is asked of `is_published`, the Python twin of `published()`:
    the queries then take ids only, never the clock. Building the two prefetches of a scheme's
    page through Django took a quarter of its time.
    """
    field = entry._meta.get_field(relation)
    model = cast(type[Model], field.related_model)
    # The relation seen from the other side: the actors whose `operated_schemes` hold a scheme
    # are its `operators`; the awards whose `scheme` it is are its `awards`.
    if isinstance(field, ForeignObjectRel):
        lookup = field.field.name
    else:
        lookup = cast(RelatedField, field).related_query_name()
    found = list(_raw(_related_query, [entry.pk], model, lookup))
    if isinstance(field, ManyToOneRel):
        for other in found:
            # The entry itself, at the other end of its own reverse relation (an award's scheme).
            setattr(other, field.field.name, entry)
    for name in select_related:
        target = cast(type[Model], model._meta.get_field(name).related_model)
        ids = sorted({getattr(other, f"{name}_id") for other in found})
        by_id = {item.pk: item for item in _raw(_by_ids_query, ids, target)} if ids else {}
        for other in found:
            setattr(other, name, by_id[getattr(other, f"{name}_id")])
    # Entries and awards: each has is_published.
    set_prefetched(entry, relation, model, [other for other in found if other.is_published])
    return entry


def _raw(
    build: Callable[..., QuerySet[Any]], values: list[int], model: type[AnyModel], *shape: Hashable
) -> RawQuerySet:
    sql, params = _compiled(build, values, model, *shape)
    return model._default_manager.raw(sql, params)


def _related_query(values: list[int], model: type[Model], lookup: str) -> QuerySet[Any]:
    """The objects of `model` whose `lookup` is the one id in `values`."""
    (pk,) = values
    return model._default_manager.filter(**{lookup: pk})


def _by_ids_query(values: list[int], model: type[Model]) -> QuerySet[Any]:
    return model._default_manager.filter(pk__in=values)


def _compiled(
    build: Callable[..., QuerySet[Any]], values: list[int], *shape: Hashable
) -> tuple[str, list[Any]]:
    """The SQL and parameters of `build(values, *shape)`, from SQL compiled once per `build`,
    number of values and `shape`.

    Compiling takes Django longer than the database takes to answer these queries (0.2 against
    0.1 ms for a card's tags), and pages ask them in a few shapes, only the ids changing.
    """
    sql, params = _compiled_sql(build, len(values), *shape)
    return sql, [values[param.position] if isinstance(param, _Value) else param for param in params]


class _Value(NamedTuple):
    """A parameter of a compiled query that takes, on each run, the value at `position`."""

    position: int


@functools.lru_cache(maxsize=256)
def _compiled_sql(
    build: Callable[..., QuerySet[Any]], size: int, *shape: Hashable
) -> tuple[str, tuple[Any, ...]]:
    # Compiled with stand-ins for the values that no other parameter of these queries equals
    # (the others are text): the parameters that take the values can then be told apart.
    # Within every database's integer range: Django compiles a lookup beyond it as no match.
    sql, params = build(list(range(_STAND_IN, _STAND_IN + size)), *shape).query.sql_with_params()
    return sql, tuple(
        _Value(param - _STAND_IN) if isinstance(param, int) and param >= _STAND_IN else param
        for param in params
    )


def prefetch_none(instance: Model, relation: str) -> None:
    """Make `instance.<relation>.all()` empty without a query: a relation known to be empty."""
    model = cast(type[Model], instance._meta.get_field(relation).related_model)
    set_prefetched(instance, relation, model, [])


def prefetched(instance: Model, name: str) -> list | None:
    """The objects prefetched into `instance.<name>`, or None: read without building the
    relation's manager, which costs more than reading them (a generic relation's ~10 µs)."""
    found = instance.__dict__.get("_prefetched_objects_cache", {}).get(name)
    return None if found is None else found._result_cache


def set_prefetched(instance: Model, name: str, model: type[Model], objects: list) -> None:
    """Make `instance.<name>.all()` return `objects` (of `model`), as prefetch_related would."""
    queryset = _queryset_class(model)(model)
    queryset._result_cache = objects
    # What prefetch_related_objects() sets: nothing public does it (see above).
    queryset._prefetch_done = True  # type: ignore[attr-defined]
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


@functools.cache
def _queryset_class(model: type[Model]) -> type[QuerySet]:
    """The class of `model`'s querysets, to make them directly: django-modeltranslation makes a
    class for each queryset a manager makes (0.1 ms; two per card), and copying one costs four
    times as much as a new one (4 µs; an API page of 50 entries sets 150)."""
    return type(model._default_manager.all())
