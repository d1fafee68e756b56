"""The site's addresses, plus the uploaded files: in production the web server serves those,
and the test settings keep them in memory, where only Django can read them."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def media(request, name):
    if not default_storage.exists(name):
        raise Http404(name)
    return FileResponse(default_storage.open(name), filename=name.rsplit("/", 1)[-1])


urlpatterns = [path("media/<path:name>", media), *site_urlpatterns]
