from django.urls import path

from trainings import views

app_name = "trainings"
urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="programme-list"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme-detail"),
]
