"""Read-only queries over every kind of entry, reached through settings.ATLAS_CONTENT_MODELS."""

import difflib
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, cast

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import npgettext

from core.caching import dependencies as deps
from core.caching.remembered import remembered
from core.models import Entry, Tag, TaggedEntry
from core.prefetch import prefetch_cards, prefetch_none
from core.publishing.status import published_condition
from core.registry import content_models
from core.search.index import visible

# How many candidates of each kind a page's suggestions are first chosen among (_see_also).
SEE_ALSO_CANDIDATES = 50


@dataclass(frozen=True)
class Section:
    """One kind of entry as a page shows it: its model, its entries, how many there are."""

    model: type[Entry]
    entries: list[Entry]
    count: int
    # On a tag page: the tag, whose list of entries of this kind `more_url` gives.
    tag: Tag | None = None

    @property
    def verbose_name_plural(self) -> str | Promise | None:
        return self.model._meta.verbose_name_plural

    @property
    def count_label(self) -> str | Promise | None:
        """The kind's name agreeing with its count: « 0 acteur », « 18 acteurs », « 0 actors »."""
        meta = self.model._meta
        # gettext picks a plural entry's form by the language's own rule (French: 0 and 1 take
        # the singular; English: 1 only); this entry's forms name themselves in every catalogue.
        form = npgettext("grammatical number", "singular", "plural", self.count)
        return meta.verbose_name if form == "singular" else meta.verbose_name_plural

    @property
    def list_url(self) -> str:
        return reverse(self.model.list_url_name)

    @property
    def more_url(self) -> str:
        """All the entries of this section, when it shows only the first ones."""
        if self.tag is None or self.count <= len(self.entries):
            return ""
        return f"{self.list_url}?{urlencode({'tag': self.tag.slug})}"


def _published_counts() -> dict[str, int]:
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


def home_sections(*, latest: int = 3) -> list[Section]:
    """Each kind with its published count and its most recently updated entries."""
    counts = remembered(
        "home-counts",
        _published_counts,
        depends_on=[deps.counted_key(model) for model in content_models()],
    )
    deps.depend_on(*(deps.recent_key(model) for model in content_models()))
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


def tag_sections(*, tag: Tag, limit: int = 6) -> list[Section]:
    """Each kind with its first `limit` published entries that carry `tag`, and their number.

    A popular tag is carried by thousands of entries: the page is a hub that shows the first
    ones of each kind, and each section's `more_url` lists them all, with the list's filters.
    """
    found = remembered(
        f"tag-sections:{tag.pk}:{limit}",
        lambda: _tag_entries(tag, limit),
        depends_on=[deps.tagged_key(tag.pk)],
    )
    sections = [
        Section(model=model, entries=entries, count=count, tag=tag)
        for model, (entries, count) in zip(content_models(), found, strict=True)
    ]
    prefetch_cards(entry for section in sections for entry in section.entries)
    return sections


def carrying_tag(entries: QuerySet[Entry], tag: Tag) -> QuerySet[Entry]:
    """Those of `entries` that carry `tag`, as a semi-join on its taggings (`pk IN (...)`).

    The database starts from the tag's taggings. A join would repeat an entry once per matching
    tag and need DISTINCT, which sorts whole rows; a correlated EXISTS lets it walk every entry
    in name order until a page is full, all of them when few match.
    """
    tagged = TaggedEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(entries.model), tag=tag
    )
    return entries.filter(pk__in=tagged.values("object_id"))


def _tag_entries(tag: Tag, limit: int) -> list[tuple[list[Entry], int]]:
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


def published_tags() -> QuerySet[Tag]:
    """Tags that at least one published entry carries: the only ones the public may reach."""
    return visible(Tag)


def published_tag(slug: str) -> Tag | None:
    """The tag of `slug` if at least one published entry carries it, else None.

    Kept until the tag or which entries carry it changes: the query that tells
    (published_tags) takes ~4 ms to build, and every tag page and every list filtered by tags
    asks.
    """

    def find() -> Tag | None:
        tag = published_tags().filter(slug=slug).first()
        if tag is None:
            # Any tag may yet be given this slug, or an entry that carries it be published.
            deps.depend_on(deps.TAGS)
        else:
            deps.depend_on(deps.tag_key(tag.pk), deps.members_key(tag.pk))
        return tag

    return remembered(f"published-tag:{slug}", find)


def tags_with_counts() -> list[Tag]:
    """Tags carried by at least one published entry, each with that number, in one query."""
    return remembered("tags-with-counts", lambda: list(_tags_with_counts()), depends_on=[deps.TAGS])


def _tags_with_counts() -> QuerySet[Tag]:
    published = Q()
    for model in content_models():
        published |= Q(
            tagged_entries__content_type=ContentType.objects.get_for_model(model),
            tagged_entries__object_id__in=model.objects.published().values("pk"),
        )
    return Tag.objects.annotate(entry_count=Count("tagged_entries", filter=published)).filter(
        entry_count__gt=0
    )


def published_prefetch(model: type[Model], relation: str, *select_related: str) -> Prefetch:
    """Prefetch `relation` of `model`, keeping only the published entries at its other end.

    Works through the relation's own model, so an app can follow the reverse relations that
    other apps attach to it (an actor's awards) without importing those apps.
    """
    # A relation to entries: its model is known and has published().
    related_model = cast(type[Entry], model._meta.get_field(relation).related_model)
    queryset = related_model.objects.published().select_related(*select_related)
    return Prefetch(relation, queryset=queryset)


def with_relation_flags(queryset: QuerySet, relations: Iterable[str]) -> QuerySet:
    """`queryset` whose entries say, as `has_<relation>`, whether anything is at the other end
    of each of `relations` (published or not), read in the same query.

    For prefetch_relations(), where an entry has few of many relations: a prefetch costs ~1 ms
    of query building even when it finds nothing, a flag ~0.3 ms. An actor has one or two of
    its six on average (100 000 generated entries); schemes and programmes nearly always have
    their operators and providers, and flags only added to their pages' time.
    """
    # Classes are hashable; mypy checks the instances' __hash__ here.
    flags = _relation_flags(queryset.model, tuple(relations))  # type: ignore[arg-type]
    return queryset.annotate(**flags)


@functools.cache
def _relation_flags(model: type[Model], relations: tuple[str, ...]) -> dict[str, Exists]:
    """with_relation_flags()'s expressions, built once for each kind of entry: each query they
    go into copies them, and building them took ~1 ms of an actor page's 7 (in-process)."""
    return {
        f"has_{relation}": Exists(
            model._default_manager.filter(pk=OuterRef("pk"), **{f"{relation}__isnull": False})
        )
        for relation in relations
    }


def prefetch_relations(entry: Entry, relations: dict[str, tuple[str, ...]]) -> Entry:
    """Fetch the published entries at the other end of `relations` ({relation: what to select
    with its entries}) that `entry`'s flags (with_relation_flags) say it has; the others are
    empty without a query."""
    model = type(entry)
    found = [relation for relation in relations if getattr(entry, f"has_{relation}")]
    lookups = [published_prefetch(model, relation, *relations[relation]) for relation in found]
    prefetch_related_objects([entry], *lookups)
    for relation in relations.keys() - set(found):
        prefetch_none(entry, relation)
    return entry


def related_tags(*, tag: Tag, limit: int = 12) -> list[Tag]:
    """Tags that published entries carry together with `tag`, most frequent first.

    Counted again when an entry carrying `tag` appears, disappears or takes or loses a tag
    (a tagging changes the members of all its entry's tags), not when one is renamed: the count
    takes 0.3 s at 100 000 entries.
    """
    return remembered(
        f"related-tags:{tag.pk}:{limit}",
        lambda: list(_related_tags(tag, limit)),
        depends_on=[deps.members_key(tag.pk)],
    )


def _related_tags(tag: Tag, limit: int) -> QuerySet[Tag]:
    with_tag = Q()
    # The plugin cannot follow taggit's manager in a lookup (`tags=`): hence the ignores below.
    for model in content_models():
        with_tag |= Q(
            tagged_entries__content_type=ContentType.objects.get_for_model(model),
            tagged_entries__object_id__in=model.objects.published().filter(tags=tag).values("pk"),  # type: ignore[misc]
        )
    return (
        Tag.objects.exclude(pk=tag.pk)
        .annotate(shared=Count("tagged_entries", filter=with_tag))
        .filter(shared__gt=0)
        .order_by("-shared", "name")[:limit]
    )


def see_also(*, entry: Entry, limit: int = 6) -> list[Entry]:
    """Published entries of every kind sharing the most tags with `entry`, shown by name.

    Among entries sharing as many tags, the longest listed come first, not the first by name:
    the choice then depends on which entries carry the tags, not on their names, and renaming
    an entry leaves the suggestions of every page but those showing it as they were.
    """
    key = f"see-also:{entry._meta.label}:{entry.pk}:{limit}"
    return remembered(key, lambda: _see_also(entry, limit))


def _see_also(entry: Entry, limit: int) -> list[Entry]:
    """The entries of every kind ranked from their taggings, in one query.

    Ranking every published entry that shares a tag meant joining thousands of taggings to
    their entries' tables (0.15–0.2 s on PostgreSQL at 100 000 entries for popular tags). The
    taggings alone rank each kind's first candidates (`candidates` of them), and only those are
    read from their table, with whether they are public. When a kind's cut-off could hide an
    entry that belongs among the first `limit` (its candidates ran out before enough public
    ones), the query is made again with more candidates.
    """
    tag_ids = [tag.pk for tag in entry.tags.all()]
    # Entries that take or lose one of these tags change what this entry's page suggests.
    deps.depend_on(*(deps.members_key(pk) for pk in tag_ids))
    if not tag_ids:
        return []
    candidates = SEE_ALSO_CANDIDATES
    while True:
        rows = _see_also_candidates(entry, tag_ids, candidates)
        shown = sorted((row for row in rows if row.public), key=_rank)[:limit]
        by_kind = defaultdict(list)
        for row in rows:
            by_kind[row.label].append(row)
        # A kind that filled its candidates may have more, all ranked after its last one.
        cut_at = [max(kind, key=_rank) for kind in by_kind.values() if len(kind) == candidates]
        if not cut_at or (len(shown) == limit and _rank(shown[-1]) <= min(map(_rank, cut_at))):
            break
        candidates *= 10
    found = []
    for row in shown:
        other = apps.get_model(row.label)(pk=row.pk, name=row.name, slug=row.slug, **row.choices)
        other.shared = row.shared
        found.append(other)
    return sorted(found, key=lambda other: (-other.shared, other.name.casefold()))


class Candidate(NamedTuple):
    label: str
    pk: int
    name: str
    slug: str
    shared: int
    public: bool
    choices: dict[str, object]


def _rank(candidate: Candidate) -> tuple[int, int]:
    """Most shared tags first, then the longest listed."""
    return -candidate.shared, candidate.pk


def _see_also_candidates(entry: Entry, tag_ids: list[int], candidates: int) -> list[Candidate]:
    """Each kind's first `candidates` by shared tags, whether public or not.

    A see-also link shows a name, an address (the slug) and a category label (a choice field):
    each kind's choice fields come along as one JSON value, from which the instances are made.
    """
    parts = []
    for model in content_models():
        taggings = TaggedEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), tag_id__in=tag_ids
        )
        if isinstance(entry, model):
            taggings = taggings.exclude(object_id=entry.pk)
        shared = taggings.values("object_id").annotate(shared=Count("pk"))
        first = shared.order_by("-shared", "object_id").values("object_id")[:candidates]
        choices = [
            f.attname for f in model._meta.concrete_fields if f.choices and f.name != "status"
        ]
        parts.append(
            model.objects.filter(pk__in=first)
            .order_by()
            .annotate(
                see_also_model=Value(model._meta.label),
                shared=Subquery(shared.filter(object_id=OuterRef("pk")).values("shared")),
                public=ExpressionWrapper(published_condition(), output_field=BooleanField()),
                see_also_choices=JSONObject(**{name: F(name) for name in choices}),
            )
            .values_list(
                "see_also_model", "pk", "name", "slug", "shared", "public", "see_also_choices"
            )
        )
    return [Candidate(*row) for row in parts[0].union(*parts[1:], all=True)]


def similar_tags(slug: str, *, limit: int = 5) -> list[Tag]:
    """Public tags whose address looks like `slug`, for a page that found no tag."""
    tags = {tag.slug: tag for tag in tags_with_counts()}
    close = difflib.get_close_matches(slug, list(tags), n=limit, cutoff=0.5)
    return [tags[found] for found in close]
