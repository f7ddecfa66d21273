"""The site's URLs: login, admin, /healthz, and each app's pages."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Trafficking funding tracker")
admin.site.site_title = _("Funding tracker admin")
admin.site.index_title = _("Records")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # set_language: the language switch in base.html posts here.
    path("i18n/", include("django.conf.urls.i18n")),
    path("instruments/", include("international.urls")),
    path("changes/", include("history.urls")),
    path("iati/", include("iati.urls")),
    path("public/", include("public.urls")),
    path("reference/", include("projects.urls")),
    path("", include("followup.urls")),
    path("", include("breakdowns.urls")),
    path("", include("funding.urls")),
]
