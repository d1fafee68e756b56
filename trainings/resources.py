"""Training programmes in and out of spreadsheets, their institutions by slug."""

from import_export import fields

from core.transfer.resources import ENTRY_FIELDS, EntryResource
from core.transfer.widgets import SlugManyToManyWidget
from ecosystem.models import Actor
from trainings.models import TrainingProgramme


class TrainingProgrammeResource(EntryResource):
    providers = fields.Field(
        attribute="providers", column_name="providers", widget=SlugManyToManyWidget(Actor)
    )

    class Meta:
        model = TrainingProgramme
        fields = (
            *ENTRY_FIELDS,
            "diploma_type",
            "providers",
            "city",
            "teaching_format",
            "language",
            "duration_hours",
            "cost_eur",
            "audience",
            "audience_en",
            "objectives",
            "objectives_en",
            "prerequisites",
            "prerequisites_en",
            "tags",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("providers", "tags")
