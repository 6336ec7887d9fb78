from django.urls import path

from . import views

app_name = "enterprises"
urlpatterns = [
    path("", views.enterprise_list, name="enterprise-list"),
    path("coverage/", views.coverage_page, name="coverage"),
    path("zones/<str:code>/", views.zone_detail, name="zone-detail"),
    path("<int:pk>/", views.enterprise_detail, name="enterprise-detail"),
]
