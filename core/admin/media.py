"""Entry images in the back-office: checked on upload, rendered after saving, removed when unused."""

from functools import partial
from typing import Any

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Field, QuerySet
from django.http import HttpRequest

from core.admin.mixins import ModelAdminMixin
from core.images.renditions import delete_image_files, entry_renditions
from core.images.uploads import ACCEPTED_FORMATS, clean_entry_image
from core.models import Entry


class EntryImageField(forms.ImageField):
    """An image field that keeps only a checked, metadata-free copy of what is uploaded.

    The stock field decodes the upload before any check and judges its type by its extension;
    this one reads the type from the content and refuses, with its own message, what
    core.images.uploads refuses. The kept copy is named after its real type, so no extension check.
    """

    default_validators = []

    def to_python(self, data: Any) -> SimpleUploadedFile | None:
        upload = forms.FileField.to_python(self, data)
        return None if upload is None else clean_entry_image(upload)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ",".join(
                content_type for _, content_type in ACCEPTED_FORMATS.values()
            )
        return attrs


class EntryMediaAdminMixin(ModelAdminMixin):
    """For the admin of an entry model: its image field, renditions and file clean-up.

    Files are touched only once the transaction has committed: a save that fails keeps the old
    image, and renditions are never made for an upload that was not kept. This is done here,
    not in signals, because the admin is where editors replace and delete images; a file left
    behind by a change made elsewhere (the shell, a migration) is only wasted space.
    """

    def formfield_for_dbfield(
        self, db_field: Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "image":
            kwargs["form_class"] = EntryImageField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Entry, form: Any, change: Any) -> None:
        previous = self._stored_image_name(obj) if change else ""
        super().save_model(request, obj, form, change)
        current = obj.image.name or ""
        if previous and previous != current:
            transaction.on_commit(partial(delete_image_files, previous))
        if current and current != previous:
            transaction.on_commit(partial(entry_renditions, current))

    def delete_model(self, request: HttpRequest, obj: Entry) -> None:
        image_name = obj.image.name
        super().delete_model(request, obj)
        if image_name:
            transaction.on_commit(partial(delete_image_files, image_name))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        image_names = list(queryset.exclude(image="").values_list("image", flat=True))
        super().delete_queryset(request, queryset)
        for image_name in image_names:
            transaction.on_commit(partial(delete_image_files, image_name))

    def _stored_image_name(self, obj: Entry) -> str:
        # The database, not the form's initial data: another editor may have changed it since.
        return (
            type(obj)._base_manager.filter(pk=obj.pk).values_list("image", flat=True).first() or ""
        )
