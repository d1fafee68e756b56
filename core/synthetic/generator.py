"""The machinery of the synthetic atlas: counts, dates, slugs, tags, bulk inserts."""

import importlib
import itertools
import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import ModuleType
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import DateField, Model, TimeField
from django.utils.text import slugify

from core.caching.pages import content_changed
from core.models import Entry, KeyFigure, PublicationStatus, Source, Tag, TaggedEntry
from core.search import index as search
from core.synthetic.tags import vocabulary_tags
from core.synthetic.vocabulary import CITIES

# Entries appear between these dates, so that the same seed gives the same timestamps any day.
FIRST_DAY = datetime(2016, 1, 1, tzinfo=UTC)
LAST_DAY = datetime(2026, 6, 30, tzinfo=UTC)
SLUG_LENGTH = 180

M = TypeVar("M", bound=Model)


def generator_modules() -> list[ModuleType]:
    """Each content app's `synthetic` module, in the order of settings.ATLAS_CONTENT_MODELS."""
    labels = dict.fromkeys(label.split(".")[0] for label in settings.ATLAS_CONTENT_MODELS)
    return [
        importlib.import_module(f"{apps.get_app_config(label).name}.synthetic") for label in labels
    ]


def allocate(total: int, shares: Mapping[str, float]) -> dict[str, int]:
    """Split `total` between the labels of `shares` by largest remainder: the parts sum to it."""
    weight = sum(shares.values())
    exact = {label: total * share / weight for label, share in shares.items()}
    counts = {label: int(value) for label, value in exact.items()}
    by_remainder = sorted(shares, key=lambda label: counts[label] - exact[label])
    for label in by_remainder[: total - sum(counts.values())]:
        counts[label] += 1
    return counts


def pk(instance: Model) -> Any:
    """Sort key: saved instances in the order the database numbered them."""
    return instance.pk


def weights(count: int, exponent: float) -> list[float]:
    """Cumulative Zipf-like weights: the first items are picked far more often than the last."""
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


@contextmanager
def timestamps_as_given(model: type[Model]) -> Iterator[None]:
    """Let bulk_create keep the `updated_at` we set, which `auto_now` would replace by now."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, DateField | TimeField) and f.auto_now
    ]
    for auto_field in fields:
        auto_field.auto_now = False
    try:
        yield
    finally:
        for auto_field in fields:
            auto_field.auto_now = True


@dataclass
class Context:
    """What the app generators share: the random source, the counts, the tags, what exists."""

    rng: random.Random
    counts: dict[str, int]
    tags: list[Tag]
    batch_size: int = 2000
    created: dict[str, list[Model]] = field(default_factory=dict)
    # {model: (slugs taken, {slug base: next number to try})}
    _slugs: dict[type[Entry], tuple[set[str], dict[str, int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._city_weights = weights(len(CITIES), 0.9)
        # Which tags are frequent differs from one seed to another.
        self.tags = self.rng.sample(self.tags, len(self.tags))
        self._tag_weights = weights(len(self.tags), 0.7)

    def city(self) -> tuple[str, str]:
        """A (city, region code) pair, big cities more often."""
        return self.rng.choices(CITIES, cum_weights=self._city_weights)[0]

    def moments(self) -> tuple[datetime, datetime]:
        """A creation date and a later update date, both before LAST_DAY."""
        span = (LAST_DAY - FIRST_DAY).total_seconds()
        created = FIRST_DAY + timedelta(seconds=int(self.rng.random() * span))
        remaining = (LAST_DAY - created).total_seconds()
        return created, created + timedelta(seconds=int(self.rng.random() * remaining))

    def entry_fields(self, model: type[Entry], name: str) -> dict[str, Any]:
        """What every entry needs: a unique ASCII slug, publication, dates."""
        created_at, updated_at = self.moments()
        return {
            "name": name,
            "slug": self.slug(model, name),
            "status": PublicationStatus.PUBLISHED,
            "created_at": created_at,
            "updated_at": updated_at,
        }

    def slug(self, model: type[Entry], name: str) -> str:
        """An ASCII slug from `name`, unique in `model`'s table (existing rows included)."""
        if model not in self._slugs:
            self._slugs[model] = (set(model.objects.values_list("slug", flat=True)), {})
        taken, next_suffix = self._slugs[model]
        base = slugify(name)[:SLUG_LENGTH].strip("-") or "fiche"
        slug, number = base, next_suffix.get(base, 2)
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        next_suffix[base] = number
        taken.add(slug)
        return slug

    def insert(self, model: type[M], objects: Iterable[M]) -> list[M]:
        """bulk_create `objects` in batches; their primary keys are set on return."""
        with timestamps_as_given(model):
            # Every model the apps insert declares `objects`, which django-stubs cannot know of M.
            return model.objects.bulk_create(objects, batch_size=self.batch_size)  # type: ignore[attr-defined]

    def insert_rows(
        self, model: type[Model], fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        """INSERT `rows`, tuples of `fields`' values, with no model instance in between.

        For the hundreds of thousands of tags, links and details, whose primary keys nobody
        needs: bulk_create would spend most of the generator's time building and compiling them.
        """
        opts, quote = model._meta, connection.ops.quote_name
        # The fields named are the model's own columns, never a relation's other end.
        columns = ", ".join(quote(opts.get_field(name).column) for name in fields)  # type: ignore[union-attr,arg-type]
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES ({placeholders})"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), self.batch_size):
                cursor.executemany(sql, rows[start : start + self.batch_size])

    def tag(self, entries: Sequence[Entry]) -> None:
        """Give each entry one to six tags, the frequent ones more often."""
        if not entries:
            return
        content_type = ContentType.objects.get_for_model(type(entries[0]))
        rows = []
        for entry in entries:
            count = self.rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6))
            chosen = self.rng.choices(self.tags, cum_weights=self._tag_weights, k=count)
            rows += [(content_type.pk, entry.pk, tag.pk) for tag in dict.fromkeys(chosen)]
        self.insert_rows(TaggedEntry, ("content_type", "object_id", "tag"), rows)

    def add_details(
        self,
        entries: Sequence[Entry],
        figures: Sequence[tuple[str, Callable[[random.Random], str]]],
    ) -> None:
        """A key figure for about a third of `entries`, a source for half of them.

        `figures` are (label, function of the random source giving the value) pairs.
        """
        if not entries:
            return
        content_type = ContentType.objects.get_for_model(type(entries[0])).pk
        key_figures, sources = [], []
        for entry in entries:
            if self.rng.random() < 0.35:
                label, value = self.rng.choice(figures)
                key_figures.append((content_type, entry.pk, 0, label, value(self.rng), ""))
            if self.rng.random() < 0.5:
                title = f"Présentation de {entry.name}"[:300]
                url = f"https://www.example.org/atlas/{entry.slug}"
                publisher = self.rng.choice(SOURCE_PUBLISHERS)
                sources.append((content_type, entry.pk, 0, title, url, publisher))
        common = ("content_type", "object_id", "position")
        self.insert_rows(KeyFigure, (*common, "label", "value", "source_url"), key_figures)
        self.insert_rows(Source, (*common, "title", "url", "publisher"), sources)


SOURCE_PUBLISHERS = [
    "Site de l'organisation",
    "Communiqué de presse",
    "Rapport d'activité",
    "Revue scientifique",
    "Presse spécialisée",
]


def euros(amount: int) -> str:
    """An amount as the site writes it: « 4,5 M€ », « 850 k€ », « 1,2 Md€ »."""
    for size, unit in ((10**9, "Md€"), (10**6, "M€"), (10**3, "k€")):
        if amount >= size:
            return f"{amount / size:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"
    return f"{amount} €"


def generate_entries(count: int, *, seed: int = 0, batch_size: int = 2000) -> dict[str, int]:
    """Add `count` published entries of every kind; return how many of each were made."""
    modules = generator_modules()
    shares = {label: share for module in modules for label, share in module.SHARES.items()}
    with transaction.atomic():
        context = Context(
            rng=random.Random(seed),
            counts=allocate(count, shares),
            tags=vocabulary_tags(),
            batch_size=batch_size,
        )
        for module in modules:
            module.generate(context)
        # bulk_create calls neither save() nor the signals that index entries and renew the
        # pages' cache: do both once for all.
        search.rebuild()
        content_changed()
    # A bulk load leaves the query planner with no statistics (SQLite) or stale ones: SQLite
    # then walks an index on `status`, whose single value selects every row, to find one entry.
    # PostgreSQL's VACUUM also marks the new pages all-visible, as autovacuum would some time
    # later: until then no index-only scan (a tag's taggings read from the table, 2.4 against
    # 0.2 ms at 100 000 entries). VACUUM cannot run in a transaction (tests run in one).
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return {label: len(entries) for label, entries in context.created.items()}
