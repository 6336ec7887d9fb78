"""The development API where the lead mounts it (/api/v1/development/), beside the rest of the API."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/development/", include("dangvu.development.api.urls")),
    path("api/", include("dangvu.api.urls")),
]
