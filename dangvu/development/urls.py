"""The member-development pages, mounted at /development/ by dangvu.urls."""

from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.board, name="board"),
    path("add/", views.candidate_add, name="candidate-add"),
    path("todo/", views.todo, name="todo"),
    path("funnel/", views.funnel, name="funnel"),
    path("candidates/<int:pk>/", views.candidate_detail, name="candidate"),
    path("candidates/<int:pk>/reveal/", views.candidate_reveal, name="candidate-reveal"),
    path("candidates/<int:pk>/edit/", views.candidate_edit, name="candidate-edit"),
    path("candidates/<int:pk>/steps/<slug:kind>/", views.candidate_step, name="candidate-step"),
    path("steps/<int:pk>/void/", views.step_void, name="step-void"),
]
