from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("tree/", views.tree, name="tree"),
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/autocomplete/", views.organization_autocomplete, name="organization-autocomplete"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization-detail"),
    path("organizations/<int:pk>/<slug:action>/", views.organization_action, name="organization-action"),
    path(
        "organizations/events/<int:pk>/correct/",
        views.organization_event_void,
        name="organization-event-void",
    ),
    path("members/", views.member_list, name="member-list"),
    path("members/add/", views.member_add, name="member-add"),
    path("members/<int:pk>/", views.member_detail, name="member-detail"),
    path("members/<int:pk>/reveal/", views.member_reveal, name="member-reveal"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("members/<int:pk>/events/add/", views.member_event_add, name="member-event-add"),
    path(
        "members/<int:pk>/events/<int:event_pk>/correct/",
        views.member_event_correct,
        name="member-event-correct",
    ),
]
