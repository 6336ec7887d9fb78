"""The development API where the lead mounts it (/api/v1/development/), with the schema view."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("api/v1/development/", include("dangvu.development.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
]
