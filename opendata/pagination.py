"""Cursor pagination: stable while entries are added, as fast on page 5 000 as on page 1."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination

# The list pages' sort orders a cursor can follow: a unique tie-breaker closes each one. Sorts on
# a field that may be empty (founding year, budget, duration) are offered by the downloads.
CURSOR_SORTS = {
    "name": ("name", "id"),
    "newest": ("-created_at", "-id"),
    "updated": ("-updated_at", "-id"),
}


class StrictPageMixin:
    """Refuses a `page_size` that is not a whole number from 1 to 500, where DRF ignores it;
    and writes the page's schema in OpenAPI 3.1 terms, where DRF still writes 3.0's `nullable`.
    """

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        if len(values) == 1 and values[0].isdigit() and 1 <= int(values[0]) <= self.max_page_size:
            return int(values[0])
        raise ValidationError(
            {
                self.page_size_query_param: [
                    _("Nombre entier de 1 à %(max)s attendu.") % {"max": self.max_page_size}
                ]
            }
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):
            page["properties"][link] = {"type": ["string", "null"], "format": "uri"}
        return page


class EntryCursorPagination(StrictPageMixin, CursorPagination):
    """Pages of entries in the list page's order (`?sort=`), by name unless told otherwise."""

    query_parameters = {"cursor": False, "page_size": False, "sort": False}
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_ordering(self, request, queryset, view):
        sort = request.query_params.get("sort") or "name"
        if sort not in CURSOR_SORTS:
            raise ValidationError(
                {
                    "sort": [
                        _("Tri « %(sort)s » impossible page par page : choisissez parmi %(sorts)s.")
                        % {"sort": sort, "sorts": ", ".join(CURSOR_SORTS)}
                    ]
                }
            )
        return CURSOR_SORTS[sort]


class IdCursorPagination(StrictPageMixin, CursorPagination):
    """Pages of awards or tags in a fixed order."""

    query_parameters = {"cursor": False, "page_size": False}
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = ("id",)
