"""Fields shaped like their content: a summary that counts its characters, a description that
shows how it will read. Both work as plain textareas without JavaScript."""

from typing import Any

from django import forms
from django.db.models import Field
from django.utils.translation import gettext_lazy as _

ENTRY_FORM_SCRIPT = "js/admin_entry_form.js"


class SummaryTextarea(forms.Textarea):
    """A few lines for the summary, with the count of characters left that cards can show."""

    def __init__(self, *, limit: int | None, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "class": "vLargeTextField",
                "rows": 3,
                "maxlength": limit,
                "data-character-limit": limit,
                # The script writes the count with this sentence: « 42 / 300 caractères ».
                "data-counter-text": _("{count} / {limit} caractères"),
                **(attrs or {}),
            }
        )

    class Media:
        js = (ENTRY_FORM_SCRIPT,)


class DescriptionTextarea(forms.Textarea):
    """The description, followed by a preview of its paragraphs as the public page sets them."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "class": "vLargeTextField",
                "rows": 8,
                "data-preview-label": _("Aperçu : la description telle qu'elle se lira"),
                **(attrs or {}),
            }
        )

    class Media:
        js = (ENTRY_FORM_SCRIPT,)


def entry_text_widget(db_field: Field) -> forms.Textarea | None:
    """The widget of an entry's summary or description, in any language, or None for any other
    field."""
    # A language's column (`summary_en`, django-modeltranslation) names the field it translates.
    name = getattr(db_field, "translated_field", db_field).name
    if name == "summary":
        return SummaryTextarea(limit=db_field.max_length)
    if name == "description":
        return DescriptionTextarea()
    return None
