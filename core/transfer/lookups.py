"""What an import reads once for the whole file rather than once per row.

Measured on 1 000 actors, an import ran some fifty queries a row: the row's entry, its parent,
its members and its tags were each looked up again every time a step of django-import-export
cleaned the row, and taggit wrote each tag with a query of its own. Here, before the first row,
the entries and tags the file names are read in a few queries; a row then finds them in memory.

Only what was read from the database is kept, never what the import itself creates: each row
runs in a savepoint, and an object created by a row that is then rolled back must not be offered
to the next one. So a name not found is looked up again, and finds what an earlier row created.
"""

import operator
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import reduce
from typing import Any, TypeVar

import tablib
from django.contrib.contenttypes.models import ContentType
from django.db import models, router
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed
from import_export import resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from core.models import Entry, Tag, TaggedEntry

# Values per query: SQLite refuses more than a few thousand parameters, or a deep OR.
BATCH_SIZE = 200

T = TypeVar("T")
# The values that identify a row's instance (FileInstanceLoader.key).
Key = tuple[Any, ...]


def batches(values: Iterable[T]) -> Iterator[list[T]]:
    values = sorted(values, key=str)
    for start in range(0, len(values), BATCH_SIZE):
        yield values[start : start + BATCH_SIZE]


class EntriesBySlug:
    """The entries of one model that an import names, by slug."""

    def __init__(self, model: type[Entry]) -> None:
        self.model = model
        self.known: dict[str, Entry] = {}

    def load(self, slugs: Iterable[str]) -> None:
        """Read these entries, forgetting those of an earlier import."""
        self.known = {}
        self._read(set(slugs))

    def get(self, slugs: Sequence[str]) -> list[Entry]:
        """The entries with these slugs, in order, leaving out the slugs that none has."""
        self._read({slug for slug in slugs if slug not in self.known})
        return [self.known[slug] for slug in slugs if slug in self.known]

    def _read(self, slugs: Iterable[str]) -> None:
        for batch in batches(slugs):
            self.known.update(
                (entry.slug, entry) for entry in self.model.objects.filter(slug__in=batch)
            )


class TagsByName:
    """The tags an import names, by name compared without case (TAGGIT_CASE_INSENSITIVE)."""

    def __init__(self) -> None:
        self.known: dict[str, Tag] = {}

    def load(self, names: Iterable[str]) -> None:
        self.known = {}
        self._read(set(names))

    def get(self, name: str) -> Tag | None:
        """The tag called `name`, or None if there is none yet."""
        if name.casefold() not in self.known:
            self._read({name})
        return self.known.get(name.casefold())

    def _read(self, names: Iterable[str]) -> None:
        for batch in batches(names):
            same_name = reduce(operator.or_, (models.Q(name__iexact=name) for name in batch))
            # Of two tags that differ only by case, taggit uses the older: so does the import.
            for tag in Tag.objects.filter(same_name).order_by("pk"):
                self.known.setdefault(tag.name.casefold(), tag)


def set_tags(entry: Entry, tags: Iterable[Tag]) -> None:
    """Give `entry` exactly these saved tags: one query to read its own, one to add the new.

    taggit's set() looks each tag up by name and adds each with a get_or_create of its own.
    The signals are those taggit sends, so that the page cache learns of the change.
    """
    db = router.db_for_write(TaggedEntry, instance=entry)
    content_type = ContentType.objects.db_manager(db).get_for_model(entry)
    own = TaggedEntry.objects.using(db).filter(content_type=content_type, object_id=entry.pk)
    current = set(own.values_list("tag_id", flat=True))
    wanted = {tag.pk: tag for tag in tags}
    removed = current - wanted.keys()
    added = wanted.keys() - current

    def send(action: str, pk_set: set[Any]) -> None:
        m2m_changed.send(
            sender=TaggedEntry,
            action=action,
            instance=entry,
            reverse=False,
            model=Tag,
            pk_set=pk_set,
            using=db,
        )

    if removed:
        send("pre_remove", removed)
        own.filter(tag_id__in=removed).delete()
        send("post_remove", removed)
    if added:
        send("pre_add", added)
        TaggedEntry.objects.using(db).bulk_create(
            TaggedEntry(content_type=content_type, object_id=entry.pk, tag=wanted[pk])
            for pk in sorted(added)
        )
        send("post_add", added)
    # The tags read before (a prefetch) are no longer the entry's.
    getattr(entry, "_prefetched_objects_cache", {}).pop("tags", None)


class FileInstanceLoader(ModelInstanceLoader):
    """Finds the instances a file updates in a few queries, with the relations its rows compare.

    Each instance read in advance is handed out once: a key met again in a later row is looked
    up in the database, where the earlier row may have created or changed it.
    """

    def __init__(
        self, resource: resources.ModelResource, dataset: tablib.Dataset | None = None
    ) -> None:
        super().__init__(resource, dataset)
        self.id_fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        self.unseen: dict[Key, models.Model] = {}
        self.absent: set[Key] = set()
        keys = set()
        for row in dataset.dict if dataset else ():
            try:
                keys.add(self.key(row))
            except (KeyError, ValueError, models.ObjectDoesNotExist):
                # A row whose key is wrong reports it when it is imported.
                continue
        for batch in batches(keys):
            for instance in self.get_queryset().filter(self.matching(batch)):
                self.unseen[self.stored_key(instance)] = instance
        self.absent = keys - self.unseen.keys()

    def get_queryset(self) -> QuerySet[models.Model]:
        """The resource's queryset, with the relations that the rows' comparisons read."""
        queryset = super().get_queryset()
        for field in self.resource.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                queryset = queryset.prefetch_related(field.attribute)
            elif isinstance(field.widget, widgets.ForeignKeyWidget):
                queryset = queryset.select_related(field.attribute)
        return queryset

    def key(self, row: dict[str, Any]) -> Key:
        """The values that identify a row's instance, related objects by primary key."""
        values = (field.clean(row) for field in self.id_fields)
        return tuple(value.pk if isinstance(value, models.Model) else value for value in values)

    def stored_key(self, instance: models.Model) -> Key:
        model = self.resource._meta.model
        return tuple(
            getattr(instance, model._meta.get_field(field.attribute).attname)
            for field in self.id_fields
        )

    def matching(self, keys: Collection[Key]) -> models.Q:
        """A condition true of the instances with these keys (and perhaps of a few more)."""
        model = self.resource._meta.model
        return models.Q(
            **{
                f"{model._meta.get_field(field.attribute).attname}__in": {key[i] for key in keys}
                for i, field in enumerate(self.id_fields)
            }
        )

    def get_instance(self, row: dict[str, Any]) -> models.Model | None:
        key = self.key(row)
        if key in self.unseen:
            return self.unseen.pop(key)
        if key in self.absent:
            # Not there when the import began; if the key comes back, an earlier row made it.
            self.absent.discard(key)
            return None
        return super().get_instance(row)
