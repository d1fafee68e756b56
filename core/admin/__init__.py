"""The editors' back-office: its branding and the themes (tags) shared by every entry.

The package holds what every app's admin builds on (base.py): forms, history, images, import
and export, the workflow's actions, the dashboard. May import core.models, core.registry,
core.formats, core.prefetch, core.caching, core.search, core.images, core.publishing and
core.transfer; never core.public or core.http, never an app.
"""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from taggit import admin as taggit_admin

from core.admin.forms import FrenchFieldsForm
from core.admin.history import HistoryAdmin
from core.admin.languages import MissingTranslationFilter, side_by_side
from core.admin.tags import TagAutocompleteView, TagForm, tags_matching
from core.models import Tag

admin.site.site_header = _("Atlas IA Santé — espace éditeurs")
admin.site.site_title = _("Atlas IA Santé")
admin.site.index_title = _("Contenus de l'atlas")
# The side menu repeats the dashboard and took 276 px of every form and list: at 1024 px the
# actors' list scrolled sideways. The breadcrumbs and the dashboard lead everywhere it did.
admin.site.enable_nav_sidebar = False

# The atlas tags entries with core.Tag; taggit's own model stays empty and would only confuse.
# Importing taggit's admin above guarantees it is registered before being removed here.
admin.site.unregister(taggit_admin.Tag)


class TagAdminForm(FrenchFieldsForm, TagForm):
    """The tag form, its French and English side by side."""


@admin.register(Tag)
class TagAdmin(HistoryAdmin):
    form = TagAdminForm
    list_display = ("name", "group", "entry_count")
    list_filter = ("group", MissingTranslationFilter)
    # Searched by tags_matching; the autocomplete needs the admin to declare a search.
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    fields = (*side_by_side("name"), "slug", "group", *side_by_side("description"))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return super().get_queryset(request).annotate(entry_count=Count("tagged_entries"))

    @admin.display(description=_("entrées étiquetées"), ordering="entry_count")
    def entry_count(self, tag: Tag) -> int:
        return tag.entry_count

    def get_urls(self) -> list[URLPattern]:
        autocomplete = TagAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path(
                "autocomplete/",
                self.admin_site.admin_view(autocomplete),
                name="core_tag_autocomplete",
            ),
            *super().get_urls(),
        ]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Tag], search_term: str
    ) -> tuple[QuerySet[Tag], bool]:
        return tags_matching(queryset, search_term), False
