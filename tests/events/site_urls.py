"""The site's addresses, and the events' (the URL configuration of the events' tests)."""

from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns, path("evenements/", include("tests.events.urls"))]
