"""The site's addresses plus one whose view fails, to show the server error page."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

INTERNAL_DETAIL = "détail interne à ne jamais montrer"


def fail(request):
    raise RuntimeError(INTERNAL_DETAIL)


urlpatterns = [*site_urlpatterns, path("erreur-de-test/", fail)]
