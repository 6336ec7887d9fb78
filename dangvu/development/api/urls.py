"""The development API; dangvu/api/urls.py includes `urlpatterns` at /api/v1/development/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("candidates", views.CandidateViewSet, basename="development-candidate")
router.register("notifications", views.NotificationViewSet, basename="development-notification")
router.register("holidays", views.HolidayViewSet, basename="development-holiday")

urlpatterns = [
    *router.urls,
    path("steps/<int:pk>/void/", views.StepVoidView.as_view(), name="development-step-void"),
    path("due/", views.DueView.as_view(), name="development-due"),
    path("funnel/", views.FunnelView.as_view(), name="development-funnel"),
    path("core-cell/found/", views.FoundCellView.as_view(), name="development-found-cell"),
]
