"""The texts of tags, sources and key figures, in French and in English (django-modeltranslation).

Each model is registered with its history, so that a revision keeps and compares both languages.
"""

from django.conf import settings
from django.db.models import Model
from modeltranslation.translator import TranslationOptions, register

from core.models import KeyFigure, Source, Tag
from core.public.languages import built_in_french


class EntryTranslationOptions(TranslationOptions):
    """The texts every kind of entry shares; each app's options add its own."""

    fields: tuple[str, ...] = ("name", "summary", "description", "image_alt")


@register([Tag, Tag.history.model])
class TagTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register([Source, Source.history.model])
class SourceTranslationOptions(TranslationOptions):
    fields = ("title",)


@register([KeyFigure, KeyFigure.history.model])
class KeyFigureTranslationOptions(TranslationOptions):
    # The value too: « plus d'1 Md€ » holds words.
    fields = ("label", "value")


def drop_translated_indexes(*models: type[Model]) -> None:
    """Drop the per-language copies of indexes and constraints django-modeltranslation adds.

    Queries read the untranslated columns, which keep their own indexes (core/public/languages.py):
    copies on `name_fr`, `name_en` would slow every write and serve no query. A uniqueness copy
    on the English would refuse a second source whose English title is still empty.
    """
    for model in models:
        meta = model._meta
        suffixes = tuple(f"-{language}" for language, _name in settings.LANGUAGES)
        meta.indexes = [index for index in meta.indexes if not index.name.endswith(suffixes)]
        meta.constraints = [
            constraint for constraint in meta.constraints if not constraint.name.endswith(suffixes)
        ]
        meta.original_attrs["indexes"] = meta.indexes
        meta.original_attrs["constraints"] = meta.constraints


drop_translated_indexes(Tag, Source, KeyFigure)
built_in_french(Tag)
built_in_french(Source)
built_in_french(KeyFigure)
