"""The API's view of each kind of entry: public fields, tags, sources, key figures, relations.

A relation is given as the related entry's id, slug and name with the addresses of its API item
and of its web page, so that a client can follow it either way. Views hand over entries whose
relations were prefetched with only published entries at their other end (opendata/selectors.py).
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.models import KeyFigure, Source, Tag
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from trainings.models import TrainingProgramme

API_ROUTES = {
    Actor: "opendata:actor-detail",
    FundingScheme: "opendata:scheme-detail",
    TrainingProgramme: "opendata:programme-detail",
    Tag: "opendata:tag-detail",
}


def origin(request):
    """The request's scheme and host, worked out once per request: a page has hundreds of links."""
    found = getattr(request, "atlas_origin", None)
    if found is None:
        found = request.atlas_origin = request.build_absolute_uri("/").removesuffix("/")
    return found


def api_url(request, instance):
    """The absolute address of `instance`'s API item."""
    return origin(request) + reverse(API_ROUTES[type(instance)], kwargs={"slug": instance.slug})


def page_url(request, instance):
    """The absolute address of `instance`'s web page."""
    return origin(request) + instance.get_absolute_url()


class LinksMixin(serializers.Serializer):
    """`url` (the web page) and `api_url` (the API item), both absolute."""

    url = serializers.SerializerMethodField(help_text="Adresse de la page publique.")
    api_url = serializers.SerializerMethodField(help_text="Adresse de la fiche dans l'API.")

    def get_url(self, instance) -> str:
        return page_url(self.context["request"], instance)

    def get_api_url(self, instance) -> str:
        return api_url(self.context["request"], instance)


def reference(request, instance):
    """`instance` as RelatedSerializer gives it."""
    # In the order DRF gave the serializer's fields: the mixin's first.
    return {
        "url": page_url(request, instance),
        "api_url": api_url(request, instance),
        "id": instance.id,
        "slug": instance.slug,
        "name": instance.name,
    }


class RelatedSerializer(LinksMixin, serializers.Serializer):
    """Another entry or a tag, as a reference."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()

    def to_representation(self, instance):
        # Its fields (declared above, for the schema) read one by one cost 8 times more: a
        # page of 50 entries gives hundreds of references.
        return reference(self.context["request"], instance)


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["title", "url", "publisher"]


class KeyFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = KeyFigure
        fields = ["label", "value", "source_url"]


@extend_schema_field(RelatedSerializer(allow_null=True))
class PublishedEntryField(serializers.Field):
    """A to-one relation, given only when the entry at its other end is published."""

    def to_representation(self, value):
        if not value.is_published:
            return None
        return reference(self.context["request"], value)

    def get_attribute(self, instance):
        # None on the way out is the field's value, not a missing attribute.
        return getattr(instance, self.source)


class EntrySerializer(LinksMixin, serializers.ModelSerializer):
    """What every kind of entry gives: identity, text, tags, sources, key figures, dates."""

    tags = RelatedSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    key_figures = KeyFigureSerializer(many=True, read_only=True)

    common_fields = [
        "id",
        "slug",
        "name",
        "url",
        "api_url",
        "summary",
        "description",
        "website",
    ]
    detail_fields = ["tags", "sources", "key_figures", "created_at", "updated_at"]


class ActorSerializer(EntrySerializer):
    parent = PublishedEntryField()
    members = RelatedSerializer(many=True, read_only=True)
    member_of = RelatedSerializer(many=True, read_only=True, source="memberships")

    class Meta:
        model = Actor
        fields = [
            *EntrySerializer.common_fields,
            "kind",
            "city",
            "region",
            "founding_year",
            "parent",
            "members",
            "member_of",
            *EntrySerializer.detail_fields,
        ]


class AwardReferenceSerializer(serializers.ModelSerializer):
    """An award as a scheme lists it: its beneficiary, amount and year."""

    actor = RelatedSerializer(read_only=True)

    class Meta:
        model = Award
        fields = ["id", "actor", "amount_eur", "year"]


class SchemeSerializer(EntrySerializer):
    # Declared, so that the schema gives 1 to 12 and not the database's own integer range.
    announced_month = serializers.IntegerField(min_value=1, max_value=12, allow_null=True)
    parent = PublishedEntryField()
    operators = RelatedSerializer(many=True, read_only=True)
    awards = AwardReferenceSerializer(many=True, read_only=True)

    class Meta:
        model = FundingScheme
        fields = [
            *EntrySerializer.common_fields,
            "kind",
            "state",
            "announced_year",
            "announced_month",
            "budget_eur",
            "eligibility",
            "sectors",
            "parent",
            "operators",
            "awards",
            *EntrySerializer.detail_fields,
        ]


class ProgrammeSerializer(EntrySerializer):
    providers = RelatedSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingProgramme
        fields = [
            *EntrySerializer.common_fields,
            "diploma_type",
            "teaching_format",
            "language",
            "duration_hours",
            "cost_eur",
            "city",
            "audience",
            "objectives",
            "prerequisites",
            "providers",
            *EntrySerializer.detail_fields,
        ]


class AwardSerializer(serializers.ModelSerializer):
    scheme = RelatedSerializer(read_only=True)
    actor = RelatedSerializer(read_only=True)
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Award
        fields = ["id", "scheme", "actor", "amount_eur", "year", "note", "sources"]


class TagSerializer(LinksMixin, serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "slug", "name", "url", "api_url", "group", "description"]


class ProblemSerializer(serializers.Serializer):
    """An error, as RFC 9457 problem details (opendata/errors.py)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    instance = serializers.CharField(required=False)
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a refused parameter: its messages, by parameter name.",
    )
