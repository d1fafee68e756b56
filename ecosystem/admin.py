"""Editing actors. Their awards are edited here too, from an inline that funding adds."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin.base import EntryAdmin, entry_fieldsets
from core.admin.languages import MissingTranslationFilter
from core.admin.workflow import ReviewAgeFilter
from ecosystem.models import Actor


@admin.register(Actor)
class ActorAdmin(EntryAdmin):
    list_display = ("thumbnail", "name", "kind", "status", "tag_list", "updated_at")
    list_filter = (
        "status",
        ReviewAgeFilter,
        MissingTranslationFilter,
        "kind",
        "region",
        "tags",
    )
    autocomplete_fields = ("parent", "members")
    fieldsets = entry_fieldsets(
        identity=("kind", "founding_year"),
        sections=(
            (_("Localisation"), {"fields": ("city", "region")}),
            (_("Liens avec d'autres acteurs"), {"fields": ("parent", "members")}),
        ),
    )
