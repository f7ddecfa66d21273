"""The public site (PUBLIC_SITE): the published, closed years, for anyone (docs/production.md)."""

from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/report/", views.report, name="report"),
    path("<int:year>/published/", views.published, name="published"),
    path("<int:year>/breakdowns/<slug:dimension>/", views.breakdown_page, name="breakdown"),
    path("iati/activities.xml", views.activities_xml, name="activities"),
    path("iati/organisation.xml", views.organisation_xml, name="organisation"),
]
