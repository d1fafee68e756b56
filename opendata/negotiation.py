"""Which format a request to the API gets: `?format=` first, else its `Accept` header.

A list offers JSON (a page of items), CSV and XLSX (the whole filtered list as a file); an item
offers JSON alone. `Accept` is read as HTTP says (RFC 9110, 12.5.1), quality values included,
where DRF's own negotiation ignores them: `text/csv;q=0` refuses CSV, and of two acceptable
formats the one of higher quality wins, the list's order (JSON first) breaking ties. A request
that accepts nothing offered gets 406, as a problem document (opendata/errors.py).

The same choice keys the page cache (core.caching.parameters.declared_variant): a JSON page kept
for one client is never given to a client that asked for CSV.
"""

from collections.abc import Sequence
from functools import partial

from django.utils.cache import patch_vary_headers
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer

from core.caching.parameters import filterset_parameters

FORMAT_PARAMETER = "format"
# Bounds on what a client may send, as DRF sets them: past them, the rest is ignored.
MAX_ACCEPT_LENGTH = 8192
MAX_ACCEPT_RANGES = 64


def media_ranges(header: str | None) -> list[tuple[str, str, float]]:
    """The (type, subtype, quality) of each media range of an Accept header, lower-cased."""
    if not header:
        return [("*", "*", 1.0)]
    found = []
    for item in header[:MAX_ACCEPT_LENGTH].split(",")[:MAX_ACCEPT_RANGES]:
        media_type, *parameters = (part.strip() for part in item.split(";"))
        kind, slash, subtype = media_type.lower().partition("/")
        if not slash or not kind or not subtype:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _equals, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        found.append((kind, subtype, quality))
    return found


def quality(media_type: str, ranges: list[tuple[str, str, float]]) -> float:
    """How much `ranges` accept `media_type`: the quality of the most specific range matching it."""
    kind, _slash, subtype = media_type.split(";")[0].strip().lower().partition("/")
    best_specificity, best_quality = -1, 0.0
    for range_kind, range_subtype, range_quality in ranges:
        if range_kind == kind and range_subtype == subtype:
            specificity = 2
        elif range_kind == kind and range_subtype == "*":
            specificity = 1
        elif range_kind == "*" and range_subtype == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, best_quality = specificity, range_quality
    return best_quality


def choose(offered: Sequence[str], accept: str | None) -> int | None:
    """The index of the offered media type `accept` prefers, or None if it accepts none."""
    ranges = media_ranges(accept)
    best, best_quality = None, 0.0
    for index, media_type in enumerate(offered):
        found = quality(media_type, ranges)
        if found > best_quality:
            best, best_quality = index, found
    return best


def cache_variant(offered: Sequence[str], request) -> str | None:
    """The media type this request gets, for the page cache's key; None for a 406."""
    if FORMAT_PARAMETER in request.GET:
        # The query string is in the key already (and such downloads are never kept).
        return "format"
    chosen = choose(offered, request.headers.get("Accept"))
    return None if chosen is None else offered[chosen]


class FormatNegotiation(DefaultContentNegotiation):
    """`?format=` wins over Accept (the view answers with that file, or a 400 for an unknown
    one); otherwise the renderer that Accept prefers, quality values included, or a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if FORMAT_PARAMETER in request.query_params:
            return renderers[0], renderers[0].media_type
        chosen = choose(
            [renderer.media_type for renderer in renderers], request.headers.get("Accept")
        )
        if chosen is None:
            raise NotAcceptable(available_renderers=renderers)
        return renderers[chosen], renderers[chosen].media_type


class ProblemOnlyNegotiation(DefaultContentNegotiation):
    """Answer with the first renderer whatever Accept says: an error has one form only."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class FileRenderer(BaseRenderer):
    """A download's format, offered to negotiation: the view itself writes the file."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only a list's action answers these formats, always with a file (views.py).
        raise NotImplementedError("A download is written by opendata.downloads, not rendered.")


class CsvRenderer(FileRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"


class XlsxRenderer(FileRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None


class NegotiatedViewSetMixin:
    """A viewset whose list offers its files to Accept as well as to `?format=`, and whose every
    answer says that it varies with Accept, for the caches between the API and its clients."""

    # A list's files, offered after JSON: a client that accepts anything gets a page of JSON.
    download_renderer_classes = ()

    @classmethod
    def offered_renderers(cls, action):
        if action == "list":
            return [*cls.renderer_classes, *cls.download_renderer_classes]
        return list(cls.renderer_classes)

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        offered = [renderer.media_type for renderer in cls.offered_renderers(actions.get("get"))]
        # Read by the page cache (core.caching.parameters).
        view.cache_variant = partial(cache_variant, offered)
        view.cache_parameters = cls.read_parameters(actions.get("get"))
        return view

    @classmethod
    def read_parameters(cls, action):
        """The query parameters an answer reads ({name: several values}): the page cache keys a
        page on those, and a request with others gets the same page."""
        parameters = {FORMAT_PARAMETER: False}
        if action != "list":
            return parameters
        filterset_class = getattr(cls, "filterset_class", None)
        if filterset_class is not None:
            parameters.update(filterset_parameters(filterset_class))
        for backend in cls.filter_backends:
            parameters.update(getattr(backend, "query_parameters", {}))
        parameters.update(getattr(cls.pagination_class, "query_parameters", {}))
        return parameters

    def get_renderers(self):
        return [renderer() for renderer in self.offered_renderers(self.action)]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response
