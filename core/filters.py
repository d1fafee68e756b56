"""What every list page filters on; the counts beside each choice are core/facets.py's."""

import copy
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import django_filters
import django_filters.constants
import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.expressions import Combinable
from django.forms.renderers import Jinja2
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.caching import dependencies as deps
from core.facets import Facet, FacetCountsMixin
from core.models import Entry, Tag
from core.public import selectors
from core.search import index as search
from core.search.terms import Query

MAX_QUERY_LENGTH = 200
# Each value of a multi-valued filter (tag=) costs a semi-join, and all must match: past a few,
# nothing is left. The cap keeps a crafted URL from making the page work in proportion.
MAX_CHOSEN_VALUES = 10


class EntryFilterForm(forms.Form):
    """Refuses inverted ranges: every `<name>_min` must not exceed its `<name>_max`.

    Rendered with Django's own Jinja2 widget templates: the same HTML, in half the time of the
    Django template engine, which renders each of a facet's choices as a template of its own.
    """

    default_renderer = Jinja2()

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        # Form.clean() gives the cleaned data back; the stubs allow an override's None.
        assert cleaned_data is not None
        for name in self.fields:
            if not name.endswith("_min"):
                continue
            high_name = name.removesuffix("_min") + "_max"
            low, high = cleaned_data.get(name), cleaned_data.get(high_name)
            if low is not None and high is not None and low > high:
                self.add_error(high_name, _("Le maximum doit être supérieur ou égal au minimum."))
        return cleaned_data


class CappedModelMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Refuses more than MAX_CHOSEN_VALUES values, before asking the database about any."""

    def clean(self, value: Any) -> Any:
        if not value and not self.required:
            # Nothing chosen: Django's field gives an empty queryset, which each use then runs.
            return []
        if len(value) > MAX_CHOSEN_VALUES:
            raise ValidationError(
                _("Choisissez au plus %(limit)s valeurs pour ce critère."),
                code="too_many_values",
                params={"limit": MAX_CHOSEN_VALUES},
            )
        return super().clean(value)


class CappedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CappedModelMultipleChoiceField


class PublishedTagsField(CappedModelMultipleChoiceField):
    """Tags chosen by slug, among those that a published entry carries.

    Each is looked up with core.public.selectors.published_tag, which keeps its answer: checked
    against a queryset, as Django does, a list filtered by tags spent ~4 ms building it.
    """

    def _check_values(self, value: Iterable[Any]) -> list[Tag]:
        tags = []
        for slug in dict.fromkeys(value):
            self.validate_no_null_characters(slug)
            tag = selectors.published_tag(str(slug))
            if tag is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": slug},
                )
            tags.append(tag)
        return tags


class PublishedTagsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = PublishedTagsField


def min_max_filters(
    field_name: str, *, min_label: str | Promise, max_label: str | Promise
) -> tuple[django_filters.NumberFilter, django_filters.NumberFilter]:
    """A minimum and a maximum filter on `field_name` (`<field_name>_min`, `_max`)."""
    return (
        django_filters.NumberFilter(
            field_name=field_name, lookup_expr="gte", label=min_label, min_value=0
        ),
        django_filters.NumberFilter(
            field_name=field_name, lookup_expr="lte", label=max_label, min_value=0
        ),
    )


def sort_filter(
    orderings: Mapping[str, tuple[str | Promise, Sequence[str | Combinable]]],
) -> django_filters.ChoiceFilter:
    """A `sort` choice; `orderings` maps each key to (label, order_by fields)."""

    def sort(queryset: QuerySet[Entry], name: str, value: str) -> QuerySet[Entry]:
        return queryset.order_by(*orderings[value][1], "pk")

    return django_filters.ChoiceFilter(
        label=_("Trier par"),
        choices=[(key, label) for key, (label, _fields) in orderings.items()],
        empty_label=None,
        method=sort,
    )


COMMON_ORDERINGS = {
    "name": (_("Nom"), ["name"]),
    "newest": (_("Ajouts les plus récents"), ["-created_at"]),
    "updated": (_("Mises à jour les plus récentes"), ["-updated_at"]),
}


class PublishedSlugFilter(django_filters.CharFilter):
    """Entries related through `relation` to the published entry of that slug (`operator=`).

    A draft's slug matches nothing: neither its name nor what it is linked to may show.
    """

    def __init__(self, relation: str, **kwargs: Any) -> None:
        self.relation = relation
        kwargs.setdefault("max_length", 200)
        super().__init__(field_name=f"{relation}__slug", **kwargs)

    def filter(self, queryset: QuerySet[Entry], value: str) -> QuerySet[Entry]:
        if value in django_filters.constants.EMPTY_VALUES:
            return queryset
        # A relation to entries (`operator=`): its model is known and has published().
        related = cast(type[Entry], queryset.model._meta.get_field(self.relation).related_model)
        chosen = related.objects.published().filter(slug=value)
        # A slug names one entry at most: the join cannot repeat a row, no DISTINCT is needed.
        return queryset.filter(**{f"{self.relation}__in": chosen})


class EntryFilterSet(FacetCountsMixin, django_filters.FilterSet):
    """Words in the text, tags (all must match) and sorting; each app adds its own facets."""

    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Mots-clés"),
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tag = PublishedTagsFilter(
        field_name="tags__slug",
        to_field_name="slug",
        # Not read: the field finds each tag asked for (PublishedTagsField), the facet's counts
        # are the choices offered.
        queryset=Tag.objects.none(),
        method="filter_tags",
        label=_("Thèmes"),
        widget=forms.CheckboxSelectMultiple,
    )

    facets: tuple[Facet, ...] = (Facet("tag", "tags__slug", label_field="tags__name"),)

    class Meta:
        form = EntryFilterForm

    def get_form_class(self) -> type[forms.Form]:
        """The form class of this kind of list, built once rather than for each request.

        django-filter builds a class and a field per filter on every request (~0.2 ms of a list
        page). The fields do not depend on the request, and each form copies the class's own:
        what facets change on a page's form (its choices) stays on that form.
        """
        # Classes are hashable; mypy checks the instances' __hash__ here.
        return _form_class(type(self))  # type: ignore[arg-type]

    def filter_tags(
        self, queryset: QuerySet[Entry], name: str, tags: Iterable[Tag]
    ) -> QuerySet[Entry]:
        """Entries that carry every one of `tags`."""
        for tag in tags:
            queryset = selectors.carrying_tag(queryset, tag)
        return queryset

    def filter_text(self, queryset: QuerySet[Entry], name: str, value: str) -> QuerySet[Entry]:
        """Words as the site search understands them: accents, case and endings folded."""
        query = Query.parse(value, get_language())
        if not query.terms:
            return queryset
        return queryset.filter(pk__in=search.matching(queryset.model, query))

    def filters_key(self) -> str:
        """The filters applied, as a cache key: the same filters give the same key.

        The sort order is left out: it changes neither the counts nor the facets.
        """
        parts = []
        for name, value in sorted(self.form.cleaned_data.items()):
            if name == "sort":
                continue
            if isinstance(value, QuerySet):
                # The slugs asked for, valid as the form is: listing the tags would be a query.
                value = sorted(self.form[name].value() or [])
            elif isinstance(value, list | tuple):
                value = sorted(str(getattr(item, "pk", item)) for item in value)
            parts.append((name, str(value)))
        return repr(parts)

    def collection_keys(self) -> set[str]:
        """The dependency keys of what the list, its counts and its facets show.

        Its kind's public entries, the tags, and what search finds when the list is searched;
        the entries a facet names (a scheme's operators) are added by facet_counts().
        """
        return self._keys(deps.list_key(self.queryset.model))

    def counted_keys(self) -> set[str]:
        """The dependency keys of the list's count, facets and filter form, kept apart.

        As collection_keys(), less what only the cards show: renaming an entry keeps them.
        """
        return self._keys(deps.counted_key(self.queryset.model))

    def _keys(self, kind_key: str) -> set[str]:
        keys = {kind_key, deps.TAGS}
        if self.is_valid() and self.form.cleaned_data.get("q"):
            keys.add(deps.SEARCH)
        return keys


@functools.cache
def _form_class(filterset_class: type[Any]) -> type[forms.Form]:
    # Copies: a filter keeps the field it makes, which the base filters, copied for each
    # FilterSet, should not carry.
    filters = copy.deepcopy(filterset_class.base_filters)
    fields = {name: filter_.field for name, filter_ in filters.items()}
    return type(f"{filterset_class.__name__}Form", (filterset_class._meta.form,), fields)
