"""What every response goes through: a log line per request, bodies only where HTTP allows."""

import logging
import time

request_logger = logging.getLogger("atlas.requests")


class RequestLogMiddleware:
    """Log one line per request: method, path, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        # The path without its query string: that may hold what a visitor typed in the search.
        request_logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
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
