from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("2fa/", views.two_factor, name="two_factor"),
    path("2fa/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("users/", views.user_list, name="user-list"),
    path("users/add/", views.user_add, name="user-add"),
    path("users/<int:pk>/", views.user_detail, name="user-detail"),
    path("users/<int:pk>/edit/", views.user_edit, name="user-edit"),
    path("users/<int:pk>/password/", views.user_password, name="user-password"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user-unlock"),
    path("users/<int:pk>/token/", views.user_token, name="user-token"),
    path("users/<int:pk>/token/revoke/", views.user_token_revoke, name="user-token-revoke"),
    path("users/<int:pk>/2fa/reset/", views.user_two_factor_reset, name="user-two-factor-reset"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user-deactivate"),
    path("users/<int:pk>/activate/", views.user_activate, name="user-activate"),
    path("roles/", views.role_list, name="role-list"),
    path("roles/add/", views.role_add, name="role-add"),
    path("roles/<int:pk>/", views.role_edit, name="role-edit"),
    path("roles/<int:pk>/delete/", views.role_delete, name="role-delete"),
]
