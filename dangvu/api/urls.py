"""The REST API (mounted under /api/ by dangvu.urls): version 1, its OpenAPI schema and the Swagger UI,
whose assets come vendored from drf-spectacular-sidecar (no CDN)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

# No format-suffix twins (members.json): the list and detail views take no `format` argument, and the format
# is chosen by the Accept header or ?format=json.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("members", views.MemberViewSet, basename="member")
router.register("events", views.EventViewSet, basename="event")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("v1/development/", include("dangvu.development.api.urls")),
    path("v1/enterprises/", include("dangvu.enterprises.api.urls")),
    path("v1/targets/", include("dangvu.targets.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page needs no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
