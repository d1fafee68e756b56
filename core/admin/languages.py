"""The two languages in the back-office: translated fields side by side, what lacks its English.

May import what core.admin may; reads the translated fields from django-modeltranslation.
"""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def side_by_side(*field_names: str) -> tuple[tuple[str, ...], ...]:
    """Each translated field as one line of a form: its French, under the field's own name (see
    core.admin.forms.FrenchFieldsForm), then its other languages (`summary_en`)."""
    return tuple(
        (name, *(build_localized_fieldname(name, code) for code in OTHER_LANGUAGES))
        for name in field_names
    )


def in_every_language(*field_names: str) -> tuple[str, ...]:
    """The translated fields' columns in a row: a table's columns, a search's fields."""
    return tuple(column for line in side_by_side(*field_names) for column in line)


class MissingTranslationFilter(admin.SimpleListFilter):
    """What has a French text whose translation into a language is still to write."""

    title = _("traduction manquante")
    parameter_name = "traduction_manquante"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(code, name) for code, name in settings.LANGUAGES if code in OTHER_LANGUAGES]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        language = self.value()
        if language not in OTHER_LANGUAGES:
            return queryset
        missing = Q()
        for name in translator.get_options_for_model(queryset.model).get_field_names():
            french = build_localized_fieldname(name, settings.LANGUAGE_CODE)
            translated = build_localized_fieldname(name, language)
            missing |= (
                ~Q(**{french: ""})
                & Q(**{f"{french}__isnull": False})
                & (Q(**{translated: ""}) | Q(**{f"{translated}__isnull": True}))
            )
        return queryset.filter(missing)
