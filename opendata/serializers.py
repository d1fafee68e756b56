"""The API's view of each kind of entry: public fields, tags, sources, key figures, relations.

A relation is given as the related entry's id, slug and name with the addresses of its API item
and of its web page, so that a client can follow it either way. Views hand over entries whose
relations were prefetched with only published entries at their other end, into lists named
`published_<relation>` (opendata/selectors.py): an entry that was not would fail, never show a
draft.

Every translated text comes in both languages, whatever the request's Accept-Language: the
French under the field's name (`summary`), the English beside it (`summary_en`), null until it
is written. A client sees what is translated and falls back as it likes, and an item's content
never depends on a header (Accept-Language only translates the errors and labels).
"""

import copy
import functools

from django.utils.functional import cached_property
from django.utils.text import capfirst
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.models import KeyFigure, Source, Tag
from core.prefetch import prefetched
from core.public.languages import translated_fields
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from opendata.tables import Addresses
from trainings.models import TrainingProgramme

API_ROUTES = {
    Actor: "opendata:actor-detail",
    FundingScheme: "opendata:scheme-detail",
    TrainingProgramme: "opendata:programme-detail",
    Tag: "opendata:tag-detail",
}


def addresses(request):
    """The request's absolute addresses, each kind's route reversed once per request.

    A page of 50 actors gives ~450 links; reversing each (or reading the per-slug cache, which
    asks the active language, script prefix and URL configuration each time) took a fifth of
    its serialisation.
    """
    found = getattr(request, "atlas_addresses", None)
    if found is None:
        found = request.atlas_addresses = Addresses(request.build_absolute_uri)
    return found


def api_url(request, instance):
    """The absolute address of `instance`'s API item."""
    before, after = addresses(request).route(API_ROUTES[type(instance)])
    return before + instance.slug + after


def page_url(request, instance):
    """The absolute address of `instance`'s web page."""
    return addresses(request).page(instance)


class LinksMixin(serializers.Serializer):
    """`url` (the web page) and `api_url` (the API item), both absolute."""

    url = serializers.SerializerMethodField(help_text="Adresse de la page publique.")
    api_url = serializers.SerializerMethodField(help_text="Adresse de la fiche dans l'API.")

    def get_url(self, instance) -> str:
        return page_url(self.context["request"], instance)

    def get_api_url(self, instance) -> str:
        return api_url(self.context["request"], instance)


class FrenchTextField(serializers.CharField):
    """A translated text's French column: "" where it is empty, as the field itself reads."""

    def get_attribute(self, instance):
        # An empty text is saved NULL in every language's column (core/details.py). Its source
        # is always one column.
        return getattr(instance, self.source) or ""


# A model's serializer whose translated fields give their French under their own name, whatever
# language is active; their English is listed beside them (`summary_en`). No docstring: the
# schema would give it as the description of every item built on it.
class BothLanguagesSerializer(serializers.ModelSerializer):
    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name not in translated_fields(model_class):
            return super().build_field(field_name, info, model_class, nested_depth)
        french = f"{field_name}_fr"
        _field_class, kwargs = super().build_field(french, info, model_class, nested_depth)
        # Always given, never null: the column is nullable only for django-modeltranslation.
        kwargs.pop("allow_null", None)
        kwargs.pop("required", None)
        label = capfirst(model_class._meta.get_field(field_name).verbose_name)
        return FrenchTextField, {**kwargs, "source": french, "label": label, "read_only": True}

    def get_fields(self):
        # ModelSerializer works each field out from the model anew for every serializer made,
        # and a request makes several (an actor's, its sources', its key figures'): the same
        # fields each time. Worked out once per class, each serializer gets copies, as DRF
        # gives it its declared fields (an actor's 1.4 → 0.5 ms).
        return copy.deepcopy(_model_fields(type(self)))

    def to_representation(self, instance):
        # DRF's loop reads each field through a generator and three calls with their checks; a
        # page of 50 entries reads some 1 500 fields. Read the same values more directly.
        return {name: read(instance) for name, read in self._readers}

    @cached_property
    def _readers(self):
        """(name, function of an instance giving its value) for each field, as DRF gives them."""
        return [(field.field_name, _reader(field)) for field in self._readable_fields]


@functools.cache
def _model_fields(serializer_class):
    """The fields ModelSerializer gives `serializer_class`, unbound: they depend on its Meta and
    declarations only, never on a request."""
    return super(BothLanguagesSerializer, serializer_class()).get_fields()


def _reader(field):
    """A function giving `field`'s value of an instance, as Serializer.to_representation does.

    A field reading one attribute reads it directly (every field of the serializers below
    finds its attribute: a missing one is an error, not a field to leave out); any other,
    such as a method field, goes through DRF.
    """
    if isinstance(field, FrenchTextField):
        # Always a text, read from its one column.
        return field.get_attribute
    convert = field.to_representation
    if len(field.source_attrs) != 1:

        def read_through_drf(instance):
            value = field.get_attribute(instance)
            return None if value is None else convert(value)

        return read_through_drf
    (attribute,) = field.source_attrs
    if isinstance(field, serializers.ListSerializer):

        def read_list(instance):
            # Tags, sources and key figures are read from where they were prefetched: their
            # managers cost more to build than the few items to read.
            items = prefetched(instance, attribute)
            return convert(getattr(instance, attribute) if items is None else items)

        return read_list

    def read(instance):
        value = getattr(instance, attribute)
        return None if value is None else convert(value)

    return read


def reference(request, instance):
    """`instance` as RelatedSerializer gives it."""
    # In the order DRF gave the serializer's fields: the mixin's first.
    return {
        "url": page_url(request, instance),
        "api_url": api_url(request, instance),
        "id": instance.id,
        "slug": instance.slug,
        "name": instance.name_fr or "",
        "name_en": instance.name_en,
    }


class RelatedSerializer(LinksMixin, serializers.Serializer):
    """Another entry or a tag, as a reference."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = FrenchTextField(source="name_fr", help_text="Nom, en français.")
    name_en = serializers.CharField(
        allow_null=True, help_text="Nom en anglais, null tant qu'il n'est pas traduit."
    )

    def to_representation(self, instance):
        # Its fields (declared above, for the schema) read one by one cost 8 times more: a
        # page of 50 entries gives hundreds of references.
        return reference(self.context["request"], instance)


class SourceSerializer(BothLanguagesSerializer):
    class Meta:
        model = Source
        fields = ["title", "title_en", "url", "publisher"]


class KeyFigureSerializer(BothLanguagesSerializer):
    class Meta:
        model = KeyFigure
        fields = ["label", "label_en", "value", "value_en", "source_url"]


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


class EntrySerializer(LinksMixin, BothLanguagesSerializer):
    """What every kind of entry gives: identity, text, tags, sources, key figures, dates."""

    tags = RelatedSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    key_figures = KeyFigureSerializer(many=True, read_only=True)

    common_fields = [
        "id",
        "slug",
        "name",
        "name_en",
        "url",
        "api_url",
        "summary",
        "summary_en",
        "description",
        "description_en",
        "website",
    ]
    detail_fields = ["tags", "sources", "key_figures", "created_at", "updated_at"]


class ActorSerializer(EntrySerializer):
    parent = PublishedEntryField()
    members = RelatedSerializer(many=True, read_only=True, source="published_members")
    member_of = RelatedSerializer(many=True, read_only=True, source="published_memberships")

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
    operators = RelatedSerializer(many=True, read_only=True, source="published_operators")
    awards = AwardReferenceSerializer(many=True, read_only=True, source="published_awards")

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
            "eligibility_en",
            "sectors",
            "sectors_en",
            "parent",
            "operators",
            "awards",
            *EntrySerializer.detail_fields,
        ]


class ProgrammeSerializer(EntrySerializer):
    providers = RelatedSerializer(many=True, read_only=True, source="published_providers")

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
            "audience_en",
            "objectives",
            "objectives_en",
            "prerequisites",
            "prerequisites_en",
            "providers",
            *EntrySerializer.detail_fields,
        ]


class AwardSerializer(BothLanguagesSerializer):
    scheme = RelatedSerializer(read_only=True)
    actor = RelatedSerializer(read_only=True)
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Award
        fields = ["id", "scheme", "actor", "amount_eur", "year", "note", "note_en", "sources"]


class TagSerializer(LinksMixin, BothLanguagesSerializer):
    class Meta:
        model = Tag
        fields = [
            "id",
            "slug",
            "name",
            "name_en",
            "url",
            "api_url",
            "group",
            "description",
            "description_en",
        ]


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
