"""The published entries of each kind, with what the API and the files give of them.

Every relation is prefetched with only published entries at its other end (a draft operator
never appears), in a fixed number of queries whatever the number of entries. The API reads
them as lists, `published_<relation>` (`published_members`): the relation's manager would give
every entry, drafts included, and prefetching into it builds a queryset for each entry, which
costs more than the query (a page of 50 actors: 150 querysets).
"""

from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from core.models import Tag, TaggedEntry
from core.prefetch import prefetch_cards, prefetch_sources
from core.publishing.status import published_condition
from core.search.index import visible
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from trainings.models import TrainingProgramme

# A name's columns, read by a reference: the French, which the name itself would fetch again for
# the English, and the English.
NAME_COLUMNS = ("name_fr", "name_en")


def published(relation, queryset):
    """Prefetch `relation`'s entries in `queryset` into the list `published_<relation>`."""
    return Prefetch(relation, queryset=queryset, to_attr=f"published_{relation}")


def references(relation, model=Actor):
    """Prefetch `relation`, published entries only, with what a reference gives of them.

    A reference shows an id, a slug and a name in each language: their descriptions would only
    cost time.
    """
    return published(relation, model.objects.published().only("id", "slug", *NAME_COLUMNS))


# Relations each kind's items give, prefetched with only published entries.
RELATIONS = {
    Actor: lambda: [references("members"), references("memberships")],
    FundingScheme: lambda: [
        references("operators"),
        published(
            "awards",
            Award.objects.published()
            .select_related("actor")
            .only(
                "id",
                "scheme_id",
                "amount_eur",
                "year",
                "actor__id",
                "actor__slug",
                *(f"actor__{column}" for column in NAME_COLUMNS),
            ),
        ),
    ],
    TrainingProgramme: lambda: [references("providers")],
}
# To-one relations, read with the entry; the serializer hides those not published.
PARENTS = {Actor: ["parent"], FundingScheme: ["parent"], TrainingProgramme: []}


def published_entries(model):
    """The published entries of `model`, with their to-one relations."""
    return model.objects.published().select_related(*PARENTS[model])


def published_awards():
    """Awards whose scheme and beneficiary are both published.

    Asked as two EXISTS rather than as Award.objects.published()'s join: given the join, SQLite
    starts from the published schemes and sorts all their awards to give the first 50 by id
    (100 ms at 25 000 awards); given EXISTS, it reads the awards in order and stops at 50.
    """
    return Award.objects.filter(
        Exists(FundingScheme.objects.published().filter(pk=OuterRef("scheme_id"))),
        Exists(Actor.objects.published().filter(pk=OuterRef("actor_id"))),
    ).select_related("scheme", "actor")


def published_tags():
    """Tags that at least one published entry carries: others would reveal drafts."""
    return visible(Tag)


def with_details(entries: list) -> list:
    """Fetch the tags, key figures, sources and relations of `entries`, all of one kind."""
    if not entries:
        return entries
    model = type(entries[0])
    prefetch_cards(entries)
    prefetch_sources(entries)
    prefetch_related_objects(entries, *RELATIONS[model]())
    return entries


def with_award_details(awards: list) -> list:
    prefetch_sources(awards)
    return awards


def in_batches(queryset, enrich, *, size: int = 1000) -> Iterator:
    """Each row of `queryset`, read `size` at a time and enriched a batch at once.

    Memory stays flat for any number of rows: one batch is held at a time.
    """
    batch = []
    for instance in queryset.iterator(chunk_size=size):
        batch.append(instance)
        if len(batch) == size:
            yield from enrich(batch)
            batch = []
    yield from enrich(batch)


def with_slug_lists(entries: list, relations: tuple) -> list:
    """Give each entry `slug_lists`: {relation: slugs of its published related entries or tags}.

    One flat query per relation for the whole batch: prefetch_related would build a queryset
    for each entry, which costs more than the rows (a CSV of 100 000 rows reads 100 batches).
    """
    if not entries:
        return entries
    model = type(entries[0])
    found = {entry.pk: {relation: [] for relation in relations} for entry in entries}
    for relation in relations:
        if relation == "tags":
            # From the tagged entries' own index: through the entry, PostgreSQL casts their
            # object_id to join it and reads every tagged entry of the kind (60 ms a batch).
            rows = TaggedEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id__in=list(found)
            ).values_list("object_id", "tag__slug")
            rows = rows.order_by("tag__slug")
        else:
            rows = model.objects.filter(pk__in=list(found))
            rows = rows.filter(published_condition(prefix=f"{relation}__"))
            rows = rows.order_by(f"{relation}__slug").values_list("pk", f"{relation}__slug")
        for pk, slug in rows:
            found[pk][relation].append(slug)
    for entry in entries:
        entry.slug_lists = found[entry.pk]
    return entries
