import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.filters import (
    COMMON_ORDERINGS,
    EntryFilterSet,
    Facet,
    PublishedSlugFilter,
    min_max_filters,
    sort_filter,
)
from funding.models import FundingScheme, SchemeKind, SchemeState


class SchemeFilterSet(EntryFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type de dispositif"), choices=SchemeKind.choices)
    state = django_filters.ChoiceFilter(label=_("État"), choices=SchemeState.choices)
    operator = PublishedSlugFilter("operators", label=_("Opérateur"))
    budget_eur_min, budget_eur_max = min_max_filters(
        "budget_eur", min_label=_("Budget minimum (€)"), max_label=_("Budget maximum (€)")
    )
    announced_year_min, announced_year_max = min_max_filters(
        "announced_year", min_label=_("Annoncé à partir de"), max_label=_("Annoncé jusqu'en")
    )
    sort = sort_filter(
        {
            **COMMON_ORDERINGS,
            "budget": (_("Budget le plus élevé"), [F("budget_eur").desc(nulls_last=True)]),
        }
    )

    facets = (
        *EntryFilterSet.facets,
        Facet("kind", "kind"),
        Facet("state", "state"),
        Facet("operator", "operators__slug", label_field="operators__name", published="operators"),
    )

    class Meta(EntryFilterSet.Meta):
        model = FundingScheme
        fields = []
