from django.urls import path

from . import edit_views, link_views, views

app_name = "enterprises"
urlpatterns = [
    path("", views.enterprise_list, name="enterprise-list"),
    path("coverage/", views.coverage_page, name="coverage"),
    path("zones/add/", edit_views.zone_add, name="zone-add"),
    path("zones/<str:code>/", views.zone_detail, name="zone-detail"),
    path("zones/<str:code>/edit/", edit_views.zone_edit, name="zone-edit"),
    path("add/", edit_views.enterprise_add, name="enterprise-add"),
    path("<int:pk>/", views.enterprise_detail, name="enterprise-detail"),
    path("<int:pk>/edit/", edit_views.enterprise_edit, name="enterprise-edit"),
    path("<int:pk>/status/", edit_views.enterprise_status, name="enterprise-status"),
    path(
        "<int:pk>/mass-organizations/add/",
        edit_views.mass_organization_add,
        name="mass-organization-add",
    ),
    path("<int:pk>/workforce/add/", edit_views.workforce_add, name="workforce-add"),
    path(
        "mass-organizations/<int:pk>/edit/",
        edit_views.mass_organization_edit,
        name="mass-organization-edit",
    ),
    path(
        "mass-organizations/<int:pk>/dissolve/",
        edit_views.mass_organization_dissolve,
        name="mass-organization-dissolve",
    ),
    path(
        "mass-organizations/<int:pk>/membership/add/",
        edit_views.membership_add,
        name="membership-add",
    ),
    path("workforce/<int:pk>/edit/", edit_views.workforce_edit, name="workforce-edit"),
    path("workforce/<int:pk>/delete/", edit_views.workforce_delete, name="workforce-delete"),
    path("membership/<int:pk>/edit/", edit_views.membership_edit, name="membership-edit"),
    path("membership/<int:pk>/delete/", edit_views.membership_delete, name="membership-delete"),
    path("<int:pk>/party/add/", link_views.party_link_add, name="party-link-add"),
    path("party/<int:pk>/end/", link_views.party_link_end, name="party-link-end"),
    path("statuses/<int:pk>/void/", link_views.status_void, name="status-void"),
    path("members/<int:pk>/workplaces/add/", link_views.workplace_add, name="workplace-add"),
    path("workplaces/<int:pk>/end/", link_views.workplace_end, name="workplace-end"),
]
