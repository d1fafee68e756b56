"""A clean 503 while the database cannot be reached, instead of a server error."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

# Seconds a client or proxy should wait before trying again: a database restart's order.
RETRY_AFTER_SECONDS = 30


class ServiceUnavailable(HttpResponseServerError):
    status_code = 503


@requires_csrf_token
def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """The 500 page, or the 503 page when the error is a database that does not answer.

    Django calls this handler for an error raised anywhere (a middleware as well as a view),
    while the exception is being handled. Both pages render without the request's context:
    its processors would ask the database again (the signed-in user, the session).
    """
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return django_server_error(request, template_name)
    response = ServiceUnavailable(loader.get_template("503.html").render())
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
