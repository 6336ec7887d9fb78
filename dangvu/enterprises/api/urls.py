"""The enterprises API, included by dangvu/api/urls.py at /api/v1/enterprises/:

- ``/``, ``/<id>/``: enterprises (``/<id>/statuses/``, ``/<id>/status/``, ``/<id>/statuses/<id>/void/``)
- ``zones/``, ``workforce/``, ``mass-organizations/``, ``membership/``, ``party-coverage/``, ``workplaces/``
- ``coverage/``: the coverage figures (figures.coverage), as ``dangvu coverage --json`` prints them.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "enterprises-api"

router = SimpleRouter()
router.register("zones", views.ZoneViewSet, basename="zone")
router.register("workforce", views.WorkforceViewSet, basename="workforce")
router.register("mass-organizations", views.MassOrganizationViewSet, basename="mass-organization")
router.register("membership", views.MembershipSnapshotViewSet, basename="membership")
router.register("party-coverage", views.PartyCoverageViewSet, basename="party-coverage")
router.register("workplaces", views.WorkplaceViewSet, basename="workplace")
# The enterprises themselves at the root of the prefix; their ids are digits, so they never shadow the
# resources above.
router.register("", views.EnterpriseViewSet, basename="enterprise")

urlpatterns = [
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    *router.urls,
]
