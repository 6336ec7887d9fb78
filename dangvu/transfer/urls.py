from django.urls import path

from . import views

app_name = "transfer"
urlpatterns = [
    path("", views.home, name="home"),
    path("template.xlsx", views.template, name="template"),
    path("export.xlsx", views.export_all, name="export"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/progress/", views.run_progress, name="progress"),
    path("<int:pk>/confirm/", views.run_confirm, name="confirm"),
    path("<int:pk>/problems.xlsx", views.run_problems, name="problems"),
]
