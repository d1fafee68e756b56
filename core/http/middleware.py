"""What every response goes through: a log line, security headers, the public pages' cache."""

import logging
import time
from collections.abc import Callable

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control

from core.caching import dependencies, fragments, front, signed_in
from core.caching import pages as cache

request_logger = logging.getLogger("atlas.requests")
GetResponse = Callable[[HttpRequest], HttpResponseBase]


class RequestLogMiddleware:
    """Log one line per request: method, path, status, duration and what the page cache did."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        # The path without its query string: that may hold what a visitor typed in the search.
        request_logger.info(
            "%s %s %s %.1fms cache=%s",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            getattr(request, "page_cache", "-"),
        )
        return response


class HeadWithoutBodyMiddleware:
    """Answer HEAD with the headers of GET and no body, as HTTP asks.

    Django's views answer HEAD as they answer GET; gunicorn drops the body, with a warning
    for each request.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method == "HEAD" and isinstance(response, HttpResponse):
            # Content-Length keeps the length of the GET body, which HTTP allows.
            response.content = b""
        return response


class SecurityHeadersMiddleware(CSPMiddleware):
    """Send the content security policy (django-csp) and the permissions policy.

    The policy is settings.CONTENT_SECURITY_POLICY; the admin's pages replace some of its
    directives with ATLAS_ADMIN_CONTENT_SECURITY_POLICY (Django's admin sets style attributes).
    django-csp sends no Permissions-Policy: this middleware adds it, the same for every response.
    """

    def __init__(self, get_response: GetResponse) -> None:
        super().__init__(get_response)
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.ATLAS_PERMISSIONS_POLICY
        )
        # {is an admin page: its policy}, as get_policy_parts() makes them for most responses.
        self.settings_policies = {
            False: build_policy(),
            True: build_policy(replace=settings.ATLAS_ADMIN_CONTENT_SECURITY_POLICY),
        }

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if self._is_admin(request) and parts.replace is None:
            parts.replace = settings.ATLAS_ADMIN_CONTENT_SECURITY_POLICY
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if self._uses_a_settings_policy(request, response):
            # django-csp builds the same header again for each response (~40 µs, some 5 % of
            # a page served from the cache): built once per kind of page, it is reused.
            response.headers.setdefault(HEADER, self.settings_policies[self._is_admin(request)])
        else:
            response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response

    @staticmethod
    def _is_admin(request: HttpRequest) -> bool:
        match = getattr(request, "resolver_match", None)
        return match is not None and "admin" in match.namespaces

    @staticmethod
    def _uses_a_settings_policy(request: HttpRequest, response: HttpResponseBase) -> bool:
        """Whether the response gets one of the settings' two policies, public or admin, as is:
        no view changed it (django-csp's decorators), no nonce was asked, no exception applies."""
        return not (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(name.startswith("_csp_") for name in vars(response))
            or settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        )


class PageCacheMiddleware:
    """Serve anonymous visitors' public pages from the cache (see core/caching/pages.py)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not cache.request_is_cacheable(request):
            _served(request, "bypass")
            response = self.get_response(request)
            if signed_in.is_signed_in(request):
                # An editor's page must not be kept by a shared cache, nor reused unchecked.
                patch_cache_control(response, private=True, no_cache=True)
            signed_in.keep_cookie_in_step(request, response)
            return response
        found = cache.page_query(request)
        if found is None:
            # Parameters out of bounds: answered from the database, never stored.
            _served(request, "pass")
            response = self.get_response(request)
            front.mark_unshared(response)
            signed_in.keep_cookie_in_step(request, response)
            return response
        query, variant = found
        cache.use_query(request, query)
        key = cache.page_key(request, variant)
        kept = cache.fetch(key)
        if kept is not None and kept.current:
            _served(request, "hit")
            return kept.response
        locks = cache.start_rendering(key) if kept is not None else None
        if kept is not None and locks is None:
            # Another process is making this page again, or this server is busy making others:
            # its last copy answers meanwhile, kept by no shared cache.
            _served(request, "stale")
            front.mark_unshared(kept.response)
            return kept.response
        snapshot = dependencies.Snapshot()
        try:
            with dependencies.collecting() as depends_on, fragments.rendering_since(snapshot):
                response = self.get_response(request)
            _served(request, "miss")
            signed_in.keep_cookie_in_step(request, response)
            if cache.response_is_cacheable(response):
                cache.store(key, response, depends_on=depends_on, snapshot=snapshot)
        finally:
            if locks is not None:
                cache.done_rendering(locks)
        return response


def _served(request: HttpRequest, how: str) -> None:
    """Say how the page cache served `request`, for the request log (RequestLogMiddleware)."""
    request.page_cache = how  # type: ignore[attr-defined]  # an attribute of our own
