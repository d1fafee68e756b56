"""What a reviewer reads of a working copy: each change against the live version, field by field.

The changes are written as the history page writes a revision's (core.history.ReadableChanges):
labels of choices, French dates, names of related entries.
"""

from typing import Any

from django.db import models
from simple_history.models import ModelChange, ModelDelta

from core.models import Entry
from core.publishing.history import EMPTY, ReadableChanges
from core.publishing.models import PendingChange
from core.publishing.working_copies import DETAILS, apply_fields, detail_rows, tag_names


class WorkingCopyChanges(ReadableChanges):
    """Revision-like changes, whose relations and details arrive already as lists of names."""

    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(item) for item in value) or EMPTY
        return super().prepare_delta_change_value(change, value)


def proposed_changes(entry: Entry, pending: PendingChange) -> list[dict[str, Any]]:
    """The changes `pending` makes to the live `entry`, as {"field", "old", "new"} dicts."""
    model = type(entry)
    proposed = model._default_manager.get(pk=entry.pk)
    apply_fields(proposed, pending)
    values = pending.proposed_values
    changes = []
    for name in values.get("fields", {}):
        field = model._meta.get_field(name)
        old, new = getattr(entry, name), getattr(proposed, name)
        if isinstance(field, models.FileField):
            old, new = old.name, new.name
        changes.append(ModelChange(name, old, new))
    for name, ids in values.get("relations", {}).items():
        # A many-to-many field, whose related model is always known.
        related = model._meta.get_field(name).related_model._default_manager  # type: ignore[union-attr]
        old = sorted(str(item) for item in getattr(entry, name).all())
        new = sorted(str(item) for item in related.filter(pk__in=ids))
        changes.append(ModelChange(name, old, new))
    if "tags" in values:
        changes.append(ModelChange("tags", tag_names(entry), values["tags"]))
    for name, (detail_model, _fields) in DETAILS.items():
        if name in values:
            old = [str(detail_model(**row)) for row in detail_rows(entry, name)]
            new = [str(detail_model(**row)) for row in values[name]]
            changes.append(ModelChange(name, old, new))
    delta = ModelDelta(changes, [change.field for change in changes], None, None)
    return WorkingCopyChanges(model, None).context_for_delta_changes(delta)
