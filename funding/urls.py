"""Funding's pages: the overview and the breakdowns, the published figures, and the projects
list and project page (/projects/, "projects" namespace), which show money and so are served
here."""

from django.urls import include, path

from . import project_pages, views
from .breakdowns import views as breakdowns

project_urls = [
    path("", project_pages.project_list, name="list"),
    path("<int:pk>/", project_pages.project_detail, name="detail"),
    path("enter/", views.project_entry, name="enter"),
    path("<int:pk>/edit/", views.project_entry, name="edit"),
]

urlpatterns = [
    path("", breakdowns.overview, name="overview"),
    path("breakdowns/", breakdowns.breakdown_index, name="breakdowns"),
    path("breakdowns/<slug:dimension>/", breakdowns.breakdown_page, name="breakdown"),
    path("published/", views.published, name="published"),
    path("projects/", include((project_urls, "projects"))),
]
