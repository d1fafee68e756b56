from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.public import feeds, views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(_("tags/"), views.TagListView.as_view(), name="tag-list"),
    path(_("tags/<slug:slug>/"), views.TagDetailView.as_view(), name="tag-detail"),
    path(_("tags/<slug:slug>/rss/"), feeds.TagFeed(), name="tag-feed-rss"),
    path(_("tags/<slug:slug>/atom/"), feeds.TagAtomFeed(), name="tag-feed-atom"),
    path(_("flux/rss/"), feeds.LatestEntriesFeed(), name="feed-rss"),
    path(_("flux/atom/"), feeds.LatestEntriesAtomFeed(), name="feed-atom"),
    path(_("recherche/"), views.SearchView.as_view(), name="search"),
    path(_("accessibilite/"), views.AccessibilityView.as_view(), name="accessibility"),
]
