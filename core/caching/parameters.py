"""Which query parameters make a page, so that a cached page is keyed on those alone.

A view says which parameters it reads (`cache_parameters`: name → whether it takes several
values). A request's query string is reduced to those, in a fixed order, without empty values
and with the values of a multi-valued parameter sorted: `/acteurs/?utm_source=x&kind=&tag=b&tag=a`
is the page `/acteurs/?tag=a&tag=b`. Anything else a visitor adds (`utm_*`, a random parameter)
cannot make a new copy: the flood that stored one page per random parameter is gone.

A view that answers an address in several formats (the API: JSON, CSV or XLSX by the Accept
header) also says which one a request gets (`cache_variant`): that goes into the key beside the
address, so a page kept for a JSON client is never given to one that asked for CSV.

A request is not stored at all when its parameters are out of bounds (too long, too many
values, a single-valued one repeated, a search too long to be worth keeping); the view still
answers it, from the database.
"""

import django_filters
from django.http import QueryDict

# Longer values are not filters anyone picks from a form.
MAX_VALUE_LENGTH = 100
MAX_VALUES = 10
# Searches worth keeping: a few words. Longer ones are served, not stored.
MAX_SEARCH_LENGTH = 60
MAX_SEARCH_WORDS = 5
SEARCH_PARAMETER = "q"
PAGE_PARAMETER = "page"


def declared_parameters(view: object) -> dict[str, bool] | None:
    """What `view` says it reads ({name: multi-valued}), or None if it does not say."""
    declared = getattr(view, "cache_parameters", None)
    return declared() if callable(declared) else declared


def filterset_parameters(filterset_class: type[django_filters.FilterSet]) -> dict[str, bool]:
    """The query parameters a FilterSet reads, as a view declares them (`cache_parameters`)."""
    return {
        name: isinstance(the_filter, django_filters.MultipleChoiceFilter)
        for name, the_filter in filterset_class.base_filters.items()
    }


def declared_variant(view: object, request: object) -> str | None:
    """Which representation of the page `request` asks for, as `view` says (`cache_variant`).

    A view that answers one address in several formats (the API, by the Accept header) says
    which one a request gets, so that each is kept apart; None when the request gets no page
    (a 406), which is then not looked up. "" for a view that always answers the same.
    """
    declared = getattr(view, "cache_variant", None)
    return "" if declared is None else declared(request)


def storable_search(text: str) -> bool:
    """Whether a search for `text` is short enough to keep its page and its counts."""
    words = text.split()
    return len(" ".join(words)) <= MAX_SEARCH_LENGTH and len(words) <= MAX_SEARCH_WORDS


def _values(name: str, values: list[str], multiple: bool) -> list[str] | None:
    """The normalised values of one parameter, or None if a page with them is not stored."""
    values = [
        " ".join(value.split()) if name == SEARCH_PARAMETER else value.strip() for value in values
    ]
    values = [value for value in values if value]
    if any(len(value) > MAX_VALUE_LENGTH for value in values):
        return None
    if multiple:
        values = sorted(set(values))
        return values if len(values) <= MAX_VALUES else None
    if len(values) > 1:
        return None
    if name == PAGE_PARAMETER and values and not values[0].isdigit():
        return None
    if name == SEARCH_PARAMETER and values and not storable_search(values[0]):
        return None
    return values


def normalised_query(query: QueryDict, parameters: dict[str, bool] | None) -> QueryDict | None:
    """`query` (a QueryDict) reduced to `parameters`, or None if its page is not to be stored."""
    if parameters is None:
        return QueryDict() if not query else None
    normalised = QueryDict(mutable=True)
    for name in sorted(parameters):
        values = _values(name, query.getlist(name), parameters[name])
        if values is None:
            return None
        if values:
            normalised.setlist(name, values)
    normalised._mutable = False
    return normalised
