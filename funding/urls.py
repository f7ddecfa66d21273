"""The projects list and project page (/projects/, "projects" namespace), which show money, and
the one-page project entry."""

from django.urls import include, path

from . import project_pages, views

project_urls = [
    path("", project_pages.project_list, name="list"),
    path("<int:pk>/", project_pages.project_detail, name="detail"),
    path("enter/", views.project_entry, name="enter"),
    path("<int:pk>/edit/", views.project_entry, name="edit"),
]

urlpatterns = [path("projects/", include((project_urls, "projects")))]
