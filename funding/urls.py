from django.urls import path

from . import views
from .breakdowns import views as breakdowns

urlpatterns = [
    path("", breakdowns.overview, name="overview"),
    path("breakdowns/", breakdowns.breakdown_index, name="breakdowns"),
    path("breakdowns/<slug:dimension>/", breakdowns.breakdown_page, name="breakdown"),
    path("published/", views.published, name="published"),
]
