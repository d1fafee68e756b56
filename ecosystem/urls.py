from django.urls import path

from ecosystem import views

app_name = "ecosystem"
urlpatterns = [
    path("", views.ActorListView.as_view(), name="actor-list"),
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="actor-detail"),
]
