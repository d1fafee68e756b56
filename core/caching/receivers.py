"""The signal receivers that make stale what a change of content shows (core.caching.invalidation).

Receivers rather than model methods: admin inlines, `loaddata` (raw saves), many-to-many edits
(members, operators, providers, tags) and deletes never call `Model.save()`; receivers see
them all. They also note, while a page renders, every entry or tag it builds (post_init).
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save

from core.caching import dependencies as deps
from core.caching.invalidation import (
    UNWATCHED_MODELS,
    content_models,
    entry_keys,
    field_values,
    list_keys,
    record_keys,
    tag_membership_keys,
)


def _on_init(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if instance.pk is not None and deps.is_collecting():
        if sender._meta.label in ("core.Tag", "taggit.Tag"):
            deps.depend_on(deps.tag_key(instance.pk))
        else:
            deps.depend_on(deps.entry_key(sender, instance.pk))


def _on_entry_pre_save(sender: type[Model], instance: Any, raw: bool, **kwargs: Any) -> None:
    before = None
    if instance.pk is not None and not instance._state.adding:
        stored = sender._base_manager.filter(pk=instance.pk).values(
            *(field.attname for field in sender._meta.concrete_fields)
        )
        before = stored.first()
    instance._atlas_cache_before = before


def _on_entry_saved(sender: type[Model], instance: Model, using: str, **kwargs: Any) -> None:
    before = getattr(instance, "_atlas_cache_before", None)
    deps.invalidate(entry_keys(instance, before, field_values(instance)), using=using)


def _on_entry_deleted(sender: type[Model], instance: Model, using: str, **kwargs: Any) -> None:
    keys = entry_keys(instance, field_values(instance), None)
    deps.invalidate(keys | list_keys(sender), using=using)


def _on_record_changed(sender: type[Model], instance: Model, using: str, **kwargs: Any) -> None:
    deps.invalidate(record_keys(instance), using=using)


def _on_m2m_changed(
    sender: type[Model],
    instance: Model,
    action: str,
    model: type[Model],
    pk_set: set[Any] | None,
    using: str,
    reverse: bool,
    **kwargs: Any,
) -> None:
    if not action.startswith("post_") or pk_set == set():
        # Nothing added or removed: a form saved its relations unchanged.
        return
    # The list of the kind that declares the relation: its facets count along it.
    keys = list_keys(model if reverse else type(instance))
    if type(instance) in content_models():
        keys.add(deps.entry_key(type(instance), instance.pk))
    if model in content_models():
        keys.update(deps.entry_key(model, pk) for pk in pk_set or ())
        if pk_set is None:
            # A clear(): the entries that were related are no longer known here.
            keys.add(deps.EVERYTHING)
    else:
        # Tags, added or removed through the tag manager.
        keys |= {deps.TAGS, deps.SEARCH}
        keys.update(key for pk in pk_set or () for key in tag_membership_keys(pk))
    deps.invalidate(keys, using=using)


def watched_models() -> list[type[Model]]:
    """Every model of the project's own apps and of taggit, many-to-many tables included.

    A model may say it never shows on a public page with `changes_public_pages = False`
    (visitors' proposals, alert subscriptions): a flood of them must not empty the page cache.
    """
    labels = [*settings.LOCAL_APPS, "taggit"]
    return [
        model
        for label in labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.label not in UNWATCHED_MODELS
        # Revisions (django-simple-history) are written with the entry they record.
        and not hasattr(model, "instance_type")
        and getattr(model, "changes_public_pages", True)
    ]


def connect_signals() -> None:
    """Connect the receivers (called by CoreConfig.ready)."""
    # One receiver per model, not one for every sender: a receiver for all senders would make
    # Django delete every model's rows one by one (sessions, search documents) to signal each.
    entries = content_models()
    for model in watched_models():
        uid = f"atlas-cache-{model._meta.label}"
        if model in entries:
            pre_save.connect(_on_entry_pre_save, sender=model, dispatch_uid=uid)
            post_save.connect(_on_entry_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_on_entry_deleted, sender=model, dispatch_uid=uid)
        else:
            post_save.connect(_on_record_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_on_record_changed, sender=model, dispatch_uid=uid)
        m2m_changed.connect(_on_m2m_changed, sender=model, dispatch_uid=uid)
        if model in entries or model._meta.label in ("core.Tag", "taggit.Tag"):
            post_init.connect(_on_init, sender=model, dispatch_uid=uid)
