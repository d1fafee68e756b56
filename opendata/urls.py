"""The API's addresses, under /api/v1/ in every language (Accept-Language chooses messages)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from opendata import errors, views

app_name = "opendata"

router = SimpleRouter()
router.register("actors", views.ActorViewSet, basename="actor")
router.register("funding-schemes", views.SchemeViewSet, basename="scheme")
router.register("awards", views.AwardViewSet, basename="award")
router.register("training-programmes", views.ProgrammeViewSet, basename="programme")
router.register("tags", views.TagViewSet, basename="tag")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    # Any other address is a problem document, but the docs page, which lives with the site's
    # pages in each language (opendata/web_urls.py).
    re_path(r"^(?!docs/$)(?P<path>.*)$", errors.not_found, name="not-found"),
]
