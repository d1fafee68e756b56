"""Site search: an index kept on every save (signals.py), searched and ranked by the database.

Both databases match the same terms, made in Python by core.search.terms, so SQLite and
PostgreSQL find the same entries. SQLite ranks with FTS5's bm25, PostgreSQL with ts_rank over a
tsvector in the "simple" configuration; migration 0004 creates both.
"""

from collections import defaultdict
from typing import Any, overload

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable, RawSQL

from core.caching import dependencies as deps
from core.caching import pages as cache
from core.caching.remembered import remembered
from core.models import Entry, SearchDocument, Tag, TaggedEntry
from core.prefetch import prefetch_tags
from core.registry import content_models
from core.search.results import ResultSection, result_of
from core.search.terms import SOURCE_LANGUAGE, STEMMER_LANGUAGES, Query, terms

# The best matches of each kind, as many as a list page shows; its « Tout voir » link lists all.
RESULTS_PER_KIND = settings.ATLAS_PAGE_SIZE
FTS_TABLE = "core_searchdocument_fts"
# bm25 weights of the FTS5 columns name, summary, body; ts_rank's are for D, C, B, A.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0"
POSTGRESQL_WEIGHTS = "'{0.05, 0.1, 0.3, 1.0}'::real[]"
# What an entry's document holds: its name, its summary, then the rest.
TEXT_FIELDS = ("name", "summary", "description")
# Each text is indexed in every language it is written in, French first.
LANGUAGES = [code for code, _name in settings.LANGUAGES]


# --- Index -----------------------------------------------------------------------


def _terms(instance: Model, field_name: str) -> str:
    """The terms of a text in each language it is written in, each stemmed in its language.

    A kind of entry without translations (a test's) has its French in the field itself.
    """
    found = []
    for language in LANGUAGES:
        text = getattr(instance, f"{field_name}_{language}", None)
        if text is None and language == SOURCE_LANGUAGE:
            text = instance.__dict__.get(field_name)
        found += terms(text or "", language)
    return " ".join(found)


def _document(instance: Entry | Tag) -> SearchDocument:
    fields = ("name", "description") if isinstance(instance, Tag) else TEXT_FIELDS
    name, summary, body = (*(_terms(instance, field) for field in fields), "")[:3]
    return SearchDocument(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        name_terms=name,
        summary_terms=summary,
        body_terms=body,
    )


def _write(documents: list[SearchDocument]) -> None:
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["name_terms", "summary_terms", "body_terms"],
    )


def index(instance: Entry | Tag) -> None:
    """Write the search document of one entry or tag, replacing the one it had."""
    _write([_document(instance)])


@transaction.atomic
def rebuild(*, batch_size: int = 1000) -> int:
    """Index every entry and tag again from scratch; return how many documents were written."""
    SearchDocument.objects.all().delete()
    written = 0
    for model in searchable_models():
        fields = ["name", "description"] if model is Tag else list(TEXT_FIELDS)
        instances = model.objects.only(*fields).order_by().iterator(chunk_size=batch_size)
        batch = []
        for instance in instances:
            batch.append(_document(instance))
            if len(batch) == batch_size:
                _write(batch)
                written, batch = written + len(batch), []
        _write(batch)
        written += len(batch)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
    # Bulk writes send no signal: cached search pages must be told themselves.
    cache.content_changed()
    return written


# --- Search ----------------------------------------------------------------------


def searchable_models() -> list[type[Entry] | type[Tag]]:
    return [*content_models(), Tag]


@overload
def visible(model: type[Tag]) -> QuerySet[Tag]: ...
@overload
def visible(model: type[Entry]) -> QuerySet[Entry]: ...
@overload
def visible(model: type[Entry] | type[Tag]) -> QuerySet[Entry] | QuerySet[Tag]: ...
def visible(model: type[Entry] | type[Tag]) -> QuerySet[Entry] | QuerySet[Tag]:
    """What search may show of `model`: published entries, and tags that one of them carries."""
    if model is not Tag:
        return model.objects.published()
    # Whether a published entry carries the tag, asked tag by tag: the first entry found
    # answers, where joining every tagged entry took 0.3 s a search at 100 000 entries.
    carried: Q | Combinable = Q()
    for entry_model in content_models():
        published = entry_model.objects.published().filter(pk=OuterRef("object_id"))
        carried |= Exists(
            TaggedEntry.objects.filter(
                tag=OuterRef("pk"),
                content_type=ContentType.objects.get_for_model(entry_model),
            ).filter(Exists(published))
        )
    return Tag.objects.filter(carried)


def _match_sql(query: Query) -> tuple[str, list[Any]]:
    """SQL giving (content_type_id, object_id, score) of every document matching all terms."""
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT d.content_type_id, d.object_id, "
            f"ts_rank({POSTGRESQL_WEIGHTS}, d.search_vector, q) AS score "
            f"FROM core_searchdocument d, plainto_tsquery('simple', %s) q "
            f"WHERE d.search_vector @@ q"
        )
        return sql, [" ".join(query.terms)]
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT d.content_type_id, d.object_id, -bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS score "
            f"FROM {FTS_TABLE} CROSS JOIN core_searchdocument d ON d.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s"
        )
        # CROSS JOIN makes SQLite start from the full-text match: left to choose, it may walk
        # every published entry and probe the FTS table for each (30 s at 100 000 entries).
        # Terms hold letters and digits only; quoted, FTS5 reads none of them as an operator.
        return sql, [" ".join(f'"{term}"' for term in query.terms)]
    raise NotImplementedError(f"Site search needs SQLite or PostgreSQL, not {connection.vendor}.")


def matching(model: type[Model], query: Query) -> RawSQL:
    """A subquery of the primary keys of `model`'s documents that match every term of `query`.

    Lets a list page filter on words (`?q=`) exactly as the site search finds them.
    """
    match_sql, params = _match_sql(query)
    content_type = ContentType.objects.get_for_model(model)
    return RawSQL(
        f"SELECT object_id FROM ({match_sql}) matches WHERE content_type_id = %s",
        [*params, content_type.pk],
    )


def _ranked(
    query: Query,
    content_types: dict[type[Entry] | type[Tag], ContentType],
    *,
    per_kind: int,
    cap: int,
) -> list[tuple[Any, ...]]:
    """The best `per_kind` matches of each kind, best first, each kind's number of matches, and
    whether there were more than `cap` matches in all.

    One query whatever the number of documents. The first `cap` + 1 matches the index gives are
    kept, and only those are checked, counted and ranked; each kind keeps those its model's own
    queryset shows (a semi-join the database can run either way round); window functions rank
    and count them.
    """
    match_sql, params = _match_sql(query)
    match_sql = f"{match_sql} LIMIT %s"
    params = [*params, cap + 1]
    shown = []
    for model, content_type in content_types.items():
        if model is Tag:
            # The public tags are kept apart (building their query took a third of a search).
            tag_ids = sorted(_visible_tag_ids())
            if tag_ids:
                listed = ", ".join(["%s"] * len(tag_ids))
                shown.append(
                    f"SELECT * FROM matches WHERE content_type_id = %s AND object_id IN ({listed})"
                )
                params += [content_type.pk, *tag_ids]
            continue
        # A correlated EXISTS looks each match up by primary key; `IN (subquery)` would first
        # list every published entry (50 000 actors: 50 ms a search).
        this_match = visible(model).filter(pk=RawSQL("matches.object_id", ())).order_by()
        subquery, subquery_params = this_match.values("pk").query.sql_with_params()
        shown.append(f"SELECT * FROM matches WHERE content_type_id = %s AND EXISTS ({subquery})")
        params += [content_type.pk, *subquery_params]
    all_shown = " UNION ALL ".join(shown)
    sql = f"""
        WITH matches AS MATERIALIZED ({match_sql})
        SELECT content_type_id, object_id, total, (SELECT COUNT(*) FROM matches) FROM (
            SELECT content_type_id, object_id,
                ROW_NUMBER() OVER (PARTITION BY content_type_id ORDER BY score DESC, object_id)
                    AS position,
                COUNT(*) OVER (PARTITION BY content_type_id) AS total
            FROM ({all_shown}) shown
        ) ranked
        WHERE position <= %s
        ORDER BY content_type_id, position
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, per_kind])
        return cursor.fetchall()


def _visible_tag_ids() -> frozenset[int]:
    """The ids of the tags a published entry carries, kept until a tag, a tagging or a
    publication changes (TAGS). Each of those changes replaces SEARCH too: a search page that
    depends on TAGS is made again no more often."""
    return remembered(
        "visible-tag-ids",
        lambda: frozenset(visible(Tag).values_list("pk", flat=True)),
        depends_on=[deps.TAGS],
    )


def _instances(model: type[Entry] | type[Tag], ids: list[int]) -> list[Entry | Tag]:
    """The entries or tags with these ids, in this order, each in one query."""
    queryset: QuerySet[Tag] | QuerySet[Entry]
    if model is Tag:
        queryset = Tag.objects.filter(pk__in=ids)
    else:
        queryset = model.objects.published().filter(pk__in=ids)
    position = {object_id: number for number, object_id in enumerate(ids)}
    return sorted(queryset, key=lambda instance: position[instance.pk])


def search(query: Query, *, per_kind: int = RESULTS_PER_KIND) -> list[ResultSection]:
    """The sections of kinds with matches, in the site's order, each ranked best first.

    What finds nothing in the visitor's language is searched again in the other ones: a French
    name typed on the English site still finds its entry. Past ATLAS_SEARCH_MATCH_CAP matches in
    all, each section's count is a lower bound (`capped`).
    """
    sections = _search(query, per_kind=per_kind)
    for language in STEMMER_LANGUAGES:
        if sections or language == query.language:
            continue
        sections = _search(query.in_language(language), per_kind=per_kind)
    return sections


def _search(query: Query, *, per_kind: int) -> list[ResultSection]:
    if not query.terms:
        return []
    cap = settings.ATLAS_SEARCH_MATCH_CAP
    models = searchable_models()
    content_types = ContentType.objects.get_for_models(*models)
    ids, totals, capped = defaultdict(list), {}, False
    # Keyed by the models asked for: searchable_models().
    rows = _ranked(query, content_types, per_kind=per_kind, cap=cap)  # type: ignore[arg-type]
    for content_type_id, object_id, total, matched in rows:
        ids[content_type_id].append(object_id)
        totals[content_type_id] = total
        capped = matched > cap
    found = {
        model: _instances(model, ids[content_types[model].pk])
        for model in models
        if content_types[model].pk in totals
    }
    # The tags of every kind's entries in one query.
    prefetch_tags(
        entry for model, entries in found.items() if model is not Tag for entry in entries
    )
    sections = []
    for model, instances in found.items():
        results = [result_of(instance, query) for instance in instances]
        # Past the cap, what the page can promise: at least as many as the cap.
        count = (
            min(totals[content_types[model].pk], cap) if capped else totals[content_types[model].pk]
        )
        sections.append(
            ResultSection(model=model, results=results, count=count, query=query, capped=capped)
        )
    return sections
