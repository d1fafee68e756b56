"""Funding schemes and their awards in and out of spreadsheets, everything named by slug."""

from import_export import fields

from core.transfer.resources import ENTRY_FIELDS, AtlasResource, EntryResource
from core.transfer.widgets import SlugForeignKeyWidget, SlugManyToManyWidget
from ecosystem.models import Actor
from funding.models import Award, FundingScheme


class FundingSchemeResource(EntryResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=SlugForeignKeyWidget(FundingScheme)
    )
    operators = fields.Field(
        attribute="operators", column_name="operators", widget=SlugManyToManyWidget(Actor)
    )

    class Meta:
        model = FundingScheme
        fields = (
            *ENTRY_FIELDS,
            "kind",
            "state",
            "announced_year",
            "announced_month",
            "budget_eur",
            "eligibility",
            "eligibility_en",
            "sectors",
            "sectors_en",
            "parent",
            "operators",
            "tags",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent").prefetch_related("operators", "tags")


class AwardResource(AtlasResource):
    """An award has no slug: it is known by its scheme, its beneficiary and its year."""

    scheme = fields.Field(
        attribute="scheme", column_name="scheme", widget=SlugForeignKeyWidget(FundingScheme)
    )
    actor = fields.Field(attribute="actor", column_name="actor", widget=SlugForeignKeyWidget(Actor))

    class Meta:
        model = Award
        fields = ("scheme", "actor", "year", "amount_eur", "note", "note_en")
        export_order = fields
        import_id_fields = ("scheme", "actor", "year")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("scheme", "actor")
