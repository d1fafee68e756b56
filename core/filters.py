import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Tag


class EntryFilterSet(django_filters.FilterSet):
    """Filters every list offers: words in the name or summary, and tags (all must match)."""

    q = django_filters.CharFilter(method="filter_text", label=_("Mots-clés"))
    tag = django_filters.ModelMultipleChoiceFilter(
        field_name="tags__slug",
        to_field_name="slug",
        queryset=Tag.objects.all(),
        conjoined=True,
        label=_("Étiquettes"),
    )

    def filter_text(self, queryset, name, value):
        words = value.split()[:10]
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
            )
        return queryset
