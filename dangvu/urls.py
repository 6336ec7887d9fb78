from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("dangvu.accounts.urls")),
    path("audit/", include("dangvu.accounts.audit_urls")),
    path("inspection/", include("dangvu.inspection.urls")),
    path("development/", include("dangvu.development.urls")),
    path("targets/", include("dangvu.targets.urls")),
    path("api/", include("dangvu.api.urls")),
    path("import/", include("dangvu.transfer.urls")),
    path("reports/", include("dangvu.reports.urls")),
    path("enterprises/", include("dangvu.enterprises.urls")),
    path("", include("dangvu.web.urls")),
]
