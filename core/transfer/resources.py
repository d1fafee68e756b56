"""What the import and export of every kind of entry share (django-import-export resources).

Rows name things by their natural keys, never by database ids, so that a file from another atlas
or a spreadsheet typed by hand can be imported: an entry is known by its slug, a related entry
by its slug, several by slugs separated by commas, tags by their names separated by commas.

An import is one transaction: if any row is refused, nothing is written. Rows that would change
nothing are skipped and reported as such, so importing what was just exported changes nothing.
A translated text has a column per language: its own name for the French (`summary`), `_en`
for the English (`summary_en`), read and written with the French active whatever the editor's.
The publication status is exported but never imported: an import cannot publish, and what it
creates waits as a draft for a reviewer. A row by an editor that changes a published entry
becomes that entry's working copy, as the editor's form would (core.publishing.working_copies).
"""

from typing import Any

import tablib
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import override
from import_export import fields, resources, results, widgets
from modeltranslation.fields import TranslationField

from core.publishing import permissions, working_copies
from core.publishing.history import record_revision
from core.transfer.cells import safe_cell
from core.transfer.lookups import FileInstanceLoader
from core.transfer.widgets import (
    NullableCharWidget,
    SlugManyToManyWidget,
    TagsField,
    TagsWidget,
)

# The columns every entry has, before its model's own.
ENTRY_FIELDS = (
    "slug",
    "name",
    "name_en",
    "status",
    "summary",
    "summary_en",
    "description",
    "description_en",
    "website",
)


def _importer(kwargs: dict[str, Any]) -> User | AnonymousUser:
    """Who imports: the admin's import passes its request's user to every row."""
    return kwargs["user"]


class AtlasResource(resources.ModelResource):
    """One transaction per import, unchanged rows skipped, model validation on every row.

    What the rows name (their instances, related entries, tags) is read once for the whole file
    (see core.transfer.lookups). Each row saved makes one revision, complete with its relations and
    tags.

    The instance saved carries flags from save_instance() to save_m2m() (`skip_history_when_saving`,
    `import_history_type`, `proposed`): the methods that set or read them take it as Any.
    """

    class Meta:
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = FileInstanceLoader

    @classmethod
    def widget_from_django_field(
        cls, f: models.Field, default: type[widgets.Widget] = widgets.Widget
    ) -> type[widgets.Widget]:
        # A translation not written is NULL, as saving stores it: an empty cell says so.
        if isinstance(f, TranslationField):
            return NullableCharWidget
        # A spreadsheet's empty cell reads as None: a text column must store "", never NULL.
        if isinstance(f, models.CharField | models.TextField):
            return widgets.CharWidget
        return super().widget_from_django_field(f, default)

    def export_field(self, field: fields.Field, instance: models.Model, **kwargs: Any) -> object:
        # Every file the atlas writes is opened in spreadsheets: no cell may run as a formula.
        return safe_cell(super().export_field(field, instance, **kwargs))

    def import_data(self, dataset: tablib.Dataset, **kwargs: Any) -> results.Result:
        # A refused row (a validation error) undoes the whole import, not only an exception.
        kwargs.setdefault("rollback_on_validation_errors", True)
        with override(settings.LANGUAGE_CODE):
            return super().import_data(dataset, **kwargs)

    def export(self, *args: Any, **kwargs: Any) -> tablib.Dataset:
        with override(settings.LANGUAGE_CODE):
            return super().export(*args, **kwargs)

    def before_import(self, dataset: tablib.Dataset, **kwargs: Any) -> None:
        super().before_import(dataset, **kwargs)
        # The widgets of related entries and tags read at once what their column names.
        for field in self.get_import_fields():
            if hasattr(field.widget, "load") and field.column_name in (dataset.headers or ()):
                field.widget.load(dataset[field.column_name])

    def save_instance(
        self, instance: Any, is_create: bool, row: dict[str, Any], **kwargs: Any
    ) -> None:
        # simple-history would write a revision now, without the relations and tags, then one
        # more per relation saved: the row's one revision is written in save_m2m, after them.
        instance.skip_history_when_saving = True
        instance.import_history_type = "+" if is_create else "~"
        super().save_instance(instance, is_create, row, **kwargs)

    def save_m2m(self, instance: Any, row: dict[str, Any], **kwargs: Any) -> None:
        super().save_m2m(instance, row, **kwargs)
        del instance.skip_history_when_saving
        # Without a transaction, a dry run saves nothing (django-import-export's own rule).
        if kwargs.get("using_transactions") or not kwargs.get("dry_run"):
            record_revision(
                instance, user=kwargs.get("user"), history_type=instance.import_history_type
            )

    def import_instance(self, instance: models.Model, row: dict[str, Any], **kwargs: Any) -> None:
        """Check the many-to-many cells too, so that their errors show with the others."""
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)


class EntryResource(AtlasResource):
    """An entry, known by its slug, with its tags; its status goes out but does not come in."""

    status = fields.Field(attribute="status", column_name="status", readonly=True)
    tags = TagsField(attribute="tags", column_name="tags", widget=TagsWidget())

    class Meta:
        import_id_fields = ("slug",)

    def save_instance(
        self, instance: Any, is_create: bool, row: dict[str, Any], **kwargs: Any
    ) -> None:
        # An editor's row that changes a published entry waits for a reviewer (save_m2m).
        instance.proposed = not is_create and permissions.must_propose(
            user=_importer(kwargs), model=type(instance), stored_status=instance.status
        )
        if not instance.proposed:
            super().save_instance(instance, is_create, row, **kwargs)

    def save_m2m(self, instance: Any, row: dict[str, Any], **kwargs: Any) -> None:
        if not instance.proposed:
            return super().save_m2m(instance, row, **kwargs)
        if not kwargs.get("using_transactions") and kwargs.get("dry_run"):
            return None
        fields = [field for field in self.get_import_fields() if field.column_name in row]
        working_copies.propose(
            entry=instance,
            user=_importer(kwargs),
            fields=[field.attribute for field in fields],
            relations={
                field.attribute: [entry.pk for entry in field.clean(row)]
                for field in fields
                if isinstance(field.widget, SlugManyToManyWidget)
            },
            tags=[tag.name for tag in self.fields["tags"].clean(row)] if "tags" in row else None,
        )
        return None

    def skip_row(
        self,
        instance: models.Model,
        original: models.Model,
        row: dict[str, Any],
        import_validation_errors: dict[str, Any] | None = None,
    ) -> bool:
        # A tag that does not exist yet has no primary key to compare: the row is a change.
        # A refused row is never skipped, and its tags, maybe refused, are not cleaned again.
        if import_validation_errors:
            return False
        if "tags" in row and any(tag.pk is None for tag in self.fields["tags"].clean(row)):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)
