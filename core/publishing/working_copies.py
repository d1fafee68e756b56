"""Working copies: an editor's change to a published entry waits for a reviewer, apart from it.

The live row stays as it is, and public, until a reviewer publishes the change (applied to the
live row, one revision naming who proposed it and who approved it) or discards it. A working
copy holds only what differs from the live version (see PendingChange), so that publishing it
leaves alone whatever a reviewer changed in the live entry meanwhile.
"""

import functools
import json
from collections.abc import Callable, Collection, Mapping
from typing import Any, ParamSpec, TypeVar, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from modeltranslation.fields import TranslationField

from core.models import Entry, KeyFigure, Source, Tag
from core.prefetch import set_prefetched
from core.publishing.history import record_revision
from core.publishing.models import PendingChange

# Where an entry stands in the workflow is a reviewer's decision, never part of a proposal.
WORKFLOW_FIELDS = ("status", "publish_at", "unpublish_at")
# The details of an entry a working copy carries, and the fields of each that it keeps.
# A translated text is kept under its own name for the French and `_en` for the English.
DETAILS: dict[str, tuple[type[Source] | type[KeyFigure], tuple[str, ...]]] = {
    "sources": (Source, ("position", "title", "title_en", "url", "publisher")),
    "key_figures": (
        KeyFigure,
        ("position", "label", "label_en", "value", "value_en", "source_url"),
    ),
}
_P = ParamSpec("_P")
_R = TypeVar("_R")


def in_french(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `function` with the French active, as the editors' forms do (FrenchFieldsForm):
    a translated field's own name (`summary`) then reads and writes the French."""

    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return run


def content_fields(model: type[models.Model]) -> list[models.Field]:
    """The entry's own fields a working copy may change: all an editor edits but the workflow."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in WORKFLOW_FIELDS
        # The French column is the field itself (`summary`), kept under that name.
        and not (isinstance(field, TranslationField) and field.language == settings.LANGUAGE_CODE)
    ]


def relation_fields(model: type[models.Model]) -> list[models.Field]:
    """The entry's many-to-many relations to other entries (tags are kept by name apart)."""
    return [field for field in model._meta.many_to_many if field.name != "tags"]


def pending_change_of(entry: Entry) -> PendingChange | None:
    """The working copy of `entry`, or None."""
    content_type = ContentType.objects.get_for_model(entry)
    return PendingChange.objects.filter(content_type=content_type, object_id=entry.pk).first()


def _stored(value: object) -> Any:
    """`value` as the working copy's JSON stores it, so that both compare alike."""
    if isinstance(value, models.fields.files.FieldFile):
        value = value.name or ""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def field_value(entry: Entry, field: models.Field) -> Any:
    return _stored(getattr(entry, field.attname))


@in_french
def detail_rows(entry: Entry, name: str) -> list[dict[str, Any]]:
    """The sources or key figures (`name`) of the live `entry`, as a working copy holds them."""
    fields = DETAILS[name][1]
    # An English text not yet written is NULL in the table and "" in a proposal.
    return [
        {
            field: "" if getattr(detail, field) is None else getattr(detail, field)
            for field in fields
        }
        for detail in getattr(entry, name).order_by("position", "pk")
    ]


def tag_names(entry: Entry) -> list[str]:
    return sorted(entry.tags.names(), key=str.casefold)


@in_french
def propose(
    *,
    entry: Entry,
    user: User | AnonymousUser,
    fields: Collection[str] | None = None,
    relations: Mapping[str, Collection[int]] | None = None,
    tags: Collection[str] | None = None,
    details: Mapping[str, list[dict[str, Any]]] | None = None,
    origin: str | None = None,
) -> PendingChange | None:
    """Keep what `entry` (changed in memory, unsaved) proposes, against its live version.

    `fields` names the fields the proposal speaks for (None: all); `relations` maps relation
    names to ids, `tags` lists names, `details` maps "sources"/"key_figures" to rows; a part
    left None keeps what the working copy already proposed for it; so does `origin` (where the
    change came from, named by the revision that publishes it). Returns the working copy, or
    None when nothing differs any more from the live version.
    """
    model = type(entry)
    live = model._default_manager.get(pk=entry.pk)
    existing = pending_change_of(live)
    values = dict(existing.proposed_values) if existing else {}
    proposed_fields = dict(values.get("fields", {}))
    for field in content_fields(model):
        if fields is not None and field.name not in fields:
            continue
        proposed_fields.pop(field.name, None)
        if field_value(entry, field) != field_value(live, field):
            proposed_fields[field.name] = field_value(entry, field)
    values["fields"] = proposed_fields
    if relations is not None:
        values["relations"] = {
            name: sorted(ids)
            for name, ids in relations.items()
            if sorted(ids) != sorted(getattr(live, name).values_list("pk", flat=True))
        }
    if tags is not None:
        values.pop("tags", None)
        if [name.casefold() for name in sorted(tags, key=str.casefold)] != [
            name.casefold() for name in tag_names(live)
        ]:
            values["tags"] = sorted(tags, key=str.casefold)
    for name, rows in (details or {}).items():
        values.pop(name, None)
        if rows != detail_rows(live, name):
            values[name] = rows
    # Fields and relations are dicts that may be left empty; an empty list of tags or sources
    # is a proposal (remove them all).
    values = {
        part: value
        for part, value in values.items()
        if value or part not in ("fields", "relations")
    }
    content_type = ContentType.objects.get_for_model(model)
    if not values:
        PendingChange.objects.filter(content_type=content_type, object_id=live.pk).delete()
        return None
    defaults: dict[str, Any] = {
        "proposed_values": values,
        "proposed_by": user,
        "proposed_at": timezone.now(),
        "base_version": live.version,
    }
    if origin is not None:
        defaults["origin"] = origin
    pending, _created = PendingChange.objects.update_or_create(
        content_type=content_type, object_id=live.pk, defaults=defaults
    )
    return pending


def apply_fields(entry: Entry, pending: PendingChange) -> None:
    """Give `entry` (in memory) the field values `pending` proposes."""
    for name, value in pending.proposed_values.get("fields", {}).items():
        # One of the entry's own fields (content_fields), never a relation's reverse side.
        field = cast(models.Field, type(entry)._meta.get_field(name))
        if isinstance(field, models.FileField):
            setattr(entry, field.attname, value)
        else:
            setattr(entry, field.attname, field.to_python(value))


@in_french
def show(entry: Entry, pending: PendingChange, *, published_only: bool) -> Entry:
    """Make `entry` read, in memory, as `pending` proposes: for a preview or a form.

    Relations read through `entry.<name>.all()` and `entry.tags.all()` give the proposed ones;
    `published_only` keeps only related entries the public may see (a page).
    """
    apply_fields(entry, pending)
    values = pending.proposed_values
    for name, ids in values.get("relations", {}).items():
        # A many-to-many field to entries, whose model is known and has published().
        related_model = cast(type[Entry], type(entry)._meta.get_field(name).related_model)
        related = related_model._default_manager
        # The manager gives way to a queryset of the same entries.
        related = related.published() if published_only else related.all()  # type: ignore[assignment]
        set_prefetched(entry, name, related_model, list(related.filter(pk__in=ids)))
    if "tags" in values:
        # Read by the form, which shows the proposed names, created or not.
        entry.proposed_tag_names = values["tags"]  # type: ignore[attr-defined]
        # Tags proposed but not created yet have no page to link to: the preview leaves them out.
        set_prefetched(entry, "tags", Tag, list(Tag.objects.filter(name__in=values["tags"])))
    for name, (model, _fields) in DETAILS.items():
        if name in values:
            set_prefetched(entry, name, model, [model(**row) for row in values[name]])
    return entry


@in_french
@transaction.atomic
def publish(*, pending: PendingChange, user: User | AnonymousUser) -> Entry:
    """Apply `pending` to its live entry, as one revision by `user`; the working copy goes.

    Raises ValidationError if the entry would no longer be valid (a slug taken meanwhile).
    """
    # A working copy is always of an entry, whose model is installed.
    model = cast(type[Entry], pending.content_type.model_class())
    entry = model._default_manager.select_for_update().get(pk=pending.object_id)
    values = pending.proposed_values
    apply_fields(entry, pending)
    entry.reviewed_at = timezone.now()
    entry.full_clean()
    # One revision, written once the relations, tags and details are saved too.
    entry.skip_history_when_saving = True
    entry.save()
    for name, ids in values.get("relations", {}).items():
        getattr(entry, name).set(ids)
    if "tags" in values:
        entry.tags.set(values["tags"])
    for name in DETAILS:
        if name in values:
            _replace_details(entry, name, values[name])
    del entry.skip_history_when_saving
    moment = formats.date_format(timezone.localtime(pending.proposed_at), "DATETIME_FORMAT")
    reason = _("Modification proposée par %(author)s le %(date)s, publiée par %(reviewer)s") % {
        "author": pending.proposed_by or _("un inconnu"),
        "date": moment,
        "reviewer": user,
    }
    if pending.origin:
        # First: a revision's reason is cut at 100 characters.
        reason = f"{capfirst(pending.origin)} — {reason}"
    record_revision(entry, user=user, reason=reason)
    pending.delete()
    return entry


def _replace_details(entry: Entry, name: str, rows: list[dict[str, Any]]) -> None:
    """Make the sources or key figures of `entry` those `rows` say, each change a revision."""
    model, fields = DETAILS[name]
    current = list(getattr(entry, name).order_by("position", "pk"))
    # Sources are matched by title (unique per entry), key figures by their place in the list.
    if model is Source:
        by_title = {detail.title: detail for detail in current}
        kept = [by_title.pop(row["title"], None) for row in rows]
        leftover = list(by_title.values())
    else:
        kept = [*current[: len(rows)], *[None] * (len(rows) - len(current))]
        leftover = current[len(rows) :]
    for detail in leftover:
        detail.delete()
    for detail, row in zip(kept, rows, strict=True):
        if detail is None:
            model.objects.create(entry=entry, **row)
        elif any(getattr(detail, field) != row[field] for field in fields):
            for field in fields:
                setattr(detail, field, row[field])
            detail.save()


def discard(*, pending: PendingChange) -> None:
    """Drop `pending`: the live entry stays as it is."""
    pending.delete()
