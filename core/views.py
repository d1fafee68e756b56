from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from core import search, selectors
from core.models import Tag, TagGroup
from core.search_terms import Query


class EntryListView(FilterView):
    """A paginated list of the published entries of one kind, filtered by its FilterSet."""

    paginate_by = settings.ATLAS_PAGE_SIZE
    template_name_suffix = "_list"

    def get_queryset(self):
        return self.model.objects.published().prefetch_related(*selectors.CARD_PREFETCH)

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so that the plain list shows its facet counts too.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.filterset.show_facet_counts()
        context["active_filters"] = self.filterset.active_filters()
        return context


class EntryDetailView(DetailView):
    """The public page of one published entry; a draft or an unknown slug is a 404."""

    def get_queryset(self):
        return self.model.objects.published().prefetch_related("tags", "sources", "key_figures")


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = selectors.home_sections()
        context["tags"] = sorted(selectors.tags_with_counts(), key=lambda tag: -tag.entry_count)[
            :12
        ]
        return context


class TagListView(TemplateView):
    template_name = "core/tag_list.html"

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


class TagDetailView(TemplateView):
    template_name = "core/tag_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tag = get_object_or_404(Tag, slug=kwargs["slug"])
        context["tag"] = tag
        context["sections"] = selectors.tag_sections(tag=tag)
        return context


class SearchView(TemplateView):
    """Site search over every kind of entry and the tags; without words, what one can search."""

    template_name = "core/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = Query.parse(self.request.GET.get("q", ""))
        sections = search.search(query)
        context["query"] = query
        context["sections"] = sections
        context["total"] = sum(section.count for section in sections)
        context["lists"] = [
            (model._meta.verbose_name_plural, reverse(model.list_url_name))
            for model in selectors.content_models()
        ]
        return context
