"""The read side's pages: the overview, the breakdowns and the published figures."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("breakdowns/", views.breakdown_index, name="breakdowns"),
    path("breakdowns/<slug:dimension>/", views.breakdown_page, name="breakdown"),
    path("published/", views.published, name="published"),
]
