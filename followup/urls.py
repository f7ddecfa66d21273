from django.urls import include, path

from . import organisations, views

organisation_urls = [
    path("", organisations.organisation_list, name="list"),
    path("<int:pk>/", organisations.organisation_detail, name="detail"),
]

urlpatterns = [
    path("measures/", views.measure_list, name="measures"),
    path("measures/<str:plan>/<int:number>/", views.measure_detail, name="measure"),
    path("report/", views.latest_report, name="latest_report"),
    path("report/<int:year>/", views.report, name="report"),
    path("organisations/", include((organisation_urls, "organisations"))),
]
