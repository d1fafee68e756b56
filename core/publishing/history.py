"""Revisions of the atlas's content: who changed what and when, from what to what.

django-simple-history keeps, for each content model, a table of its rows as they were after each
change (with the many-to-many links named in `m2m_fields`). Two things are added here:

- the tags of an entry, which taggit keeps in a generic table that simple-history cannot follow,
  are copied into each revision as text (`tag_names`);
- the admin writes one revision per save, once the form, its relations and its tags are all
  saved (`record_revision`), instead of one for the row and one more per relation changed.
"""

import dataclasses
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator
from simple_history.models import HistoricalChanges, HistoricalRecords, ModelChange, ModelDelta
from simple_history.signals import pre_create_historical_record
from simple_history.template_utils import HistoricalRecordContextHelper

# Fields every save changes: showing them would bury what an editor did.
UNSHOWN_FIELDS = ("updated_at", "version")
EMPTY = "—"


class TaggedRevision(models.Model):
    """What a revision of an entry adds to its fields: its tags, one name a line."""

    tag_names = models.TextField(_("étiquettes"), blank=True)
    # A field of every revision model, which simple-history builds on this one.
    history_type: str

    class Meta:
        abstract = True

    @property
    def tag_list(self) -> list[str]:
        return self.tag_names.splitlines()


class AtlasHistoricalRecords(HistoricalRecords):
    """simple-history's records, which the admin may also write when it chooses."""

    def finalize(self, sender: type[models.Model], **kwargs: Any) -> None:
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            sender._revision_writer = self

    def post_save(
        self, instance: models.Model, created: bool, using: str | None = None, **kwargs: Any
    ) -> None:
        if kwargs.get("raw"):
            # `loaddata` sets the many-to-many fields just after this raw save, and simple-history
            # would write a revision of that nobody made: with a dump holding the revisions, one
            # whose id the dump already has (PostgreSQL's sequence is reset only at the end).
            # simple-history's flag, which no model declares.
            instance.skip_history_when_saving = True  # type: ignore[attr-defined]
        super().post_save(instance, created, using=using, **kwargs)


def entry_history(**options: Any) -> AtlasHistoricalRecords:
    """The history of an entry model: its fields, its tags and its `m2m_fields`."""
    return AtlasHistoricalRecords(bases=[TaggedRevision], **options)


def record_revision(
    instance: models.Model,
    *,
    user: User | AnonymousUser | None,
    history_type: str = "~",
    reason: str | Promise | None = None,
) -> None:
    """Write a revision of `instance` as it is now, by `user`; `reason` is cut to fit."""
    # The ignored attributes are simple-history's and ours, set on the model at runtime.
    instance._history_user = user  # type: ignore[attr-defined]
    if reason:
        # PostgreSQL refuses a reason longer than its column (SQLite would keep it whole).
        limit = type(instance).history.model._meta.get_field("history_change_reason").max_length  # type: ignore[attr-defined]
        instance._change_reason = Truncator(str(reason)).chars(limit)  # type: ignore[attr-defined]
    type(instance)._revision_writer.create_historical_record(instance, history_type)  # type: ignore[attr-defined]


@receiver(pre_create_historical_record, dispatch_uid="atlas_revision_tags")
def copy_tags_into_revision(
    sender: type[HistoricalChanges],
    instance: models.Model,
    history_instance: HistoricalChanges,
    **kwargs: Any,
) -> None:
    if not isinstance(history_instance, TaggedRevision):
        return
    if history_instance.history_type == "-":
        # A deleted entry has lost its tags already: keep those of its last revision.
        last = sender.objects.filter(id=instance.pk).order_by("-history_date").first()
        history_instance.tag_names = last.tag_names if last else ""
        return
    # Only entries have tagged revisions: `instance` has tags.
    history_instance.tag_names = "\n".join(sorted(instance.tags.names(), key=str.lower))  # type: ignore[attr-defined]


def changes_between(newer: HistoricalChanges, older: HistoricalChanges) -> ModelDelta:
    """What changed from the revision `older` to `newer`, tags included, dates of save left out."""
    delta = newer.diff_against(
        older,
        included_fields=compared_fields(newer),
        excluded_fields=UNSHOWN_FIELDS,
        foreign_keys_are_objs=True,
    )
    if isinstance(newer, TaggedRevision) and newer.tag_names != older.tag_names:
        delta.changes.append(ModelChange("tags", older.tag_list, newer.tag_list))
        delta.changed_fields.append("tags")
    return delta


def compared_fields(revision: HistoricalChanges) -> set[str]:
    """The fields two revisions are compared on, a translated text as its columns.

    « résumé [fr] » and « résumé [en] » rather than « résumé », which reads whichever language
    is active; simple-history listed the fields it follows before the columns were added.
    """
    try:
        translated = translator.get_options_for_model(revision.instance_type).all_fields
    except NotRegistered:
        translated = {}
    return {
        *(field.name for field in revision.tracked_fields if field.editable),
        *(field.name for field in revision._history_m2m_fields),
        *(column.name for columns in translated.values() for column in columns),
    } - set(translated)


class ReadableChanges(HistoricalRecordContextHelper):
    """Changes as an editor reads them: labels of choices, French dates, names of relations."""

    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        field = self.model._meta.get_field(change.field)
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value) or EMPTY
        if value is None or value == "":
            return EMPTY
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, bool):
            return _("oui") if value else _("non")
        return value

    def format_delta_change(self, change: ModelChange) -> ModelChange:
        formatted = super().format_delta_change(change)
        field = self.model._meta.get_field(change.field)
        if isinstance(field, TranslationField) and field.language == settings.LANGUAGE_CODE:
            # The French is the text itself, as the form shows it: « Nom », and « Nom [en] ».
            return dataclasses.replace(
                formatted, field=capfirst(field.translated_field.verbose_name)
            )
        return dataclasses.replace(formatted, field=str(formatted.field))


class PlainChanges(ReadableChanges):
    """The same, as plain text for a message rather than HTML for a page."""

    def stringify_delta_change_values(
        self, change: ModelChange, old: object, new: object
    ) -> tuple[str, str]:
        return self.get_obj_diff_display().common_shorten_repr(str(old), str(new))


def readable_changes(
    model: type[models.Model], newer: HistoricalChanges, older: HistoricalChanges
) -> list[dict[str, Any]]:
    """The changes from `older` to `newer` as plain-text {"field", "old", "new"} dicts."""
    return PlainChanges(model, newer).context_for_delta_changes(changes_between(newer, older))
