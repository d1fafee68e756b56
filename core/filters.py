"""What every list page filters on, and the facet counts shown beside each choice."""

import django_filters
import django_filters.constants
import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.forms.renderers import Jinja2
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.caching.remembered import remembered
from core.formats import grouped
from core.public import selectors
from core.publishing.status import published_condition
from core.search import index as search

MAX_QUERY_LENGTH = 200
# Each value of a multi-valued filter (tag=) costs a semi-join, and all must match: past a few,
# nothing is left. The cap keeps a crafted URL from making the page work in proportion.
MAX_CHOSEN_VALUES = 10
# Long tails (hundreds of cities or tags) would drown a facet: show the most frequent.
MAX_FACET_CHOICES = 30


class EntryFilterForm(forms.Form):
    """Refuses inverted ranges: every `<name>_min` must not exceed its `<name>_max`.

    Rendered with Django's own Jinja2 widget templates: the same HTML, in half the time of the
    Django template engine, which renders each of a facet's choices as a template of its own.
    """

    default_renderer = Jinja2()

    def clean(self):
        cleaned_data = super().clean()
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

    def clean(self, value):
        if value and len(value) > MAX_CHOSEN_VALUES:
            raise ValidationError(
                _("Choisissez au plus %(limit)s valeurs pour ce critère."),
                code="too_many_values",
                params={"limit": MAX_CHOSEN_VALUES},
            )
        return super().clean(value)


class CappedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CappedModelMultipleChoiceField


def min_max_filters(field_name, *, min_label, max_label):
    """A minimum and a maximum filter on `field_name` (`<field_name>_min`, `_max`)."""
    return (
        django_filters.NumberFilter(
            field_name=field_name, lookup_expr="gte", label=min_label, min_value=0
        ),
        django_filters.NumberFilter(
            field_name=field_name, lookup_expr="lte", label=max_label, min_value=0
        ),
    )


def sort_filter(orderings):
    """A `sort` choice; `orderings` maps each key to (label, order_by fields)."""

    def sort(queryset, name, value):
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

    def __init__(self, relation, **kwargs):
        self.relation = relation
        kwargs.setdefault("max_length", 200)
        super().__init__(field_name=f"{relation}__slug", **kwargs)

    def filter(self, queryset, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return queryset
        related = queryset.model._meta.get_field(self.relation).related_model
        chosen = related.objects.published().filter(slug=value)
        # A slug names one entry at most: the join cannot repeat a row, no DISTINCT is needed.
        return queryset.filter(**{f"{self.relation}__in": chosen})


class Facet:
    """A filter whose choices show how many entries each would give.

    `field` is the lookup to group by; `label_field`, when given, names each choice (an actor's
    name for an operator's slug); otherwise the filter's own choices name them. `published`
    names the relation `field` goes through when only its published entries may be offered.
    """

    def __init__(self, name, field, label_field=None, *, published=None):
        self.name = name
        self.field = field
        self.label_field = label_field
        self.published = published


class EntryFilterSet(django_filters.FilterSet):
    """Words in the text, tags (all must match) and sorting; each app adds its own facets."""

    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Mots-clés"),
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tag = CappedModelMultipleChoiceFilter(
        field_name="tags__slug",
        to_field_name="slug",
        # Asked at each request: which tags are public changes with the content and the clock.
        queryset=lambda request: selectors.published_tags(),
        method="filter_tags",
        label=_("Thèmes"),
        widget=forms.CheckboxSelectMultiple,
    )

    facets = (Facet("tag", "tags__slug", label_field="tags__name"),)

    class Meta:
        form = EntryFilterForm

    def filter_tags(self, queryset, name, tags):
        """Entries that carry every one of `tags`."""
        for tag in tags:
            queryset = selectors.carrying_tag(queryset, tag)
        return queryset

    def filter_text(self, queryset, name, value):
        """Words as the site search understands them: accents, case and endings folded."""
        query = search.Query.parse(value, get_language())
        if not query.terms:
            return queryset
        return queryset.filter(pk__in=search.matching(queryset.model, query))

    def facet_counts(self):
        """For each facet, its choices and counts over the entries the other filters keep.

        Counts are grouped on a fresh queryset (`pk__in` the filtered one) so that grouping by a
        many-to-many field, such as tags, never reuses a join made by a filter.
        """
        if not self.is_valid():
            return {}
        counts = {}
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
            rows = (
                rows.exclude(**{f"{facet.field}__isnull": True})
                .exclude(**{facet.field: ""})
                .values(*fields)
                .annotate(entries=Count("pk", distinct=True))
                .order_by("-entries", facet.field)
            )
            counts[facet.name] = self._with_chosen(facet, list(rows))
        return counts

    def _with_chosen(self, facet, rows):
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

    def _chosen(self, facet):
        """(value, label) of each value the visitor chose for `facet`."""
        value = self.form.cleaned_data.get(facet.name)
        if isinstance(value, QuerySet | list | tuple):
            # Tags, chosen by slug and named by their name.
            return [(tag.slug, tag.name) for tag in value]
        return [(value, value)] if value else []

    def filters_key(self):
        """The filters applied, as a cache key: the same filters give the same key.

        The sort order is left out: it changes neither the counts nor the facets.
        """
        parts = []
        for name, value in sorted(self.form.cleaned_data.items()):
            if name == "sort":
                continue
            if isinstance(value, QuerySet | list | tuple):
                value = sorted(str(getattr(item, "pk", item)) for item in value)
            parts.append((name, str(value)))
        return repr(parts)

    def show_facet_counts(self, *, remember=False):
        """Offer each facet's choices with their counts (« Hôpital (3) »), most frequent first.

        With `remember`, the counts are kept until the content changes (core.public.selectors
        .remembered): only for a queryset that is the same for every visitor, as the published
        entries of a public list.
        """
        self.choice_labels = {}
        if remember and self.is_valid():
            key = f"facets:{self.queryset.model._meta.label}:{self.filters_key()}"
            counts = remembered(key, self.facet_counts)
        else:
            counts = self.facet_counts()
        for name, rows in counts.items():
            facet = next(facet for facet in self.facets if facet.name == name)
            field = self.form.fields[name]
            # A facet named by a field of its rows needs no choices: a model choice field's
            # would be one more query for every tag.
            known = {} if facet.label_field else dict(getattr(field, "choices", None) or [])
            labels = {
                row[facet.field]: row[facet.label_field]
                if facet.label_field
                else known.get(row[facet.field], row[facet.field])
                for row in rows
            }
            self.choice_labels[name] = labels
            choices = [
                (row[facet.field], f"{labels[row[facet.field]]} ({grouped(row['entries'])})")
                for row in rows
            ]
            if isinstance(field, forms.ModelMultipleChoiceField):
                # Validation still runs on the field's queryset; only the offered choices change.
                field.widget.choices = choices
            else:
                field.widget = forms.Select(choices=[("", _("Tous")), *choices])

    def active_filters(self):
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
