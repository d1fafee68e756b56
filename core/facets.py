"""The facets of a list: how many entries each choice would give, and the chips of those chosen.

A list's FilterSet mixes FacetCountsMixin in and declares its `facets`; the mixin reads the
FilterSet's form, filters and queryset, and its `filters_key()` and `collection_keys()` for
what it keeps in the data cache.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Count, Model, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.caching import dependencies as deps
from core.caching.remembered import remembered
from core.formats import grouped
from core.publishing.status import published_condition
from core.registry import content_models

# Long tails (hundreds of cities or tags) would drown a facet: show the most frequent.
MAX_FACET_CHOICES = 30


class Facet:
    """A filter whose choices show how many entries each would give.

    `field` is the lookup to group by; `label_field`, when given, names each choice (an actor's
    name for an operator's slug); otherwise the filter's own choices name them. `published`
    names the relation `field` goes through when only its published entries may be offered.
    """

    def __init__(
        self, name: str, field: str, label_field: str | None = None, *, published: str | None = None
    ) -> None:
        self.name = name
        self.field = field
        self.label_field = label_field
        self.published = published


class FacetCountsMixin:
    """Facet counts and active-filter chips for a django-filter FilterSet that declares `facets`."""

    facets: tuple[Facet, ...] = ()
    # Set by show_facet_counts().
    shown_counts: dict[str, list[dict[str, Any]]]
    choice_labels: dict[str, dict[Any, Any]]
    facet_keys: set[str]

    if TYPE_CHECKING:
        # What the FilterSet this is mixed into gives: django-filter's, and the list's own.
        queryset: QuerySet
        form: forms.Form
        filters: dict[str, Any]
        data: QueryDict

        def is_valid(self) -> bool: ...
        def filters_key(self) -> str: ...
        def counted_keys(self) -> set[str]: ...

    def facet_counts(self) -> dict[str, list[dict[str, Any]]]:
        """For each facet, its choices and counts over the entries the other filters keep.

        Counts are grouped on a fresh queryset (`pk__in` the filtered one) so that grouping by a
        many-to-many field, such as tags, never reuses a join made by a filter.
        """
        if not self.is_valid():
            return {}
        counts: dict[str, list[dict[str, Any]]] = {}
        for facet in self.facets:
            filtered = self.queryset.all()
            for name, value in self.form.cleaned_data.items():
                if name != facet.name:
                    filtered = self.filters[name].filter(filtered, value)
            fields = [facet.field, facet.label_field] if facet.label_field else [facet.field]
            rows = self.queryset.model.objects.filter(pk__in=filtered.values("pk"))
            if facet.published:
                # Before values(): the grouping then reuses this join, to published actors only.
                rows = rows.filter(published_condition(prefix=f"{facet.published}__"))
            related = self._named_kind(facet)
            if related is not None:
                # Each entry the facet names, by key: renaming one refreshes the counts.
                fields.append(f"{facet.field.split('__')[0]}__pk")
            rows = (
                rows.exclude(**{f"{facet.field}__isnull": True})
                .exclude(**{facet.field: ""})
                .values(*fields)
                .annotate(entries=Count("pk", distinct=True))
                .order_by("-entries", facet.field)
            )
            counts[facet.name] = self._with_chosen(facet, list(rows))
            if related is not None:
                # Only the names shown: the others may change without a word on this page.
                named = [row[fields[-1]] for row in counts[facet.name] if fields[-1] in row]
                deps.depend_on(*(deps.entry_key(related, pk) for pk in named))
        return counts

    def _named_kind(self, facet: Facet) -> type[Model] | None:
        """The kind of entry whose names `facet` shows (an operator's), or None."""
        if not facet.label_field:
            return None
        relation = self.queryset.model._meta.get_field(facet.field.split("__")[0])
        related = relation.related_model
        return related if related in content_models() else None

    def _with_chosen(self, facet: Facet, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The most frequent of `rows`, and the visitor's own choices wherever they rank.

        A choice left out of the form, past the most frequent or with no entry left, would be
        dropped without a word the next time the visitor applies the filters.
        """
        shown = rows[:MAX_FACET_CHOICES]
        for value, label in self._chosen(facet):
            row = next((row for row in rows if row[facet.field] == value), None)
            if row is None:
                row = {facet.field: value, "entries": 0}
                if facet.label_field:
                    row[facet.label_field] = label
            if row not in shown:
                shown.append(row)
        return shown

    def _chosen(self, facet: Facet) -> list[tuple[Any, Any]]:
        """(value, label) of each value the visitor chose for `facet`."""
        value = self.form.cleaned_data.get(facet.name)
        if isinstance(value, QuerySet | list | tuple):
            # Tags, chosen by slug and named by their name.
            return [(tag.slug, tag.name) for tag in value]
        return [(value, value)] if value else []

    def show_facet_counts(self, *, remember: bool = False) -> None:
        """Count each facet's choices, for the form (offer_facet_choices) and the chips.

        With `remember`, the counts are kept until what they depend on changes (core.caching
        .remembered): only for a queryset that is the same for every visitor, as the published
        entries of a public list.
        """
        # What the counts showed (the entries a facet names, by key), for whatever keeps the
        # form they label (core.public.list_page).
        with deps.collecting() as self.facet_keys:
            if remember and self.is_valid():
                key = f"facets:{self.queryset.model._meta.label}:{self.filters_key()}"
                counts = remembered(key, self.facet_counts, depends_on=self.counted_keys())
            else:
                counts = self.facet_counts()
        self.shown_counts = counts
        self.choice_labels = {}
        for name, rows in counts.items():
            facet = next(facet for facet in self.facets if facet.name == name)
            field = self.form.fields[name]
            # A facet named by a field of its rows needs no choices: a model choice field's
            # would be one more query for every tag.
            known = {} if facet.label_field else dict(getattr(field, "choices", None) or [])
            self.choice_labels[name] = {
                row[facet.field]: row[facet.label_field]
                if facet.label_field
                else known.get(row[facet.field], row[facet.field])
                for row in rows
            }

    def offer_facet_choices(self) -> None:
        """Offer each facet's choices with their counts (« Hôpital (3) »), most frequent first.

        Apart from the counts: only a form that is rendered needs them, and a list keeps its
        form's HTML (core.public.list_page).
        """
        for name, rows in self.shown_counts.items():
            facet = next(facet for facet in self.facets if facet.name == name)
            field = self.form.fields[name]
            labels = self.choice_labels[name]
            choices = [
                (row[facet.field], f"{labels[row[facet.field]]} ({grouped(row['entries'])})")
                for row in rows
            ]
            if isinstance(field, forms.ModelMultipleChoiceField):
                # Validation still runs on the field's queryset; only the offered choices change.
                field.widget.choices = choices
            else:
                field.widget = forms.Select(choices=[("", _("Tous")), *choices])

    def active_filters(self) -> list[dict[str, Any]]:
        """Each applied value as a chip: its filter's label, its text, the query without it."""
        if not self.is_valid():
            return []
        labels = getattr(self, "choice_labels", {})
        chips = []
        for name in self.form.cleaned_data:
            field = self.form.fields[name]
            # A single-valued filter reads the last of repeated values: one chip, not hundreds.
            values = self.data.getlist(name)
            if not isinstance(field, forms.ModelMultipleChoiceField):
                values = values[-1:]
            values = [value for value in values if value]
            if name == "sort" or not values:
                continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                # The chosen objects, which validation has fetched: all the choices are not needed.
                chosen = self.form.cleaned_data[name]
                known = {
                    str(getattr(item, field.to_field_name or "pk")): str(item) for item in chosen
                }
            else:
                known = dict(getattr(field, "choices", None) or [])
            known = {**known, **labels.get(name, {})}
            for value in values:
                remaining = self.data.copy()
                remaining.setlist(name, [other for other in values if other != value])
                remaining.pop("page", None)
                chips.append(
                    {
                        "label": field.label,
                        "text": known.get(value, value),
                        "query": remaining.urlencode(),
                    }
                )
        return chips
