import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.filters import COMMON_ORDERINGS, EntryFilterSet, Facet, min_max_filters, sort_filter
from core.publishing.status import published_condition
from ecosystem.models import Actor, ActorKind, Region


class ActorFilterSet(EntryFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type d'acteur"), choices=ActorKind.choices)
    region = django_filters.ChoiceFilter(label=_("Région"), choices=Region.choices)
    city = django_filters.CharFilter(label=_("Ville"), lookup_expr="iexact", max_length=100)
    founding_year_min, founding_year_max = min_max_filters(
        "founding_year", min_label=_("Créé à partir de"), max_label=_("Créé jusqu'en")
    )
    # The beneficiaries of a year's awards: where a bar of the panorama's funding leads.
    funded_in = django_filters.NumberFilter(
        label=_("Financé en (année)"), min_value=0, method="filter_funded_in"
    )
    sort = sort_filter(
        {
            **COMMON_ORDERINGS,
            "founded": (_("Année de création"), [F("founding_year").asc(nulls_last=True)]),
        }
    )

    facets = (
        *EntryFilterSet.facets,
        Facet("kind", "kind"),
        Facet("region", "region"),
        Facet("city", "city"),
    )

    class Meta(EntryFilterSet.Meta):
        model = Actor
        fields = []

    def filter_funded_in(self, queryset, name, year):
        """Actors that a published scheme funded in `year` (awards are the funding app's)."""
        funded = Actor.objects.filter(
            published_condition(prefix="awards__scheme__"), awards__year=year
        )
        return queryset.filter(pk__in=funded.values("pk"))
