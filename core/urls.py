from django.urls import path
from django.utils.translation import gettext_lazy as _

from core import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(_("tags/"), views.TagListView.as_view(), name="tag-list"),
    path(_("tags/<slug:slug>/"), views.TagDetailView.as_view(), name="tag-detail"),
    path(_("recherche/"), views.SearchView.as_view(), name="search"),
]
