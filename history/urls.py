"""The history app's page, mounted at /changes/ by tracker.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.recent_changes, name="recent_changes"),
]
