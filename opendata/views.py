"""The public read API: actors, funding schemes, awards, training programmes and tags.

Lists are filtered by the list pages' own FilterSets and paged by cursor; `?format=csv`, `json`
or `xlsx`, or an Accept header that prefers CSV or XLSX (opendata/negotiation.py), gives the
whole filtered list as a download instead (opendata/downloads.py).
"""

from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.response import Response

from core.caching import dependencies, name_order
from ecosystem.filters import ActorFilterSet
from ecosystem.models import Actor
from funding.filters import SchemeFilterSet
from funding.models import FundingScheme
from opendata import downloads, selectors, serializers, tables
from opendata.filters import AwardFilterSet, UpdatedSinceFilter
from opendata.negotiation import (
    CsvRenderer,
    FileRenderer,
    NegotiatedViewSetMixin,
    XlsxRenderer,
)
from opendata.pagination import EntryCursorPagination, IdCursorPagination
from trainings.filters import ProgrammeFilterSet
from trainings.models import TrainingProgramme

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=list(downloads.FORMATS),
    description="Download the whole filtered list as a file instead of a page of JSON. "
    "`Accept: text/csv` or the XLSX media type does the same for CSV and XLSX; `format` wins "
    "over Accept. `Accept: application/json` (or none) gives a page of JSON; the whole list as "
    "JSON rows needs `format=json`.",
)
DOWNLOAD_RESPONSES = {
    (200, media_type): OpenApiResponse(
        OpenApiTypes.BINARY if name == "xlsx" else OpenApiTypes.STR,
        description=f"The whole filtered list as a {name.upper()} file (`?format={name}`, "
        f"or `Accept: {media_type.split(';')[0]}`).",
    )
    for name, (media_type, _extension) in downloads.FORMATS.items()
    if name != "json"
}

PROBLEMS = {
    (code, "application/problem+json"): OpenApiResponse(serializers.ProblemSerializer, description)
    for code, description in [
        (400, "A parameter is refused; `errors` says which and why."),
        (404, "No published entry at this address, or a cursor that is not one."),
        (406, "The Accept header accepts none of the media types this operation answers."),
        (429, "Too many requests from this address: wait `Retry-After` seconds."),
    ]
}


class DownloadableListMixin(NegotiatedViewSetMixin):
    """A list that is a page of JSON, or with `?format=` or Accept the whole filtered list as a
    file."""

    enrich = staticmethod(selectors.with_details)
    download_renderer_classes = (CsvRenderer, XlsxRenderer)

    def list(self, request, *args, **kwargs):
        # The page cache keeps a page of the list until what it depends on changes: the entries
        # it shows (their own keys, collected as they are read) and the list's membership.
        dependencies.depend_on(*self.list_keys(request))
        queryset = self.filter_queryset(self.get_queryset())
        # With ?format=, negotiation chose JSON (opendata/negotiation.py): the parameter wins.
        file_format = request.query_params.get("format")
        if file_format is None and isinstance(request.accepted_renderer, FileRenderer):
            file_format = request.accepted_renderer.format
        if file_format is not None:
            # A download is not paged, but a bad page size is refused as on a page.
            self.paginator.get_page_size(request)
            return downloads.download(
                queryset,
                table=tables.TABLES[queryset.model],
                file_format=file_format,
                build_url=request.build_absolute_uri,
            )
        page = self.enrich(list(self.paginate_queryset(queryset)))
        self.depend_on_order(request, page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def depend_on_order(self, request, page):
        """Record what the order of `page`'s items depends on, beyond the list's keys."""


class EntryViewSet(DownloadableListMixin, viewsets.ReadOnlyModelViewSet):
    """One kind of entry: its published entries only, found by slug."""

    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend, UpdatedSinceFilter]
    pagination_class = EntryCursorPagination
    model = None

    def get_queryset(self):
        return selectors.published_entries(self.model)

    def list_keys(self, request):
        """Which entries the list holds, and in what order, as the list pages' filters say it
        (core.filters.EntryFilterSet.collection_keys)."""
        keys = {dependencies.list_key(self.model), dependencies.TAGS}
        if request.query_params.get("q"):
            keys.add(dependencies.SEARCH)
        if request.query_params.get("sort") == "updated" or "updated_since" in request.query_params:
            # Any save moves an entry to the top, description included: not in the list key.
            keys.add(dependencies.recent_key(self.model))
        return keys

    def depend_on_order(self, request, page):
        if (request.query_params.get("sort") or "name") != "name" or not page:
            return
        if set(request.query_params) <= {"sort", "page_size"}:
            # The whole list's first page: its last entry's rank is its place, no query needed.
            name_order.depend_on_rank(self.model, len(page) - 1)
        else:
            name_order.depend_on_page(self.model, page)

    def retrieve(self, request, *args, **kwargs):
        entry = self.get_object()
        self.enrich([entry])
        response = Response(self.get_serializer(entry).data)
        response["Last-Modified"] = http_date(entry.updated_at.timestamp())
        return response


def documented(name, plural, serializer):
    """Document a viewset's two operations: a list (a page, or a file) and one item."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List the published {plural}",
            parameters=[FORMAT_PARAMETER],
            responses={
                (200, "application/json"): serializer(many=True),
                **DOWNLOAD_RESPONSES,
                **PROBLEMS,
            },
        ),
        retrieve=extend_schema(
            summary=f"One published {name}", responses={200: serializer, **PROBLEMS}
        ),
    )


@documented("actor", "actors", serializers.ActorSerializer)
class ActorViewSet(EntryViewSet):
    model = Actor
    serializer_class = serializers.ActorSerializer
    filterset_class = ActorFilterSet


@documented("funding scheme", "funding schemes", serializers.SchemeSerializer)
class SchemeViewSet(EntryViewSet):
    model = FundingScheme
    serializer_class = serializers.SchemeSerializer
    filterset_class = SchemeFilterSet


@documented("training programme", "training programmes", serializers.ProgrammeSerializer)
class ProgrammeViewSet(EntryViewSet):
    model = TrainingProgramme
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = ProgrammeFilterSet


@documented("award", "awards", serializers.AwardSerializer)
class AwardViewSet(DownloadableListMixin, viewsets.ReadOnlyModelViewSet):
    """Awards whose scheme and beneficiary are both published."""

    serializer_class = serializers.AwardSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = AwardFilterSet
    pagination_class = IdCursorPagination
    enrich = staticmethod(selectors.with_award_details)

    def get_queryset(self):
        return selectors.published_awards()

    def list_keys(self, request):
        """An award's change makes stale its scheme's and its beneficiary's lists
        (core.caching.invalidation.record_keys), as their publication does."""
        return {dependencies.list_key(FundingScheme), dependencies.list_key(Actor)}

    def retrieve(self, request, *args, **kwargs):
        award = self.get_object()
        self.enrich([award])
        return Response(self.get_serializer(award).data)


@extend_schema_view(
    list=extend_schema(
        summary="List the tags that published entries carry",
        responses={200: serializers.TagSerializer(many=True), **PROBLEMS},
    ),
    retrieve=extend_schema(
        summary="One tag",
        # Said here: the published tags' queryset cannot be built without a database.
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH)],
        responses={200: serializers.TagSerializer, **PROBLEMS},
    ),
)
class TagViewSet(NegotiatedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Themes that at least one published entry carries."""

    serializer_class = serializers.TagSerializer
    lookup_field = "slug"
    pagination_class = IdCursorPagination

    def get_queryset(self):
        return selectors.published_tags()

    def list(self, request, *args, **kwargs):
        # Which tags published entries carry: every tag, tagging or publication replaces TAGS.
        dependencies.depend_on(dependencies.TAGS)
        return super().list(request, *args, **kwargs)
