from django.urls import path

from . import views

urlpatterns = [
    path("measures/", views.measure_list, name="measures"),
    path("measures/<str:plan>/<int:number>/", views.measure_detail, name="measure"),
    path("report/", views.latest_report, name="latest_report"),
    path("report/<int:year>/", views.report, name="report"),
]
