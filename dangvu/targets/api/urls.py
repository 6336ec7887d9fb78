"""The targets API, included by dangvu/api/urls.py at /api/v1/targets/:

- ``/``, ``/<id>/`` (``/<id>/progress/``, ``/<id>/split/``): targets with their progress
- ``ratings/`` (``ratings/entry/``, ``ratings/summary/``): the annual quality rating
- ``criteria/`` (``criteria/<id>/scores/``), ``ranking/``: emulation
- ``commendations/``: the commendation register
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "targets-api"

router = SimpleRouter()
router.register("ratings", views.RatingViewSet, basename="rating")
router.register("criteria", views.CriterionViewSet, basename="criterion")
router.register("commendations", views.CommendationViewSet, basename="commendation")
# The targets themselves at the root of the prefix; their ids are digits, so they never shadow the resources
# above.
router.register("", views.TargetViewSet, basename="target")

urlpatterns = [
    path("ranking/", views.RankingView.as_view(), name="ranking"),
    *router.urls,
]
