"""The content's two languages: which language a text is shown in, and the French it falls back to.

django-modeltranslation gives each translated field a column per language (`summary_fr`,
`summary_en`) and makes `entry.summary` read the visitor's language, falling back to the French.
Queries keep reading the untranslated columns (`summary`), which save() keeps French: sorting,
filtering, tags and the indexes behave the same on both sites, and a missing English never
sorts an entry first or loses a tag.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Field, Model
from django.utils.translation import get_language, override
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = settings.LANGUAGE_CODE


class FrenchColumnsQuerySet(models.QuerySet):
    """A queryset whose lookups and ordering name the French columns, whatever the language.

    django-modeltranslation rewrites `order_by("name")` to the visitor's language (`name_en`,
    empty until translated); it calls `_post_init()` on every queryset of a translated model,
    and this one turns that rewriting off.
    """

    def _post_init(self) -> None:
        self._rewrite = False
        self._populate = None


def shown_language(instance: Model, field_name: str) -> str:
    """The language `instance.<field_name>` is shown in now: the visitor's, or the French."""
    language = get_language() or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE or field_name not in translated_fields(type(instance)):
        return SOURCE_LANGUAGE
    translated = getattr(instance, build_localized_fieldname(field_name, language), None)
    return language if translated else SOURCE_LANGUAGE


def language_columns(model: type[Model], *field_names: str) -> list[str]:
    """`field_names` with each translated field replaced by its column in every language.

    For queries that build instances from values (core/prefetch.py): an instance built from
    the untranslated column alone would take the French for the visitor's language.
    """
    translated = translated_fields(model)
    columns = []
    for name in field_names:
        if name in translated:
            columns += [build_localized_fieldname(name, code) for code, _name in settings.LANGUAGES]
        else:
            columns.append(name)
    return columns


def translated_fields(model: type[Model]) -> tuple[str, ...]:
    """The names of `model`'s fields that have a column per language."""
    try:
        return tuple(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()


def is_translation(field: Field) -> bool:
    """Whether `field` is one language's column of a translated field (`summary_en`)."""
    return isinstance(field, TranslationField)


def falls_back(*instances: Model) -> bool:
    """Whether some text of `instances` is shown in French because its translation is missing."""
    language = get_language() or SOURCE_LANGUAGE
    return any(
        getattr(instance, build_localized_fieldname(name, SOURCE_LANGUAGE), None)
        and shown_language(instance, name) != language
        for instance in instances
        for name in translated_fields(type(instance))
    )


def built_in_french(model: type[Model]) -> None:
    """Make `model(name=…)` fill the French whatever the active language, as forms and imports do.

    django-modeltranslation would fill the active language's column: a tag typed in an English
    back-office, or an entry built after an English page, would have no French. An instance
    read from the database is built from its columns' values, in order, which no language
    changes: it is built as it is, without switching the language for it (a card's tags and
    figures are read by the dozen, and switching costs more than building them).
    """
    build = model.__init__

    def __init__(self: Model, *args: Any, **kwargs: Any) -> None:
        if not kwargs:
            build(self, *args)
            return
        with override(SOURCE_LANGUAGE):
            build(self, *args, **kwargs)

    # Replacing the constructor is the point; mypy forbids assigning to a method.
    model.__init__ = __init__  # type: ignore[method-assign]


@dataclass(frozen=True)
class BothLanguages:
    """A text kept in French and in English, read as the visitor's language, French as fallback.

    For figures computed once and kept for both sites (landscape/): the text is chosen when it
    is shown, not when it is computed, so the kept value serves either language.
    """

    french: str
    english: str | None = None

    def __str__(self) -> str:
        language = get_language() or SOURCE_LANGUAGE
        return self.english if language != SOURCE_LANGUAGE and self.english else self.french

    @property
    def language(self) -> str:
        """The language str() gives now."""
        language = get_language() or SOURCE_LANGUAGE
        return language if language != SOURCE_LANGUAGE and self.english else SOURCE_LANGUAGE
