"""The discipline pages, mounted at /inspection/ by dangvu.urls."""

from django.urls import path

from . import views

app_name = "inspection"
urlpatterns = [
    path("", views.discipline_list, name="list"),
    path("<int:pk>/", views.discipline_detail, name="detail"),
    path("<int:pk>/correct/", views.discipline_void, name="void"),
    path("members/<int:member_pk>/add/", views.discipline_add, name="add"),
]
