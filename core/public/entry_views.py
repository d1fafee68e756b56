"""The public list and detail pages of every kind of entry, on which each app's views build."""

from typing import Any, ClassVar

import django_filters
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import Promise
from django.views.generic import DetailView, TemplateView

from core.caching.parameters import filterset_parameters
from core.models import Entry
from core.prefetch import prefetch_published, prefetch_sources_and_figures, prefetch_tags
from core.public import selectors
from core.public.list_page import ListPage, PageOutOfRange
from core.public.views import PageMixin, list_crumb
from core.publishing import working_copies


class EntryListView(PageMixin, TemplateView):
    """A paginated list of the published entries of one kind, filtered by its FilterSet.

    The page itself (entries, count, facets, filter form) is one ListPage's to make.
    """

    # Each kind's view sets both; None until then, as as_view(model=…) requires.
    model: type[Entry] = None  # type: ignore[assignment]
    filterset_class: type[django_filters.FilterSet] = None  # type: ignore[assignment]

    def get_template_names(self) -> list[str]:
        # A kind's own list template if it has one, else the one every kind shares.
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}_list.html", "core/entry_list.html"]

    @classmethod
    def cache_parameters(cls) -> dict[str, bool]:
        return {"page": False, **filterset_parameters(cls.filterset_class)}

    def get_queryset(self) -> QuerySet[Entry]:
        return self.model.objects.published()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.list_page = ListPage(
            queryset=self.get_queryset(),
            filterset_class=self.filterset_class,
            request=request,
            page_size=settings.ATLAS_PAGE_SIZE,
        )
        try:
            response = super().get(request, *args, **kwargs)
        except PageOutOfRange as error:
            context = {"list_url": request.path, "page_count": error.page_count}
            return render(request, "core/page_out_of_range.html", context, status=404)
        if not self.list_page.remembered:
            # Filters that say nothing valid, or a long search: served, kept by no cache.
            patch_cache_control(response, private=True)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **self.list_page.context()}

    def get_page_title(self) -> str | Promise:
        return self.model.section_title

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [*super().get_breadcrumbs(), list_crumb(self.model)]


class EntryDetailView(PageMixin, DetailView):
    """The public page of one published entry; a draft or an unknown slug is a 404.

    Staff who may see the entry in the back-office also see it here before it is public (a
    draft, a submission, a scheduled or archived entry), under a banner that says so.
    """

    model: type[Entry]
    object: Entry
    # Relations the page lists that most entries lack, each with what to select with its
    # entries ({"awards": ("scheme",)}): fetched only for those the entry has
    # (selectors.prefetch_relations), each in one query.
    relations: ClassVar[dict[str, tuple[str, ...]]] = {}
    # Relations nearly every entry of the kind has, in the same form: fetched for every entry,
    # from queries compiled once (core.prefetch.prefetch_published), one more for each thing
    # selected with them.
    always_fetched: ClassVar[dict[str, tuple[str, ...]]] = {}

    def get_queryset(self) -> QuerySet[Entry]:
        entries = self.model.objects.all() if self.may_preview() else self.model.objects.published()
        return selectors.with_relation_flags(entries, self.relations)

    def get_object(self, queryset: QuerySet[Entry] | None = None) -> Entry:
        # Its tags as cards fetch theirs (taggit's prefetch builds its query for twice as long).
        entry = prefetch_sources_and_figures(prefetch_tags([super().get_object(queryset)])[0])
        # Before a preview's working copy, which puts the proposed relations in their place.
        selectors.prefetch_relations(entry, self.relations)
        for relation, select_related in self.always_fetched.items():
            prefetch_published(entry, relation, *select_related)
        self.working_copy = None
        if self.request.GET.get("apercu") == "modification" and self.may_preview():
            # Staff preview the change an editor proposes, as the page would show it once published.
            self.working_copy = working_copies.pending_change_of(entry)
            if self.working_copy is not None:
                working_copies.show(entry, self.working_copy, published_only=True)
        return entry

    def may_preview(self) -> bool:
        user = self.request.user
        opts = self.model._meta
        return user.is_staff and user.has_perm(
            f"{opts.app_label}.{get_permission_codename('view', opts)}"
        )

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **response_kwargs)
        if context["preview"]:
            # What the public must not see yet must not be kept by any cache on the way.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    def get_page_title(self) -> str:
        return self.object.name

    def get_page_description(self) -> str:
        return self.object.summary

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            *super().get_breadcrumbs(),
            list_crumb(self.model),
            (self.object.name, self.object.get_absolute_url()),
        ]

    def get_structured_data(self) -> list[dict[str, Any]]:
        return [self.object.structured_data(self.request.build_absolute_uri)]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["see_also"] = selectors.see_also(entry=self.object)
        context["preview"] = not self.object.is_published or self.working_copy is not None
        context["working_copy"] = self.working_copy
        return context
