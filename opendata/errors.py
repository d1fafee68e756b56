"""API errors as RFC 9457 problem details (`application/problem+json`), in the client's language.

DRF's translated message becomes `detail`; a refused parameter lists its messages under
`errors`, keyed by the parameter's name. The language comes from Accept-Language.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import (
    api_view,
    content_negotiation_class,
    permission_classes,
    renderer_classes,
)
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

from opendata.negotiation import ProblemOnlyNegotiation

PROBLEM_TYPE = "application/problem+json"


class ProblemRenderer(JSONRenderer):
    """JSON sent as a problem document, also when the client asked for something else."""

    media_type = PROBLEM_TYPE


def titles():
    return {
        status.HTTP_400_BAD_REQUEST: _("Paramètres invalides"),
        status.HTTP_404_NOT_FOUND: _("Introuvable"),
        status.HTTP_405_METHOD_NOT_ALLOWED: _("Méthode non permise"),
        status.HTTP_406_NOT_ACCEPTABLE: _("Format non disponible"),
        status.HTTP_429_TOO_MANY_REQUESTS: _("Trop de requêtes"),
    }


def problem_exception_handler(exc, context):
    """DRF's own handling, with its response rewritten as a problem document."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    problem = {
        "type": "about:blank",
        "title": titles().get(response.status_code, _("Requête refusée")),
        "status": response.status_code,
    }
    if isinstance(exc, exceptions.ValidationError):
        problem["detail"] = _("Un ou plusieurs paramètres ne sont pas acceptés.")
        problem["errors"] = response.data
    elif response.status_code == status.HTTP_404_NOT_FOUND:
        problem["detail"] = _("Aucune fiche publiée à cette adresse.")
    elif isinstance(exc, exceptions.NotAcceptable):
        offered = ", ".join(renderer.media_type for renderer in exc.available_renderers or ())
        problem["detail"] = _(
            "L'en-tête Accept n'accepte aucun des formats de cette adresse : %(offered)s."
        ) % {"offered": offered}
    elif isinstance(response.data, dict) and "detail" in response.data:
        problem["detail"] = str(response.data["detail"])
    request = context.get("request")
    if request is not None:
        problem["instance"] = request.get_full_path()
    response.data = problem
    response.content_type = PROBLEM_TYPE
    # A client that asked only for CSV still gets the problem, in JSON.
    if request is not None:
        request.accepted_renderer = ProblemRenderer()
        request.accepted_media_type = PROBLEM_TYPE
    return response


@extend_schema(exclude=True)
@api_view(["GET", "HEAD"])
@permission_classes([AllowAny])
@renderer_classes([ProblemRenderer])
# A 404 whatever the client accepts, rather than a 406 for an address that does not exist.
@content_negotiation_class(ProblemOnlyNegotiation)
def not_found(request, path=""):
    """Any other address under /api/v1/: a 404 problem rather than the site's HTML page."""
    raise Http404
