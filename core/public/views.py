"""The public site's own pages (home, tags, search, accessibility) and what every page shares."""

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.caching import dependencies as deps
from core.models import Entry, Tag, TagGroup
from core.public import selectors
from core.public.accessibility import LATEST_AUDIT
from core.public.structured_data import breadcrumb_list, web_page
from core.registry import content_models
from core.search import index as search
from core.search.terms import Query


class PageMixin:
    """What a page is called and says about itself, where it stands, and its JSON-LD."""

    page_title: str | Promise | None = None
    page_description: str | Promise | None = None
    # The query parameters the page reads ({name: multi-valued}), on which the page cache keys it;
    # or a class method that says them.
    cache_parameters: ClassVar[dict[str, bool] | Callable[[], dict[str, bool]]] = {}
    # The view's, which this is mixed into.
    request: HttpRequest

    def get_page_title(self) -> str | Promise | None:
        return self.page_title

    def get_page_description(self) -> str | Promise | None:
        return self.page_description

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        """(name, path) pairs from the home page to this page."""
        return [(_("Accueil"), reverse("core:home"))]

    def get_structured_data(self) -> list[dict[str, Any]]:
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The view's (ContextMixin), which this is mixed into.
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
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


def list_crumb(model: type[Entry]) -> tuple[str | Promise, str]:
    return (model.section_title, reverse(model.list_url_name))


class HomeView(PageMixin, TemplateView):
    template_name = "core/home.html"
    page_title = _("L'intelligence artificielle en santé en France")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
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

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [*super().get_breadcrumbs(), (_("Thèmes"), reverse("core:tag-list"))]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
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
    # Known past get(), which answers an unknown tag with a 404.
    tag: Tag

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.tag = selectors.published_tag(kwargs["slug"])  # type: ignore[assignment]
        if self.tag is None:
            suggestions = selectors.similar_tags(kwargs["slug"])
            return render(
                request, "core/tag_not_found.html", {"suggestions": suggestions}, status=404
            )
        return super().get(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("Thème : %(name)s") % {"name": self.tag.name}

    def get_page_description(self) -> str:
        return self.tag.description or _(
            "Acteurs, financements et formations de l'IA en santé sur le thème « %(name)s »."
        ) % {"name": self.tag.name}

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            *super().get_breadcrumbs(),
            (_("Thèmes"), reverse("core:tag-list")),
            (self.tag.name, self.tag.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
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

    cache_parameters = {"q": False}

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [*super().get_breadcrumbs(), (_("Recherche"), reverse("core:search"))]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        deps.depend_on(deps.SEARCH)
        query = Query.parse(self.request.GET.get("q", ""), get_language())
        sections = search.search(query)
        context["query"] = query
        context["sections"] = sections
        context["total"] = sum(section.count for section in sections)
        context["capped"] = any(section.capped for section in sections)
        context["match_cap"] = settings.ATLAS_SEARCH_MATCH_CAP
        context["lists"] = [
            (model._meta.verbose_name_plural, reverse(model.list_url_name))
            for model in content_models()
        ]
        return context


class AccessibilityView(TemplateView):
    """The accessibility statement, with the address to write to about a barrier (CONTACT_EMAIL)."""

    template_name = "core/accessibility.html"
    cache_parameters: dict[str, bool] = {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.ATLAS_CONTACT_EMAIL
        context["audit"] = LATEST_AUDIT
        return context
