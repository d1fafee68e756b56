"""What every response goes through: a log line, security headers, the public pages' cache."""

import logging
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control

from core.caching import dependencies, fragments, front, signed_in
from core.caching import pages as cache

request_logger = logging.getLogger("atlas.requests")


class RequestLogMiddleware:
    """Log one line per request: method, path, status, duration and what the page cache did."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            # Content-Length keeps the length of the GET body, which HTTP allows.
            response.content = b""
        return response


class SecurityHeadersMiddleware(CSPMiddleware):
    """Send the content security policy (django-csp) and the permissions policy.

    The policy is settings.CONTENT_SECURITY_POLICY; the admin's pages replace some of its
    directives with ATLAS_ADMIN_CONTENT_SECURITY_POLICY (Django's admin sets style attributes).
    django-csp sends no Permissions-Policy: this middleware adds it, the same for every response.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.ATLAS_PERMISSIONS_POLICY
        )

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        match = getattr(request, "resolver_match", None)
        if match is not None and "admin" in match.namespaces and parts.replace is None:
            parts.replace = settings.ATLAS_ADMIN_CONTENT_SECURITY_POLICY
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class PageCacheMiddleware:
    """Serve anonymous visitors' public pages from the cache (see core/caching/pages.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cache.request_is_cacheable(request):
            request.page_cache = "bypass"
            response = self.get_response(request)
            if signed_in.is_signed_in(request):
                # An editor's page must not be kept by a shared cache, nor reused unchecked.
                patch_cache_control(response, private=True, no_cache=True)
            signed_in.keep_cookie_in_step(request, response)
            return response
        found = cache.page_query(request)
        if found is None:
            # Parameters out of bounds: answered from the database, never stored.
            request.page_cache = "pass"
            response = self.get_response(request)
            front.mark_unshared(response)
            signed_in.keep_cookie_in_step(request, response)
            return response
        query, variant = found
        cache.use_query(request, query)
        key = cache.page_key(request, variant)
        response = cache.fetch(key)
        if response is not None:
            request.page_cache = "hit"
            return response
        snapshot = dependencies.Snapshot()
        with dependencies.collecting() as depends_on, fragments.rendering_since(snapshot):
            response = self.get_response(request)
        request.page_cache = "miss"
        signed_in.keep_cookie_in_step(request, response)
        if cache.response_is_cacheable(response):
            cache.store(key, response, depends_on=depends_on, snapshot=snapshot)
        return response
