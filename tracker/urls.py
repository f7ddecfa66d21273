"""The site's URLs: login, admin, /healthz, and each app's pages."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

admin.site.site_header = "Trafficking funding tracker"
admin.site.site_title = "Funding tracker admin"
admin.site.index_title = "Records"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("instruments/", include("international.urls")),
    path("changes/", include("history.urls")),
    path("reference/", include("projects.urls")),
    path("", include("followup.urls")),
    path("", include("funding.urls")),
]
