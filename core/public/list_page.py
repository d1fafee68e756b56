"""One page of a public list, all the list view asks for: entries, count, facets, filter form.

The list view asks this one object for the page, and it alone decides what the data cache
(core.caching.remembered) keeps: the count, the facet counts and the filter form's HTML, when
the filters are valid and short enough to give every visitor the same page. It also names what
the page depends on (core.caching.dependencies), so that the page cache keeps it exactly as
long as that holds.
"""

from collections.abc import Iterable
from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.caching import dependencies as deps
from core.caching import name_order
from core.caching.parameters import storable_search
from core.caching.remembered import remembered


class PageOutOfRange(Exception):
    """A list page number that is not a number, or past the last page."""

    def __init__(self, page_count: int) -> None:
        super().__init__(page_count)
        self.page_count = page_count


class RememberedCountPaginator(Paginator):
    """A paginator whose count, a long list's costliest query, is kept until the content changes."""

    def __init__(
        self, *args: Any, count_key: str, depends_on: Iterable[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.count_key = count_key
        self.depends_on = depends_on

    @cached_property
    def count(self) -> int:
        # Paginator.count is a cached_property, which the stubs call a property.
        return remembered(
            self.count_key,
            lambda: Paginator.count.func(self),  # type: ignore[attr-defined]
            depends_on=self.depends_on,
        )


class ListPage:
    """The page `request` asks of the published entries in `queryset`, filtered by `filterset_class`."""

    def __init__(
        self, *, queryset: QuerySet, filterset_class: type, request: HttpRequest, page_size: int
    ) -> None:
        self.model: type[Model] = queryset.model
        self.request = request
        self.page_size = page_size
        # Always bound, so that the plain list shows its facet counts too.
        self.filterset = filterset_class(data=request.GET, queryset=queryset, request=request)

    @cached_property
    def remembered(self) -> bool:
        """Whether the filters are valid and short enough to keep their page and counts."""
        return self.filterset.is_valid() and storable_search(
            self.filterset.form.cleaned_data.get("q") or ""
        )

    def context(self) -> dict:
        """What the list template shows; raises PageOutOfRange for a page that does not exist."""
        paginator, page = self._page()
        deps.depend_on(*self.filterset.collection_keys())
        if self._sorted_by_name() and page.object_list:
            if self._filtered():
                name_order.depend_on_any_rename(self.model)
            else:
                name_order.depend_on_rank(self.model, page.end_index() - 1)
        if self.request.GET.get("sort") == "updated":
            deps.depend_on(deps.recent_key(self.model))
        self.filterset.show_facet_counts(remember=self.remembered)
        return {
            "filter": self.filterset,
            "paginator": paginator,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
            "object_list": page.object_list,
            "active_filters": self.filterset.active_filters(),
            "filter_form": self._filter_form(),
        }

    def _sorted_by_name(self) -> bool:
        """Whether the list is sorted by name, as it is unless `?sort=` says otherwise."""
        return (
            self.filterset.is_valid()
            and (self.filterset.form.cleaned_data.get("sort") or "name") == "name"
        )

    def _filtered(self) -> bool:
        """Whether a filter narrows the list (the sort order does not)."""
        form = self.filterset.form
        return any(form[name].value() for name in form.fields if name != "sort")

    def _entries(self) -> QuerySet:
        # Filters that say nothing valid give no entry, with their message beside the form.
        return self.filterset.qs if self.filterset.is_valid() else self.filterset.queryset.none()

    def _paginator(self) -> Paginator:
        if not self.remembered:
            return Paginator(self._entries(), self.page_size)
        key = f"list-count:{self.model._meta.label}:{self.filterset.filters_key()}"
        return RememberedCountPaginator(
            self._entries(),
            self.page_size,
            count_key=key,
            depends_on=self.filterset.counted_keys(),
        )

    def _page(self) -> tuple[Paginator, Page]:
        paginator = self._paginator()
        number = self.request.GET.get("page") or 1
        try:
            page = paginator.page(paginator.num_pages if number == "last" else int(number))
        except (ValueError, InvalidPage) as error:
            raise PageOutOfRange(paginator.num_pages) from error
        # Their tags and key figures are fetched for the cards not kept (entry_cards).
        page.object_list = list(page.object_list)
        return paginator, page

    def _filter_form(self) -> SafeString:
        """The filter form as HTML, kept until the content changes, as its counts are.

        It depends only on the filters, the sort order and the language: every page of a list
        shares it, and rendering it is a quarter of a list page's time.
        """

        def render() -> str:
            self.filterset.offer_facet_choices()
            return render_to_string(
                "includes/filter_form.html", {"filter": self.filterset}, self.request
            )

        if not self.remembered:
            return mark_safe(render())
        sort = self.filterset.form.cleaned_data.get("sort")
        key = (
            f"filter-form:{self.model._meta.label}:{get_language()}:{sort}:"
            f"{self.filterset.filters_key()}"
        )
        shown = self.filterset.counted_keys() | self.filterset.facet_keys
        return mark_safe(remembered(key, render, depends_on=shown))
