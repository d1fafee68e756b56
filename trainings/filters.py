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
from trainings.models import DiplomaType, TeachingFormat, TrainingProgramme


class ProgrammeFilterSet(EntryFilterSet):
    diploma_type = django_filters.ChoiceFilter(
        label=_("Type de formation"), choices=DiplomaType.choices
    )
    teaching_format = django_filters.ChoiceFilter(
        label=_("Modalité"), choices=TeachingFormat.choices
    )
    provider = PublishedSlugFilter("providers", label=_("Établissement"))
    city = django_filters.CharFilter(label=_("Ville"), lookup_expr="iexact", max_length=100)
    duration_hours_min, duration_hours_max = min_max_filters(
        "duration_hours", min_label=_("Durée minimum (h)"), max_label=_("Durée maximum (h)")
    )
    sort = sort_filter(
        {
            **COMMON_ORDERINGS,
            "duration": (_("Durée la plus courte"), [F("duration_hours").asc(nulls_last=True)]),
        }
    )

    facets = (
        *EntryFilterSet.facets,
        Facet("diploma_type", "diploma_type"),
        Facet("teaching_format", "teaching_format"),
        Facet("provider", "providers__slug", label_field="providers__name", published="providers"),
        Facet("city", "city"),
    )

    class Meta(EntryFilterSet.Meta):
        model = TrainingProgramme
        fields = []
