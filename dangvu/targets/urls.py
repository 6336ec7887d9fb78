"""The pages of dangvu.targets, mounted at /targets/ by dangvu/urls.py."""

from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    path("", views.target_list, name="target-list"),
    path("add/", views.target_add, name="target-add"),
    path("<int:pk>/", views.target_detail, name="target-detail"),
    path("<int:pk>/edit/", views.target_edit, name="target-edit"),
    path("<int:pk>/split/", views.target_split, name="target-split"),
    path("<int:pk>/delete/", views.target_delete, name="target-delete"),
    path("ratings/", views.rating_list, name="rating-list"),
    path("ratings/entry/", views.rating_entry_start, name="rating-entry-start"),
    path("ratings/<int:org_pk>/<int:year>/", views.rating_entry, name="rating-entry"),
    path("emulation/", views.ranking_page, name="ranking"),
    path("emulation/criteria/add/", views.criterion_add, name="criterion-add"),
    path("emulation/criteria/<int:pk>/edit/", views.criterion_edit, name="criterion-edit"),
    path("emulation/criteria/<int:pk>/delete/", views.criterion_delete, name="criterion-delete"),
    path("emulation/criteria/<int:pk>/scores/", views.criterion_scores, name="criterion-scores"),
    path("commendations/", views.commendation_list, name="commendation-list"),
    path("commendations/add/", views.commendation_add, name="commendation-add"),
    path("commendations/<int:pk>/", views.commendation_detail, name="commendation-detail"),
    path("commendations/<int:pk>/delete/", views.commendation_delete, name="commendation-delete"),
]
