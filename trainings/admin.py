"""Editing training programmes and the institutions that deliver them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin.base import EntryAdmin, entry_fieldsets
from core.admin.languages import MissingTranslationFilter, side_by_side
from core.admin.workflow import ReviewAgeFilter
from trainings.models import TrainingProgramme


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(EntryAdmin):
    list_display = ("thumbnail", "name", "diploma_type", "status", "tag_list", "updated_at")
    list_filter = (
        "status",
        ReviewAgeFilter,
        MissingTranslationFilter,
        "diploma_type",
        "teaching_format",
        "language",
        "tags",
    )
    autocomplete_fields = ("providers",)
    fieldsets = entry_fieldsets(
        identity=("diploma_type",),
        sections=(
            (
                _("Organisation"),
                {
                    "fields": (
                        "providers",
                        "city",
                        "teaching_format",
                        "language",
                        "duration_hours",
                        "cost_eur",
                    )
                },
            ),
            (
                _("Contenu"),
                {"fields": side_by_side("audience", "objectives", "prerequisites")},
            ),
        ),
    )
