from django.urls import path
from django.utils.translation import gettext_lazy as _

from landscape import views

app_name = "landscape"
urlpatterns = [
    path(_("carte/"), views.MapView.as_view(), name="map"),
    path(_("panorama/"), views.PanoramaView.as_view(), name="panorama"),
    path(_("reseau/"), views.NetworkView.as_view(), name="network"),
]
