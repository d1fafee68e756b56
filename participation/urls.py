from django.urls import path
from django.utils.translation import gettext_lazy as _

from participation import alert_views, views

app_name = "participation"
urlpatterns = [
    path(_("proposer/"), views.NewEntryView.as_view(), name="propose-entry"),
    path(
        _("corriger/<str:model>/<slug:slug>/"),
        views.CorrectionView.as_view(),
        name="propose-correction",
    ),
    path(_("suivre/liste/<str:model>/"), alert_views.FollowListView.as_view(), name="follow-list"),
    path(_("suivre/theme/<slug:slug>/"), alert_views.FollowTagView.as_view(), name="follow-tag"),
    path(
        _("suivre/fiche/<str:model>/<slug:slug>/"),
        alert_views.FollowEntryView.as_view(),
        name="follow-entry",
    ),
    path(_("alertes/confirmer/<str:token>/"), alert_views.confirm, name="alert-confirm"),
    path(_("alertes/gerer/<str:token>/"), alert_views.manage, name="alert-manage"),
    path(_("alertes/effacer/<str:token>/"), alert_views.erase, name="alert-erase"),
    path(
        _("alertes/se-desabonner/<str:token>/"), alert_views.unsubscribe, name="alert-unsubscribe"
    ),
]
