from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from core.caching.remembered import remembered
from core.models import TagGroup
from core.prefetch import prefetch_cards, prefetch_sources_and_figures
from core.public import selectors
from core.public.structured_data import breadcrumb_list, web_page
from core.publishing import working_copies
from core.registry import content_models
from core.search import index as search
from core.search.terms import Query


class PageMixin:
    """What a page is called and says about itself, where it stands, and its JSON-LD."""

    page_title = None
    page_description = None

    def get_page_title(self):
        return self.page_title

    def get_page_description(self):
        return self.page_description

    def get_breadcrumbs(self):
        """(name, path) pairs from the home page to this page."""
        return [(_("Accueil"), reverse("core:home"))]

    def get_structured_data(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        breadcrumbs = self.get_breadcrumbs()
        context["page_title"] = self.get_page_title()
        context["page_description"] = self.get_page_description()
        context["breadcrumbs"] = breadcrumbs
        context["structured_data"] = [
            *self.get_structured_data(),
            breadcrumb_list(breadcrumbs, self.request.build_absolute_uri),
            web_page(
                url=self.request.build_absolute_uri(self.request.path),
                name=context["page_title"],
                description=context["page_description"],
                language=get_language(),
            ),
        ]
        return context


def list_crumb(model):
    return (model.section_title, reverse(model.list_url_name))


class PageOutOfRange(Exception):
    """A list page number that is not a number, or past the last page."""

    def __init__(self, page_count):
        super().__init__(page_count)
        self.page_count = page_count


class RememberedCountPaginator(Paginator):
    """A paginator whose count, a long list's costliest query, is kept until the content changes."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return remembered(self.count_key, lambda: Paginator.count.func(self))


class EntryListView(PageMixin, FilterView):
    """A paginated list of the published entries of one kind, filtered by its FilterSet."""

    paginate_by = settings.ATLAS_PAGE_SIZE
    template_name_suffix = "_list"

    def get_template_names(self):
        # A kind's own list template if it has one, else the one every kind shares.
        return [*super().get_template_names(), "core/entry_list.html"]

    def get_queryset(self):
        return self.model.objects.published()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except PageOutOfRange as error:
            context = {"list_url": request.path, "page_count": error.page_count}
            return render(request, "core/page_out_of_range.html", context, status=404)

    def paginate_queryset(self, queryset, page_size):
        try:
            paginator, page, entries, is_paginated = super().paginate_queryset(queryset, page_size)
        except Http404 as error:
            paginator = self.get_paginator(queryset, page_size)
            raise PageOutOfRange(paginator.num_pages) from error
        page.object_list = prefetch_cards(entries)
        return paginator, page, page.object_list, is_paginated

    def get_paginator(self, queryset, per_page, **kwargs):
        if not self.filterset.is_valid():
            return super().get_paginator(queryset, per_page, **kwargs)
        key = f"list-count:{self.model._meta.label}:{self.filterset.filters_key()}"
        return RememberedCountPaginator(queryset, per_page, count_key=key, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so that the plain list shows its facet counts too.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Every visitor sees the same published entries: their counts can be kept.
        self.filterset.show_facet_counts(remember=True)
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

        if not self.filterset.is_valid():
            return render()
        sort = self.filterset.form.cleaned_data.get("sort")
        key = (
            f"filter-form:{self.model._meta.label}:{get_language()}:{sort}:"
            f"{self.filterset.filters_key()}"
        )
        return mark_safe(remembered(key, render))

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


class HomeView(PageMixin, TemplateView):
    template_name = "core/home.html"
    page_title = _("L'intelligence artificielle en santé en France")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = selectors.home_sections()
        context["tags"] = sorted(selectors.tags_with_counts(), key=lambda tag: -tag.entry_count)[
            :12
        ]
        return context


class TagListView(PageMixin, TemplateView):
    template_name = "core/tag_list.html"
    page_title = _("Thèmes")
    page_description = _(
        "Tous les thèmes de l'Atlas IA Santé : pathologies, technologies, soins, recherche et "
        "politiques publiques."
    )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Thèmes"), reverse("core:tag-list"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tags = list(selectors.tags_with_counts())
        context["tag_groups"] = [
            (label, [tag for tag in tags if tag.group == value])
            for value, label in TagGroup.choices
            if any(tag.group == value for tag in tags)
        ]
        context["tag_count"] = len(tags)
        return context


class TagDetailView(PageMixin, TemplateView):
    template_name = "core/tag_detail.html"

    def get(self, request, *args, **kwargs):
        self.tag = selectors.published_tags().filter(slug=kwargs["slug"]).first()
        if self.tag is None:
            suggestions = selectors.similar_tags(kwargs["slug"])
            return render(
                request, "core/tag_not_found.html", {"suggestions": suggestions}, status=404
            )
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Thème : %(name)s") % {"name": self.tag.name}

    def get_page_description(self):
        return self.tag.description or _(
            "Acteurs, financements et formations de l'IA en santé sur le thème « %(name)s »."
        ) % {"name": self.tag.name}

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            (_("Thèmes"), reverse("core:tag-list")),
            (self.tag.name, self.tag.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag"] = self.tag
        context["sections"] = selectors.tag_sections(tag=self.tag)
        context["related_tags"] = selectors.related_tags(tag=self.tag)
        return context


class SearchView(PageMixin, TemplateView):
    """Site search over every kind of entry and the tags; without words, what one can search."""

    template_name = "core/search.html"
    page_title = _("Recherche")
    page_description = _(
        "Cherchez un acteur, un financement, une formation ou un thème de l'IA en santé en France."
    )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Recherche"), reverse("core:search"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = Query.parse(self.request.GET.get("q", ""), get_language())
        sections = search.search(query)
        context["query"] = query
        context["sections"] = sections
        context["total"] = sum(section.count for section in sections)
        context["lists"] = [
            (model._meta.verbose_name_plural, reverse(model.list_url_name))
            for model in content_models()
        ]
        return context


class AccessibilityView(TemplateView):
    """The accessibility statement, with the address to write to about a barrier (CONTACT_EMAIL)."""

    template_name = "core/accessibility.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.ATLAS_CONTACT_EMAIL
        return context
