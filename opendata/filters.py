"""What the API filters on besides the list pages' own FilterSets: dates, awards.

Entries are filtered by their list page's FilterSet itself (django-filter's DRF backend), so
the web list and the API can never disagree on what a query string means.
"""

import datetime

import django_filters
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from core.filters import EntryFilterForm, min_max_filters
from funding.models import Award


def parse_moment(text):
    """An ISO 8601 date or date and time as an aware datetime, or None if it is neither."""
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            moment = day and datetime.datetime.combine(day, datetime.time())
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # In UTC: PostgreSQL refuses offsets past ±15:59, which ISO 8601's form allows.
        return moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        return None


class UpdatedSinceFilter(BaseFilterBackend):
    """`?updated_since=`: entries saved at or after a moment, for incremental copies."""

    parameter = "updated_since"
    query_parameters = {parameter: False}

    def filter_queryset(self, request, queryset, view):
        text = request.query_params.get(self.parameter)
        if text is None:
            return queryset
        moment = parse_moment(text)
        if moment is None:
            raise ValidationError(
                {
                    self.parameter: [
                        _("Date ISO 8601 attendue, par exemple 2026-01-31 ou 2026-01-31T08:00:00Z.")
                    ]
                }
            )
        return queryset.filter(updated_at__gte=moment)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.parameter,
                "in": "query",
                "required": False,
                "description": "Only entries updated at or after this moment (ISO 8601).",
                "schema": {"type": "string", "format": "date-time"},
            }
        ]


class AwardFilterSet(django_filters.FilterSet):
    """Awards by scheme, beneficiary (slugs) and year."""

    scheme = django_filters.CharFilter(
        field_name="scheme__slug", label=gettext_lazy("Dispositif"), max_length=200
    )
    actor = django_filters.CharFilter(
        field_name="actor__slug", label=gettext_lazy("Bénéficiaire"), max_length=200
    )
    year_min, year_max = min_max_filters(
        "year", min_label=gettext_lazy("Année minimum"), max_label=gettext_lazy("Année maximum")
    )

    class Meta:
        model = Award
        fields = []
        form = EntryFilterForm
