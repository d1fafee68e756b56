"""The public list and detail pages of every kind of entry, on which each app's views build."""

import django_filters
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.caching import dependencies as deps
from core.caching.parameters import storable_search
from core.caching.remembered import remembered
from core.prefetch import prefetch_cards, prefetch_sources_and_figures
from core.public import selectors
from core.public.views import PageMixin, list_crumb
from core.publishing import working_copies


class PageOutOfRange(Exception):
    """A list page number that is not a number, or past the last page."""

    def __init__(self, page_count):
        super().__init__(page_count)
        self.page_count = page_count


class RememberedCountPaginator(Paginator):
    """A paginator whose count, a long list's costliest query, is kept until the content changes."""

    def __init__(self, *args, count_key, depends_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key
        self.depends_on = depends_on

    @cached_property
    def count(self):
        return remembered(
            self.count_key, lambda: Paginator.count.func(self), depends_on=self.depends_on
        )


class EntryListView(PageMixin, FilterView):
    """A paginated list of the published entries of one kind, filtered by its FilterSet."""

    paginate_by = settings.ATLAS_PAGE_SIZE
    template_name_suffix = "_list"

    def get_template_names(self):
        # A kind's own list template if it has one, else the one every kind shares.
        return [*super().get_template_names(), "core/entry_list.html"]

    @classmethod
    def cache_parameters(cls):
        filters = cls.filterset_class.base_filters
        return {
            "page": False,
            **{
                name: isinstance(the_filter, django_filters.MultipleChoiceFilter)
                for name, the_filter in filters.items()
            },
        }

    def get_queryset(self):
        return self.model.objects.published()

    def get(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)
        except PageOutOfRange as error:
            context = {"list_url": request.path, "page_count": error.page_count}
            return render(request, "core/page_out_of_range.html", context, status=404)
        if not self.may_remember():
            # Filters that say nothing valid, or a long search: served, kept by no cache.
            patch_cache_control(response, private=True)
        return response

    def may_remember(self):
        """Whether the filters are valid and short enough to keep their page and counts."""
        return self.filterset.is_valid() and storable_search(
            self.filterset.form.cleaned_data.get("q") or ""
        )

    def paginate_queryset(self, queryset, page_size):
        try:
            paginator, page, entries, is_paginated = super().paginate_queryset(queryset, page_size)
        except Http404 as error:
            paginator = self.get_paginator(queryset, page_size)
            raise PageOutOfRange(paginator.num_pages) from error
        page.object_list = prefetch_cards(entries)
        return paginator, page, page.object_list, is_paginated

    def get_paginator(self, queryset, per_page, **kwargs):
        if not self.may_remember():
            return super().get_paginator(queryset, per_page, **kwargs)
        key = f"list-count:{self.model._meta.label}:{self.filterset.filters_key()}"
        return RememberedCountPaginator(
            queryset, per_page, count_key=key, depends_on=self.filterset.collection_keys(), **kwargs
        )

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so that the plain list shows its facet counts too.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deps.depend_on(*self.filterset.collection_keys())
        if self.request.GET.get("sort") == "updated":
            deps.depend_on(deps.recent_key(self.model))
        # Every visitor sees the same published entries: their counts can be kept.
        self.filterset.show_facet_counts(remember=self.may_remember())
        context["active_filters"] = self.filterset.active_filters()
        context["filter_form"] = self.filter_form()
        return context

    def filter_form(self):
        """The filter form as HTML, kept until the content changes, as its counts are.

        It depends only on the filters, the sort order and the language: every page of a list
        shares it, and rendering it is a quarter of a list page's time.
        """

        def render():
            return render_to_string(
                "includes/filter_form.html", {"filter": self.filterset}, self.request
            )

        if not self.may_remember():
            return render()
        sort = self.filterset.form.cleaned_data.get("sort")
        key = (
            f"filter-form:{self.model._meta.label}:{get_language()}:{sort}:"
            f"{self.filterset.filters_key()}"
        )
        return mark_safe(remembered(key, render, depends_on=self.filterset.collection_keys()))

    def get_page_title(self):
        return self.model.section_title

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), list_crumb(self.model)]


class EntryDetailView(PageMixin, DetailView):
    """The public page of one published entry; a draft or an unknown slug is a 404.

    Staff who may see the entry in the back-office also see it here before it is public (a
    draft, a submission, a scheduled or archived entry), under a banner that says so.
    """

    def get_queryset(self):
        entries = self.model.objects.all() if self.may_preview() else self.model.objects.published()
        return entries.prefetch_related("tags")

    def get_object(self, queryset=None):
        entry = prefetch_sources_and_figures(super().get_object(queryset))
        self.working_copy = None
        if self.request.GET.get("apercu") == "modification" and self.may_preview():
            # Staff preview the change an editor proposes, as the page would show it once published.
            self.working_copy = working_copies.pending_change_of(entry)
            if self.working_copy is not None:
                working_copies.show(entry, self.working_copy, published_only=True)
        return entry

    def may_preview(self):
        user = self.request.user
        opts = self.model._meta
        return user.is_staff and user.has_perm(
            f"{opts.app_label}.{get_permission_codename('view', opts)}"
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["preview"]:
            # What the public must not see yet must not be kept by any cache on the way.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    def get_page_title(self):
        return self.object.name

    def get_page_description(self):
        return self.object.summary

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            list_crumb(self.model),
            (self.object.name, self.object.get_absolute_url()),
        ]

    def get_structured_data(self):
        return [self.object.structured_data(self.request.build_absolute_uri)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["see_also"] = selectors.see_also(entry=self.object)
        context["preview"] = not self.object.is_published or self.working_copy is not None
        context["working_copy"] = self.working_copy
        return context
