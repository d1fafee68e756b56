"""A rate limit per client address, kept in the shared cache, that never breaks the API."""

import logging

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from core.http.client_ip import client_ip

logger = logging.getLogger("atlas.api")


class ClientRateThrottle(AnonRateThrottle):
    """`ATLAS_API_RATE_LIMIT` requests per client address; editors logged in are not limited."""

    scope = "api"

    def get_rate(self):
        # Read at each request, not at import as DRF does: settings can change (tests, env).
        return settings.ATLAS_API_RATE_LIMIT

    def get_ident(self, request):
        # The address the site's own proxies saw, as the login lock-out reads it.
        return client_ip(request)

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:
            # The cache is down or refuses: serving without a limit beats failing every call.
            logger.warning("API rate limit skipped: the cache failed", exc_info=True)
            return True
