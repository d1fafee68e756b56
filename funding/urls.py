from django.urls import path

from funding import views

app_name = "funding"
urlpatterns = [
    path("", views.SchemeListView.as_view(), name="scheme-list"),
    path("<slug:slug>/", views.SchemeDetailView.as_view(), name="scheme-detail"),
]
