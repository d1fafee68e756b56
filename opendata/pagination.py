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


class EntryCursorPagination(CursorPagination):
    """Pages of entries in the list page's order (`?sort=`), by name unless told otherwise."""

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


class IdCursorPagination(CursorPagination):
    """Pages of awards or tags in a fixed order."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = ("id",)
