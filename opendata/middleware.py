"""Cross-origin reads of the API from any web page (CORS), and nothing else.

The API is anonymous and read-only: any origin may read it, without credentials. Twenty lines
on one path prefix were preferred to django-cors-headers, whose settings would reach the site.
"""

from django.http import HttpResponse
from django.utils import translation

API_PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, Content-Disposition, Content-Language"


class ApiCorsMiddleware:
    """Let any origin GET the API: answer preflights, mark every API response as readable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response


class ApiLanguageMiddleware:
    """Speak the client's Accept-Language in the API (messages of errors, filter labels).

    The API's addresses have no language prefix: to LocaleMiddleware, which must come just
    before, that means French. Before the page cache, whose key holds the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
