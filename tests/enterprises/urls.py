"""The project's URLs with the enterprises API at the prefix where dangvu/api/urls.py includes it, so these
tests do not depend on that line being in place."""

from django.urls import include, path

from dangvu.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("api/v1/enterprises/", include("dangvu.enterprises.api.urls")),
    *project_urlpatterns,
]
