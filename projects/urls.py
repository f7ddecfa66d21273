"""The projects app's pages, mounted at /reference/ by tracker.urls."""

from django.urls import path

from . import reference_downloads

app_name = "reference"
urlpatterns = [
    path("", reference_downloads.reference_tables, name="tables"),
    path("<slug:table>/", reference_downloads.reference_table, name="table"),
]
