"""Which dependency keys a change of content makes stale (core.caching.dependencies).

core.caching.receivers calls these on every save, delete and many-to-many change. Bulk writes
(`QuerySet.update()`, `bulk_create()`) send no signal: code that uses them calls
`content_changed()`, which makes everything stale.

An entry's change makes stale its own key (its page, and every page that shows its card or its
name), search, and, when the public sees it before or after, its kind's latest changes; its
kind's list, its tags' collections and its related entries' pages when it appears or
disappears; its kind's list and counts when a field the lists filter or count on changes; for
a new name, its tags' pages and the bands of the lists by name that it leaves and enters
(core.caching.name_order): a page by name that ends before both places stays kept.
"""

from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Model
from django.utils import timezone

from core.caching import dependencies as deps
from core.caching import name_order
from core.publishing.status import PublicationStatus


def _in_every_language(names: set[str]) -> set[str]:
    """`names` and their translations' columns (`summary_fr`, `summary_en`: modeltranslation)."""
    codes = [code for code, _name in settings.LANGUAGES]
    return {*names, *(f"{name}_{code}" for name in names for code in codes)}


# Fields an entry's card and the lists never show: a change to them touches the entry's page.
DETAIL_ONLY_FIELDS = _in_every_language({"description"}) | {
    "website",
    "updated_at",
    "version",
    "reviewed_at",
}
# Fields that no list filters, counts or groups on (search has its own key): renaming an entry
# changes its card and its place in the lists by name (core.caching.name_order), not one list's
# members, count or facet.
UNCOUNTED_FIELDS = (
    DETAIL_ONLY_FIELDS | _in_every_language({"name", "summary", "image_alt"}) | {"image"}
)
# Derived or bookkeeping data: it changes only along with what the receivers already see. A
# working copy is not public: proposing one changes no page (publishing it saves the entry).
UNWATCHED_MODELS = {"core.SearchDocument", "core.PendingChange"}


def content_models() -> list[type[Model]]:
    return [apps.get_model(label) for label in settings.ATLAS_CONTENT_MODELS]


def list_keys(model: type[Model]) -> set[str]:
    """The keys of `model`'s lists: what they show, and what they count."""
    return {deps.list_key(model), deps.counted_key(model)}


def _reschedule() -> None:
    value = caches[deps.GENERATIONS].get(deps.SCHEDULE)
    if value is not None:
        caches[deps.GENERATIONS].set(deps.SCHEDULE, (value[0], 0), timeout=None)


def content_changed(*, using: str | None = None) -> None:
    """Make every cached page and count stale (a deploy, a bulk write, a rebuilt index)."""
    deps.invalidate({deps.EVERYTHING}, using=using)


def _visible(values: dict[str, Any], now: datetime) -> bool:
    return (
        values.get("status") == PublicationStatus.PUBLISHED
        and (values.get("publish_at") is None or values["publish_at"] <= now)
        and (values.get("unpublish_at") is None or values["unpublish_at"] > now)
    )


def field_values(entry: Model) -> dict[str, Any]:
    return {field.attname: getattr(entry, field.attname) for field in entry._meta.concrete_fields}


def _related_entry_keys(entry: Model) -> set[str]:
    """The keys of the entries whose pages show `entry` as a relation, however reached."""
    keys = set()
    models = set(content_models())
    # Fields and reverse relations alike: typed as either, read for what both have.
    fields: list[Any] = list(entry._meta.get_fields())
    for field in fields:
        target = field.related_model
        if not field.is_relation or target is None or field.name in ("tags", "tagged_items"):
            continue
        if field.many_to_one and field.concrete:
            pk = getattr(entry, field.attname)
            if target in models and pk is not None:
                keys.add(deps.entry_key(target, pk))
            continue
        accessor = field.get_accessor_name() if field.auto_created else field.name
        if target in models:
            related = getattr(entry, accessor).values_list("pk", flat=True)
            keys.update(deps.entry_key(target, pk) for pk in related)
        elif field.one_to_many and target._meta.label not in UNWATCHED_MODELS:
            # Through a record such as an award: the entries at its other ends.
            ends = [f for f in target._meta.concrete_fields if f.related_model in models]
            for row in getattr(entry, accessor).values(*(f.attname for f in ends)):
                for end in ends:
                    if row[end.attname] is not None:
                        keys.add(deps.entry_key(end.related_model, row[end.attname]))
    return keys


def _tag_ids(entry: Any) -> list[Any]:
    return list(entry.tags.values_list("pk", flat=True)) if entry.pk else []


def _tag_collection_keys(entry: Any) -> set[str]:
    return {deps.TAGS, *(key for pk in _tag_ids(entry) for key in tag_membership_keys(pk))}


def tag_membership_keys(pk: object) -> set[str]:
    """The keys a tag's taking or losing an entry makes stale (not its name: see entry_keys)."""
    return {deps.tagged_key(pk), deps.members_key(pk)}


def appearance_keys(entry: Model) -> set[str]:
    """The keys made stale when `entry` appears to the public or disappears from it."""
    model = type(entry)
    return {
        deps.entry_key(model, entry.pk),
        deps.SEARCH,
        deps.recent_key(model),
        *list_keys(model),
        *_tag_collection_keys(entry),
        *_related_entry_keys(entry),
    }


def entry_keys(
    entry: Model, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> set[str]:
    """The keys a change of `entry` from `before` to `after` (field values, None) makes stale."""
    model = type(entry)
    keys = {deps.entry_key(model, entry.pk)}
    now = timezone.now()
    was = _visible(before, now) if before else False
    is_ = _visible(after, now) if after else False
    changed = {
        name
        for name in (after or before or {})
        if not before or not after or before[name] != after[name]
    }
    if {"status", "publish_at", "unpublish_at"} & changed:
        # The next scheduled change may be another one now (core.caching.schedule).
        _reschedule()
    if not (was or is_):
        return keys
    if was != is_:
        return keys | appearance_keys(entry)
    keys |= {deps.SEARCH, deps.recent_key(model)}
    if "name" in changed and before:
        # Its place in the lists by name: only the pages at or past its old or new place.
        keys |= name_order.rename_keys(model, entry.pk, before["name"])
    if changed - DETAIL_ONLY_FIELDS:
        # Its card on its tags' pages; the tags' counts and members stay the same.
        keys |= {deps.tagged_key(pk) for pk in _tag_ids(entry)}
        if changed - UNCOUNTED_FIELDS:
            # What the lists filter and count on: which lists hold it, their counts and facets.
            keys |= {deps.list_key(model), deps.counted_key(model)}
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.related_model and field.attname in changed:
            for values in (before, after):
                if values and values[field.attname] is not None:
                    keys.add(deps.entry_key(field.related_model, values[field.attname]))
    return keys


def _owner_keys(record: Any) -> set[str]:
    """Keys of the entry that owns a source, key figure or tagging (a generic relation)."""
    owner_model = record.content_type.model_class()
    if owner_model is None:
        return set()
    keys = {deps.entry_key(owner_model, record.object_id), deps.SEARCH}
    if owner_model in content_models():
        keys.add(deps.recent_key(owner_model))
    return keys


def record_keys(record: Any) -> set[str]:
    """Keys made stale by a change of a record that is not an entry (tag, tagging, award…)."""
    label = record._meta.label
    if label in ("core.Tag", "taggit.Tag"):
        # Always with TAGS: a page that depends on TAGS keeps no key per tag (deps.bounded).
        return {deps.tag_key(record.pk), deps.tagged_key(record.pk), deps.TAGS, deps.SEARCH}
    if label in ("core.TaggedEntry", "taggit.TaggedItem"):
        keys = _owner_keys(record) | tag_membership_keys(record.tag_id) | {deps.TAGS}
        owner_model = record.content_type.model_class()
        if owner_model in content_models():
            keys |= list_keys(owner_model)
            owner = owner_model._base_manager.filter(pk=record.object_id).first()
            if owner is not None:
                keys |= _tag_collection_keys(owner)
        return keys
    if hasattr(record, "content_type_id") and hasattr(record, "object_id"):
        return _owner_keys(record)
    ends = [f for f in record._meta.concrete_fields if f.related_model in content_models()]
    if ends:
        # An award, or a row of a many-to-many table: its ends' pages and lists.
        return {
            key
            for end in ends
            if getattr(record, end.attname) is not None
            for key in (
                deps.entry_key(end.related_model, getattr(record, end.attname)),
                *list_keys(end.related_model),
            )
        }
    return {deps.EVERYTHING}
