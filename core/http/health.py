"""The health check that load balancers and monitoring call: what answers, what is degraded."""

import logging
import secrets

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("atlas.health")


def database_answers() -> bool:
    """Whether the database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check failed: the database does not answer (%s)", error)
        return False
    return True


def cache_answers() -> bool:
    """Whether the shared cache keeps and gives back a value."""
    key = f"atlas:health:{secrets.token_hex(4)}"
    # A backend that turns its errors into misses raises nothing: the value is then just missing.
    problem: str | Exception = "the value written was not read back"
    try:
        cache = caches["default"]
        cache.set(key, "ok", timeout=5)
        answered = cache.get(key) == "ok"
        cache.delete(key)
    except Exception as error:  # Whatever the backend raises (refused, timeout, full).
        answered, problem = False, error
    if not answered:
        logger.warning("Health check: the cache does not answer (%s)", problem)
    return answered


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """One line per service; 503 when the database is down, 200 when only the cache is.

    Without its cache the site still serves every page, only slower: a load balancer must keep
    sending it visitors. Without its database it can serve nothing.
    """
    database = database_answers()
    lines = [
        "database ok" if database else "database unavailable",
        "cache ok" if cache_answers() else "cache unavailable",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", status=200 if database else 503, content_type="text/plain"
    )
