from django.urls import path

from . import views

app_name = "iati"
urlpatterns = [
    path("activities.xml", views.activities_xml, name="activities"),
    path("organisation.xml", views.organisation_xml, name="organisation"),
    path("setup/", views.docs, name="docs"),
]
