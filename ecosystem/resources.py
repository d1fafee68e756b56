"""Actors in and out of spreadsheets: one row per actor, related actors by slug."""

from import_export import fields

from core.transfer.resources import ENTRY_FIELDS, EntryResource
from core.transfer.widgets import SlugForeignKeyWidget, SlugManyToManyWidget
from ecosystem.models import Actor


class ActorResource(EntryResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=SlugForeignKeyWidget(Actor)
    )
    members = fields.Field(
        attribute="members", column_name="members", widget=SlugManyToManyWidget(Actor)
    )

    class Meta:
        model = Actor
        fields = (
            *ENTRY_FIELDS,
            "kind",
            "founding_year",
            "city",
            "region",
            "parent",
            "members",
            "tags",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent").prefetch_related("members", "tags")
