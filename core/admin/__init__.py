"""The editors' back-office: its branding and the themes (tags) shared by every entry.

The package holds what every app's admin builds on (base.py): forms, history, images, import
and export, the workflow's actions, the dashboard. May import core.models, core.registry,
core.formats, core.prefetch, core.caching, core.search, core.images, core.publishing and
core.transfer; never core.public or core.http, never an app.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from taggit import admin as taggit_admin

from core.admin.forms import FrenchFieldsForm
from core.admin.history import HistoryAdmin
from core.admin.languages import MissingTranslationFilter, in_every_language, side_by_side
from core.models import Tag

admin.site.site_header = _("Atlas IA Santé — espace éditeurs")
admin.site.site_title = _("Atlas IA Santé")
admin.site.index_title = _("Contenus de l'atlas")

# The atlas tags entries with core.Tag; taggit's own model stays empty and would only confuse.
# Importing taggit's admin above guarantees it is registered before being removed here.
admin.site.unregister(taggit_admin.Tag)


@admin.register(Tag)
class TagAdmin(HistoryAdmin):
    list_display = ("name", "group", "entry_count")
    list_filter = ("group", MissingTranslationFilter)
    search_fields = in_every_language("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    form = FrenchFieldsForm
    fields = (*side_by_side("name"), "slug", "group", *side_by_side("description"))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("tagged_entries"))

    @admin.display(description=_("entrées étiquetées"), ordering="entry_count")
    def entry_count(self, tag):
        return tag.entry_count
