"""The open data pages of the site, in each language: the API's documentation and /donnees/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from opendata import docs, pages

app_name = "data"
urlpatterns = [
    path("api/v1/docs/", docs.ApiDocsView.as_view(), name="api-docs"),
    path(_("donnees/"), pages.DataView.as_view(), name="data"),
    path(_("donnees/atlas-ia-sante.zip"), pages.package_download, name="package"),
]
